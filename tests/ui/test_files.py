"""File menu: backup and restore from the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from pairtrack.tracker.ledger import Ledger

# 备份…, 备份与恢复: copies of the ledger's file (a server's database is copied by its own tools)
pytestmark = pytest.mark.sqlite_only("about the ledger's file and its backups")


def suggested_name_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    """备份… asks where: the answer is the place it suggests (in the backups folder)."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **_kw: (args[2], ""))


def test_backup_then_restore_from_the_window(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = ledger.regions.create(name="康保县", level="county")
    suggested_name_taken(monkeypatch)
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(answers.told))  # the copy runs in the worker
    assert answers.told and answers.told[-1].startswith("已备份到：")
    backup = Path(answers.told[-1].removeprefix("已备份到："))
    assert backup.exists()

    ledger.regions.delete(region.id)
    window.act_restore.trigger()  # 备份与恢复…
    dialog = window.backups_dialog
    qtbot.waitUntil(lambda: dialog.loaded)
    row = next(i for i, e in enumerate(dialog.entries) if e.file.path == backup)
    dialog.table.selectRow(row)
    with qtbot.waitSignal(window.open_requested, timeout=20_000) as reopened:
        dialog.restore_button.click()
    assert "当前数据库会另存一份" in answers.asked[-1]
    assert reopened.args == [str(ledger.path)]
    assert answers.told[-1].startswith("恢复前的数据已备份到：")
    fresh = Ledger.open(ledger.path)
    try:
        assert not fresh.regions.get(region.id).deleted
    finally:
        fresh.close()


def test_restore_is_not_done_when_the_user_says_no(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger.regions.create(name="康保县", level="county")
    suggested_name_taken(monkeypatch)
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(answers.told))  # the copy runs in the worker
    backup = Path(answers.told[-1].removeprefix("已备份到："))
    ledger.regions.create(name="阳原县", level="county")
    answers.reply = False
    window.act_restore.trigger()
    dialog = window.backups_dialog
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.table.selectRow(next(i for i, e in enumerate(dialog.entries) if e.file.path == backup))
    dialog.restore_button.click()
    assert answers.asked and dialog.result() == 0
    assert ledger.regions.count() == 2


def test_dropping_a_package_on_the_window_imports_it_after_a_preview(
    qtbot: Any, tmp_path: Path, ledger: Ledger, window: Any
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.exchange.package_write import export_package
    from tests.ui.conftest import run_dialog

    other = Ledger.open(tmp_path / "other.db")
    other.set_settings(operator="李", office_code="130723", office_name="康保县")
    load_demo(other)
    package = tmp_path / "kangbao.pairtrack.zip"
    export_package(other, package)
    other.close()

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(package))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip

    def preview_then_import(dialog: Any) -> None:
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)
        assert ledger.pairings.count() == 0  # the preview wrote nothing
        dialog.import_button.click()

    run_dialog(qtbot, lambda: (window.dropEvent(drop), qtbot.wait(200)), preview_then_import)
    qtbot.waitUntil(lambda: ledger.pairings.count() == 8, timeout=10000)
