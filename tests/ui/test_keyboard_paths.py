"""Keys a keyboard user relies on: Ctrl+1 … Ctrl+8 and the 视图 menu land on their own page,
and Enter or Space on a 总览 figure opens the rows behind it, as a click does."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.main_window import NAVIGATION
from tests.ui.test_dashboard_targets import dashboard_for

CTRL = Qt.KeyboardModifier.ControlModifier


def focused(qtbot: Any, window: Any) -> QWidget:
    """Where a real key press would go: the window's focus widget, once it is active."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget = QApplication.focusWidget()
    return widget if widget is not None else window


def test_ctrl_and_a_number_open_each_page_from_wherever_the_focus_is(
    qtbot: Any, window: Any
) -> None:
    # from the last page backwards, so that no page is already showing when its key is pressed
    for row in reversed(range(len(NAVIGATION))):
        key = NAVIGATION[row][0]
        qtbot.keyClick(focused(qtbot, window), getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
        assert window.current_key() == key, f"Ctrl+{row + 1}"
        assert window.stack.currentWidget() is window.pages[key]


def test_every_page_entry_of_the_view_menu_opens_its_page_and_names_its_shortcut(
    window: Any,
) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("视图"))
    entries = [a for a in view_menu.actions() if not a.isSeparator()][: len(NAVIGATION)]
    for row in reversed(range(len(NAVIGATION))):
        key, title, _icon = NAVIGATION[row]
        action = entries[row]
        assert action.text() == title
        assert action.shortcut().toString() == f"Ctrl+{row + 1}"
        action.trigger()  # as a click on the entry: ``triggered`` carries checked=False
        assert window.current_key() == key, title


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_or_space_on_a_figure_opens_the_rows_behind_it(
    qtbot: Any, demo_ledger: Ledger, window: Any, key: Qt.Key
) -> None:
    dashboard = dashboard_for(qtbot, window, 2017, 11)
    training = [i.key for i in INDICATORS].index("trained")
    dashboard.table.setFocus()
    dashboard.table.setCurrentIndex(dashboard.model.index(training, 0))
    qtbot.keyClick(dashboard.table, key)
    page = window.pages.get("training")
    assert page is not None and window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not page._busy and page.banner.isVisible())
    assert "完成培训 · 截至2017年11月底" in page.banner.text()
