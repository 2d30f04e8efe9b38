"""Every refusal names the problem and writes nothing (rows and audit trail unchanged)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from pairtrack.tracker.exchange.ledger_import import LedgerRefused, import_ledger
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package import PackageRefused
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.exchange.xlsx_export import export_xlsx
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger
from tests.exchange.conftest import snapshot


def rewrite(source: Path, target: Path, change: dict[str, bytes], manifest_fix: bool) -> None:
    """Copy a package, replacing members; optionally fix the manifest's size and hash."""
    with zipfile.ZipFile(source) as old:
        members = {name: old.read(name) for name in old.namelist()}
    manifest = json.loads(members["manifest.json"])
    for name, data in change.items():
        members[name] = data
        if manifest_fix and name in manifest["members"]:
            manifest["members"][name] = {
                "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()
            }  # fmt: skip
    if "manifest.json" not in change:
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


@pytest.fixture
def package(demo: Ledger, tmp_path: Path) -> Path:
    path = tmp_path / "good.pairtrack.zip"
    export_package(demo, path)
    return path


def refused(
    ledger: Ledger, path: Path, fragment: str, error: type[Exception] = PackageRefused
) -> None:
    before = snapshot(ledger)
    with pytest.raises(error) as caught:
        import_package(ledger, path)
    assert fragment in str(caught.value), str(caught.value)
    assert snapshot(ledger) == before


def test_not_a_zip(empty: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.pairtrack.zip"
    path.write_text("hello")
    refused(empty, path, "不是 zip")


def test_unknown_format_and_newer_version(empty: Ledger, package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    for key, value, fragment in (("format", "other", "未知的文件格式"), ("version", 4, "升级")):
        bad = tmp_path / f"{key}.pairtrack.zip"
        rewrite(
            package, bad, {"manifest.json": json.dumps({**manifest, key: value}).encode()}, False
        )
        refused(empty, bad, fragment)


def test_hash_mismatch(empty: Ledger, package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        data = archive.read("region.jsonl")
    bad = tmp_path / "hash.pairtrack.zip"
    rewrite(
        package, bad, {"region.jsonl": data.replace("康保县".encode(), "康宝县".encode())}, False
    )
    refused(empty, bad, "sha256")


def test_member_path_escapes(empty: Ledger, package: Path, tmp_path: Path) -> None:
    for name in ("../evil.jsonl", "/etc/evil.jsonl", "a/../../evil.jsonl"):
        bad = tmp_path / "escape.pairtrack.zip"
        rewrite(package, bad, {name: b"{}\n"}, False)
        refused(empty, bad, "越出")


def test_zip_bomb(empty: Ledger, package: Path, tmp_path: Path) -> None:
    bomb = b"0" * (20 << 20)  # 20 MB of one byte compresses about 1000 to 1
    bad = tmp_path / "bomb.pairtrack.zip"
    rewrite(package, bad, {"training.jsonl": bomb}, True)
    refused(empty, bad, "压缩炸弹")
    liar = tmp_path / "liar.pairtrack.zip"
    rewrite(package, liar, {"training.jsonl": b"{}\n" * 1000}, False)
    refused(empty, liar, "大小与清单不符")


def test_malformed_json_line_named_by_file_and_line(
    empty: Ledger, package: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(package) as archive:
        lines = archive.read("agreement.jsonl").splitlines(keepends=True)
    lines[2] = b'{"id": broken\n'
    bad = tmp_path / "json.pairtrack.zip"
    rewrite(package, bad, {"agreement.jsonl": b"".join(lines)}, True)
    refused(empty, bad, "「agreement.jsonl」第 3 行")


def test_cancelled_import_writes_nothing(empty: Ledger, package: Path) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    before = snapshot(empty)
    with pytest.raises(JobCancelled):
        import_package(empty, package, cancelled=cancelled)
    assert snapshot(empty) == before


def test_workbook_that_is_not_xlsx(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("名称,省\n")
    before = snapshot(demo)
    with pytest.raises(LedgerRefused, match="不是 Excel 或 WPS 表格文件"):
        import_ledger(demo, path)
    assert snapshot(demo) == before


def test_sheet_with_unknown_headers_names_them_and_imports_nothing_incomplete(
    demo: Ledger, tmp_path: Path
) -> None:
    """A column no field answers to is named in the report (not a refusal of the workbook);
    a row missing required fields is refused by name, and nothing is written."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "帮扶资金"
    workbook.active.append(["id", "结对关系", "金额（元）", "经办人"])
    workbook.active.append([None, "廊坊开发区→康保县", 100, "张某"])
    path = tmp_path / "odd.xlsx"
    workbook.save(path)
    before = snapshot(demo)
    report = import_ledger(demo, path)
    assert "未导入的列：经办人" in report.sheets[0]
    assert not report.committed
    assert any("不能为空" in p.reason for p in report.problems)
    assert snapshot(demo) == before


def test_cancelled_export_leaves_no_file(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with pytest.raises(JobCancelled):
        export_xlsx(demo, path, cancelled=lambda: True)
    assert not path.exists()
