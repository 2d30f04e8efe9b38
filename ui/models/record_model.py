"""A lazy table model: it holds the filtered, sorted ids and fetches rows a page at a time
(STYLE habit 4), so a 100,000-row ledger scrolls without loading every record."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from tracker.fields import Field
from tracker.records import Record
from tracker.services.base import EntityService
from ui.display import Lookups, alignment, display, header

PAGE_SIZE = 200
ValueRole = Qt.ItemDataRole.UserRole + 1  # the stored value (fen, date, code) of a cell
Index = QModelIndex | QPersistentModelIndex


class RecordModel(QAbstractTableModel):
    # the view asked to sort: field name and descending; the page re-queries ids in SQL
    sort_requested = Signal(str, bool)

    def __init__(
        self,
        service: EntityService[Any],
        columns: list[Field],
        lookups: Lookups,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.columns, self.lookups = service, columns, lookups
        self._ids: list[str] = []
        self._pages: dict[int, list[Record]] = {}

    # --- contents --------------------------------------------------------------------------
    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def refetch(self) -> None:
        """Rows changed but the id list did not: drop cached pages and repaint."""
        self._pages.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def ids(self) -> list[str]:
        return self._ids

    def record(self, row: int) -> Record | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            chunk = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            by_id = {r.id: r for r in self.service.rows(chunk)}
            self._pages[page] = [by_id.get(i) for i in chunk]  # type: ignore[misc]
        return self._pages[page][row % PAGE_SIZE]

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    # --- Qt model contract -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        f = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(alignment(f).value)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ValueRole):
            return None
        record = self.record(index.row())
        if record is None:
            return None
        value = getattr(record, f.name)
        if role == ValueRole:
            return value
        return display(f, value, self.lookups)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return header(self.columns[section]) if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(self.columns[column].name, descending)
