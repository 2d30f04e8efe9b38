"""The indicator table of the dashboard: target, actual, completion, 序时进度, status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from tracker.formatting import format_share, format_value
from tracker.progress import IndicatorProgress
from ui.display import tr

HEADERS = ("指标", "单位", "目标", "实际", "完成率", "序时进度", "状态")
LAGGING = QColor("#c62828")
DONE = QColor("#2e7d32")
Index = QModelIndex | QPersistentModelIndex


class ProgressModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[IndicatorProgress] = []

    def set_rows(self, rows: list[IndicatorProgress]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            i = row.indicator
            cells = (
                tr(i.label),
                tr(i.unit),
                format_value(i, row.target),
                format_value(i, row.actual),
                format_share(row.completion),
                format_share(row.elapsed),
                tr(row.status),
            )
            return cells[column] if 0 <= column < len(cells) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.lagging:
                return QBrush(LAGGING)
            if row.status == "已完成" and column == 6:
                return QBrush(DONE)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(row.indicator.rule)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None
