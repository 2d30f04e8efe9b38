"""One editor widget per field kind; each hands the service plain values (or the text staff
typed, which the service parses) and shows the service's verdict next to itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.money import DEFAULT_UNIT, fen_to_wan, parse_money
from pairtrack.ui.accessible import set_name
from pairtrack.ui.forms.date_edit import DateEdit
from pairtrack.ui.i18n import tr

# Syntax only (habit 8): the characters money is typed with; what they mean (a bare number
# is DEFAULT_UNIT, shown beside the field) is tracker.money.parse_money's one rule.
MONEY_SYNTAX = r"[￥¥]?\s*[0-9０-９,，.．]*\s*(千元|万元|亿元|千|万|亿|元)?"  # i18n: not shown
LONG_TEXT = 1000


def wan_number(fen: int) -> str:
    """An exact figure in 万元 to edit beside the 万元 label ("12.6", "0.00005"), never
    rounded: parse_money reads it back as the same fen."""
    text = f"{fen_to_wan(fen):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class Editor(QWidget):
    changed = Signal()

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = f
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.layout_ = layout

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus(self) -> None:
        self.setFocus()


class LineEditor(Editor):
    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        self.edit = QLineEdit()
        self.edit.setMaxLength(f.max_length)
        if f.kind == "money":
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(MONEY_SYNTAX)))
            self.edit.setPlaceholderText(tr("如 12.6、3千、800元"))
        elif f.kind in ("int", "year"):
            digits = (
                r"[0-9０-９]{0,4}" if f.kind == "year" else r"[0-9０-９,]{0,12}"
            )  # i18n: not shown
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(digits)))
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)
        unit = tr("单位：{unit}").format(unit=tr(DEFAULT_UNIT)) if f.kind == "money" else ""
        set_name(self.edit, tr(f.label), unit)
        if f.kind == "money":
            # The unit a bare number means (DESIGN §7 "One unit rule"); the service reads the
            # text by the same rule.
            self.unit = QLabel(tr(DEFAULT_UNIT))
            self.unit.setObjectName("unit")
            self.layout_.addWidget(self.unit)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.text()

    def fen(self) -> int | None:
        """The money typed, in fen, or None when it is blank or not yet valid (the service
        names the problem when saving)."""
        if self.field.kind != "money" or not self.edit.text().strip():
            return None
        try:
            return parse_money(self.edit.text(), self.field.name, DEFAULT_UNIT)
        except ValidationError:
            return None

    def set_value(self, value: Any) -> None:
        if value is None:
            self.edit.setText("")
        elif self.field.kind == "money":
            self.edit.setText(wan_number(value))  # in the unit beside it
        else:
            self.edit.setText(str(value))


class TextEditor(Editor):
    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(70)
        set_name(self.edit, tr(f.label))
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText(value or "")


class DateEditor(Editor):
    """A date typed as staff write it (``ui.forms.date_edit``); left blank, an optional field
    has none. A text that is no date goes to the service as typed, which names the problem."""

    def __init__(self, f: Field, parent: QWidget | None = None) -> None:
        super().__init__(f, parent)
        hint = tr("如 2017-11-30") if f.required else tr("如 2017-11-30，可不填")
        self.edit = DateEdit(hint)
        set_name(self.edit, tr(f.label))
        if f.required:
            self.edit.set_date(date.today())
        self.edit.changed.connect(self.changed)
        self.layout_.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | str | None:
        typed = self.edit.text().strip()
        if not typed:
            return None
        day = self.edit.date()
        return typed if day is None else day

    def set_value(self, value: Any) -> None:
        self.edit.set_date(value)


class ComboEditor(Editor):
    """A choice among codes, or a record picked by name (pairings, regions, agreements).

    A required choice starts empty (「请选择」), never on its first item: a form saved without
    a look at it must be refused, not file a fund under whichever pairing sorts first.
    """

    def __init__(self, f: Field, items: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(f, parent)
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(16)
        self.combo.setPlaceholderText(tr("请选择"))
        set_name(self.combo, tr(f.label))
        self.combo.currentIndexChanged.connect(self.changed)
        self.layout_.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.set_items(items)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        current = self.value()
        self.combo.blockSignals(True)
        self.combo.clear()
        if not self.field.required:
            self.combo.addItem(tr("（无）"), None)
        for code, label in items:
            self.combo.addItem(label, code)
        self.combo.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and not self.field.required:
            index = 0  # （无）
        self.combo.setCurrentIndex(index)  # -1: nothing chosen, the placeholder shows
