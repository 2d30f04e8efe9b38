"""生成简报 with the keyboard only (README 进展简报): Ctrl+P, the period chosen with keys, the
problems typed, Alt+G generates, Enter saves the PDF, Alt+S saves a Word copy, Esc closes."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.worker import pool
from tests.ui.conftest import run_dialog, wait_for
from tests.ui.keys import (
    ALT,
    CTRL,
    activate,
    choose,
    focused,
    keys,
    press,
    retype,
    tab_to,
)
from tests.ui.test_keyboard_walk_records import in_dialog


def test_a_brief_is_generated_and_saved_as_pdf_and_word_with_keys(
    qtbot: Any,
    demo_ledger: Ledger,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    targets = [tmp_path / "简报.pdf", tmp_path / "简报.docx"]
    # the save dialog is the system's: it answers with the path a person would type in it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(targets[0]), ""))
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard._busy, timeout=20_000)
    activate(qtbot, window)
    seen: dict[str, Any] = {}

    def drive(dialog: QDialog) -> None:
        in_dialog(dialog)
        picker = dialog.picker  # type: ignore[attr-defined]
        tab_to(qtbot, picker.year)
        retype(qtbot, "2017")
        tab_to(qtbot, picker.kind)
        choose(qtbot, "全年")
        tab_to(qtbot, picker.scope)
        choose(qtbot, "全部")
        pool().waitForDone()  # the stored texts of that period and scope read, and shown:
        QApplication.processEvents()  # typing goes after them, as a person's would
        tab_to(qtbot, dialog.problems)  # type: ignore[attr-defined]
        keys(qtbot, "部分资金到位偏慢")
        press(qtbot, Qt.Key.Key_G, ALT)  # 生成(&G)
        wait_for(
            lambda: (
                dialog.document.status() == QPdfDocument.Status.Ready  # type: ignore[attr-defined]
                and dialog.is_current()
            ),  # type: ignore[attr-defined]
            timeout_ms=120_000,
        )
        # generated: the focus is on 保存, so Enter saves
        wait_for(lambda: focused() is dialog.save_button)  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_Return)
        wait_for(targets[0].exists, timeout_ms=30_000)
        wait_for(lambda: "已保存" in dialog.status.text())  # type: ignore[attr-defined]
        seen["after_save"] = focused()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(targets[1]), ""))
        press(qtbot, Qt.Key.Key_S, ALT)  # 保存…(&S) from anywhere in the dialog
        wait_for(targets[1].exists, timeout_ms=30_000)
        wait_for(lambda: dialog.job is None)  # type: ignore[attr-defined]
        wait_for(lambda: focused().window() is dialog)  # back from the progress window
        press(qtbot, Qt.Key.Key_Escape)

    run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_P, CTRL), drive)
    text = subprocess.run(
        ["pdftotext", str(targets[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "部分资金到位偏慢" in "".join(text.split())  # lines wrap where the page ends
    assert "2017" in text
    with zipfile.ZipFile(targets[1]) as docx:
        assert "部分资金到位偏慢" in docx.read("word/document.xml").decode("utf-8")
    assert seen["after_save"].window() is not window  # still in the dialog after saving
    wait_for(lambda: QApplication.focusWidget() is not None)
    wait_for(lambda: focused().window() is window)  # and back in the window after Esc
