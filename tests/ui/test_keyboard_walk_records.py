"""A record page with the keyboard only (README 窗口 → 记录页面, 快捷键): new, typed dates,
form errors, edit, delete, undo, redo, history, copy, search, filter and sort."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import parse_money
from tests.ui.conftest import refreshed, run_dialog, wait_for
from tests.ui.keys import (
    CTRL,
    SHIFT,
    activate,
    choose,
    context_menu,
    focused,
    keys,
    menu_entry,
    named,
    popup,
    press,
    retype,
    shown_text,
    tab_to,
)
from tests.ui.test_record_pages import loaded

PAIRING = "廊坊开发区→康保县"


@pytest.fixture
def funds_window(qtbot: Any, ledger: Ledger, window: Any) -> Any:
    """The window on 帮扶资金 (Ctrl+4), one pairing in the ledger and three funds."""
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    for year, amount, purpose in ((2017, "30", "道路"), (2018, "5", "学校"), (2017, "120", "水厂")):
        ledger.funds.create(
            pairing_id=pairing.id, budget_year=year, kind="fiscal", amount_fen=amount,
            purpose=purpose, allocated_on=date(year, 3, 1),
        )  # fmt: skip
    refreshed(qtbot, window)
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_4, CTRL)
    page = window.pages["fund_transfer"]
    assert window.stack.currentWidget() is page
    loaded(qtbot, page, 3)
    return window


def in_dialog(dialog: QDialog) -> None:
    """Wait until the dialog has the keyboard focus (it takes it when shown)."""
    wait_for(lambda: (w := QApplication.focusWidget()) is not None and w.window() is dialog)


def to_table(qtbot: Any, page: Any) -> None:
    """Ctrl+F to the search box, then Tab until the table has the focus."""
    press(qtbot, Qt.Key.Key_F, CTRL)
    tab_to(qtbot, page.view)


def purposes(page: Any) -> list[str]:
    return [page.model.record(row).purpose for row in range(page.model.rowCount())]


def test_a_fund_is_added_with_typed_values_and_enter(
    qtbot: Any, ledger: Ledger, funds_window: Any
) -> None:
    def fill(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, named("结对关系"))
        choose(qtbot, PAIRING)
        tab_to(qtbot, named("资金年度"))
        keys(qtbot, "2019")
        tab_to(qtbot, named("资金类别"))
        choose(qtbot, "财政援助资金")
        tab_to(qtbot, named("金额"))
        keys(qtbot, "12.6")
        tab_to(qtbot, named("用途/项目"))
        keys(qtbot, "产业项目")
        tab_to(qtbot, named("拨付日期"))
        retype(qtbot, "2019/4/17")
        press(qtbot, Qt.Key.Key_Return)  # 保存 is the default button

    [dialog] = run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_N, CTRL), fill)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [fund] = [f for f in ledger.funds.list() if f.budget_year == 2019]
    assert fund.amount_fen == parse_money("12.6", "amount_fen") == 12_600_000
    assert (fund.purpose, fund.allocated_on) == ("产业项目", date(2019, 4, 17))
    assert Decimal(fund.amount_fen) / 1_000_000 == Decimal("12.6")


def test_form_errors_are_listed_and_the_cursor_waits_in_the_first(
    qtbot: Any, ledger: Ledger, funds_window: Any
) -> None:
    seen: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, named("结对关系"))
        choose(qtbot, PAIRING)
        tab_to(qtbot, named("资金类别"))
        choose(qtbot, "财政援助资金")
        tab_to(qtbot, named("金额"))
        keys(qtbot, "8")
        tab_to(qtbot, named("拨付日期"))
        retype(qtbot, "2017-05-01")
        tab_to(qtbot, named("到位日期"))
        keys(qtbot, "20170401")  # before it was allocated
        press(qtbot, Qt.Key.Key_Return)
        wait_for(lambda: not dialog.saving)
        seen["errors"] = {n for n, label in dialog.errors.items() if label.isVisible()}
        seen["focus"] = focused()
        # the cursor is in 资金年度: type it, and put the rest right, with keys
        keys(qtbot, "2017")
        tab_to(qtbot, named("用途/项目"))
        keys(qtbot, "培训")
        tab_to(qtbot, named("到位日期"))
        retype(qtbot, "2017-06-01")
        press(qtbot, Qt.Key.Key_Return)

    [dialog] = run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_N, CTRL), fill)
    assert seen["errors"] == {"budget_year", "purpose", "arrived_on"}
    assert seen["focus"] is dialog.editors["budget_year"].edit
    assert dialog.result() == QDialog.DialogCode.Accepted
    [fund] = [f for f in ledger.funds.list() if f.purpose == "培训"]
    assert fund.arrived_on == date(2017, 6, 1)


def test_enter_edits_the_row_and_escape_cancels(
    qtbot: Any, ledger: Ledger, funds_window: Any
) -> None:
    page = funds_window.pages["fund_transfer"]
    to_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Down)  # the first row, selected
    first = page.selected_ids()
    assert len(first) == 1

    def cancel(dialog: QDialog) -> None:
        in_dialog(dialog)
        keys(qtbot, "x")  # something typed, then Esc: nothing saved
        press(qtbot, Qt.Key.Key_Escape)

    run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_Return), cancel)
    assert focused() is page.view, "the focus goes back to the table after the dialog"

    def edit(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, named("用途/项目"))
        retype(qtbot, "乡村道路")
        press(qtbot, Qt.Key.Key_Return)

    run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_Return), edit)
    assert ledger.funds.get(first[0]).purpose == "乡村道路"
    assert focused() is page.view


def test_delete_undo_redo_with_keys(
    qtbot: Any, ledger: Ledger, funds_window: Any, answers: Any
) -> None:
    page = funds_window.pages["fund_transfer"]
    to_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down, SHIFT)  # two rows
    assert len(page.selected_ids()) == 2
    press(qtbot, Qt.Key.Key_Delete)
    assert answers.asked and "2 条" in answers.asked[-1]
    loaded_after = lambda n: wait_for(lambda: ledger.funds.count() == n and not page._busy)  # noqa: E731
    loaded_after(1)
    undo = funds_window.undo_stack
    wait_for(lambda: undo.canUndo() and not undo.busy)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    loaded_after(3)
    wait_for(lambda: undo.canRedo() and not undo.busy)
    press(qtbot, Qt.Key.Key_Y, CTRL)
    loaded_after(1)
    wait_for(lambda: undo.canUndo() and not undo.busy)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)  # nothing to redo: Ctrl+Shift+Z does nothing
    press(qtbot, Qt.Key.Key_Z, CTRL)
    loaded_after(3)


def test_history_opens_with_ctrl_h_and_escape_returns_to_the_table(
    qtbot: Any, ledger: Ledger, funds_window: Any
) -> None:
    page = funds_window.pages["fund_transfer"]
    ledger.funds.update(ledger.funds.ids()[0], purpose="乡村道路")
    refreshed(qtbot, funds_window)
    loaded(qtbot, page, 3)
    to_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Down)
    target = page.selected_ids()[0]
    press(qtbot, Qt.Key.Key_H, CTRL)
    dialog = page.history_dialog
    assert dialog is not None
    in_dialog(dialog)
    wait_for(lambda: bool(dialog.entries))
    text = shown_text(dialog)
    assert "新增" in text
    assert ("乡村道路" in text) == (target == ledger.funds.ids()[0])
    press(qtbot, Qt.Key.Key_Escape)
    wait_for(lambda: not dialog.isVisible())
    wait_for(lambda: focused() is page.view)


def test_ctrl_c_copies_the_selected_rows(qtbot: Any, funds_window: Any) -> None:
    page = funds_window.pages["fund_transfer"]
    to_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Down)
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(page.copied, timeout=10_000):
        press(qtbot, Qt.Key.Key_C, CTRL)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2 and "用途/项目" in lines[0]
    assert page.model.record(page.view.currentIndex().row()).purpose in lines[1]


def test_search_and_filter_from_the_keyboard(qtbot: Any, funds_window: Any) -> None:
    page = funds_window.pages["fund_transfer"]
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is page.filters.search
    keys(qtbot, "水厂")
    loaded(qtbot, page, 1)
    assert purposes(page) == ["水厂"]
    retype(qtbot, "")
    press(qtbot, Qt.Key.Key_Backspace)
    loaded(qtbot, page, 3)
    year = page.filters.year
    assert year is not None
    tab_to(qtbot, year)
    choose(qtbot, "2018年")
    loaded(qtbot, page, 1)
    assert purposes(page) == ["学校"]


def test_sorting_by_a_column_from_the_keyboard(qtbot: Any, funds_window: Any) -> None:
    page = funds_window.pages["fund_transfer"]
    to_table(qtbot, page)
    press(qtbot, Qt.Key.Key_Down)
    amount = [f.name for f in page.model.columns].index("amount_fen")
    for _ in range(amount):
        press(qtbot, Qt.Key.Key_Right)  # the current cell moves to the 金额 column
    assert page.view.currentIndex().column() == amount
    menu_entry(qtbot, context_menu(qtbot), "按“金额（万元）”降序排列")
    wait_for(lambda: purposes(page) == ["水厂", "道路", "学校"])
    # the current cell stays where it was: the next arrow key moves from there
    assert page.view.currentIndex().column() == amount
    assert page.view.horizontalHeader().sortIndicatorSection() == amount

    # Shift+F10 opens the same menu (many keyboards have no menu key)
    press(qtbot, Qt.Key.Key_F10, SHIFT)
    menu_entry(qtbot, popup(), "按“金额（万元）”升序排列")
    wait_for(lambda: purposes(page) == ["学校", "道路", "水厂"])
    assert focused() is page.view
