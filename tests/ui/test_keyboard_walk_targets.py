"""年度目标 and 地区 with the keyboard only (README 窗口): typing targets into the grid,
clearing one, 复制上一年目标, choosing the year; a region picked from the code list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from pairtrack.tracker.ledger import Ledger
from tests.ui.conftest import refreshed, run_dialog, wait_for
from tests.ui.keys import CTRL, activate, focused, keys, named, press, tab_to, target
from tests.ui.test_keyboard_walk_records import in_dialog
from tests.ui.test_record_pages import loaded

FISCAL = "fiscal_funds"


@pytest.fixture
def targets_window(qtbot: Any, ledger: Ledger, window: Any) -> Any:
    """The window on 年度目标 (Ctrl+7), two pairings, 2017's targets set for one of them."""
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    ids = []
    for name in ("康保县", "阳原县"):
        county = ledger.regions.create(name=name, level="county")
        pairing = ledger.pairings.create(
            helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
        )
        ids.append(pairing.id)
    ledger.targets.set_many(2017, {(ids[0], FISCAL): "3000", (ids[0], "trained"): "200"})
    refreshed(qtbot, window)
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_7, CTRL)
    page = window.pages["target"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not page._busy and page.year.value() == 2017, timeout=20_000)
    window.target_pairings = ids
    return window


def grid_loaded(qtbot: Any, page: Any, year: int) -> None:
    qtbot.waitUntil(
        lambda: not page._busy and page.model.grid is not None and page.model.grid.year == year,
        timeout=20_000,
    )


def to_cell(qtbot: Any, page: Any, row: int, column: int) -> None:
    """Tab into the grid, then arrows to the cell (Tab leaves the grid, arrows move in it)."""
    tab_to(qtbot, page.view)
    if not page.view.currentIndex().isValid():
        press(qtbot, Qt.Key.Key_Down)
    while page.view.currentIndex().row() > row:
        press(qtbot, Qt.Key.Key_Up)
    while page.view.currentIndex().row() < row:
        press(qtbot, Qt.Key.Key_Down)
    while page.view.currentIndex().column() > column:
        press(qtbot, Qt.Key.Key_Left)
    while page.view.currentIndex().column() < column:
        press(qtbot, Qt.Key.Key_Right)


def test_a_target_is_typed_into_its_cell_and_enter_saves_it(
    qtbot: Any, ledger: Ledger, targets_window: Any
) -> None:
    page = targets_window.pages["target"]
    grid_loaded(qtbot, page, 2017)
    second = targets_window.target_pairings[1]
    row = [pid for pid, _label in page.model.grid.pairings].index(second)
    column = list(page.model.grid.indicators).index(FISCAL)
    to_cell(qtbot, page, row, column)
    keys(qtbot, "1500")  # typing starts the edit (in 万元, as the column says)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_Return)
    [saved] = ledger.targets.list(pairing_id=second, year=2017, indicator=FISCAL)
    assert saved.value == 1500 * 1_000_000
    assert focused() is page.view  # the next cell is one arrow away

    # F2 edits the value in place; the text is selected, so Backspace clears it: deleted
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_F2)
        press(qtbot, Qt.Key.Key_Backspace)
        press(qtbot, Qt.Key.Key_Return)
    assert ledger.targets.list(pairing_id=second, year=2017, indicator=FISCAL) == []


def test_delete_clears_the_current_target_and_ctrl_z_brings_it_back(
    qtbot: Any, ledger: Ledger, targets_window: Any
) -> None:
    page = targets_window.pages["target"]
    grid_loaded(qtbot, page, 2017)
    first = targets_window.target_pairings[0]
    row = [pid for pid, _label in page.model.grid.pairings].index(first)
    to_cell(qtbot, page, row, list(page.model.grid.indicators).index(FISCAL))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_Delete)
    assert ledger.targets.list(pairing_id=first, year=2017, indicator=FISCAL) == []
    undo = targets_window.undo_stack
    wait_for(lambda: undo.canUndo() and not undo.busy)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_Z, CTRL)
    [back] = ledger.targets.list(pairing_id=first, year=2017, indicator=FISCAL)
    assert back.value == 3000 * 1_000_000


def test_next_year_chosen_with_the_arrow_and_last_years_targets_copied(
    qtbot: Any, ledger: Ledger, targets_window: Any, answers: Any
) -> None:
    page = targets_window.pages["target"]
    grid_loaded(qtbot, page, 2017)
    tab_to(qtbot, page.year)
    press(qtbot, Qt.Key.Key_Up)  # 2018
    grid_loaded(qtbot, page, 2018)
    assert ledger.targets.count(year=2018) == 0
    tab_to(qtbot, page.copy_button)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_Space)
    assert answers.asked and "2017" in answers.asked[-1]
    assert ledger.targets.count(year=2018) == 2
    # the button's mnemonic (Alt+C) does the same from anywhere on the page
    tab_to(qtbot, page.year, back=True)
    press(qtbot, Qt.Key.Key_Up)  # 2019: nothing there yet
    grid_loaded(qtbot, page, 2019)
    answers.asked.clear()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert answers.asked and "2018" in answers.asked[-1]
    assert ledger.targets.count(year=2019) == 2


def test_a_region_is_picked_from_the_code_list_with_arrows_and_enter(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_8, CTRL)
    page = window.pages["region"]
    loaded(qtbot, page, 0)

    def fill(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, named("名称"))
        keys(qtbot, "康保")  # as an input method puts it: the list of candidates opens
        wait_for(lambda: QApplication.activePopupWidget() is not None)
        QApplication.processEvents()
        popup = QApplication.activePopupWidget()
        texts = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        wanted = next(r for r, t in enumerate(texts) if "康保县" in t)
        for _ in range(wanted + 1):
            press(qtbot, Qt.Key.Key_Down)
        assert target() is not None
        press(qtbot, Qt.Key.Key_Return)  # chosen: the form is filled
        wait_for(lambda: QApplication.activePopupWidget() is None)
        editors = dialog.editors  # type: ignore[attr-defined]
        assert editors["code"].value() == "130723"
        press(qtbot, Qt.Key.Key_Return)  # and saved

    [dialog] = run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_N, CTRL), fill)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [region] = ledger.regions.list()
    assert (region.name, region.code, region.province) == ("康保县", "130723", "河北省")
    assert region.city == "张家口市" and region.level == "county"
