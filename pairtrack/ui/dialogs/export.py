"""文件 → 导出…: records for Excel, csv or consolidation (DESIGN §7), or a blank template.

The file is chosen with Qt's save dialog (which asks before replacing a file); the open
database and the backups are refused whatever the answer, and the file is written beside the
target and moved into place when complete (``tracker.outputs``, in the worker).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages
from pairtrack.ui.accessible import prepare
from pairtrack.ui.i18n import noop, tr, tr_message
from pairtrack.ui.ops import Job, QueryOp

FORMATS = (
    ("xlsx", noop("Excel 工作簿 (*.xlsx)"), ".xlsx"),
    ("csv", noop("CSV 文件（zip 压缩包）(*.zip)"), ".zip"),
    ("package", noop("汇总包 (*.pairtrack.zip)"), ".pairtrack.zip"),
)


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导出"))
        self.format = QComboBox()
        for key, label, _suffix in FORMATS:
            self.format.addItem(tr(label), key)
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(date.today().year)
        self.template = QCheckBox(tr("导出空白台账模板（含下拉列表与说明）"))
        self.path = QLineEdit()
        self._chosen = ""  # the path Qt's save dialog confirmed (it asked before replacing)
        browse = QPushButton(tr("浏览(&B)…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("格式(&F)"), self.format)
        form.addRow(tr("汇总年度(&Y)"), self.year)
        form.addRow("", self.template)
        form.addRow(tr("保存到(&S)"), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            tr("导出"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.template.toggled.connect(self._template_toggled)
        prepare(self)

    def _template_toggled(self, on: bool) -> None:
        if on:
            self.format.setCurrentIndex(0)
        self.format.setEnabled(not on)

    def _browse(self) -> None:
        _key, label, suffix = FORMATS[self.format.currentIndex()]
        path, _ = QFileDialog.getSaveFileName(self, tr("导出到"), f"pairtrack{suffix}", tr(label))
        if path:
            self._chosen = path
            self.path.setText(path)

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            messages.tell(self, tr("导出"), tr("请选择保存位置。"), error=True)
            return
        target, key = Path(text), str(self.format.currentData())
        # A typed path was not confirmed by the file dialog: ask here. The database and its
        # backups are refused whatever the answer (tracker.outputs, in the worker).
        if (
            text != self._chosen
            and target.exists()
            and not messages.ask(
                self, tr("导出"), tr("「{path}」已存在，要替换它吗？").format(path=target)
            )
        ):
            return
        year, template = self.year.value(), self.template.isChecked()

        def work(ledger: Ledger, job: Job) -> Path:
            progress, cancelled = job.progress, job.cancelled
            # Plain values only cross into the worker (habit 3).
            if template:
                from pairtrack.tracker.exchange.template import export_template

                export_template(ledger, target, force=True)
            elif key == "xlsx":
                from pairtrack.tracker.exchange.xlsx_export import export_xlsx

                export_xlsx(
                    ledger, target, year=year, force=True, progress=progress, cancelled=cancelled
                )
            elif key == "csv":
                from pairtrack.tracker.exchange.csv_export import export_csv

                export_csv(ledger, target, force=True, progress=progress, cancelled=cancelled)
            else:
                from pairtrack.tracker.exchange.package_write import export_package

                export_package(ledger, target, force=True, progress=progress, cancelled=cancelled)
            return target

        self.export_button.setEnabled(False)
        self.handle = (
            QueryOp(self, work, self._done)
            .failure(self._failed)
            .with_progress(tr("正在导出…"))
            .run()
        )

    def _done(self, target: Path) -> None:
        messages.tell(self, tr("导出"), tr("已导出到：{path}").format(path=target))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if not isinstance(exc, JobCancelled):
            messages.tell(self, tr("导出失败"), tr_message(exc), error=True)
