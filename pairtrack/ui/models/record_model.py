"""A lazy table model: it holds the filtered, sorted ids and fetches rows a page at a time
(STYLE habit 4), so a 100,000-row ledger scrolls without loading every record.

Pages are fetched in the database worker: a row whose page has not arrived yet shows empty,
and fills in (``dataChanged``) when it does. After a change the old page stays on screen
until its fresh copy arrives, so the table does not flicker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from pairtrack.tracker.fields import Field
from pairtrack.tracker.records import Record
from pairtrack.tracker.services.base import EntityService
from pairtrack.ui.display import Lookups, alignment, display, header

PAGE_SIZE = 200
ValueRole = Qt.ItemDataRole.UserRole + 1  # the stored value (fen, date, code) of a cell
Index = QModelIndex | QPersistentModelIndex


class RecordModel(QAbstractTableModel):
    # the view asked to sort: field name and descending; the page re-queries ids in SQL
    sort_requested = Signal(str, bool)
    page_arrived = Signal()

    def __init__(
        self,
        service: type[EntityService[Any]],
        columns: list[Field],
        lookups: Lookups,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.columns, self.lookups = service, columns, lookups
        self._ids: list[str] = []
        self._rows: dict[str, int] | None = None  # id → row, built when first asked
        self._pages: dict[int, list[Record | None]] = {}
        self._stale: set[int] = set()  # shown until their fresh copy arrives
        self._pending: set[int] = set()
        self._generation = 0  # a new id list makes pages still in flight useless

    # --- contents --------------------------------------------------------------------------
    def set_ids(self, ids: list[str], first_page: list[Record] | None = None) -> None:
        """A new id list; ``first_page`` (the records of its first page) when already read."""
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self._rows = None
        self._pages.clear()
        self._stale.clear()
        self._pending.clear()
        if first_page is not None:
            self._store(0, first_page)
        self.endResetModel()

    def refetch(self) -> None:
        """Rows changed but the id list did not: fetch the pages on screen again."""
        self._stale = set(self._pages)
        self._pending.clear()
        self._generation += 1
        for page in list(self._stale):
            self._request(page)

    def _store(self, page: int, records: list[Record]) -> None:
        chunk = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        by_id = {r.id: r for r in records}
        self._pages[page] = [by_id.get(i) for i in chunk]
        self._stale.discard(page)

    def _request(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        chunk = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        generation, table = self._generation, self.service.model.__tablename__

        def arrived(records: list[Record]) -> None:
            if generation != self._generation:
                return
            self._pending.discard(page)
            self._store(page, records)
            first = page * PAGE_SIZE
            last = min(len(self._ids), first + PAGE_SIZE) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
            self.page_arrived.emit()

        from pairtrack.ui.ops import QueryOp

        QueryOp(self, lambda ledger, _job: ledger.services[table].rows(chunk), arrived).run()

    @property
    def ids(self) -> list[str]:
        return self._ids

    def record(self, row: int) -> Record | None:
        """The record at ``row`` if its page has arrived; otherwise None, and it is fetched."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        if page not in self._pages or page in self._stale:
            self._request(page)
        if page not in self._pages:
            return None
        return self._pages[page][row % PAGE_SIZE]

    def loaded(self) -> bool:
        """Every page asked for has arrived."""
        return not self._pending

    def row_of(self, record_id: str) -> int:
        if self._rows is None:  # one pass, not a list search per id (2,000 reselected rows)
            self._rows = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._rows.get(record_id, -1)

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
