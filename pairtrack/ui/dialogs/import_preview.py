"""The import preview's list of what each record becomes (DESIGN §7 "conflicts in the open").

One line per record (变化, 记录), and under it one line per field that changes (字段, 本地值 →
导入的值). Records in conflict come first, in red, opened; for them the incoming value is
shown beside the local one, which stays until a person resolves the conflict (编辑 → 处理汇总
冲突…). The widget only shows the report the import dialog hands it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from pairtrack.tracker.exchange.report import (
    ImportReport,
    RecordChange,
    conflicts_first,
    in_conflict,
)
from pairtrack.ui import colours
from pairtrack.ui.accessible import set_name
from pairtrack.ui.i18n import noop, tr, tr_message

LISTED = 1000  # records shown; a large merge lists the rest as a count
HEADERS = (noop("变化"), noop("记录 / 字段"), noop("本地值"), noop("导入的值"))


class ChangePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("import_changes")
        set_name(self.tree, tr("逐条变化"))
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels([tr(h) for h in HEADERS])
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 110)
        self.tree.setColumnWidth(1, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.hide()

    def show_report(self, report: ImportReport) -> None:
        """List ``report.changes`` (a package's); a report without any hides the list."""
        self.tree.clear()
        changes = conflicts_first(report.changes)
        self.setVisible(bool(changes))
        if not changes:
            return
        conflicted = sum(1 for c in changes if in_conflict(c))
        text = tr("逐条变化（{n} 条记录）").format(n=f"{len(changes):,}")
        if conflicted:
            text += tr(
                "：其中 {n} 条有冲突（红色，列在最前），本地值保留，导入后在「编辑 → 处理汇总冲突」中处理"
            ).format(n=conflicted)
        self.title.setText(text)
        self.tree.addTopLevelItems([_record_item(c) for c in changes[:LISTED]])
        if len(changes) > LISTED:
            rest = QTreeWidgetItem(
                ["", tr("……另有 {n} 条记录未列出").format(n=f"{len(changes) - LISTED:,}")]
            )
            self.tree.addTopLevelItem(rest)
        for item in self.items():
            if item.data(0, _CONFLICT_ROLE):
                item.setExpanded(True)

    def items(self) -> list[QTreeWidgetItem]:
        """The record lines, in the order shown."""
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]


_CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1  # the record is in conflict


def _record_item(change: RecordChange) -> QTreeWidgetItem:
    item = QTreeWidgetItem([tr_message(change.action), tr_message(change.label)])
    conflict = in_conflict(change)
    item.setData(0, _CONFLICT_ROLE, conflict)
    if conflict:
        _paint(item)
    for label, before, after, field_conflict in change.fields:
        after_text = tr_message(after) + (tr("（冲突）") if field_conflict else "")
        child = QTreeWidgetItem(["", tr_message(label), tr_message(before), after_text])
        child.setToolTip(3, tr("冲突：本地值保留，待处理") if field_conflict else "")
        if field_conflict:
            child.setText(0, tr("冲突"))
            _paint(child)
        item.addChild(child)
    return item


def _paint(item: QTreeWidgetItem) -> None:
    brush = QBrush(colours.warning())
    for column in range(len(HEADERS)):
        item.setForeground(column, brush)
