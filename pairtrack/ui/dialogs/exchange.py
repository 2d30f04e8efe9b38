"""文件 → 导出 / 导入: the exchange dialogs. The work runs in ``ui.worker.run_job``.

The import dialog first reads a ledger workbook's layout and, unless every sheet is the
program's own template, shows the 对应关系 step (``import_mapping``): each sheet's kind of
record, header row and column targets, and the default pairing, all correctable. Then it runs
the dry-run preview (same code path as the import, rolled back) with those mappings, shows
what would happen per table or every row error of a ledger workbook, and writes only when
the user clicks 导入 — never offered for a preview that would change nothing. The mappings
used are remembered (by the import) for the next workbook with the same headers. A file imported before is imported again only when
the user ticks 仍要再次导入. A finished import is one step on the window's undo stack: undo
reverses the whole import (``tracker.import_undo.undo_import``), redo imports the file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.importing import import_file, is_package
from pairtrack.tracker.exchange.layout import Mapping
from pairtrack.tracker.exchange.ledger_import import SheetReading, read_ledger
from pairtrack.tracker.exchange.report import ImportReport, reading_lines
from pairtrack.tracker.import_undo import undo_import
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import colours, messages
from pairtrack.ui.accessible import prepare, set_name
from pairtrack.ui.dialogs.import_mapping import MappingStep
from pairtrack.ui.dialogs.import_preview import ChangePreview
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job, QueryOp
from pairtrack.ui.undo import UndoStack

IMPORTABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".pairtrack.zip")
LISTED = 200  # notes listed in the preview (every sheet and skipped group is)


class ImportDialog(QDialog):
    """对应关系 (a ledger workbook of the office's own layout), then the preview; 导入
    commits. ``report`` holds the last preview or import result."""

    MAPPING, PREVIEW = 0, 1  # the steps (pages of ``stack``)

    def __init__(
        self, path: str | Path, parent: QWidget | None = None, undo_stack: UndoStack | None = None
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.undo_stack = undo_stack
        self.report: ImportReport | None = None
        self.committed = False
        self.readings: list[SheetReading] | None = None  # None: a package, or not read yet
        self.mappings: dict[str, Mapping] | None = None  # what the preview and import use
        self.pairing: str | None = None
        self.setWindowTitle(tr("导入 · {file}").format(file=self.path.name))
        self.resize(800, 600)
        self.status = QLabel(tr("正在分析文件（不会写入）…"))
        self.status.setWordWrap(True)
        # the sender's history does not extend what an earlier package from it showed
        self.history_warning = QLabel()
        self.history_warning.setObjectName("history_warning")
        self.history_warning.setWordWrap(True)
        colours.warn(self.history_warning)
        bold = self.history_warning.font()
        bold.setBold(True)
        self.history_warning.setFont(bold)
        self.history_warning.hide()
        self.mapping_step = MappingStep()
        self.mapping_step.changed.connect(self._mapping_changed)
        self.reading = QPlainTextEdit()  # how each sheet was read, rows skipped, notes
        self.reading.setReadOnly(True)
        self.reading.setTabChangesFocus(True)
        set_name(self.reading, tr("读取情况"))
        self.table = QTableWidget(0, len(ImportReport.HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in ImportReport.HEADERS])
        set_name(self.table, tr("各表变更数量"))
        self.table.setTabKeyNavigation(False)
        self.preview = ChangePreview()  # what each record becomes, conflicts first
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)
        set_name(self.problems, tr("问题与提示"))
        self.valid_only = QCheckBox(tr("只导入无误的行（错误行另存为新工作簿）(&O)"))
        self.valid_only.setVisible(False)
        self.valid_only.toggled.connect(self._update_button)
        self.again = QCheckBox(tr("仍要再次导入（记录可能重复）(&A)"))
        self.again.setVisible(False)
        self.again.toggled.connect(self._update_button)
        # laid out by hand so that they stand in the order of the steps on every platform
        self.adjust_button = QPushButton(tr("调整对应关系(&M)…"))
        self.preview_button = QPushButton(tr("预览(&P)"))
        self.import_button = QPushButton(tr("导入(&I)"))
        self.close_button = QPushButton(tr("关闭"))
        for button in (self.adjust_button, self.preview_button, self.import_button):
            button.setEnabled(False)
        self.adjust_button.hide()
        self.preview_button.hide()
        self.adjust_button.clicked.connect(self.adjust)
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.commit)
        self.close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.adjust_button)
        self.buttons.addStretch(1)
        for button in (self.preview_button, self.import_button, self.close_button):
            self.buttons.addWidget(button)

        preview_page = QWidget()
        preview_layout = QVBoxLayout(preview_page)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.reading)
        preview_layout.addWidget(self.table)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.problems)
        preview_layout.addWidget(self.valid_only)
        preview_layout.addWidget(self.again)
        self.reading.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.mapping_step)
        self.stack.addWidget(preview_page)
        self.stack.setCurrentIndex(self.PREVIEW)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.history_warning)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.buttons)
        prepare(self)
        self._load()

    # --- step 1: how the workbook is read ------------------------------------------------
    def _load(self) -> None:
        """Read the workbook's layout (a package has none) and the live pairings, off the
        GUI thread; it only reads."""
        path = self.path

        def work(ledger: Ledger, _job: Job) -> tuple[list[SheetReading], dict[str, str]] | None:
            if is_package(path):
                return None
            readings = read_ledger(ledger, path)
            return readings, ledger.pairings.labels(include_deleted=False)

        self.handle = (
            QueryOp(self, work, self._loaded)
            .failure(self._failed)
            .with_progress(tr("正在读取工作簿…"))
            .run()
        )

    def _loaded(self, found: tuple[list[SheetReading], dict[str, str]] | None) -> None:
        if found is None:  # a package: straight to its preview
            self._run(dry_run=True)
            return
        readings, pairings = found
        self.readings = readings
        self.mapping_step.show_readings(readings, pairings)
        shown = [r for r in readings if r.how != "ignored"]
        if shown and all(r.how == "template" for r in shown):
            self._run(dry_run=True)  # the program's own template or export: read exactly
            return
        self.show_mapping_step()

    def show_mapping_step(self) -> None:
        self.stack.setCurrentIndex(self.MAPPING)
        self.report = None
        self.adjust_button.hide()
        self.preview_button.show()
        self.import_button.setEnabled(False)
        self.import_button.setDefault(False)
        self.preview_button.setDefault(True)  # Enter previews
        self._mapping_changed()
        first = self.mapping_step.first_input()
        if first is not None:
            first.setFocus()

    def _mapping_changed(self) -> None:
        if self.stack.currentIndex() != self.MAPPING:
            return
        problem = self.mapping_step.problem()
        self.preview_button.setEnabled(not problem)
        self.status.setText(
            problem
            or tr(
                "请核对每个工作表的记录类型和各列的对应关系（标为「未导入」的列不会导入），"
                "然后点击「预览」（不会写入）。"
            )
        )
        self._status_colour(problem=bool(problem))

    def _status_colour(self, *, problem: bool) -> None:
        """The status line in the warning red while a problem blocks the preview."""
        if problem:
            colours.warn(self.status)
        else:
            self.status.setPalette(self.palette())

    def adjust(self) -> None:
        """「调整对应关系…」: back to the mapping step."""
        if self.readings is not None:
            self.show_mapping_step()

    def run_preview(self) -> None:
        """「预览」: the dry run with the mappings and pairing as chosen."""
        if self.mapping_step.problem():
            return
        self.mappings = self.mapping_step.mappings()
        self.pairing = self.mapping_step.chosen_pairing()
        self._run(dry_run=True)

    # --- step 2: the preview, then the import ----------------------------------------------
    def _run(self, *, dry_run: bool) -> None:
        path, valid_only, again = self.path, self.valid_only.isChecked(), self.again.isChecked()
        mappings, pairing = self.mappings, self.pairing
        if dry_run:
            self.stack.setCurrentIndex(self.PREVIEW)
            self._status_colour(problem=False)
            self.status.setText(tr("正在分析文件（不会写入）…"))
            self.preview_button.hide()
            self.preview_button.setDefault(False)
            self.adjust_button.setVisible(self.readings is not None)
            self.adjust_button.setEnabled(False)
            self.import_button.setEnabled(False)

        def work(ledger: Ledger, job: Job) -> ImportReport:
            return import_file(
                ledger, path, dry_run=dry_run, valid_only=valid_only, again=again,
                progress=job.progress, cancelled=job.cancelled, mappings=mappings,
                pairing=pairing,
            )  # fmt: skip

        label = tr("正在分析文件…") if dry_run else tr("正在导入…")
        done = self._previewed if dry_run else self._imported
        # the preview writes too (in a transaction it rolls back): both are write ops
        self.handle = (
            CollectionOp(self, work, done).failure(self._failed).with_progress(label).run()
        )

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.history_warning.setText(history_warning(report))
        self.history_warning.setVisible(bool(report.history))
        self.preview.show_report(report)
        rows = report.rows()
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(tr_message(value)))
        self.table.resizeRowsToContents()
        fits = (
            self.table.horizontalHeader().height()
            + 2 * self.table.frameWidth()
            + sum(self.table.rowHeight(r) for r in range(len(rows)))
        )  # as tall as the tables counted (a package's seven), no taller
        self.table.setMaximumHeight(fits + 4)
        reading = reading_lines(report, LISTED)
        self.reading.setPlainText("\n".join(map(tr_message, reading)))
        self.reading.setVisible(bool(reading))
        spacing = self.reading.fontMetrics().lineSpacing()
        self.reading.setMaximumHeight(min(len(reading), 6) * spacing + 16)
        lines = [
            *(tr_message(p) for p in report.problems),
            *(tr("请核对：{warning}").format(warning=tr_message(w)) for w in report.warnings),
            *(tr_message(d) for d in report.duplicates),
            *map(tr_message, report.cross_office),
        ]
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def _previewed(self, report: Any) -> None:
        self._show(report)
        self.adjust_button.setEnabled(self.readings is not None)
        source = (
            tr("来源：{source}。").format(source=tr_message(report.source)) if report.source else ""
        )
        if report.problems and report.kind == "ledger":
            self.status.setText(
                source
                + tr(
                    "发现 {n} 处问题（见下方，按工作表/行/列列出）。"
                    "请修改文件或对应关系后重新预览，或勾选「只导入无误的行」。"
                ).format(n=len(report.problems))
            )
            self.valid_only.setVisible(True)
        else:
            self.status.setText(
                source + tr("预览：将变更 {n} 条记录。点击「导入」写入。").format(n=report.changed)
            )
        lines = [self.status.text()]
        if report.duplicates:
            if report.kind == "package":
                line = tr("{n} 行疑似重复，导入后请核对（见下方）。")
            else:
                line = tr("{n} 行疑似重复，不会导入（见下方）。")
            lines.append(line.format(n=len(report.duplicates)))
        if report.cross_office:
            lines.append(tr("{n} 处疑似跨单位重复（见下方）。").format(n=len(report.cross_office)))
        if report.already_imported:
            lines.append(
                tr(
                    "注意：{what}。再次导入会使记录重复；确需再次导入，请勾选「仍要再次导入」。"
                ).format(what=tr_message(report.already_imported))
            )
            self.again.setVisible(True)
        self.status.setText("\n".join(lines))
        if nothing_to_import(report):
            if report.problems:
                nothing = tr("没有可导入的记录。")
            else:
                nothing = tr("没有可导入的记录：文件中没有能读成记录的行。")
            if self.readings:
                nothing += tr("可点击「调整对应关系…」指定各列的含义。")
            self.status.setText(source + nothing)
        self._update_button()
        self.import_button.setDefault(True)

    def _update_button(self) -> None:
        report = self.report
        ok = report is not None and not self.committed and not nothing_to_import(report)
        if ok and report is not None and report.kind == "ledger" and report.problems:
            ok = self.valid_only.isChecked()
        if ok and report is not None and report.already_imported:
            ok = self.again.isChecked()
        self.import_button.setEnabled(ok)

    def commit(self) -> None:
        if not self.import_button.isEnabled():  # Enter on a preview that imports nothing
            return
        self.import_button.setEnabled(False)
        self.adjust_button.setEnabled(False)
        self.status.setText(tr("正在导入…"))
        self._run(dry_run=False)

    def _imported(self, report: Any) -> None:
        self._show(report)
        if not report.committed:
            self.status.setText(tr("文件有问题，未导入任何内容。"))
            self.adjust_button.setEnabled(self.readings is not None)
            self._update_button()
            return
        self.committed = True
        self._push_undo(report)
        text = tr("已导入：共变更 {n} 条记录。").format(n=report.changed)
        if report.duplicates:
            if report.kind == "package":
                line = tr("{n} 行疑似重复，已导入，请核对。")
            else:
                line = tr("{n} 行疑似重复，未导入。")
            text += "\n" + line.format(n=len(report.duplicates))
        if report.rejected_path is not None:
            text += "\n" + tr("未导入的行已另存为：{path}").format(path=report.rejected_path)
        if report.history:
            text += "\n\n" + history_warning(report)
        self.status.setText(text)
        messages.tell(self, tr("导入完成"), text)
        self.accept()

    def _push_undo(self, report: ImportReport) -> None:
        """The whole import as one step: undo reverses it, redo imports the file again (with
        the same mappings and default pairing)."""
        if self.undo_stack is None or report.import_id is None:
            return
        path, valid_only = self.path, self.valid_only.isChecked()
        mappings, pairing = self.mappings, self.pairing
        batch = {"id": report.import_id}  # redo records a new batch: the next undo takes it

        def undo(ledger: Ledger) -> object:
            return undo_import(ledger, batch["id"])

        def redo(ledger: Ledger) -> object:
            again = import_file(
                ledger, path, dry_run=False, valid_only=valid_only, again=True,
                mappings=mappings, pairing=pairing,
            )  # fmt: skip
            if not again.committed or again.import_id is None:
                raise PairTrackError(
                    tr("「{file}」现在有问题，未能再次导入。").format(file=path.name)
                )
            batch["id"] = again.import_id
            return again

        self.undo_stack.done(tr("导入「{file}」").format(file=path.name), undo=undo, redo=redo)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(tr("无法导入：{error}").format(error=tr_message(exc)))
        self.import_button.setEnabled(False)
        self.adjust_button.setEnabled(self.readings is not None)
        if not isinstance(exc, JobCancelled):
            messages.tell(self, tr("无法导入"), tr_message(exc), error=True)


def history_warning(report: ImportReport) -> str:
    """The warning for a package whose sender rewrote its history ("" when it did not)."""
    if not report.history:
        return ""
    return tr("警告：{what}。").format(what=tr_message(report.history))


def nothing_to_import(report: ImportReport) -> bool:
    """A preview that would change nothing: no record to write, no conflict to record (a
    package's concurrent edit) and no 疑似重复 to record."""
    return report.changed == 0 and not report.changes and not report.duplicates


def importable(path: str) -> bool:
    return path.lower().endswith(IMPORTABLE)


def import_dropped_file(window: Any, path: str) -> bool:
    """Drag-and-drop: open the import dialog for a .xlsx or .pairtrack.zip file."""
    if not importable(path):
        messages.tell(
            window,
            tr("导入"),
            tr("只能导入台账工作簿（.xlsx、.xls、.ods）或汇总包（.pairtrack.zip）。"),
        )
        return False
    dialog = ImportDialog(path, window, getattr(window, "undo_stack", None))
    dialog.exec()
    return dialog.committed


def choose_import_file(window: Any) -> None:
    """文件 → 导入…"""
    path, _ = QFileDialog.getOpenFileName(
        window,
        tr("导入"),
        "",
        tr("台账或汇总包 (*.xlsx *.xlsm *.xls *.ods *.pairtrack.zip);;所有文件 (*)"),
    )
    if path:
        ImportDialog(path, window, getattr(window, "undo_stack", None)).exec()
