"""Opening another ledger (or the same one, restored) keeps the window where it is; each ledger
keeps the period 总览 showed; with none kept, 总览 and 年度目标 open where the ledger has data
(a restart on the demo showed an empty dashboard of the current year)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.app import Controller


def make_ledger(path: Path, demo: bool = False) -> Path:
    ledger = Ledger.open(path)
    ledger.set_settings(operator="王敏", office_code="131001", office_name="开发区")
    if demo:
        load_demo(ledger)
    ledger.close()
    return path


@pytest.fixture
def controller() -> Any:
    made = Controller()
    yield made
    made.shut_down()


def open_in(qtbot: Any, controller: Controller, path: Path) -> Any:
    with qtbot.waitSignal(controller.finished, timeout=20_000) as ended:
        controller.open(path)
    assert ended.args == [True]
    window = controller.window
    assert window is not None
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: not dashboard._busy and hasattr(dashboard, "period"), timeout=20_000)
    return window


def test_another_ledger_opens_in_the_window_s_place_and_size(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    first = open_in(qtbot, controller, make_ledger(tmp_path / "a.db"))
    # inside the offscreen screen (800×600) with room for a title bar, and above the
    # window's minimum size, so that Qt keeps it exactly as set
    first.resize(700, 570)
    first.move(30, 26)
    qtbot.waitUntil(lambda: (first.width(), first.height()) == (700, 570))
    where = (first.pos(), first.size())
    second = open_in(qtbot, controller, make_ledger(tmp_path / "b.db"))
    assert second is not first
    assert (second.pos(), second.size()) == where


def test_each_ledger_keeps_its_own_period_and_scope(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    demo = make_ledger(tmp_path / "demo.db", demo=True)
    other = make_ledger(tmp_path / "other.db")
    window = open_in(qtbot, controller, demo)
    picker = window.pages["dashboard"].picker
    qtbot.waitUntil(lambda: picker.scope.count() > 1)
    picker.set_period(2017, 6)
    picker.scope.setCurrentIndex(picker.scope.findText("受援方：康保县"))

    window = open_in(qtbot, controller, other)  # nothing there: this year, everything
    picker = window.pages["dashboard"].picker
    assert (picker.year.value(), picker.scope.currentText()) == (date.today().year, "全部")

    window = open_in(qtbot, controller, demo)
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: dashboard.picker.scope.currentText() == "受援方：康保县")
    qtbot.waitUntil(lambda: not dashboard._busy and dashboard.scope.label.endswith("康保县"))
    assert dashboard.period.label == "截至2017年6月底"


def test_a_restart_on_the_demo_opens_on_its_year_not_an_empty_one(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    window = open_in(qtbot, controller, make_ledger(tmp_path / "demo.db", demo=True))
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: not dashboard._busy and dashboard.period.end.year == 2017)
    assert "未设定" not in dashboard.title.text()
    assert dashboard.model.rows and any(r.has_target for r in dashboard.model.rows)
    targets = window.show_page("target")
    qtbot.waitUntil(lambda: not targets._busy and targets.model.grid.year == 2017)
    assert targets.year.value() == 2017 and not targets.hint.isVisible()


def test_a_period_without_targets_says_so_and_leads_to_the_target_grid(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    dashboard = window.show_page("dashboard")
    dashboard.picker.set_period(2019, 6)  # funds, but no targets, in 2019
    qtbot.waitUntil(lambda: not dashboard._busy and dashboard.period.end.year == 2019)
    assert "各项指标均未滞后" not in dashboard.title.text()
    assert "未设定 2019 年目标" in dashboard.title.text()
    assert dashboard.no_targets.isVisible() and "年度目标" in dashboard.no_targets.text()
    dashboard.to_targets.click()
    targets = window.pages["target"]
    assert window.stack.currentWidget() is targets
    qtbot.waitUntil(lambda: not targets._busy and targets.model.grid.year == 2019)
    assert targets.hint.isVisible() and "已有目标的年度：2017" in targets.hint.text()


def test_an_empty_year_of_targets_says_how_to_fill_it(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    targets = window.show_page("target")
    qtbot.waitUntil(lambda: not targets._busy and targets.model.grid.year == 2017)
    with qtbot.waitSignal(targets.loaded):
        targets.year.setValue(2018)
    assert targets.hint.isVisible()
    assert "复制上一年目标" in targets.hint.text() and "2017" in targets.hint.text()
    with qtbot.waitSignal(targets.loaded):
        targets.year.setValue(2017)
    assert not targets.hint.isVisible()


def test_a_ledger_without_targets_says_where_to_start(qtbot: Any, window: Any) -> None:
    targets = window.show_page("target")
    qtbot.waitUntil(lambda: not targets._busy and targets.model.grid is not None)
    qtbot.waitUntil(targets.hint.isVisible)
    assert "结对关系" in targets.hint.text()
