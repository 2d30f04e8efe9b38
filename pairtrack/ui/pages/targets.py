"""年度目标: the target grid of one year, with "copy from last year"."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.changes import Change
from pairtrack.tracker.data_span import DataSpan, opening_target_year, target_years
from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.services.targets import TargetGrid
from pairtrack.ui import messages, ops
from pairtrack.ui.accessible import label_for, set_name
from pairtrack.ui.bus import bus
from pairtrack.ui.display import Lookups
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.models.target_model import TargetModel
from pairtrack.ui.ops import CollectionOp, Job, QueryOp, is_attached
from pairtrack.ui.pages.period_picker import affixes
from pairtrack.ui.undo import UndoStack


class TargetPage(QWidget):
    loaded = Signal()

    def __init__(
        self, undo: UndoStack, parent: QWidget | None = None, lookups: Lookups | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_target")
        self.undo_stack = undo
        self.lookups = lookups  # names for 历史
        self.history_dialog: QWidget | None = None
        self._busy = self._again = False
        self.year = QSpinBox()
        self.year.setObjectName("target_year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        prefix, suffix = affixes(tr("{year}年"), "{year}")
        self.year.setPrefix(prefix)
        self.year.setSuffix(suffix)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self._year_chosen)
        self._placed = False  # the first read moves to the latest year with targets
        self.copy_button = QPushButton(tr("复制上一年目标(&C)"))
        self.copy_button.setObjectName("copy_last_year")
        self.copy_button.clicked.connect(self.copy_last_year)
        self.model = TargetModel(self)
        self.model.failed.connect(
            lambda message: messages.tell(self, tr("目标值有误"), message, error=True)
        )
        self.model.edited.connect(self._edited)
        self.view = QTableView()
        self.view.setObjectName("target_grid")
        set_name(self.view, tr("年度目标表"))
        # Tab leaves the grid (while a value is typed, Tab still moves to the next cell)
        self.view.setTabKeyNavigation(False)
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setDefaultSectionSize(110)
        # Delete clears the current cell (as emptying it does): the key a person tries first
        clear = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.clear_current)
        if ops.read_only() is not None:  # the grid only shows; the model refuses edits too
            self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.copy_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(label_for(tr("年度："), self.year))
        bar.addWidget(self.year)
        bar.addWidget(self.copy_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(
            QLabel(
                tr(
                    "在单元格中直接键入目标值（或双击、按 F2 修改），Enter 保存；资金以万元计。"
                    "按 Delete 或清空单元格即删除该目标。"
                )
            )
        )
        # A year without targets says how to get some, instead of showing a blank grid.
        self.hint = QLabel()
        self.hint.setObjectName("target_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background: #fff3e0; padding: 4px;")
        self.hint.hide()
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        bus().changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches("target", "pairing", "region"):
            self.refresh()

    def _year_chosen(self) -> None:
        self._placed = True  # a year chosen is kept, whatever the first read finds
        self.refresh()

    def show_year(self, year: int) -> None:
        self._placed = True
        if self.year.value() == year:
            self.refresh()
        self.year.setValue(year)

    def refresh(self) -> None:
        if not is_attached():  # a late answer after the window let go of the database
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        year = self.year.value()

        def work(ledger: Ledger, _job: Job) -> tuple[TargetGrid, tuple[int, ...]]:
            return ledger.targets.grid(year), target_years(ledger)

        QueryOp(self, work, self._show).failure(self._failed).run()

    def _show(self, result: tuple[TargetGrid, tuple[int, ...]]) -> None:
        self._busy = False
        grid, years = result
        if not self._placed:
            self._placed = True
            wanted = opening_target_year(DataSpan({}, years))
            if wanted != self.year.value():
                self.year.setValue(wanted)  # reads again, for that year
                return
        if self._again or grid.year != self.year.value():
            self.refresh()
            return
        self.model.update_grid(grid)
        self._show_hint(grid, years)
        self.loaded.emit()

    def _show_hint(self, grid: TargetGrid, years: tuple[int, ...]) -> None:
        year = grid.year
        if not grid.pairings:
            text = tr("{year} 年没有进行中的结对关系：先在「结对关系」页添加，再录入目标。")
        elif grid.values:
            text = ""
        elif year - 1 in years:
            text = tr(
                "{year} 年还没有目标。点「复制上一年目标」（Alt+C）把 {last} 年的目标复制过来，"
                "或在单元格中逐项键入。"
            )
        elif years:
            text = tr("{year} 年还没有目标，在单元格中键入即可录入。已有目标的年度：{years}。")
        else:
            text = tr(
                "还没有录入任何年度目标。在单元格中键入 {year} 年的目标即可（资金以万元计）。"
            )
        listed = tr("、").join(str(y) for y in years)
        self.hint.setText(text.format(year=year, last=year - 1, years=listed))
        self.hint.setVisible(bool(text))

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        messages.tell(self, tr("无法读取年度目标"), tr_message(exc), error=True)

    def show_history(self) -> None:
        """历史 of the target in the current cell: who set it, when, and to what."""
        cell = self.model.cell(self.view.currentIndex())
        if cell is None or self.lookups is None:
            return
        (pairing_id, label), indicator = cell
        year = self.year.value()

        def find(ledger: Ledger, _job: Job) -> str | None:
            # the latest target of the cell, also one cleared since (its deletion is history)
            found = ledger.targets.ids(
                pairing_id=pairing_id, year=year, indicator=indicator, include_deleted=True
            )
            return found[-1] if found else None

        def found(target_id: str | None) -> None:
            from pairtrack.tracker.indicators import LABELS
            from pairtrack.ui.dialogs.history import HistoryDialog

            if target_id is None:
                messages.tell(self, tr("历史"), tr("这个单元格还没有设置过目标。"))
                return
            assert self.lookups is not None
            name = tr("{pairing} · {year}年 · {indicator}").format(
                pairing=label, year=year, indicator=tr(LABELS[indicator])
            )
            self.history_dialog = HistoryDialog("target", target_id, name, self.lookups, self)
            self.history_dialog.open()

        QueryOp(self, find, found).run()

    def clear_current(self) -> None:
        """Delete on a cell: its target is deleted (undone with Ctrl+Z, as any edit)."""
        index = self.view.currentIndex()
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable and index.data():
            self.model.setData(index, "")

    def copy_last_year(self) -> None:
        year = self.year.value()
        question = tr("把 {last} 年的目标复制到 {year} 年吗？已有的目标保持不变。")
        if not messages.ask(self, tr("复制上一年目标"), question.format(last=year - 1, year=year)):
            return

        def copy(ledger: Ledger, _job: Job) -> dict[tuple[str, str], tuple[int | None, int]]:
            return ledger.targets.copy_year_cells(year - 1, year)

        def copied(cells: dict[tuple[str, str], tuple[int | None, int]]) -> None:
            if cells:
                before = {cell: old for cell, (old, _new) in cells.items()}
                after = {cell: new for cell, (_old, new) in cells.items()}
                self.undo_stack.done(
                    tr("复制 {last} 年目标到 {year} 年").format(last=year - 1, year=year),
                    undo=lambda ledger: ledger.targets.set_many(year, before),
                    redo=lambda ledger: ledger.targets.set_many(year, after),
                )
            messages.tell(
                self, tr("复制上一年目标"), tr("已复制 {n} 项目标。").format(n=len(cells))
            )

        def failed(exc: BaseException) -> None:
            messages.tell(self, tr("无法复制"), tr_message(exc), error=True)

        CollectionOp(self, copy, copied).failure(failed).run()

    def _edited(self, pairing_id: str, indicator: str, before: Any, after: Any) -> None:
        year, cell = self.year.value(), (pairing_id, indicator)
        self.undo_stack.done(
            tr("修改年度目标"),
            undo=lambda ledger: ledger.targets.set_many(year, {cell: before}),
            redo=lambda ledger: ledger.targets.set_many(year, {cell: after}),
        )
