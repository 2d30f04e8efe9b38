"""A date typed as text, read by the one date rule (``tracker.dates.parse_date``), with a
calendar to pick from.

Qt's ``QDateEdit`` edits a date section by section: with the whole date selected it refuses
the first digit typed, so ``2017-09-10`` typed over ``2026-03-04`` came out as 2026-09-10 (the
year kept, silently). Here what is typed is what is read, in every form staff type dates
(``2017-09-10``, ``2017/9/10``, ``2017.9.10``, ``2017年9月10日``, ``20170910``), and a text that
is no date is never taken for one.

Keys: ↑/↓ a day later/earlier, PgUp/PgDn a month, Alt+↓ or F4 opens the calendar.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR, format_date, parse_date
from pairtrack.tracker.errors import ValidationError
from pairtrack.ui.i18n import tr

# Syntax only (the characters dates are typed with, full-width ones included); what they
# mean is parse_date's one rule.
DATE_SYNTAX = r"[0-9０-９\-/.－／．年月日号 ]{0,20}"  # i18n: not shown
# ↑/↓ a day, PgUp/PgDn a month (as a whole number of months)
STEPS: dict[int, timedelta | int] = {
    Qt.Key.Key_Up: timedelta(days=1),
    Qt.Key.Key_Down: timedelta(days=-1),
    Qt.Key.Key_PageUp: 1,
    Qt.Key.Key_PageDown: -1,
}


Day = date  # DateEdit has a method named ``date``: its annotations use this name


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the month (Jan 31 + 1 → Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, _days_in(year, month + 1)))


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


class DateEdit(QWidget):
    """``date()`` is the date typed (None when blank or not a date); ``problem()`` says why
    a text is not one."""

    changed = Signal()  # any edit of the text
    date_changed = Signal()  # the text now reads as a (different) valid date

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setObjectName("date_text")
        self.line.setValidator(QRegularExpressionValidator(QRegularExpression(DATE_SYNTAX)))
        self.line.setPlaceholderText(placeholder or tr("如 2017-11-30"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("0000-00-00") + 16)
        self.button = QToolButton()
        self.button.setObjectName("date_calendar")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(tr("从日历中选择（Alt+↓）"))
        self.button.setAccessibleName(tr("从日历中选择日期"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+↓ reaches it from the text
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.popup: QMenu | None = None
        self._last: Day | None = None
        self.line.textChanged.connect(self._edited)
        self.line.editingFinished.connect(self._tidy)
        self.line.installEventFilter(self)

    def setAccessibleName(self, name: str) -> None:
        """Named for a screen reader on the text field, which is what takes the focus."""
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    # --- value -----------------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def date(self) -> Day | None:
        try:
            return self._parse()
        except ValidationError:
            return None

    def problem(self) -> str | None:
        """Why the text is not a date (None: it is one, or it is blank)."""
        try:
            self._parse()
        except ValidationError as exc:
            return exc.message
        return None

    def _parse(self) -> Day | None:
        text = self.line.text().strip()
        return parse_date(text) if text else None

    def set_date(self, value: Day | None) -> None:
        self.line.setText("" if value is None else format_date(value))

    def _edited(self) -> None:
        self.line.setToolTip(self.problem() or "")
        self.changed.emit()
        now = self.date()
        if now is not None and now != self._last:
            self._last = now
            self.date_changed.emit()
        elif not self.line.text().strip():
            self._last = None

    def _tidy(self) -> None:
        """Leaving the field, a date typed in another form reads as 2017-09-10."""
        now = self.date()
        if now is not None and self.line.text() != format_date(now):
            self.set_date(now)

    # --- keys and calendar -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            alt = bool(mods & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self.show_calendar()
                return True
            if key in STEPS and not alt:
                self._step(STEPS[key])
                return True
        return super().eventFilter(watched, event)

    def _step(self, by: timedelta | int) -> None:
        day = self.date() or date.today()
        try:
            moved = day + by if isinstance(by, timedelta) else add_months(day, by)
        except (OverflowError, ValueError):
            return
        if MIN_YEAR <= moved.year <= MAX_YEAR:
            self.set_date(moved)

    def show_calendar(self) -> None:
        if not self.isEnabled():
            return
        popup = QMenu(self)
        cal = QCalendarWidget()
        cal.setObjectName("date_calendar_popup")
        cal.setMinimumDate(QDate(MIN_YEAR, 1, 1))
        cal.setMaximumDate(QDate(MAX_YEAR, 12, 31))
        day = self.date() or date.today()
        cal.setSelectedDate(QDate(day.year, day.month, day.day))

        def chosen(picked: QDate) -> None:
            self.set_date(date(picked.year(), picked.month(), picked.day()))
            popup.close()
            self.line.setFocus()

        cal.clicked.connect(chosen)
        cal.activated.connect(chosen)
        action = QWidgetAction(popup)
        action.setDefaultWidget(cal)
        popup.addAction(action)
        self.popup = popup
        popup.aboutToShow.connect(cal.setFocus)
        popup.popup(self.mapToGlobal(self.rect().bottomLeft()))
