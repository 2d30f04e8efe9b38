"""The year-target grid: pairings down, indicators across, edited in place (money in 万元)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import format_wan, implausible, parse_money
from pairtrack.tracker.services.targets import TargetGrid
from pairtrack.ui import messages, ops
from pairtrack.ui.forms.editors import wan_number
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job

Index = QModelIndex | QPersistentModelIndex


class TargetModel(QAbstractTableModel):
    failed = Signal(str)  # the service refused a value; nothing was written
    # pairing id, indicator, value before and after (for undo); the cell was saved
    edited = Signal(str, str, object, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: TargetGrid | None = None

    def set_grid(self, grid: TargetGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.pairings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.indicators)

    def cell(self, index: Index) -> tuple[tuple[str, str], str] | None:
        """The (pairing id, label) and the indicator key of the cell at ``index``."""
        found = self._cell(index)
        if found is None or self.grid is None:
            return None
        return self.grid.pairings[index.row()], found[1]

    def _cell(self, index: Index) -> tuple[str, str] | None:
        if self.grid is None or not index.isValid():
            return None
        if not (0 <= index.row() < len(self.grid.pairings)):
            return None
        if not (0 <= index.column() < len(self.grid.indicators)):
            return None
        return self.grid.pairings[index.row()][0], self.grid.indicators[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self._cell(index)
        if cell is None or self.grid is None:
            return None
        value = self.grid.values.get(cell)
        money = BY_KEY[cell[1]].is_money
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            return format_wan(value, unit=False) if money else f"{value:,}"
        if role == Qt.ItemDataRole.EditRole:
            if value is None:
                return ""
            return wan_number(value) if money else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        editable = self._cell(index) is not None and ops.read_only() is None
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Save the typed value in the worker; the cell shows it once the grid is reloaded."""
        cell = self._cell(index)
        if cell is None or self.grid is None or role != Qt.ItemDataRole.EditRole:
            return False
        if ops.read_only() is not None:  # opened read-only: no cell takes a value
            return False
        text = str(value).strip()
        indicator = BY_KEY[cell[1]]
        if indicator.is_money and not self._plausible(text, indicator.label):
            return False
        before, year = self.grid.values.get(cell), self.grid.year

        def write(ledger: Ledger, _job: Job) -> int | None:
            ledger.targets.set_many(year, {cell: text})
            # the one cell as stored now (the page reloads the whole grid on the change anyway)
            found = ledger.targets.list(pairing_id=cell[0], year=year, indicator=cell[1])
            return found[0].value if found else None

        def saved(after: int | None) -> None:
            if after != before:
                self.edited.emit(cell[0], cell[1], before, after)

        CollectionOp(self, write, saved).failure(
            lambda exc: self.failed.emit(tr_message(exc))
        ).run()
        return True

    def _plausible(self, text: str, label: str) -> bool:
        """A money value above the targets' plausibility bound is saved only once confirmed;
        text that is not money is left for the service to refuse with its message."""
        try:
            fen = parse_money(text, "value")  # the column shows 万元, the default unit
        except ValidationError:
            return True
        warning = implausible("target", fen, label)
        if warning is None:
            return True
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        question = tr_message(warning) + "\n" + tr("仍要保存吗？")
        return messages.ask(widget, tr("请确认金额"), question)

    def update_grid(self, fresh: TargetGrid) -> None:
        """A reloaded grid: repaint in place when the rows are the same, else reset."""
        if self.grid is not None and fresh.pairings == self.grid.pairings:
            self.grid = fresh
            if self.rowCount() and self.columnCount():
                last = self.index(self.rowCount() - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.set_grid(fresh)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.grid.indicators):
                return None
            indicator = BY_KEY[self.grid.indicators[section]]
            return tr("{indicator}\n（{unit}）").format(
                indicator=tr(indicator.short or indicator.label), unit=tr(indicator.unit)
            )
        if 0 <= section < len(self.grid.pairings):
            return self.grid.pairings[section][1]
        return None
