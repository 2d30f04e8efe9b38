"""Nothing in a workbook is passed over without a word (issue 11): a sheet the reader cannot
make out is named — the whole workbook refused when it is the only one, listed as skipped
when another sheet is read — and a formula whose result the file does not hold is refused
with its column named, never read as an empty cell or as 0."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from pairtrack.tracker.exchange.ledger_import import LedgerRefused, import_ledger
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.cli.test_cli import pairtrack
from tests.exchange.conftest import snapshot
from tests.exchange.ledger_helpers import PAIRING, Added, fen, skipped_rows
from tests.exchange.ledger_shapes import funds_ledger

NOT_A_LEDGER = [
    ["关于2017年对口帮扶康保县工作情况的说明"],
    ["一年来，我区认真落实对口帮扶工作部署，共拨付资金9598.75万元。"],
    [None],
    ["附：", "资金", 9598.75],
]


def book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_a_workbook_with_no_recognisable_sheet_is_refused_naming_it(
    demo: Ledger, tmp_path: Path
) -> None:
    path = book(tmp_path / "工作说明.xlsx", {"工作总结": NOT_A_LEDGER})
    before = snapshot(demo)
    with pytest.raises(LedgerRefused, match=r"「工作总结」.*找不到表头"):
        import_ledger(demo, path, pairing=PAIRING)
    assert snapshot(demo) == before


def test_the_command_refuses_it_too(demo: Ledger, tmp_path: Path) -> None:
    path = book(tmp_path / "工作说明.xlsx", {"工作总结": NOT_A_LEDGER, "Sheet2": []})
    before = snapshot(demo)
    result = pairtrack("--db", engines.target_of(demo), "import", path, "--pairing", PAIRING)
    assert result.returncode == 1
    assert "「工作总结」" in result.stderr and "没有能识别的台账" in result.stderr
    assert "Traceback" not in result.stderr
    assert "共变更 0 条" not in result.stdout  # the old silent "success"
    assert snapshot(demo) == before


def test_an_unrecognisable_sheet_beside_a_ledger_is_listed_as_skipped(
    demo: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "资金台账.xlsx"
    funds_ledger(path)
    workbook = load_workbook(path)
    notes = workbook.create_sheet("工作总结")
    for row in NOT_A_LEDGER:
        notes.append(row)
    workbook.create_sheet("Sheet3")  # left blank, as Excel makes them
    workbook.save(path)

    report = import_ledger(demo, path, pairing=PAIRING, dry_run=True)
    assert report.counts("fund_transfer").inserted == 5
    assert [s for s in report.sheets if "工作总结" in s] == []
    unread = skipped_rows(report, "工作总结")  # row 0: the whole sheet
    assert list(unread) == [0] and unread[0].startswith("未能识别为任何台账：找不到表头")
    assert skipped_rows(report, "Sheet3") == {0: "空白工作表"}

    result = pairtrack(
        "--db", engines.target_of(demo), "import", path, "--dry-run", "--pairing", PAIRING
    )
    assert result.returncode == 0, result.stderr
    assert any(line.startswith("跳过「工作总结」：未能识别") for line in result.stdout.splitlines())


# Formulas: openpyxl writes a formula without its result, as any program (not Excel) does.

FORMULA_ROWS = [
    ["项目名称", "资金类别", "金额（万元）", "拨付日期"],
    ["村卫生室", "财政援助资金", 100, "2017-05-02"],
    ["村卫生室二期", "财政援助资金", "=C2*2", "2017-06-02"],
    ["合计", None, "=SUM(C2:C3)", None],
]


def with_results(path: Path, results: dict[str, str]) -> Path:
    """The workbook as Excel would save it: each formula cell named holds its result."""
    copy = path.with_name("saved-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for cell, value in results.items():
                    data, found = re.subn(
                        rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?'.encode(),
                        rb"\g<1><v>" + value.encode() + b"</v>",
                        data,
                    )
                    assert found == 1, cell
            target.writestr(item, data)
    shutil.move(copy, path)
    return path


def test_a_formula_without_its_result_is_refused_naming_the_column(
    demo: Ledger, tmp_path: Path
) -> None:
    path = book(tmp_path / "资金.xlsx", {"资金": FORMULA_ROWS})
    before = snapshot(demo)
    report = import_ledger(demo, path, pairing=PAIRING)
    assert not report.committed and snapshot(demo) == before
    assert [(p.sheet, p.row, p.column) for p in report.problems] == [("资金", 3, "金额（万元）")]
    assert "公式" in report.problems[0].reason and "保存" in report.problems[0].reason
    # the 合计 row is a formula too, and is skipped as a total, not refused
    assert skipped_rows(report, "资金")[4].startswith("合计行")

    # with --valid-only the other row comes in; this one waits in the rejected workbook
    added = Added(demo)
    report = import_ledger(demo, path, pairing=PAIRING, valid_only=True)
    assert report.committed and report.rejected_path is not None
    assert [r["amount_fen"] for r in added.rows("fund_transfer")] == [fen(100)]


def test_a_formula_with_its_saved_result_is_read_as_that_result(
    demo: Ledger, tmp_path: Path
) -> None:
    path = book(tmp_path / "资金.xlsx", {"资金": FORMULA_ROWS})
    with_results(path, {"C3": "200", "C4": "300"})
    added = Added(demo)
    report = import_ledger(demo, path, pairing=PAIRING)
    assert report.committed and not report.problems
    assert sorted(r["amount_fen"] for r in added.rows("fund_transfer")) == [fen(100), fen(200)]
