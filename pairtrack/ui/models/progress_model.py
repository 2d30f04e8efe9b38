"""The indicator table of the dashboard: target, actual, completion, 序时进度, status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from pairtrack.tracker.formatting import INDICATOR_HEADERS, indicator_cells
from pairtrack.tracker.progress import IndicatorProgress
from pairtrack.ui import colours
from pairtrack.ui.i18n import tr, tr_message

TEXT_COLUMNS = (0, 1, 6)  # label, unit, status: words, translated; the rest are figures
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
        return 0 if parent.isValid() else len(INDICATOR_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = indicator_cells(row)
            if not 0 <= column < len(cells):
                return None
            return tr_message(cells[column]) if column in TEXT_COLUMNS else cells[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.lagging:
                return QBrush(colours.warning())  # readable on the palette's base
            if row.status == "已完成" and column == 6:  # i18n: not shown
                return QBrush(colours.success())
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
            return tr(INDICATOR_HEADERS[section]) if 0 <= section < len(INDICATOR_HEADERS) else None
        return None
