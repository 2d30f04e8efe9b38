"""历史: who changed a record, when, and how (``tracker.history``), read in the worker.

One line per step (time, operator, action), and under it one line per field that changed,
with its value before and after, shown as the record pages show values (names for ids, 万元,
Chinese labels for codes).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.dates import local_time
from pairtrack.tracker.history import HistoryEntry, record_history
from pairtrack.tracker.kinds import BY_TABLE
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import Record
from pairtrack.ui.display import Lookups, display, header
from pairtrack.ui.focus_return import return_focus
from pairtrack.ui.i18n import noop, tr, tr_message
from pairtrack.ui.ops import Job, QueryOp

HEADERS = (noop("时间"), noop("操作员"), noop("操作"), noop("字段"), noop("原值"), noop("新值"))
SHORTCUT = QKeySequence("Ctrl+H")


def record_name(table: str, record: Record, lookups: Lookups) -> str:
    """A record as a person finds it in its page: a pairing by its label, any other record
    by its first text column (a fund's purpose, a cadre's name), else its first column."""
    if table == "pairing":
        return lookups.pairings.get(record.id, "")
    kind = BY_TABLE[table]
    fields = [kind.service.field(name) for name in kind.columns]
    chosen = next((f for f in fields if f.kind == "text" and getattr(record, f.name)), fields[0])
    return display(chosen, getattr(record, chosen.name), lookups)


class HistoryDialog(QDialog):
    loaded = Signal()

    def __init__(
        self,
        table: str,
        record_id: str,
        name: str,
        lookups: Lookups,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.table_name, self.record_id, self.lookups = table, record_id, lookups
        noun = tr(BY_TABLE[table].service.noun)
        self.setWindowTitle(tr("历史：{noun}「{name}」").format(noun=noun, name=name))
        self.resize(820, 460)
        self.entries: list[HistoryEntry] = []
        self.lines: list[QTreeWidgetItem] = []
        self.status = QLabel(tr("正在读取…"))
        self.status.setObjectName("history_status")
        self.tree = QTreeWidget()
        self.tree.setObjectName("history")
        self.tree.setAccessibleName(tr("修改历史"))
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels([tr(h) for h in HEADERS])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        return_focus(self)  # Esc goes back to the row whose history this is
        self.reload()

    def reload(self) -> None:
        table, record_id = self.table_name, self.record_id

        def read(ledger: Ledger, _job: Job) -> list[HistoryEntry]:
            return record_history(ledger, table, record_id)

        QueryOp(self, read, self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(tr("无法读取历史：{error}").format(error=tr_message(exc)))
        self.loaded.emit()

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.tree.clear()
        self.lines = []  # steps and their fields, in order
        for entry in entries:
            step = QTreeWidgetItem(
                [
                    local_time(entry.at),
                    entry.operator or tr("（未设置）"),
                    tr(entry.label),
                    "",
                    "",
                    "",
                ]
            )
            if not entry.known:
                step.setText(3, tr("（修改前后的内容已不再保存）"))
            elif entry.action in ("update", "merge", "settle") and not entry.changes:
                step.setText(3, tr("（内容未变）"))
            self.lines.append(step)
            for change in entry.changes:
                f = change.field
                line = QTreeWidgetItem(
                    ["", "", "", header(f), self._value(f, change.before),
                     self._value(f, change.after)]
                )  # fmt: skip
                step.addChild(line)
                self.lines.append(line)
            self.tree.addTopLevelItem(step)
        self.tree.expandAll()
        for column in range(len(HEADERS)):
            self.tree.resizeColumnToContents(column)
        if entries:
            self.status.setText(tr("共 {n} 项操作，最近的在前。").format(n=len(entries)))
            self.tree.setCurrentItem(self.lines[0])
        else:
            self.status.setText(tr("没有找到这条记录的修改记录。"))
        self.loaded.emit()

    def _value(self, f: Any, value: Any) -> str:
        return tr("（空）") if value is None else display(f, value, self.lookups)

    def rows(self) -> list[tuple[str, ...]]:
        """Every line as shown, steps and their fields in order (for tests and copying)."""
        return [tuple(line.text(c) for c in range(len(HEADERS))) for line in self.lines]
