"""An office's own ledger comes in as it is (issue 11, DESIGN §7 ledger import): each hand-made
shape of ``ledger_shapes`` imports with the right number of records and every figure exact to
the 分, and the report names every row that is not a record and why — none of them a record,
none left out. Dates written only to the month are said to be."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.ledger import Ledger
from tests.exchange.ledger_helpers import (
    PAIRING,
    Added,
    assert_skipped,
    fen,
    fen_by,
    month_only_count,
    pairing_id,
)
from tests.exchange.ledger_shapes import (
    cadres_ledger,
    funds_in_yuan_ledger,
    funds_ledger,
    funds_printed_ledger,
    funds_unit_line_ledger,
    office_workbook,
    training_ledger,
)


def test_funds_ledger(demo: Ledger, tmp_path: Path) -> None:
    expected = funds_ledger(tmp_path / "资金台账.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "资金台账.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems and not report.duplicates
    assert report.counts("fund_transfer").inserted == expected.records
    rows = added.rows("fund_transfer")
    assert len(rows) == expected.records == 5
    assert {r["pairing_id"] for r in rows} == {pairing_id(demo)}
    # the kind comes from the section rows; 8000元 keeps its unit, bare numbers are 万元
    assert fen_by(rows, "kind") == {
        "fiscal": fen(expected.totals["fiscal"]),
        "social": fen(expected.totals["social"]),
    }
    by_purpose = {r["purpose"]: r for r in rows}
    assert by_purpose["物资折款（衣物）"]["amount_fen"] == 8000_00
    assert by_purpose["教育帮扶（学校改造）"]["amount_fen"] == fen(300)
    # 2017.10 is October (not January), 2017年11月 the first of November
    first = by_purpose["康保县产业园区基础设施"]
    assert (first["allocated_on"], first["arrived_on"]) == (date(2017, 10, 1), date(2017, 11, 1))
    assert {r["budget_year"] for r in rows} == {2017}  # from the allocation dates

    assert_skipped(
        report,
        "资金台账",
        {4: "分组行「一、财政帮扶资金」", 8: "分组行「二、社会帮扶资金」", 11: "合计行",
         12: "空行", 13: "表尾"},
    )  # fmt: skip
    assert set(expected.skipped_rows) == {4, 8, 11, 12, 13}
    assert "资金类别「财政援助资金」" in report.skipped[0].reason  # what the section carries
    assert month_only_count(report, "资金台账") == expected.totals["month_only"]
    assert any("只写到月份" in n.reason and n.column == "拨付时间" for n in report.notes)
    assert run_checks(demo) == []


def test_cadres_ledger_two_header_rows_and_direction_from_sections(
    demo: Ledger, tmp_path: Path
) -> None:
    expected = cadres_ledger(tmp_path / "干部.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "干部.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems
    rows = added.rows("cadre_exchange")
    assert len(rows) == expected.records == 5
    directions = [r["direction"] for r in rows]
    assert directions.count("to_assisted") == expected.totals["to_assisted"] == 2
    assert directions.count("to_helper") == expected.totals["to_helper"] == 3
    by_name = {r["person_name"]: r for r in rows}
    # 起 / 止 under a merged 挂职时间: the start and the planned end
    assert (by_name["王某某"]["start_on"], by_name["王某某"]["end_on"]) == (
        date(2017, 3, 1),
        date(2019, 3, 1),
    )
    assert (by_name["钱某"]["start_on"], by_name["钱某"]["end_on"]) == (
        date(2017, 4, 1),
        date(2017, 10, 1),
    )
    assert by_name["王某某"]["direction"] == "to_assisted"
    assert by_name["孙某"]["direction"] == "to_helper"
    assert (by_name["赵某"]["category"], by_name["孙某"]["category"]) == ("teacher", "doctor")
    assert {r["pairing_id"] for r in rows} == {pairing_id(demo)}

    assert_skipped(report, "干部挂职", {4: "分组行", 7: "分组行", 11: "空行", 12: "表尾"})
    assert set(expected.skipped_rows) == {4, 7, 11, 12}
    assert "交流方向「派出挂职」" in report.skipped[0].reason
    assert "交流方向「来访跟岗」" in report.skipped[1].reason
    assert month_only_count(report, "干部挂职") == 8  # 4 rows × 起 and 止
    assert any("2 行" in s and "第 3 行" in s for s in report.sheets)  # two header rows


def test_training_ledger_ranges_counts_and_a_formula_total(demo: Ledger, tmp_path: Path) -> None:
    expected = training_ledger(tmp_path / "培训.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "培训.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems
    rows = sorted(added.rows("training"), key=lambda r: r["start_on"])
    assert len(rows) == expected.records == 3
    assert sum(r["completed"] for r in rows) == expected.totals["completed"] == 291
    assert all(r["enrolled"] == r["completed"] for r in rows)  # only 培训人数 was kept
    assert tuple(r["start_on"] for r in rows) == expected.totals["starts"]
    assert tuple(r["end_on"] for r in rows) == expected.totals["ends"]
    assert [r["category"] for r in rows] == ["cadre", "vocational", "professional"]
    # the =SUM() total has no saved result: skipped as a total, not refused as a formula
    assert_skipped(report, "培训", {6: "合计行"})
    assert month_only_count(report, "培训") == 1  # 2017年10月


def test_a_printed_sheet1_with_line_breaks_subtotals_and_a_repeated_header(
    demo: Ledger, tmp_path: Path
) -> None:
    expected = funds_printed_ledger(tmp_path / "明细.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "明细.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems
    rows = added.rows("fund_transfer")
    assert len(rows) == expected.records == 4
    # 金额(万元) with ASCII brackets; kinds in the office's words
    assert fen_by(rows, "kind") == {
        "fiscal": fen(expected.totals["fiscal"]),
        "social": fen(expected.totals["social"]),
        "in_kind": fen(expected.totals["in_kind"]),
    }
    by_purpose = {r["purpose"]: r for r in rows}
    light = by_purpose["光伏扶贫电站"]  # 「拨付\n时间」, 「到位\n时间」, 凭证号
    assert (light["allocated_on"], light["arrived_on"], light["voucher"]) == (
        date(2018, 5, 10),
        date(2018, 6, 1),
        "开财〔2018〕31号",
    )
    assert by_purpose["贫困学生助学金"]["note"] == "某某公司捐助"
    assert {r["budget_year"] for r in rows} == {expected.totals["budget_year"]}
    assert_skipped(
        report, "Sheet1", {4: "空行", 6: "合计行", 7: "重复的表头", 9: "空行", 11: "合计行"}
    )
    assert set(expected.skipped_rows) == {4, 6, 7, 9, 11}
    # the column is named on one line: 「拨付时间」, not 「拨付\n时间」
    assert [(n.row, n.column) for n in report.notes] == [(8, "拨付时间")]
    assert month_only_count(report, "Sheet1") == expected.totals["month_only"]


def test_amounts_in_yuan_from_the_header(demo: Ledger, tmp_path: Path) -> None:
    """金额（元）: a bare 800 is 800 元 (8 万 times less than a 万元 column would make it)."""
    expected = funds_in_yuan_ledger(tmp_path / "捐赠.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "捐赠.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems
    rows = added.rows("fund_transfer")
    assert len(rows) == expected.records == 3
    assert sorted(r["amount_fen"] for r in rows) == [800_00, 12000_00, 25000_50]
    assert fen_by(rows, "kind") == {
        "social": expected.totals["social_fen"],
        "in_kind": expected.totals["in_kind_fen"],
    }
    assert {r["donor"] for r in rows} == {"某某商贸有限公司", "某某建材有限公司", "开发区慈善协会"}
    assert_skipped(
        report, "社会捐赠", {3: "分组行", 6: "合计行", 7: "分组行", 9: "合计行", 10: "合计行"}
    )
    assert not report.warnings


def test_amounts_in_yuan_from_a_unit_line(demo: Ledger, tmp_path: Path) -> None:
    """单位：元 above the header: a bare 800 is 800 元; 1.5万 written with its unit stays 1.5 万."""
    expected = funds_unit_line_ledger(tmp_path / "财政.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "财政.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems
    rows = added.rows("fund_transfer")
    assert len(rows) == expected.records == 2
    assert sum(r["amount_fen"] for r in rows) == expected.totals["fiscal_fen"]
    assert sorted((r["amount_fen"], r["allocated_on"]) for r in rows) == [
        (800_00, date(2017, 9, 15)),  # 20170915 typed as a number
        (15000_00, date(2017, 10, 20)),
    ]
    assert any("金额按元读" in s for s in report.sheets)
    assert_skipped(report, "财政资金", {6: "合计行"})


def test_one_workbook_with_funds_training_cadres_and_agreements(
    demo: Ledger, tmp_path: Path
) -> None:
    expected = office_workbook(tmp_path / "全年台账.xlsx")
    added = Added(demo)
    report = import_ledger(demo, tmp_path / "全年台账.xlsx", pairing=PAIRING)

    assert report.committed and not report.problems and not report.skipped
    assert added.count() == {
        "fund_transfer": 2,
        "training": 3,
        "cadre_exchange": 2,
        "agreement": 2,
    }
    assert [len(expected[s].skipped_rows) for s in expected] == [0, 0, 0, 0]
    funds = added.rows("fund_transfer")
    assert fen_by(funds, "kind") == {
        "fiscal": expected["资金"].totals["fiscal_fen"],
        "social": expected["资金"].totals["social_fen"],
    }

    training = sorted(added.rows("training"), key=lambda r: r["start_on"])
    assert sum(r["completed"] for r in training) == expected["培训情况"].totals["completed"]
    # 2017年4月17日-6月9日, 2017.7.3—7.14, 2017年10月9日至10月20日
    assert tuple(r["start_on"] for r in training) == expected["培训情况"].totals["starts"]
    assert tuple(r["end_on"] for r in training) == expected["培训情况"].totals["ends"]
    # 期数 (3期) is read by no field: the report says so rather than dropping it unsaid
    assert any("「培训情况」" in s and "未导入的列：期数" in s for s in report.sheets)

    cadres = {r["person_name"]: r for r in added.rows("cadre_exchange")}
    for name, (direction, start, end) in expected["干部交流"].totals["periods"].items():
        assert (cadres[name]["direction"], cadres[name]["start_on"], cadres[name]["end_on"]) == (
            direction,
            start,
            end,
        )
    # 2017.3—2018.3: both ends written to the month, and said so
    assert any(n.sheet == "干部交流" and n.column == "挂职时间" for n in report.notes)

    agreements = added.rows("agreement")
    assert {a["signed_on"] for a in agreements} == expected["协议"].totals["signed"]
    assert {(a["category"], a["status"]) for a in agreements} == {
        ("ecommerce", "signed"),
        ("employment_training", "in_progress"),
    }
    assert {a["pairing_id"] for a in agreements} == {pairing_id(demo)}
    assert run_checks(demo) == []
