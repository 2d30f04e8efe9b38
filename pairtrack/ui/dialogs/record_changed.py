"""The record form's answer to a save refused because someone else changed the record since
it was opened (``tracker.services.opened``, issue 15).

Shown inside the form, above the fields, which keep what the user typed: who changed the
record and when, every field where the other writer's saved value and the user's differ
(字段 / 对方保存的值 / 您填写的值; the fields the other writer changed in bold), and three
choices. The form decides what each choice does; this panel only shows and asks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.dates import local_time
from pairtrack.tracker.fields import Field
from pairtrack.tracker.services.opened import ChangedSinceOpened, FieldDifference
from pairtrack.ui import colours
from pairtrack.ui.accessible import set_name
from pairtrack.ui.display import Lookups, display, header
from pairtrack.ui.i18n import noop, tr

HEADERS = (noop("字段"), noop("对方保存的值"), noop("您填写的值"))
# Kinds whose ``display`` expects a read value: a value the service could not read (the
# save would have been refused for it anyway) is shown as typed instead.
READ_KINDS = ("money", "int", "year", "date")
MAX_COLUMN_WIDTH = 300
MAX_TABLE_HEIGHT = 260  # about eight rows; more scroll


def who_and_when(exc: ChangedSinceOpened) -> tuple[str, str]:
    """The other writer (from the audit trail) and the time of the change, on this PC's clock."""
    who = exc.operator or tr("（未设置）")
    return who, "" if exc.changed_at is None else local_time(exc.changed_at)


def headline(exc: ChangedSinceOpened) -> str:
    """「这条记录在您打开后已被 <操作员> 于 <时间> 修改」, in the window's language."""
    who, when = who_and_when(exc)
    if exc.deleted:
        text = tr("这条记录在您打开后已被 {operator} 于 {time} 删除")
    else:
        text = tr("这条记录在您打开后已被 {operator} 于 {time} 修改")
    return text.format(operator=who, time=when)


def shown(f: Field, value: Any, lookups: Lookups) -> str:
    if value is None or value == "":
        return tr("（空）")
    if isinstance(value, str) and f.kind in READ_KINDS:
        return value
    return display(f, value, lookups)


class ChangedPanel(QFrame):
    """Hidden until a save is refused; ``show_refusal`` fills it."""

    overwrite = Signal()  # 用我的内容覆盖 (the form asks for confirmation first)
    discard = Signal()  # 放弃我的修改: close the form and read the record again
    keep_editing = Signal()  # 返回继续编辑

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changed_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colours.banner(self)
        self.lookups = lookups
        self.refusal: ChangedSinceOpened | None = None
        self.shown_differences: list[FieldDifference] = []
        self.message = QLabel()
        self.message.setObjectName("changed_message")
        self.message.setWordWrap(True)
        font = self.message.font()
        font.setBold(True)
        self.message.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("changed_hint")
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("changed_fields")
        set_name(self.table, tr("对方保存的值与您填写的值"))
        self.table.setTabKeyNavigation(False)  # arrows move in the table; Tab leaves it
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.overwrite_button = QPushButton(tr("用我的内容覆盖(&O)"))
        self.overwrite_button.setObjectName("changed_overwrite")
        self.discard_button = QPushButton(tr("放弃我的修改(&D)"))
        self.discard_button.setObjectName("changed_discard")
        self.back_button = QPushButton(tr("返回继续编辑(&B)"))
        self.back_button.setObjectName("changed_back")
        for button in (self.overwrite_button, self.discard_button, self.back_button):
            button.setAutoDefault(False)  # Enter in the form is not a choice made here
        self.overwrite_button.clicked.connect(self.overwrite)
        self.discard_button.clicked.connect(self.discard)
        self.back_button.clicked.connect(self.keep_editing)
        choices = QHBoxLayout()
        choices.addWidget(self.overwrite_button)
        choices.addWidget(self.discard_button)
        choices.addWidget(self.back_button)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(choices)
        self.hide()

    def show_refusal(self, exc: ChangedSinceOpened) -> None:
        self.refusal = exc
        self.message.setText(headline(exc))
        # What saving anyway would replace: where the two versions differ.
        self.shown_differences = [d for d in exc.differences if d.overwritten]
        self.table.setRowCount(len(self.shown_differences))
        for row, difference in enumerate(self.shown_differences):
            f = difference.field
            cells = (
                header(f),
                shown(f, difference.theirs, self.lookups),
                shown(f, difference.mine, self.lookups),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if difference.changed_by_them:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):  # a long purpose stays readable
            width = min(self.table.columnWidth(column), MAX_COLUMN_WIDTH)
            self.table.setColumnWidth(column, width)
        # as tall as its rows (up to a limit), so the form below keeps its room
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        frame = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        self.table.setFixedHeight(min(frame + rows_height, MAX_TABLE_HEIGHT))
        self.table.setVisible(bool(self.shown_differences))
        self.overwrite_button.setVisible(not exc.deleted)
        self.hint.setText(self._hint(exc))
        self.show()
        # the first choice that keeps the user's work, so a stray Enter loses nothing
        self.back_button.setFocus()

    def _hint(self, exc: ChangedSinceOpened) -> str:
        if exc.deleted:
            return tr("这条记录已被删除，您的修改不能再保存。如需保留，请先恢复它。")
        if not self.shown_differences:
            return tr("您的修改尚未保存。对方保存的内容与您填写的相同。")
        return tr(
            "您的修改尚未保存。下表列出对方保存的值与您填写的值不同的字段；"
            "加粗的是对方修改过的字段。"
        )

    def rows(self) -> list[tuple[str, ...]]:
        """The comparison as shown (for tests)."""
        table = self.table
        return [
            tuple(item.text() if (item := table.item(r, c)) else "" for c in range(3))
            for r in range(table.rowCount())
        ]
