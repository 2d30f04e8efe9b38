"""The window's outputs (issue 13): Qt's save dialog asks before replacing a file, but the
open database and its backups are refused whatever was answered, with a message; a typed
path that exists is asked about; files are written beside and moved into place."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from pairtrack.db.backup import backup_dir
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.export import ExportDialog
from tests.ui.test_brief_dialog import generate, open_dialog


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_to(qtbot: Any, target: Path, format_index: int = 0) -> ExportDialog:
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(format_index)
    dialog.path.setText(str(target))
    dialog.show()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


@pytest.mark.sqlite_only("about never writing over the ledger's file or its backups")
@pytest.mark.parametrize("format_index", [0, 1, 2], ids=["xlsx", "csv", "package"])
def test_export_onto_the_open_database_is_refused(
    qtbot: Any, demo_ledger: Ledger, answers: Any, format_index: int
) -> None:
    assert demo_ledger.path is not None
    before = digest(demo_ledger.path)
    dialog = export_to(qtbot, demo_ledger.path, format_index)
    qtbot.waitUntil(lambda: bool(answers.told), timeout=30_000)
    assert "正在使用的数据库文件" in answers.told[-1]
    assert dialog.export_button.isEnabled() and dialog.isVisible()
    assert digest(demo_ledger.path) == before


@pytest.mark.sqlite_only("about never writing over the ledger's file or its backups")
def test_export_into_the_backups_folder_is_refused(
    qtbot: Any, demo_ledger: Ledger, answers: Any
) -> None:
    assert demo_ledger.path is not None
    target = backup_dir(demo_ledger.path) / "导出.xlsx"
    export_to(qtbot, target)
    qtbot.waitUntil(lambda: bool(answers.told), timeout=30_000)
    assert "备份文件夹" in answers.told[-1] and not target.exists()


def test_a_typed_existing_path_is_asked_about(
    qtbot: Any, demo_ledger: Ledger, answers: Any, tmp_path: Path
) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the user's own workbook")
    answers.reply = False
    export_to(qtbot, target)
    assert answers.asked and "已存在" in answers.asked[-1]
    assert target.read_bytes() == b"the user's own workbook"
    answers.reply = True
    dialog = export_to(qtbot, target)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_path_the_file_dialog_confirmed_is_not_asked_again(
    qtbot: Any, demo_ledger: Ledger, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog._browse()
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answers.asked == [] and target.read_bytes()[:2] == b"PK"


@pytest.mark.sqlite_only("about never writing over the ledger's file or its backups")
def test_saving_the_brief_into_the_backups_folder_is_refused_and_a_file_replaced_whole(
    qtbot: Any, demo_ledger: Ledger, answers: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert demo_ledger.path is not None
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    refused = backup_dir(demo_ledger.path) / "简报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(refused), ""))
    dialog.save_as()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=30_000)
    assert "备份文件夹" in answers.told[-1] and not refused.exists()
    # Qt asked before replacing: the old file is replaced by the complete new one
    target = tmp_path / "简报.docx"
    target.write_bytes(b"last week's brief")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_as()
    qtbot.waitUntil(lambda: "已保存" in dialog.status.text(), timeout=30_000)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
