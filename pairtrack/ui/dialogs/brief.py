"""生成简报: choose period, scope, appendix and the two text sections, generate the brief in
the worker, and preview it in the window (QtPdf) with save, open and print.

All figures come from ``tracker.brief``; this dialog only collects plain values, starts the
job and shows the file it wrote.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.brief import BriefOptions, build_brief, load_texts, save_texts
from pairtrack.tracker.brief.appendix import AppendixSize, estimate
from pairtrack.tracker.brief.docx import render_docx
from pairtrack.tracker.brief.pdf import render_pdf
from pairtrack.tracker.brief.sections import title_of
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.jobs import JobCancelled, Progress
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.outputs import copy_file, write_file
from pairtrack.tracker.periods import Period, Scope
from pairtrack.ui import colours, messages, printing
from pairtrack.ui.accessible import prepare, set_name
from pairtrack.ui.display import Lookups
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job, QueryOp
from pairtrack.ui.pages.period_picker import PeriodPicker


def phase(job: Job, start: int, end: int) -> Progress:
    """A step's progress as part ``start``–``end`` of one bar running to 1000."""

    def progress(done: int, total: int) -> None:
        share = done / total if total else 1
        # rounded down: a step nearly done must not read as done (at its maximum the
        # progress dialog closes while the work goes on)
        job.progress(start + int(min(1, share) * (end - start)), 1000)

    return progress


class BriefDialog(QDialog):
    texts_loaded = Signal()  # the stored texts of the chosen period and scope are shown

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.setWindowTitle(tr("生成简报"))
        self.resize(1100, 780)
        self._folder = Path(tempfile.mkdtemp(prefix="pairtrack-brief-"))
        self._count = 0
        self._pdf: Path | None = None
        self._data: Any = None  # the BriefData behind the preview, for a .docx copy
        self._title = ""
        self._texts_for: tuple[Period, Scope] | None = None
        # What the preview was made from, and what a brief under way is made from: a preview
        # that no longer matches the choices on the left is not saved, opened or printed.
        self._made_from: tuple[object, ...] | None = None
        self._making_from: tuple[object, ...] | None = None
        self.job: Any = None

        self.picker = PeriodPicker(lookups)
        self.appendix = QCheckBox(tr("附上明细表（附表：每项指标背后的记录）"))
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setTabChangesFocus(True)  # Tab moves on; the text has no use for tabs
        self.problems.setPlaceholderText(tr("补充说明存在的问题（系统自动发现的问题会列在前面）"))
        self.next_steps = QPlainTextEdit()
        self.next_steps.setObjectName("next_steps")
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setPlaceholderText(tr("下一步工作安排"))
        self.generate = QPushButton(tr("生成(&G)"))
        self.generate.setDefault(True)
        self.status = QLabel()

        form = QFormLayout()
        form.addRow(tr("期间与范围："), self.picker)
        form.addRow("", self.appendix)
        form.addRow(tr("七、存在问题："), self.problems)
        form.addRow(tr("八、下一步工作："), self.next_steps)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.generate)
        left_layout.addLayout(row)

        self.view = QPdfView()
        # One document for the dialog's life, reloaded for each brief: QtPdf 6.11 crashes
        # when a view is switched to another document or its document is deleted first.
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.stale = QLabel()
        self.stale.setObjectName("stale")
        self.stale.setWordWrap(True)
        self.stale.setContentsMargins(4, 4, 4, 4)
        colours.banner(self.stale)  # from the palette: readable in a dark theme too
        self.stale.hide()
        set_name(self.view, tr("简报预览"))
        self.save_button = QPushButton(tr("保存(&S)…"))
        self.open_button = QPushButton(tr("用系统程序打开(&O)"))
        self.print_button = QPushButton(tr("打印(&P)…"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.open_button, self.print_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.stale)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

        prepare(self)
        self.picker.changed.connect(self._load_texts)
        for signal in (self.picker.changed, self.appendix.toggled,
                       self.problems.textChanged, self.next_steps.textChanged):  # fmt: skip
            signal.connect(self._show_whether_current)
        self.generate.clicked.connect(self.start)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_external)
        self.print_button.clicked.connect(self.print_brief)
        self._load_texts()

    # --- texts -----------------------------------------------------------------------------
    def _load_texts(self) -> None:
        """Show the texts stored for the chosen period and scope; keep what was typed for the
        previous choice, so switching back and forth loses nothing."""
        try:
            period, scope = self.picker.period(), self.picker.scope_value()
        except Exception as exc:  # an impossible custom range: say so, keep the old texts
            self.status.setText(tr_message(exc))
            return
        if self._texts_for is not None and self._texts_for != (period, scope):
            self._save_texts(self._texts_for, *self._typed())
        self._texts_for = (period, scope)

        def shown(texts: tuple[str, str]) -> None:
            if self._texts_for == (period, scope):
                self.problems.setPlainText(texts[0])
                self.next_steps.setPlainText(texts[1])
                self.texts_loaded.emit()

        QueryOp(self, lambda ledger, _job: load_texts(ledger, period, scope), shown).run()

    def _save_texts(self, where: tuple[Period, Scope], problems: str, next_steps: str) -> None:
        # parented to the window: the texts are kept even if this dialog closes meanwhile
        CollectionOp(
            self.parent(), lambda ledger, _job: save_texts(ledger, *where, problems, next_steps)
        ).run()

    def _typed(self) -> tuple[str, str]:
        return self.problems.toPlainText(), self.next_steps.toPlainText()

    # --- is the preview current ------------------------------------------------------------
    def _inputs(self) -> tuple[object, ...] | None:
        """Everything a brief is made from, as chosen now (None: the period is impossible)."""
        try:
            period, scope = self.picker.period(), self.picker.scope_value()
        except Exception:
            return None
        return (period, scope, self.appendix.isChecked(), *self._typed())

    def is_current(self) -> bool:
        """Whether a preview is shown and was made from the choices as they are now."""
        return self._pdf is not None and self._made_from == self._inputs()

    def _show_whether_current(self) -> None:
        if self._pdf is None:
            return
        current = self.is_current()
        for button in (self.save_button, self.open_button, self.print_button):
            button.setEnabled(current)
        self.stale.setVisible(not current)
        self.stale.setText(
            tr(
                "期间、范围或内容已改动，右侧仍是改动前生成的简报。"
                "请点「生成」重新生成后再保存、打开或打印。"
            )
        )

    # --- generate --------------------------------------------------------------------------
    def start(self) -> None:
        """Generate the brief; with a 附表, first count its rows and, if it runs to many pages,
        ask with the estimated pages and time before starting."""
        try:
            period, scope = self.picker.period(), self.picker.scope_value()
        except Exception as exc:
            messages.tell(self, tr("生成简报"), tr_message(exc), error=True)
            return
        if not self.appendix.isChecked():
            self._start(period, scope)
            return

        def counted(size: AppendixSize) -> None:
            self.job = None
            self.generate.setEnabled(True)
            if size.large and not messages.ask(self, tr("生成简报"), tr_message(size.question)):
                self.status.setText(tr("未生成。可不附明细表，或缩小期间与范围。"))
                return
            self._start(period, scope)

        self.generate.setEnabled(False)
        self.status.setText(tr("正在估算附表页数…"))
        self.job = (
            QueryOp(self, lambda ledger, _job: estimate(ledger, period, scope), counted)
            .failure(self._failed)
            .run()
        )

    def _start(self, period: Period, scope: Scope) -> None:
        problems, next_steps = self._typed()
        self._making_from = (period, scope, self.appendix.isChecked(), problems, next_steps)
        options = BriefOptions(
            period=period,
            scope=scope,
            office_name=self.lookups.data.settings.get("office_name", ""),
            issued_on=date.today(),
            appendix=self.appendix.isChecked(),
            problems_text=problems,
            next_steps_text=next_steps,
        )
        self._count += 1
        target = self._folder / f"brief-{self._count}.pdf"

        def job(ledger: Ledger, job: Job) -> tuple[Path, Any]:
            save_texts(ledger, period, scope, problems, next_steps)
            # One bar for both steps: the figures take the first tenth, the layout the rest.
            data = build_brief(ledger, options, phase(job, 0, 100), job.cancelled)
            render_pdf(data, target, phase(job, 100, 1000), job.cancelled)
            return target, data

        self.generate.setEnabled(False)
        self.status.setText(tr("正在生成简报…"))
        self.job = (
            CollectionOp(self, job, self._generated)
            .failure(self._failed)
            .with_progress(tr("正在生成简报…"))
            .run()
        )

    def _generated(self, result: tuple[Path, Any]) -> None:
        self.job = None
        self._pdf, self._data = result
        self._title = title_of(self._data)
        self.generate.setEnabled(True)
        self.document.load(str(self._pdf))
        pages = self.document.pageCount()
        self.status.setText(tr("已生成，共 {n} 页").format(n=pages))
        self._made_from = self._making_from
        self._show_whether_current()  # changed while it was being made: stale at once
        if self.save_button.isEnabled():
            # 生成 was disabled while it ran, and the focus went wherever Qt put it: on to
            # 保存, the next step, so that Enter saves (Alt+G generates again)
            self.save_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.generate.setEnabled(True)
        if isinstance(exc, JobCancelled):
            self.status.setText(tr("已取消生成简报。"))
            return
        self.status.setText(tr("生成失败"))
        messages.tell(self, tr("生成简报"), tr_message(exc), error=True)

    # --- save, open, print -----------------------------------------------------------------
    def save_as(self) -> None:
        if self._pdf is None or not self.is_current():
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("保存简报"),
            str(Path.home() / f"{self._title}.pdf"),
            tr("PDF 文件 (*.pdf);;Word 文档（可编辑） (*.docx)"),
        )
        if not path:
            return
        target, data, pdf = Path(path), self._data, self._pdf
        if target.suffix.lower() not in (".docx", ".pdf"):
            target = target.with_name(target.name + ".pdf")

        def save(ledger: Ledger, _job: Job) -> Path:
            # Qt's dialog asked before replacing; the database and its backups are refused
            # anyway, and the file is written beside and moved into place (tracker.outputs).
            try:
                if target.suffix.lower() == ".docx":
                    return write_file(
                        target, lambda t: render_docx(data, t), database=ledger.path, force=True
                    )
                return copy_file(pdf, target, database=ledger.path, force=True)
            except OSError as exc:
                raise PairTrackError(
                    tr("无法保存到「{path}」：{error}").format(
                        path=target, error=exc.strerror or exc
                    )
                ) from None

        self.job = (
            QueryOp(self, save, self._saved)
            .failure(self._failed)
            .with_progress(tr("正在保存…"))
            .run()
        )

    def _saved(self, target: Path) -> None:
        self.job = None
        self.status.setText(tr("已保存到：{path}").format(path=target))

    def open_external(self) -> None:
        """用系统程序打开: the PDF in the system's viewer; without one (``openUrl`` says
        False), say so and offer the folder the file is in."""
        pdf = self._pdf
        if (
            pdf is None
            or not self.is_current()
            or QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))
        ):
            return
        question = tr(
            "没有找到能打开 PDF 文件的程序。\n简报文件在：{path}\n"
            "要打开它所在的文件夹吗？（关闭本窗口后该文件会被删除，要保留请用「保存…」。）"
        ).format(path=pdf)
        if not messages.ask(self, tr("用系统程序打开"), question):
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf.parent))):
            messages.tell(
                self,
                tr("用系统程序打开"),
                tr("也无法打开文件夹。简报文件在：{path}").format(path=pdf),
                error=True,
            )

    def print_brief(self) -> None:
        """The system's print dialog (with a page range), then the chosen pages as they are."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title)
        if not printing.ask(self, printer, self.document.pageCount()):
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        if self._pdf is None or not self.is_current():
            return

        def page_done(done: int, total: int) -> None:
            self.status.setText(tr("正在打印第 {done}/{total} 页…").format(done=done, total=total))

        self.status.setText(tr("正在打印…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = printing.print_pdf(self._pdf, printer, page_done)
        except printing.PrintError as exc:
            self.status.setText(tr("打印失败"))
            messages.tell(self, tr("打印"), tr_message(exc), error=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.status.setText(tr("已送打印机，共 {n} 页").format(n=printed))

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.cancel()
        # Texts typed but not generated are kept too: the next brief starts from them.
        if self._texts_for is not None:
            self._save_texts(self._texts_for, *self._typed())
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)
