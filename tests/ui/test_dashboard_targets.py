"""The dashboard on the demo data, its drill-down, and the year-target grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.ledger import Ledger


def dashboard_for(qtbot: Any, window: Any, year: int, month: int) -> Any:
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard._busy, timeout=10_000)  # figures, then warnings
    dashboard.picker.set_period(year, month)
    qtbot.waitUntil(
        lambda: not dashboard._busy and dashboard.period.label == f"截至{year}年{month}月底"
    )
    return dashboard


def cell(model: Any, row: int, column: int, role: Any = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_dashboard_of_the_demo_shows_completion_and_marks_the_lagging_one(
    qtbot: Any, demo_ledger: Ledger, window: Any, qtmodeltester: Any
) -> None:
    dashboard = dashboard_for(qtbot, window, 2017, 11)
    model = dashboard.model
    qtmodeltester.check(model)
    fiscal = [i.key for i in INDICATORS].index("fiscal_funds")
    assert [cell(model, fiscal, c) for c in range(7)] == [
        "财政援助资金（到位）", "万元", "35,500.00", "28,383.00", "80.0%", "91.5%", "滞后",
    ]  # fmt: skip
    assert cell(model, fiscal, 0, Qt.ItemDataRole.ForegroundRole) is not None  # red
    social = [i.key for i in INDICATORS].index("social_funds")
    assert cell(model, social, 6) == "正常"
    assert cell(model, social, 0, Qt.ItemDataRole.ForegroundRole) is None
    assert "1 项指标滞后" in dashboard.title.text()
    assert (
        dashboard.warnings.item(0)
        .text()
        .startswith("⚠ 财政援助资金（到位）指标完成率为80.0%，低于序时进度91.5%")
    )
    # the chart has one bar per indicator, capped, in percent
    assert dashboard.chart.bars.count() == len(INDICATORS)
    assert round(dashboard.chart.completion_of("fiscal_funds")) == 80


def test_clicking_an_indicator_opens_the_rows_behind_it(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    dashboard = dashboard_for(qtbot, window, 2017, 11)
    fiscal = [i.key for i in INDICATORS].index("fiscal_funds")
    index = dashboard.model.index(fiscal, 0)
    qtbot.mouseClick(
        dashboard.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dashboard.table.visualRect(index).center(),
    )
    funds = window.pages["fund_transfer"]
    assert window.stack.currentWidget() is funds
    qtbot.waitUntil(lambda: not funds._busy and funds.banner.isVisible())
    qtbot.waitUntil(lambda: not funds._busy and "28,383.00万元" in funds.totals.text())
    assert "财政援助资金（到位） · 截至2017年11月底" in funds.banner.text()
    kinds = {funds.model.record(r).kind for r in range(funds.model.rowCount())}
    assert kinds == {"fiscal"}
    funds.banner_clear.click()
    qtbot.waitUntil(lambda: not funds._busy and funds.model.rowCount() == demo_ledger.funds.count())


def test_clicking_a_warning_opens_its_rows(qtbot: Any, demo_ledger: Ledger, window: Any) -> None:
    dashboard = dashboard_for(qtbot, window, 2017, 11)
    overdue = next(i for i, a in enumerate(dashboard.alert_items) if a.kind == "cadre_overdue")
    dashboard.open_alert(dashboard.warnings.item(overdue))
    cadres = window.pages["cadre_exchange"]
    expected = len(dashboard.alert_items[overdue].row_ids)
    qtbot.waitUntil(lambda: not cadres._busy and cadres.model.rowCount() == expected)
    assert all(cadres.model.record(r).returned_on is None for r in range(expected))


def test_target_grid_edits_in_place_in_wan_and_copies_last_year(
    qtbot: Any, demo_ledger: Ledger, window: Any, qtmodeltester: Any, answers: Any
) -> None:
    page = window.show_page("target")
    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2017)
    model = page.model
    qtmodeltester.check(model)
    labels = [label for _id, label in model.grid.pairings]
    row = labels.index("廊坊开发区→康保县")
    fiscal = list(model.grid.indicators).index("fiscal_funds")
    assert cell(model, row, fiscal) == "3,000.00"
    with qtbot.waitSignal(page.loaded):
        assert model.setData(model.index(row, fiscal), "3200")  # a bare number means 万元
    pairing_id = model.grid.pairings[row][0]
    [target] = demo_ledger.targets.list(pairing_id=pairing_id, year=2017, indicator="fiscal_funds")
    assert target.value == 3_200_000_000
    assert cell(model, row, fiscal) == "3,200.00"
    with qtbot.waitSignal(model.failed):  # refused, nothing written
        model.setData(model.index(row, fiscal), "abc")
    assert answers.told and "无法识别的金额" in answers.told[-1]
    assert demo_ledger.targets.get(target.id).value == 3_200_000_000
    assert window.act_undo.text() == "撤销“修改年度目标”"
    with qtbot.waitSignal(page.loaded):
        window.act_undo.trigger()  # Ctrl+Z takes the edit back
    assert demo_ledger.targets.get(target.id).value == 3_000_000_000
    assert cell(model, row, fiscal) == "3,000.00"
    with qtbot.waitSignal(page.loaded):
        window.act_redo.trigger()
    assert cell(model, row, fiscal) == "3,200.00"

    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2018)
    assert all(cell(model, r, c) == "" for r in range(model.rowCount()) for c in range(8))
    with qtbot.waitSignal(page.loaded):
        page.copy_button.click()
    assert answers.asked and "2017" in answers.asked[-1]
    assert cell(model, row, fiscal) == "3,200.00"
    assert demo_ledger.targets.count(year=2018) == demo_ledger.targets.count(year=2017)
