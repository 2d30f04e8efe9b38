"""年度目标: the target grid of one year, with "copy from last year"."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
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

from tracker.changes import Change
from tracker.dates import MAX_YEAR, MIN_YEAR
from tracker.ledger import Ledger
from tracker.services.targets import TargetGrid
from ui import messages
from ui.accessible import label_for, set_name
from ui.bus import bus
from ui.display import tr
from ui.models.target_model import TargetModel
from ui.ops import CollectionOp, Job, QueryOp
from ui.undo import UndoStack


class TargetPage(QWidget):
    loaded = Signal()

    def __init__(self, undo: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_target")
        self.undo_stack = undo
        self._busy = self._again = False
        self.year = QSpinBox()
        self.year.setObjectName("target_year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSuffix(tr("年"))
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self.refresh)
        self.copy_button = QPushButton(tr("复制上一年目标"))
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
        bar = QHBoxLayout()
        bar.addWidget(label_for(tr("年度："), self.year))
        bar.addWidget(self.year)
        bar.addWidget(self.copy_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(QLabel(tr("双击单元格输入目标值；资金以万元计，清空单元格即删除该目标。")))
        layout.addWidget(self.view, 1)
        bus().changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches("target", "pairing", "region"):
            self.refresh()

    def refresh(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        year = self.year.value()
        QueryOp(self, lambda ledger, _job: ledger.targets.grid(year), self._show).failure(
            self._failed
        ).run()

    def _show(self, grid: TargetGrid) -> None:
        self._busy = False
        if self._again or grid.year != self.year.value():
            self.refresh()
            return
        self.model.update_grid(grid)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        messages.tell(self, tr("无法读取年度目标"), str(exc), error=True)

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
            messages.tell(self, tr("无法复制"), str(exc), error=True)

        CollectionOp(self, copy, copied).failure(failed).run()

    def _edited(self, pairing_id: str, indicator: str, before: Any, after: Any) -> None:
        year, cell = self.year.value(), (pairing_id, indicator)
        self.undo_stack.done(
            tr("修改年度目标"),
            undo=lambda ledger: ledger.targets.set_many(year, {cell: before}),
            redo=lambda ledger: ledger.targets.set_many(year, {cell: after}),
        )
