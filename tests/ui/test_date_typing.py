"""Dates typed with the keyboard read as typed: a full date typed over a selected one is that
date (Qt's section editor kept the old year), in every form staff write dates; a text that is
no date is refused with the field named, never taken for another date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.record import RecordDialog
from pairtrack.ui.forms.date_edit import DateEdit
from tests.ui.conftest import refreshed, run_dialog
from tests.ui.test_record_pages import fill, loaded, save

CTRL = Qt.KeyboardModifier.ControlModifier


def type_over(qtbot: Any, edit: DateEdit, text: str) -> None:
    """Select what is there (Ctrl+A), type ``text`` key by key, and leave with Tab."""
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit.line, text)
    qtbot.keyClick(edit.line, Qt.Key.Key_Tab)


@pytest.fixture
def date_edit(qtbot: Any) -> Iterator[DateEdit]:
    """A date field and, after it, another field for Tab to go to."""
    form = QWidget()
    layout = QVBoxLayout(form)
    edit = DateEdit()
    layout.addWidget(edit)
    layout.addWidget(QLineEdit())
    qtbot.addWidget(form)
    form.show()
    edit.set_date(date(2026, 3, 4))
    yield edit  # the form stays referenced (alive) until the test ends


@pytest.mark.parametrize("typed", ["2017-09-10", "2017/9/10", "2017.9.10", "20170910", "2017-9-10"])
def test_a_date_typed_over_a_selected_one_is_the_date_typed(
    qtbot: Any, date_edit: DateEdit, typed: str
) -> None:
    type_over(qtbot, date_edit, typed)
    assert date_edit.date() == date(2017, 9, 10)
    assert date_edit.text() == "2017-09-10"  # read back in the one form tables show


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("2017-13-45", "日期不存在"), ("2017-09", "无法识别的日期"), ("1900-01-01", "超出范围")],
)
def test_a_text_that_is_no_date_is_not_taken_for_one(
    qtbot: Any, date_edit: DateEdit, typed: str, fragment: str
) -> None:
    type_over(qtbot, date_edit, typed)
    assert date_edit.date() is None
    assert fragment in (date_edit.problem() or "")
    assert date_edit.text() == typed  # left as typed, for the person to correct


def test_arrows_step_days_and_page_keys_months(qtbot: Any, date_edit: DateEdit) -> None:
    date_edit.set_date(date(2017, 1, 31))
    qtbot.keyClick(date_edit.line, Qt.Key.Key_Up)
    assert date_edit.date() == date(2017, 2, 1)
    qtbot.keyClick(date_edit.line, Qt.Key.Key_Down)
    qtbot.keyClick(date_edit.line, Qt.Key.Key_PageUp)
    assert date_edit.date() == date(2017, 2, 28)  # kept inside February


def test_the_calendar_opens_from_the_keyboard_and_picks_a_date(
    qtbot: Any, date_edit: DateEdit
) -> None:
    date_edit.set_date(date(2017, 9, 10))
    qtbot.keyClick(date_edit.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = date_edit.popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    from PySide6.QtWidgets import QCalendarWidget

    calendar = popup.findChild(QCalendarWidget)
    assert calendar.selectedDate().toString("yyyy-MM-dd") == "2017-09-10"
    calendar.setSelectedDate(calendar.selectedDate().addDays(5))
    calendar.activated.emit(calendar.selectedDate())  # Enter on the chosen day
    assert date_edit.date() == date(2017, 9, 15)
    assert not popup.isVisible()


PAIRING = "廊坊开发区→康保县"  # no pairing is chosen for the user (issue 14)


@pytest.fixture
def funds_page(qtbot: Any, ledger: Ledger, window: Any) -> Any:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    refreshed(qtbot, window)
    return window.show_page("fund_transfer")


def test_dates_typed_in_the_record_form_are_saved_as_typed(
    qtbot: Any, ledger: Ledger, funds_page: Any
) -> None:
    def drive(d: RecordDialog) -> None:
        fill(
            d,
            pairing_id=PAIRING,
            budget_year="2017",
            kind="财政援助资金",
            amount_fen="12.6",
            purpose="产业项目",
        )
        type_over(qtbot, d.editors["allocated_on"].edit, "2017-09-10")
        d.editors["arrived_on"].edit.line.setText("2017年10月8日")  # keyClicks: ASCII only
        save(d)

    [dialog] = run_dialog(qtbot, funds_page.new_record, drive)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [fund] = ledger.funds.list()
    assert (fund.allocated_on, fund.arrived_on) == (date(2017, 9, 10), date(2017, 10, 8))


def test_an_optional_date_left_blank_is_none_and_a_bad_one_is_named(
    qtbot: Any, ledger: Ledger, funds_page: Any
) -> None:
    def drive(d: RecordDialog) -> None:
        fill(d, budget_year="2017", amount_fen="12.6", purpose="产业项目")
        assert d.editors["arrived_on"].value() is None  # optional: blank until typed
        type_over(qtbot, d.editors["allocated_on"].edit, "2017-02-30")
        save(d)
        assert d.isVisible() and d.errors["allocated_on"].isVisible()
        assert "日期不存在" in d.errors["allocated_on"].text()
        d.reject()

    run_dialog(qtbot, funds_page.new_record, drive)
    assert ledger.funds.count(include_deleted=True) == 0


def test_an_edited_record_shows_its_dates_and_keeps_them(
    qtbot: Any, ledger: Ledger, funds_page: Any, window: Any
) -> None:
    [pairing] = ledger.pairings.list()
    ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
                        amount_fen=100_000_000, purpose="旧项目",
                        allocated_on=date(2017, 3, 1))  # fmt: skip
    refreshed(qtbot, window)
    loaded(qtbot, funds_page, 1)
    funds_page.view.selectRow(0)
    seen: list[str] = []

    def drive(d: RecordDialog) -> None:
        seen.append(d.editors["allocated_on"].edit.text())
        seen.append(d.editors["arrived_on"].edit.text())
        type_over(qtbot, d.editors["arrived_on"].edit, "20170405")
        save(d)

    run_dialog(qtbot, funds_page.edit_selected, drive)
    assert seen == ["2017-03-01", ""]
    assert ledger.funds.list()[0].arrived_on == date(2017, 4, 5)


def test_a_custom_period_is_typed_over_the_selected_dates(qtbot: Any, window: Any) -> None:
    dashboard = window.show_page("dashboard")
    picker = dashboard.picker
    picker.kind.setCurrentIndex(picker.kind.findData("range"))
    type_over(qtbot, picker.start, "2017-03-01")
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        type_over(qtbot, picker.end, "2017-09-10")
    period = picker.period()
    assert (period.start, period.end) == (date(2017, 3, 1), date(2017, 9, 10))
    qtbot.waitUntil(lambda: dashboard.period.end == date(2017, 9, 10))
