"""The 生成简报 dialog: texts per scope and period, generation in the worker, preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from pairtrack.tracker.brief import load_texts
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.brief import BriefDialog
from pairtrack.ui.worker import pool

OPEN: list[BriefDialog] = []


@pytest.fixture(autouse=True)
def close_dialogs(qtbot: Any) -> Iterator[None]:
    """Dialogs stay referenced until the test is over, then close once the worker and the
    preview's page renderer have finished, as they do in the running program."""
    yield
    while OPEN:
        dialog = OPEN.pop()
        pool().waitForDone()
        qtbot.wait(100)
        dialog.close()
        dialog.deleteLater()
        qtbot.wait(50)


def open_dialog(qtbot: Any, ledger: Ledger) -> BriefDialog:
    from pairtrack.ui.display import Lookups

    names = Lookups()
    with qtbot.waitSignal(names.reloaded, timeout=10_000):
        names.reload()
    dialog = BriefDialog(names)
    OPEN.append(dialog)
    with qtbot.waitSignal(dialog.texts_loaded, timeout=10_000):
        dialog.picker.set_period(2017, 11)
    return dialog


def generate(qtbot: Any, dialog: BriefDialog) -> None:
    dialog.generate.click()
    qtbot.waitUntil(
        lambda: (
            dialog.document.status() == QPdfDocument.Status.Ready
            and dialog.document.pageCount() > 0
        ),
        timeout=60_000,
    )


def test_generates_and_previews(qtbot: Any, demo_ledger: Ledger, answers: Any) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.problems.setPlainText("<b>&<script> 问题")
    dialog.next_steps.setPlainText("加快资金拨付")
    generate(qtbot, dialog)
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert "共" in dialog.status.text()
    assert not answers.told
    period, scope = dialog.picker.period(), dialog.picker.scope_value()
    pool().waitForDone()
    assert load_texts(demo_ledger, period, scope) == ("<b>&<script> 问题", "加快资金拨付")


def test_texts_follow_period_and_scope(qtbot: Any, demo_ledger: Ledger) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.problems.setPlainText("十一月的问题")
    with qtbot.waitSignal(dialog.texts_loaded):  # the November text is kept
        dialog.picker.set_period(2017, 10)
    assert dialog.problems.toPlainText() == ""  # October starts empty
    with qtbot.waitSignal(dialog.texts_loaded):
        dialog.picker.set_period(2017, 11)
    assert dialog.problems.toPlainText() == "十一月的问题"
    with qtbot.waitSignal(dialog.texts_loaded):
        dialog.picker.scope.setCurrentIndex(1)
    assert dialog.problems.toPlainText() == ""


def test_save_copies_pdf_and_writes_docx(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    target = tmp_path / "简报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_as()
    qtbot.waitUntil(target.exists, timeout=30_000)  # saved off the GUI thread
    assert target.read_bytes().startswith(b"%PDF")
    editable = tmp_path / "简报.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(editable), ""))
    dialog.save_as()
    qtbot.waitUntil(editable.exists, timeout=30_000)
    qtbot.waitUntil(lambda: "已保存" in dialog.status.text(), timeout=30_000)


def test_print_renders_every_page(qtbot: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_empty_ledger_still_previews(qtbot: Any, ledger: Ledger) -> None:
    dialog = open_dialog(qtbot, ledger)
    generate(qtbot, dialog)
    assert dialog.document.pageCount() >= 1


def test_the_brief_starts_from_the_period_and_scope_the_dashboard_shows(
    qtbot: Any, demo_ledger: Any, window: Any
) -> None:
    from tests.ui.conftest import run_dialog

    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard._busy, timeout=10_000)  # figures, then warnings
    dashboard.picker.set_period(2017, 11)
    dashboard.picker.scope.setCurrentIndex(dashboard.picker.scope.findText("受援方：康保县"))
    seen = run_dialog(qtbot, window.act_brief.trigger, lambda d: d.reject())
    picker = seen[0].picker
    assert picker.period().label == "截至2017年11月底"
    assert picker.scope_value().label == "受援方：康保县"
