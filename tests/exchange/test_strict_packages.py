"""Strict packages (DESIGN §7): every malformed or damaged package is refused whole, with one
Chinese message naming the member (and, for a row, the line and field), never a traceback;
the receiving database is left exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.exchange.importing import import_file
from pairtrack.tracker.exchange.package import PackageRefused, open_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from tests.exchange.conftest import open_office
from tests.exchange.strict_helpers import (
    DROP,
    data_span,
    database_hash,
    flip_bit,
    members_of,
    read_everything,
    repack,
    with_line,
    with_row,
)

FUNDS, HISTORY = "fund_transfer.jsonl", "row_history.jsonl"
Maker = Callable[[Path, Path], Path]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ledger, Path, Path]]:
    """The demo office, with one edited fund (so the package has row history), its package,
    and a folder for damaged copies."""
    folder = tmp_path_factory.mktemp("strict")
    ledger = open_office(folder / "source.db", "131001", "廊坊开发区对口帮扶办公室")
    load_demo(ledger)
    ledger.funds.update(ledger.funds.list(limit=1)[0].id, purpose="改过的用途")
    path = folder / "good.pairtrack.zip"
    export_package(ledger, path)
    yield ledger, path, folder
    ledger.close()


def history_data(change: dict[str, Any]) -> Callable[[dict[str, Any]], str]:
    """A history row's ``data`` (canonical JSON) with ``change`` applied."""

    def make(line: dict[str, Any]) -> str:
        data = {**json.loads(line["data"]), **change}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    return make


@pytest.fixture(scope="module")
def receiver(source: tuple[Ledger, Path, Path]) -> Iterator[Ledger]:
    """An empty office database for every end-to-end case: a refused import writes nothing,
    so it stays empty (and a case that wrote fails on the hash, whatever came before it)."""
    ledger = open_office(source[2] / "receiver.db", "130700", "张家口市对口帮扶办公室")
    yield ledger
    ledger.close()


# (member, line, change, field named, fragment of the reason)
ROW_CASES = [
    pytest.param(FUNDS, 3, {"updated_at": "2017-13-01T08:00:00.000000Z"}, "updated_at",
                 "不是真实存在的时间", id="month-13-timestamp"),
    pytest.param(FUNDS, 3, {"created_at": "2017-01-32T08:00:00.000000Z"}, "created_at",
                 "不是真实存在的时间", id="day-32-timestamp"),
    pytest.param(FUNDS, 3, {"created_at": "2017-01-02T25:00:00.000000Z"}, "created_at",
                 "不是真实存在的时间", id="hour-25-timestamp"),
    pytest.param(FUNDS, 3, {"updated_at": "2017-01-02 08:00:00"}, "updated_at",
                 "时间格式", id="timestamp-not-stored-form"),
    pytest.param(FUNDS, 3, {"deleted_at": "0001-01-01T00:00:00.000000Z"}, "deleted_at",
                 "年份超出范围", id="year-0001-timestamp"),
    pytest.param(FUNDS, 3, {"amount_fen": 2**62}, "amount_fen", "过大", id="2^62-fen"),
    pytest.param(FUNDS, 3, {"amount_fen": 2**63 + 1}, "amount_fen", "过大", id="2^63+1-fen"),
    pytest.param(FUNDS, 3, {"amount_fen": "100"}, "amount_fen", "应为 JSON 整数",
                 id="string-amount"),
    pytest.param(FUNDS, 3, {"amount_fen": True}, "amount_fen", "应为 JSON 整数",
                 id="boolean-amount"),
    pytest.param(FUNDS, 3, {"amount_fen": 100.0}, "amount_fen", "应为 JSON 整数",
                 id="float-amount"),
    pytest.param(FUNDS, 3, {"amount_fen": -5}, "amount_fen", "不能为负数", id="negative-amount"),
    pytest.param(FUNDS, 3, {"id": ""}, "id", "不是有效的记录编号", id="empty-id"),
    pytest.param(FUNDS, 3, {"id": "6A5DA44F-12FD-4954-969C-7B8EED949FE4"}, "id",
                 "不是有效的记录编号", id="uppercase-id"),
    pytest.param(FUNDS, 3, {"pairing_id": "康保"}, "pairing_id", "不是有效的记录编号",
                 id="reference-not-an-id"),
    pytest.param(FUNDS, 3, {"allocated_on": "0001-01-01"}, "allocated_on", "年份超出范围",
                 id="year-0001-date"),
    pytest.param(FUNDS, 3, {"allocated_on": "2017-02-30"}, "allocated_on", "不是真实存在的日期",
                 id="february-30"),
    pytest.param(FUNDS, 3, {"allocated_on": "2017/3/1"}, "allocated_on", "日期格式",
                 id="date-not-stored-form"),
    pytest.param(FUNDS, 3, {"budget_year": 1800}, "budget_year", "超出范围", id="year-1800"),
    pytest.param(FUNDS, 3, {"purpose": "援建\u0000二期"}, "purpose", "控制字符", id="nul-in-text"),
    pytest.param(FUNDS, 3, {"note": "\ud800"}, "note", "控制字符", id="lone-surrogate"),
    pytest.param(FUNDS, 3, {"purpose": "x" * 301}, "purpose", "过长", id="text-too-long"),
    pytest.param(FUNDS, 3, {"purpose": " 援建 "}, "purpose", "不是本程序存储的形式",
                 id="text-not-trimmed"),
    pytest.param(FUNDS, 3, {"kind": "财政援助资金"}, "kind", "不是本程序存储的形式",
                 id="choice-label-not-code"),
    pytest.param(FUNDS, 3, {"kind": "loan"}, "kind", "只能是", id="unknown-choice"),
    pytest.param(FUNDS, 3, {"purpose": ""}, "purpose", "不能为空", id="required-empty"),
    pytest.param(FUNDS, 3, {"purpose": None}, "purpose", "不能为空（null）", id="null-text"),
    pytest.param(FUNDS, 3, {"origin": "1" * 33}, "origin", "过长", id="origin-too-long"),
    pytest.param(FUNDS, 3, {"origin": "13\n1001"}, "origin", "控制字符", id="origin-newline"),
    pytest.param(FUNDS, 3, {"voucher": DROP}, None, "字段与本程序", id="missing-key"),
    pytest.param(FUNDS, 3, {"extra": 1}, None, "字段与本程序", id="unknown-key"),
    pytest.param(FUNDS, 3, {"rev": ""}, "rev", "修订号", id="empty-rev-in-version-2"),
    pytest.param(FUNDS, 3, {"rev": "A" * 32}, "rev", "修订号", id="uppercase-rev"),
    pytest.param(FUNDS, 3, {"parents": "abc"}, "parents", "修订号", id="bad-parents"),
    pytest.param(FUNDS, 3, {"parents": " ".join(["a" * 32] * 3)}, "parents", "修订号",
                 id="three-parents"),
    pytest.param("training.jsonl", 2, {"quota": 10**9 + 1}, "quota", "过大", id="huge-count"),
    pytest.param("region.jsonl", 2, {"code": ""}, "code", "不是本程序存储的形式",
                 id="blank-code-not-null"),
    pytest.param("cadre_exchange.jsonl", 2, {"gender": "男"}, "gender", "不是本程序存储的形式",
                 id="gender-label"),
    pytest.param(HISTORY, 1, {"data": history_data({"amount_fen": 2**62})}, "data.amount_fen",
                 "过大", id="history-2^62-fen"),
    pytest.param(HISTORY, 1, {"data": history_data({"purpose": "\x00"})}, "data.purpose",
                 "控制字符", id="history-nul"),
    pytest.param(HISTORY, 1, {"data": "{"}, "data", "不是有效的 JSON", id="history-data-not-json"),
    pytest.param(HISTORY, 1, {"data": history_data({"voucher": 1, "extra": 2})}, "data",
                 "全部内容字段", id="history-data-other-columns"),
    pytest.param(HISTORY, 1, {"data": lambda line: line["data"].replace(",", ", ")}, "data",
                 "规范", id="history-data-not-canonical"),
    pytest.param(HISTORY, 1, {"table_name": "audit_event"}, "table_name", "未知的表",
                 id="history-unknown-table"),
    pytest.param(HISTORY, 1, {"row_id": "1"}, "row_id", "记录编号", id="history-bad-row-id"),
    pytest.param(HISTORY, 1, {"rev": ""}, "rev", "修订号", id="history-empty-rev"),
    pytest.param(HISTORY, 1, {"office": "\x00"}, "office", "控制字符", id="history-bad-office"),
]  # fmt: skip


def row_maker(member: str, line: int, change: dict[str, Any]) -> Maker:
    def make(good: Path, target: Path) -> Path:
        original = json.loads(members_of(good)[member].split(b"\n")[line - 1])
        values = {k: v(original) if callable(v) else v for k, v in change.items()}
        return with_row(good, target, member, line, values)

    return make


def edit(change: Callable[[dict[str, Any]], Any]) -> Maker:
    return lambda good, target: repack(good, target, manifest=change)


def put(*path_and_value: Any) -> Callable[[dict[str, Any]], None]:
    """Set ``manifest[a][b]... = value``."""
    *path, key, value = path_and_value

    def change(manifest: dict[str, Any]) -> None:
        node = manifest
        for step in path:
            node = node[step]
        if value is DROP:
            del node[key]
        else:
            node[key] = value

    return change


def _counts_plus(delta: int) -> Callable[[dict[str, Any]], None]:
    def change(manifest: dict[str, Any]) -> None:
        manifest["counts"][FUNDS] += delta

    return change


def _duplicate_entry(good: Path, target: Path) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        return repack(good, target, extra=[("training.jsonl", members_of(good)["training.jsonl"])])


def _line_text(member: str, line: int, make: Callable[[bytes], bytes]) -> Maker:
    def maker(good: Path, target: Path) -> Path:
        original = members_of(good)[member].split(b"\n")[line - 1]
        return with_line(good, target, member, line, make(original))

    return maker


# (how to spoil the package, fragment of the message)
FILE_CASES = [
    pytest.param(partial(flip_bit, member=FUNDS), FUNDS, id="flipped-bit-in-a-member"),
    pytest.param(partial(flip_bit, member=FUNDS, at=0.95), FUNDS, id="flipped-bit-near-the-end"),
    pytest.param(partial(flip_bit, member="manifest.json"), "manifest.json",
                 id="flipped-bit-in-the-manifest"),
    pytest.param(edit(_counts_plus(1)), "「fund_transfer.jsonl」：行数与清单不符",
                 id="counts-one-more"),
    pytest.param(edit(_counts_plus(-1)), "「fund_transfer.jsonl」：行数与清单不符",
                 id="counts-one-fewer"),
    pytest.param(edit(put("counts", FUNDS, "153")), "「counts.fund_transfer.jsonl」：应为不小于 0",
                 id="counts-a-string"),
    pytest.param(edit(put("counts", FUNDS, True)), "应为不小于 0", id="counts-a-boolean"),
    pytest.param(edit(put("counts", FUNDS, 1.5)), "应为不小于 0", id="counts-a-float"),
    pytest.param(edit(put("counts", FUNDS, -1)), "应为不小于 0", id="counts-negative"),
    pytest.param(edit(put("counts", [])), "「counts」：应为对象", id="counts-not-an-object"),
    pytest.param(edit(put("counts", HISTORY, DROP)), "「counts.row_history.jsonl」：清单中缺少",
                 id="counts-missing-a-member"),
    pytest.param(edit(put("members", FUNDS, "sha256", "z" * 64)),
                 "「members.fund_transfer.jsonl.sha256」：应为 64 位", id="sha256-not-hex"),
    pytest.param(edit(put("members", FUNDS, "sha256", "AB" * 32)), "应为 64 位",
                 id="sha256-uppercase"),
    pytest.param(edit(put("members", FUNDS, "sha256", "ab" * 32)), "sha256）不符",
                 id="sha256-wrong"),
    pytest.param(edit(put("members", FUNDS, "bytes", "76791")), "「members.fund_transfer.jsonl.bytes」",
                 id="bytes-a-string"),
    pytest.param(edit(put("members", FUNDS, "size", 1)), "应为含 bytes 和 sha256",
                 id="member-entry-with-another-key"),
    pytest.param(edit(put("origin", "廊坊开发区")), "「origin」：应为含 code 和 name",
                 id="origin-a-string"),
    pytest.param(edit(put("origin", 131001)), "「origin」：应为含 code 和 name",
                 id="origin-a-number"),
    pytest.param(edit(put("origin", "code", 131001)), "「origin.code」：应为文字",
                 id="origin-code-a-number"),
    pytest.param(edit(put("origin", "code", "1" * 33)), "「origin.code」：过长",
                 id="origin-code-too-long"),
    pytest.param(edit(put("origin", "name", "廊坊\x00")), "「origin.name」：含有控制字符",
                 id="origin-name-nul"),
    pytest.param(edit(put("members", FUNDS, DROP)), "「members.fund_transfer.jsonl」：清单中缺少",
                 id="member-missing-from-the-manifest"),
    pytest.param(edit(put("members", "notes.jsonl", {"bytes": 0, "sha256": "0" * 64})),
                 "「members.notes.jsonl」：未知的文件", id="unknown-member-listed"),
    pytest.param(lambda good, target: repack(good, target, extra=[("notes.txt", b"hi")]),
                 "清单未列出的文件「notes.txt」", id="extra-zip-entry"),
    pytest.param(lambda good, target: repack(good, target, members={FUNDS: None}),
                 "缺少 fund_transfer.jsonl", id="member-missing-from-the-zip"),
    pytest.param(_duplicate_entry, "两个同名的文件", id="duplicate-zip-entry"),
    pytest.param(edit(put("scope", "everything")), "「scope」：未知的范围", id="unknown-scope"),
    pytest.param(edit(put("scope", DROP)), "「scope」：缺少这一项", id="scope-missing"),
    pytest.param(edit(put("exported_at", "2017-13-01T00:00:00.000000Z")), "「exported_at」",
                 id="exported-at-month-13"),
    pytest.param(edit(put("exported_at", 1500000000)), "「exported_at」：应为时间文字",
                 id="exported-at-a-number"),
    pytest.param(edit(put("audit_head", "abc")), "「audit_head」：应为 64 位", id="bad-audit-head"),
    pytest.param(edit(put("audit_count", -1)), "「audit_count」：应为不小于 0", id="negative-audit-count"),
    pytest.param(edit(put("audit_count", True)), "「audit_count」：应为不小于 0", id="audit-count-a-boolean"),
    pytest.param(edit(put("audit_count", 1)), "与审计记录链文件的行数不符", id="audit-count-not-the-chain"),
    pytest.param(edit(put("comment", "x")), "「comment」：版本 3 的清单没有这一项",
                 id="unknown-manifest-key"),
    pytest.param(edit(put("version", "2")), "未知的汇总包版本", id="version-a-string"),
    pytest.param(edit(put("version", True)), "未知的汇总包版本", id="version-a-boolean"),
    pytest.param(edit(put("version", 4)), "升级", id="newer-version"),
    pytest.param(edit(put("scope", "reference")), "「counts.agreement.jsonl」：基础数据包中不应有",
                 id="reference-scope-with-records"),
    pytest.param(_line_text(FUNDS, 3, lambda _line: b""), "「fund_transfer.jsonl」第 3 行：是空行",
                 id="blank-line"),
    pytest.param(_line_text(FUNDS, 3, lambda line: line[:-1] + b',"amount_fen":1}'),
                 "「fund_transfer.jsonl」第 3 行：不是有效的 JSON：字段「amount_fen」出现了两次",
                 id="duplicate-key"),
    pytest.param(_line_text(FUNDS, 3, lambda _line: b"[1, 2]"), "第 3 行：不是一条记录",
                 id="line-not-an-object"),
    pytest.param(_line_text(FUNDS, 3, lambda _line: b'{"amount_fen": ' + b"9" * 5000 + b"}"),
                 "第 3 行：不是有效的 JSON", id="five-thousand-digits"),
    pytest.param(_line_text(FUNDS, 3, lambda _line: b"[" * 100_000), "第 3 行：不是有效的 JSON",
                 id="deeply-nested"),
    pytest.param(_line_text(FUNDS, 3, lambda _line: b'{"id": "\xff"}'), "第 3 行：不是有效的 JSON",
                 id="not-utf-8"),
]  # fmt: skip


@pytest.mark.parametrize(("member", "line", "change", "field", "fragment"), ROW_CASES)
def test_a_bad_field_refuses_the_package_naming_member_line_and_field(
    source: tuple[Ledger, Path, Path],
    tmp_path: Path,
    member: str,
    line: int,
    change: dict[str, Any],
    field: str | None,
    fragment: str,
) -> None:
    ledger, good, _folder = source
    bad = row_maker(member, line, change)(good, tmp_path / "bad.pairtrack.zip")
    with pytest.raises(PackageRefused) as caught:
        read_everything(ledger, bad)
    where = f"「{member}」第 {line} 行" + (f"「{field}」" if field else "") + "："
    assert str(caught.value).startswith(where), str(caught.value)
    assert fragment in str(caught.value), str(caught.value)
    assert (caught.value.member, caught.value.line, caught.value.field) == (member, line, field)


@pytest.mark.parametrize(("make", "fragment"), FILE_CASES)
def test_a_bad_manifest_or_damaged_member_refuses_the_package(
    source: tuple[Ledger, Path, Path], tmp_path: Path, make: Maker, fragment: str
) -> None:
    ledger, good, _folder = source
    bad = make(good, tmp_path / "bad.pairtrack.zip")
    with pytest.raises(PackageRefused) as caught:
        read_everything(ledger, bad)
    assert fragment in str(caught.value), str(caught.value)


def test_the_good_package_reads_back_whole(source: tuple[Ledger, Path, Path]) -> None:
    """The control for every case above: the unspoiled package passes every check."""
    ledger, good, _folder = source
    _manifest, rows, history = read_everything(ledger, good)
    assert len(rows) == sum(
        service.count(include_deleted=True) for service in ledger.services.all()
    )
    assert len(history) == 1


def _e2e_cases() -> list[Any]:
    cases = []
    for case in ROW_CASES:
        member, line, change, _field, _fragment = case.values
        cases.append(
            pytest.param(row_maker(member, line, change), (member, f"第 {line} 行"), id=case.id)
        )
    cases.extend(
        pytest.param(make, (fragment,), id=case.id)
        for case in FILE_CASES
        for make, fragment in [case.values]
    )
    return cases


@pytest.mark.parametrize(("make", "fragments"), _e2e_cases())
def test_import_file_refuses_and_writes_nothing(
    source: tuple[Ledger, Path, Path],
    receiver: Ledger,
    tmp_path: Path,
    make: Maker,
    fragments: tuple[str, ...],
) -> None:
    """End to end, as the command line and the window import: PackageRefused with a Chinese
    message, and every table of the receiving database as it was."""
    _ledger, good, _folder = source
    bad = make(good, tmp_path / "bad.pairtrack.zip")
    before = database_hash(receiver)
    with pytest.raises(PackageRefused) as caught:
        import_file(receiver, bad, dry_run=False)
    assert all(f in str(caught.value) for f in fragments), str(caught.value)
    assert database_hash(receiver) == before


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_changed_byte_is_refused_cleanly_or_changes_nothing(
    source: tuple[Ledger, Path, Path], data: st.DataObject
) -> None:
    """One byte changed anywhere in a member's compressed data (or anywhere in the file):
    PackageRefused, never another exception. Deflate ignores the padding bits of its last
    byte and zip some header fields, so a change there may read back; then what is read is
    exactly what was sent (the sha256 of every member sees to it)."""
    ledger, good, folder = source
    raw = bytearray(good.read_bytes())
    names = sorted(members_of(good))
    if data.draw(st.booleans(), label="inside a member"):
        start, size = data_span(good, data.draw(st.sampled_from(names), label="member"))
        offset = start + data.draw(st.integers(0, size - 1), label="offset")
    else:
        offset = data.draw(st.integers(0, len(raw) - 1), label="offset in the file")
    raw[offset] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[offset]), label="byte")
    mutant = folder / "mutant.pairtrack.zip"
    mutant.write_bytes(bytes(raw))
    try:
        got = read_everything(ledger, mutant)
    except PackageRefused as refusal:
        assert refusal.message and not refusal.message.isascii()
        return
    assert got == read_everything(ledger, good)


def test_a_wrong_count_is_refused_before_any_row_is_read(
    source: tuple[Ledger, Path, Path], tmp_path: Path
) -> None:
    """Counted while the member's sha256 is checked: opening alone refuses it."""
    _ledger, good, _folder = source
    bad = edit(_counts_plus(1))(good, tmp_path / "bad.pairtrack.zip")
    with pytest.raises(PackageRefused, match=r"「fund_transfer\.jsonl」：行数与清单不符"):
        open_package(bad)
