"""The package reader's limits, checked as it streams (issue 13): a 729 KB package with one
128 MiB line took 115 s before it was refused and could not be cancelled. Now a line longer
than ``MAX_LINE_BYTES`` and a member that streams more than announced are refused at once,
naming the member and the line, and a cancel is honoured while members stream. Fuzzed
packages and workbooks give only the program's own errors."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange import package as package_module
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package import PackageRefused, open_package
from pairtrack.tracker.exchange.package_members import MAX_LINE_BYTES, member_lines
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.exchange.xlsx_export import export_xlsx
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger

from .strict_helpers import members_of

FUNDS = "fund_transfer.jsonl"
BIG_LINE = 128 << 20


def _one_long_line(size: int) -> Iterator[bytes]:
    """``size`` bytes without a newline that deflate ~100× (not a zip bomb by ratio)."""
    block = 1 << 16
    for _ in range(size // block):
        noise = os.urandom(300).hex().encode()
        yield b'{"id":"' + noise + b"a" * (block - len(noise) - 7)


def with_member(source: Path, target: Path, name: str, chunks: Iterator[bytes]) -> Path:
    """``source`` with ``name`` replaced by the streamed ``chunks``; the manifest's size,
    sha256 and line count made to match, so that only the line itself is wrong."""
    members = members_of(source)
    manifest = json.loads(members.pop("manifest.json"))
    digest, size, newlines, last = hashlib.sha256(), 0, 0, b"\n"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                newlines += chunk.count(b"\n")
                last = chunk[-1:] or last
        for other, data in members.items():
            if other != name:
                archive.writestr(other, data)
        manifest["members"][name] = {"bytes": size, "sha256": digest.hexdigest()}
        manifest["counts"][name] = newlines + (last != b"\n")
        archive.writestr("manifest.json", json.dumps(manifest))
    return target


@pytest.fixture
def package(demo: Ledger, tmp_path: Path) -> Path:
    path = tmp_path / "good.pairtrack.zip"
    export_package(demo, path)
    return path


def test_one_128_mib_line_is_refused_in_well_under_a_second(
    package: Path, empty: Ledger, tmp_path: Path
) -> None:
    bad = with_member(package, tmp_path / "long.zip", FUNDS, _one_long_line(BIG_LINE))
    assert bad.stat().st_size < 3 << 20  # a small file, as in the issue
    started = time.perf_counter()
    with pytest.raises(PackageRefused) as caught:
        open_package(bad)
    assert time.perf_counter() - started < 0.5
    message = str(caught.value)
    assert "fund_transfer.jsonl" in message and "第 1 行" in message and "1 MiB" in message
    # and the import says the same, writing nothing
    started = time.perf_counter()
    with pytest.raises(PackageRefused, match="超过 1 MiB"):
        import_package(empty, bad)
    assert time.perf_counter() - started < 1.0
    assert empty.funds.count(include_deleted=True) == 0


def test_a_long_line_after_good_ones_is_named_by_its_number(package: Path, tmp_path: Path) -> None:
    rows = members_of(package)[FUNDS].splitlines(keepends=True)[:3]

    def chunks() -> Iterator[bytes]:
        yield b"".join(rows)
        yield from _one_long_line(4 << 20)

    bad = with_member(package, tmp_path / "long.zip", FUNDS, chunks())
    with pytest.raises(PackageRefused, match=r"fund_transfer\.jsonl」第 4 行.*超过 1 MiB"):
        open_package(bad)


def test_the_row_reader_limits_lines_too_whatever_the_checks_before_it() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("m.jsonl", b"{}\n{}\n" + b"x" * (MAX_LINE_BYTES + 1) + b"\n{}\n")
    with zipfile.ZipFile(buffer) as archive:
        lines = member_lines(archive, "m.jsonl", 1 << 30)
        assert next(lines) == b"{}" and next(lines) == b"{}"
        with pytest.raises(PackageRefused, match="第 3 行"):
            next(lines)
        # a line exactly at the limit is read
        archive_lines = list(_lines_of(b"y" * MAX_LINE_BYTES + b"\n{}"))
        assert [len(line) for line in archive_lines] == [MAX_LINE_BYTES, 2]


def _lines_of(data: bytes) -> Iterator[bytes]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("m.jsonl", data)
    with zipfile.ZipFile(buffer) as archive:
        yield from member_lines(archive, "m.jsonl", len(data))


def test_streamed_bytes_are_counted_whatever_the_headers_say() -> None:
    """A member that inflates to more than its header (or the limit) says is refused as it
    streams, before the surplus is read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("m.jsonl", b"{}\n" * 100_000)
    with (
        zipfile.ZipFile(buffer) as archive,
        pytest.raises(PackageRefused, match="比清单所列的大"),
    ):
        list(member_lines(archive, "m.jsonl", 1000))


def test_the_member_limit_applies_however_large_the_announced_size(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_module, "MAX_MEMBER_BYTES", 10_000)
    rows = members_of(package)[FUNDS]
    assert len(rows) > 10_000
    bad = with_member(package, tmp_path / "big.zip", FUNDS, iter([rows]))
    with pytest.raises(PackageRefused, match=r"fund_transfer\.jsonl"):
        open_package(bad)


def test_a_cancel_is_honoured_while_a_member_streams(package: Path, tmp_path: Path) -> None:
    big = with_member(package, tmp_path / "big.zip", FUNDS, _rows_of(package, 40))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # the user presses 取消 while the members stream

    with pytest.raises(JobCancelled):
        open_package(big, cancelled)
    assert len(asked) == 4
    # and while rows are read, after the checks
    opened = open_package(big, lambda: False)
    stop = [False]
    reading = open_package(big, lambda: stop[0])
    rows = reading.rows("fund_transfer")
    next(rows)
    stop[0] = True
    with pytest.raises(JobCancelled):
        list(rows)
    assert opened.counts[FUNDS] > 1000


def _rows_of(package: Path, times: int) -> Iterator[bytes]:
    rows = members_of(package)[FUNDS]
    for _ in range(times):
        yield rows


# --- fuzz: only the program's own errors ----------------------------------------------


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_a_package(empty: Ledger, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.pairtrack.zip"
    path.write_bytes(data)
    with pytest.raises(PairTrackError):
        import_package(empty, path, dry_run=True)


@FUZZ
@given(cut=st.floats(0, 1), flip=st.integers(0, 1 << 30), bit=st.integers(0, 7))
def test_truncated_or_flipped_packages(
    package: Path, empty: Ledger, tmp_path: Path, cut: float, flip: int, bit: int
) -> None:
    data = bytearray(package.read_bytes())
    data = data[: int(len(data) * cut)] if cut < 0.999 else data
    if data:
        data[flip % len(data)] ^= 1 << bit
    path = tmp_path / "broken.pairtrack.zip"
    path.write_bytes(bytes(data))
    with contextlib.suppress(PairTrackError):
        import_package(empty, path, dry_run=True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@FUZZ
@given(
    member=st.sampled_from(["region.jsonl", FUNDS, "row_history.jsonl", "audit_chain.jsonl"]),
    lines=st.lists(json_values, max_size=4),
    raw=st.binary(max_size=40),
)
def test_random_json_lines_in_a_package(
    package: Path, empty: Ledger, tmp_path: Path, member: str, lines: list[object], raw: bytes
) -> None:
    body = b"".join(json.dumps(v).encode() + b"\n" for v in lines) + raw
    bad = with_member(package, tmp_path / "lines.zip", member, iter([body]))
    with contextlib.suppress(PairTrackError):
        import_package(empty, bad, dry_run=True)


@pytest.fixture
def workbook(demo: Ledger, tmp_path: Path) -> bytes:
    path = tmp_path / "ledger.xlsx"
    export_xlsx(demo, path)
    return path.read_bytes()


@FUZZ
@given(
    cut=st.floats(0, 1),
    flip=st.integers(0, 1 << 30),
    bit=st.integers(0, 7),
    suffix=st.sampled_from([".xlsx", ".xls", ".ods"]),
)
def test_truncated_flipped_or_random_workbooks(
    workbook: bytes, empty: Ledger, tmp_path: Path, cut: float, flip: int, bit: int, suffix: str
) -> None:
    data = bytearray(workbook[: int(len(workbook) * cut)] if cut < 0.999 else workbook)
    if data:
        data[flip % len(data)] ^= 1 << bit
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(bytes(data))
    with contextlib.suppress(PairTrackError):
        import_ledger(empty, path, dry_run=True)
