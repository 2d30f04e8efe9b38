"""xlsx and csv exports: real numbers and dates, Chinese labels, BOM, neutralised formulas,
and the round trip demo → xlsx → empty database."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.columns import MONEY_FORMAT, neutralise, unneutralise
from pairtrack.tracker.exchange.csv_export import export_csv
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.exchange.template import export_template
from pairtrack.tracker.exchange.xlsx_export import export_xlsx
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.tracker.progress import progress
from tests.exchange.conftest import records, snapshot

HOSTILE = '=HYPERLINK("http://x")'


def figures(ledger: Ledger) -> list[tuple[int | None, int]]:
    return [(p.target, p.actual) for p in progress(ledger, Period.year(2017))]


def test_neutralise_round_trip() -> None:
    for text in (HOSTILE, "+1", "-5", "@x", "\tx", "\rx", "'=already", "普通", "'quoted"):
        assert unneutralise(neutralise(text)) == text
    assert neutralise(HOSTILE) == "'" + HOSTILE
    assert unneutralise("'quoted") == "'quoted"


def test_xlsx_has_real_types_labels_and_layout(demo: Ledger, tmp_path: Path) -> None:
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, note=HOSTILE, amount_fen=12_345_678_91)
    path = tmp_path / "x.xlsx"
    export_xlsx(demo, path, year=2017)
    workbook = load_workbook(path)
    assert workbook.sheetnames[-1] == "汇总"
    ws = workbook["帮扶资金"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in ws[1]]
    assert "金额（万元）" in headers and "结对关系" in headers
    assert headers[-2:] == ["来源单位", "id"]  # the internal id last (DESIGN §7)
    row = next(r for r in ws.iter_rows(min_row=2) if r[-1].value == fund.id)
    cell = {h: c for h, c in zip(headers, row, strict=True)}
    assert Decimal(str(cell["金额（万元）"].value)) == Decimal("1234.567891")
    assert cell["金额（万元）"].number_format == MONEY_FORMAT
    assert isinstance(cell["拨付日期"].value, datetime)
    assert cell["资金类别"].value in ("财政援助资金", "社会帮扶资金", "物资折款")
    assert "→" in cell["结对关系"].value
    assert cell["备注"].value == "'" + HOSTILE
    assert cell["来源单位"].value == "廊坊开发区对口帮扶办公室"
    summary = workbook["汇总"]
    assert summary.cell(3, 1).value == "财政援助资金（到位）"
    assert isinstance(summary.cell(3, 3).value, int | float)


def test_csv_has_bom_and_same_columns(demo: Ledger, tmp_path: Path) -> None:
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, note=HOSTILE)
    export_csv(demo, tmp_path / "csv")
    data = (tmp_path / "csv" / "帮扶资金.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("结对关系,所属协议")
    assert text.splitlines()[0].endswith(",备注,来源单位,id")
    assert "'=HYPERLINK" in text
    export_csv(demo, tmp_path / "c.zip")
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert archive.read("地区.csv").startswith(b"\xef\xbb\xbf")
        assert len(archive.namelist()) == 8  # 7 kinds of record and 数据校验码.txt


def test_demo_xlsx_into_an_empty_database(demo: Ledger, empty: Ledger, tmp_path: Path) -> None:
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, note=HOSTILE, amount_fen=1)  # one 分: exact through 万元
    path = tmp_path / "x.xlsx"
    export_xlsx(demo, path, year=2017)
    report = import_ledger(empty, path)
    assert report.committed and report.problems == []
    assert records(empty) == records(demo)
    assert figures(empty) == figures(demo)
    assert any(f.note == HOSTILE and f.amount_fen == 1 for f in empty.funds.list())
    assert run_checks(empty) == []
    # re-importing the same workbook into the database it came from changes nothing
    again = import_ledger(demo, path)
    assert again.changed == 0 and again.problems == []


def _template_with(demo: Ledger, tmp_path: Path, rows: list[list[object]]) -> Path:
    path = tmp_path / "t.xlsx"
    export_template(demo, path)
    workbook = load_workbook(path)
    assert workbook["lists"].sheet_state == "hidden"
    assert workbook["帮扶资金"].data_validations.dataValidation
    for row in rows:
        workbook["帮扶资金"].append(row)
    workbook.save(path)
    return path


def test_filled_template_imports_money_text_and_dates(demo: Ledger, tmp_path: Path) -> None:
    before = demo.funds.count()
    path = _template_with(demo, tmp_path, [
        [None, "廊坊开发区→康保县", None, 2017, "社会帮扶资金", "12.2万", "捐助图书", None,
         "2017年6月1日", date(2017, 6, 5)],
        [None, "廊坊开发区→康保县", None, 2017, "财政援助资金", 9178, "耕地指标款", None,
         date(2017, 7, 1), None],
    ])  # fmt: skip
    report = import_ledger(demo, path)
    assert report.committed, report.problems
    assert demo.funds.count() == before + 2
    amounts = {f.purpose: f.amount_fen for f in demo.funds.list(text="耕地指标款")}
    amounts.update({f.purpose: f.amount_fen for f in demo.funds.list(text="捐助图书")})
    assert amounts == {"耕地指标款": 9178_0000_00, "捐助图书": 12_2000_00}
    assert run_checks(demo) == []


def test_errors_name_sheet_row_and_column(demo: Ledger, tmp_path: Path) -> None:
    path = _template_with(demo, tmp_path, [
        [None, "廊坊开发区→康保县", None, 2017, "财政援助资金", "12.6万", "好的一行", None,
         "2017-03-01"],
        [None, "不存在→康保县", None, 2017, "财政援助资金", "1万", "坏地区", None, "2017-03-01"],
        [None, "廊坊开发区→康保县", None, 2017, "财政援助资金", "十二万", "坏金额", None,
         "2017-03-01"],
        [None, "廊坊开发区→康保县", None, 2017, "财政援助资金", "1万", "日期倒置", None,
         "2017-03-01", "2017-02-01"],
    ])  # fmt: skip
    before, snap = demo.funds.count(), snapshot(demo)
    report = import_ledger(demo, path)
    assert not report.committed and snapshot(demo) == snap
    where = {(p.sheet, p.row, p.column) for p in report.problems}
    assert where == {("帮扶资金", 3, "结对关系"), ("帮扶资金", 4, "金额（万元）"),
                     ("帮扶资金", 5, "到位日期")}  # fmt: skip
    assert any("无法识别的金额" in p.reason for p in report.problems)
    dry = import_ledger(demo, path, dry_run=True, valid_only=True)
    assert not dry.committed and snapshot(demo) == snap
    partial = import_ledger(demo, path, valid_only=True)
    assert partial.committed and demo.funds.count() == before + 1
    assert partial.rejected_path is not None
    rejected = load_workbook(partial.rejected_path)["帮扶资金"]
    assert rejected.cell(1, rejected.max_column).value == "原因"
    assert rejected.max_row == 4
    assert run_checks(demo) == []
