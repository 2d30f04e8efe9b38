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

from tracker.dates import MAX_YEAR, MIN_YEAR
from tracker.errors import PairTrackError
from tracker.ledger import Ledger
from ui import messages
from ui.bus import bus
from ui.display import tr
from ui.models.target_model import TargetModel
from ui.undo import UndoStack


class TargetPage(QWidget):
    loaded = Signal()

    def __init__(self, ledger: Ledger, undo: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_target")
        self.ledger, self.undo_stack = ledger, undo
        self.year = QSpinBox()
        self.year.setObjectName("target_year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setSuffix(tr("年"))
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self.refresh)
        self.copy_button = QPushButton(tr("复制上一年目标"))
        self.copy_button.setObjectName("copy_last_year")
        self.copy_button.clicked.connect(self.copy_last_year)
        self.model = TargetModel(ledger, self)
        self.model.failed.connect(
            lambda message: messages.tell(self, tr("目标值有误"), message, error=True)
        )
        self.model.edited.connect(self._edited)
        self.view = QTableView()
        self.view.setObjectName("target_grid")
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setDefaultSectionSize(110)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("年度：")))
        bar.addWidget(self.year)
        bar.addWidget(self.copy_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(QLabel(tr("双击单元格输入目标值；资金以万元计，清空单元格即删除该目标。")))
        layout.addWidget(self.view, 1)
        bus().changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, table: str, _ids: tuple[str, ...]) -> None:
        if table in ("target", "pairing", "region", "*"):
            self.refresh()

    def refresh(self) -> None:
        self.model.set_grid(self.ledger.targets.grid(self.year.value()))
        self.loaded.emit()

    def copy_last_year(self) -> None:
        year = self.year.value()
        question = tr("把 {last} 年的目标复制到 {year} 年吗？已有的目标保持不变。")
        if not messages.ask(self, tr("复制上一年目标"), question.format(last=year - 1, year=year)):
            return
        try:
            count = self.ledger.targets.copy_year(year - 1, year)
        except PairTrackError as exc:
            messages.tell(self, tr("无法复制"), str(exc), error=True)
            return
        bus().announce("target")
        messages.tell(self, tr("复制上一年目标"), tr("已复制 {n} 项目标。").format(n=count))

    def _edited(self, pairing_id: str, indicator: str, before: Any) -> None:
        year = self.year.value()

        def undo() -> None:
            self.ledger.targets.set_many(year, {(pairing_id, indicator): before})
            bus().announce("target")

        self.undo_stack.push(tr("修改年度目标"), undo)
        bus().announce("target")
