"""The ledger import reads money cells by the one money rule (tests/money_cases.py): the same
strings as the record form and the target grid, a bare number in the unit of the column header,
and amounts above the plausibility bound listed as warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pairtrack.tracker.exchange.columns import columns_of
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.exchange.template import export_template
from pairtrack.tracker.ledger import Ledger
from tests.cli.test_cli import pairtrack
from tests.money_cases import ACCEPTED, REFUSED

MONEY_HEADER = "金额（万元）"


def funds_workbook(ledger: Ledger, path: Path, amounts: list[object]) -> Path:
    """The template with one fund row per amount; 凭证号 tells the rows apart."""
    export_template(ledger, path)
    workbook = load_workbook(path)
    sheet = workbook["帮扶资金"]
    headers = [c.header for c in columns_of(ledger.funds)]
    assert MONEY_HEADER in headers
    for number, amount in enumerate(amounts):
        values = {"结对关系": "廊坊开发区→康保县", "资金年度": 2017, "资金类别": "财政援助资金",
                  MONEY_HEADER: amount, "用途/项目": f"金额规则{number}", "拨付日期": date(2017, 3, 1),
                  "凭证号": f"MR-{number}"}  # fmt: skip
        sheet.append([values.get(h) for h in headers])
    workbook.save(path)
    return path


def imported_amounts(ledger: Ledger) -> dict[str, int]:
    return {f.voucher: f.amount_fen for f in ledger.funds.list(text="金额规则")}


def test_money_cells_follow_the_table(demo: Ledger, tmp_path: Path) -> None:
    texts = [text for text, _fen in ACCEPTED]
    report = import_ledger(demo, funds_workbook(demo, tmp_path / "m.xlsx", texts))
    assert report.committed, report.problems
    assert imported_amounts(demo) == {f"MR-{i}": fen for i, (_t, fen) in enumerate(ACCEPTED)}
    assert report.warnings == []


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_money_cells_refused_like_typing(
    demo: Ledger, tmp_path: Path, text: str, fragment: str
) -> None:
    before = demo.funds.count()
    report = import_ledger(demo, funds_workbook(demo, tmp_path / "m.xlsx", [text]))
    assert not report.committed and demo.funds.count() == before
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("帮扶资金", 2, MONEY_HEADER)
    assert fragment in problem.reason


def test_number_cells_are_in_the_unit_of_the_header(demo: Ledger, tmp_path: Path) -> None:
    path = funds_workbook(demo, tmp_path / "n.xlsx", [12.6, 9178, 0.000001, 0.1])
    report = import_ledger(demo, path)
    assert report.committed, report.problems
    assert imported_amounts(demo) == {
        "MR-0": 12_600_000, "MR-1": 9_178_000_000, "MR-2": 1, "MR-3": 100_000
    }  # fmt: skip


def test_implausible_amounts_are_imported_and_listed_as_warnings(
    demo: Ledger, tmp_path: Path
) -> None:
    # 50000 in a 万元 column is 5 亿元: plausible; 500000 is 50 亿元 for one transfer: listed
    path = funds_workbook(demo, tmp_path / "w.xlsx", [50000, 500000, "20亿"])
    report = import_ledger(demo, path)
    assert report.committed, report.problems
    assert [(w.row, w.column) for w in report.warnings] == [(3, MONEY_HEADER), (4, MONEY_HEADER)]
    assert "500,000.00万元" in report.warnings[0].reason
    assert imported_amounts(demo)["MR-1"] == 500_000 * 1_000_000


def test_the_command_line_lists_implausible_amounts(demo: Ledger, tmp_path: Path) -> None:
    path = funds_workbook(demo, tmp_path / "台账.xlsx", ["12.6", 2_000_000])
    db = tmp_path / "office.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    dry = pairtrack("--db", db, "import", path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "警告：1 处金额超过通常的上限" in dry.stdout
    assert "「帮扶资金」第 3 行「金额（万元）」列" in dry.stdout
    assert "2,000,000.00万元" in dry.stdout
