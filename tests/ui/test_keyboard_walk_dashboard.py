"""总览 with the keyboard only (README 窗口 → 总览): the period and scope chosen with Tab and
the arrows (the year typed), Enter on a figure and on a warning opens the rows behind it,
and the 录入 N 年目标 button of a year without targets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pairtrack.tracker.ledger import Ledger
from tests.ui.conftest import wait_for
from tests.ui.keys import CTRL, activate, choose, focused, press, retype, tab_to


def dashboard_shown(qtbot: Any, window: Any) -> Any:
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_1, CTRL)
    dashboard = window.pages["dashboard"]
    assert window.stack.currentWidget() is dashboard
    qtbot.waitUntil(lambda: not dashboard._busy and bool(dashboard.model.rows), timeout=20_000)
    return dashboard


def settled(qtbot: Any, dashboard: Any, label: str) -> None:
    qtbot.waitUntil(lambda: not dashboard._busy and label in dashboard.period.label, timeout=20_000)


def test_period_and_scope_chosen_with_keys_then_enter_on_a_figure(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    dashboard = dashboard_shown(qtbot, window)
    picker = dashboard.picker
    tab_to(qtbot, picker.year)
    retype(qtbot, "2017")  # typed over the year shown
    tab_to(qtbot, picker.kind)
    choose(qtbot, "季度")
    tab_to(qtbot, picker.quarter)
    choose(qtbot, "第三季度")
    settled(qtbot, dashboard, "2017年第三季度")
    tab_to(qtbot, picker.scope)
    choose(qtbot, "结对：廊坊开发区→康保县")
    qtbot.waitUntil(
        lambda: not dashboard._busy and "康保县" in dashboard.title.text(), timeout=20_000
    )
    assert dashboard.period.label == "2017年第三季度"
    assert dashboard.scope.label == "结对：廊坊开发区→康保县"

    tab_to(qtbot, dashboard.table)
    keys_to_row = [r.indicator.key for r in dashboard.model.rows].index("fiscal_funds")
    press(qtbot, Qt.Key.Key_Home, CTRL)  # the first figure ...
    for _ in range(keys_to_row):
        press(qtbot, Qt.Key.Key_Down)  # ... then down to 财政援助资金
    press(qtbot, Qt.Key.Key_Return)
    page = window.pages["fund_transfer"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not page._busy and page.banner.isVisible(), timeout=20_000)
    assert "2017年第三季度" in page.banner.text()
    shown = [page.model.record(r) for r in range(page.model.rowCount())]
    assert shown and all(f.kind == "fiscal" for f in shown)
    # the banner's 清除筛选 is a keyboard stop too
    tab_to(qtbot, page.banner_clear, back=True)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page._busy and not page.banner.isVisible(), timeout=20_000)
    assert page.model.rowCount() > len(shown)


def test_enter_on_a_warning_opens_its_rows(qtbot: Any, demo_ledger: Ledger, window: Any) -> None:
    dashboard = dashboard_shown(qtbot, window)
    tab_to(qtbot, dashboard.picker.year)
    retype(qtbot, "2017")
    settled(qtbot, dashboard, "2017年")
    assert dashboard.alert_items, "the demo's 2017 has something that needs attention"
    tab_to(qtbot, dashboard.warnings)
    press(qtbot, Qt.Key.Key_Home)
    alert = dashboard.alert_items[0]
    press(qtbot, Qt.Key.Key_Return)
    table = alert.table or next(
        r.indicator.model.__tablename__
        for r in dashboard.model.rows
        if r.indicator.key == alert.indicator
    )
    page = window.pages[table]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not page._busy and page.banner.isVisible(), timeout=20_000)


def test_a_year_without_targets_leads_to_the_grid_by_keys(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    dashboard = dashboard_shown(qtbot, window)
    tab_to(qtbot, dashboard.picker.year)
    retype(qtbot, "2019")
    settled(qtbot, dashboard, "2019年")
    assert dashboard.to_targets.isVisible()
    tab_to(qtbot, dashboard.to_targets)
    press(qtbot, Qt.Key.Key_Space)
    grid = window.pages["target"]
    assert window.stack.currentWidget() is grid
    qtbot.waitUntil(lambda: not grid._busy and grid.year.value() == 2019, timeout=20_000)
    wait_for(lambda: focused().window() is window)


def test_a_custom_period_is_typed_as_two_dates(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    dashboard = dashboard_shown(qtbot, window)
    picker = dashboard.picker
    tab_to(qtbot, picker.kind)
    choose(qtbot, "自定义")
    tab_to(qtbot, picker.start)
    retype(qtbot, "2017.4.1")
    tab_to(qtbot, picker.end)
    retype(qtbot, "2017年6月30日")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field takes the date
    settled(qtbot, dashboard, "2017年4月1日")
    assert dashboard.period.start.isoformat() == "2017-04-01"
    assert dashboard.period.end.isoformat() == "2017-06-30"
