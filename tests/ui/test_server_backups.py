"""文件 → 备份… and 备份与恢复… on a database on a PostgreSQL server, driven as a user would:
a ``.dump`` where they chose, 立即备份 into the remembered folder, and 从文件恢复… after a
confirmation naming what is replaced; the window reopens the restored ledger.

Runs when ``PAIRTRACK_TEST_PG`` names a server and pg_dump is installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.app import Controller
from pairtrack.ui.dialogs.server_backups import FOLDER_SETTING, ServerBackupsDialog
from tests import engines

pytestmark = pytest.mark.skipif(
    engines.SERVER is None or shutil.which("pg_dump") is None,
    reason=f"{engines.PG_ENV} is not set or pg_dump is not installed",
)


@pytest.fixture
def controller() -> Any:
    made = Controller()
    yield made
    made.shut_down()


def names(url: str) -> list[str]:
    ledger = Ledger.open(url)
    try:
        return sorted(r.name for r in ledger.regions.list())
    finally:
        ledger.close()


def open_on_the_server(qtbot: Any, controller: Controller, ledger: Ledger) -> tuple[str, Any]:
    """The window on the test's server database (holding one region), and its URL."""
    url = engines.target_of(ledger)
    ledger.regions.create(name="康保县", level="county")
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.open(url)
    window = controller.window
    assert window is not None
    return url, window


def test_a_server_database_is_backed_up_and_restored_from_the_window(
    qtbot: Any,
    tmp_path: Path,
    controller: Controller,
    ledger: Ledger,
    db_engine: str,
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if db_engine != "postgresql":
        pytest.skip("a server's database; the file's copies are tests/ui/test_backups_*")
    url, window = open_on_the_server(qtbot, controller, ledger)

    # 文件 → 备份…: the save dialog proposes a .dump; the copy is written and checked
    folder = tmp_path / "备份 文件夹"
    folder.mkdir()
    dump = folder / "会前.dump"
    proposed: list[str] = []

    def save_as(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        proposed.append(suggested)
        return str(dump), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=60_000)
    assert proposed[0].endswith("-manual.dump")
    assert answers.told[-1] == f"已备份到：{dump}" and dump.is_file()
    assert QSettings().value(FOLDER_SETTING) == str(folder)  # remembered for 立即备份

    # 备份与恢复… → 立即备份: into the remembered folder, no question asked
    window.act_restore.trigger()
    dialog = window.backups_dialog
    assert isinstance(dialog, ServerBackupsDialog) and str(folder) in dialog.folder_label.text()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: len(answers.told) == 2, timeout=60_000)
    [now] = [p for p in folder.glob("*-manual.dump")]
    assert answers.told[-1] == f"已备份到：{now}"

    # someone adds a record; 从文件恢复… puts the first backup back
    other = Ledger.open(url)
    other.regions.create(name="尚义县", level="county")
    other.close()
    assert names(url) == ["尚义县", "康保县"]
    window.act_restore.trigger()
    dialog = window.backups_dialog
    assert isinstance(dialog, ServerBackupsDialog)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(dump), "PostgreSQL 备份 (*.dump)")
    )
    with qtbot.waitSignal(controller.finished, timeout=60_000) as reopened:
        dialog.restore_button.click()
    assert reopened.args == [True]
    assert "会前.dump" in answers.asked[-1] and window.db_name in answers.asked[-1]
    told = answers.told[-1]
    assert "已从「会前.dump」恢复" in told and "审计记录链完整" in told
    [saved] = folder.glob("*-before-restore.dump")
    assert f"恢复前的数据已备份到：{saved}" in told
    assert names(url) == ["康保县"]
    # the window reopened the restored ledger: its pages read it afresh
    assert controller.window is not None and controller.ledger is not None
    assert controller.ledger.path is None and controller.ledger.name == window.db_name


def test_a_refused_restore_leaves_the_server_database_and_reopens_it(
    qtbot: Any,
    tmp_path: Path,
    controller: Controller,
    ledger: Ledger,
    db_engine: str,
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if db_engine != "postgresql":
        pytest.skip("a server's database")
    url, window = open_on_the_server(qtbot, controller, ledger)
    garbage = tmp_path / "x.dump"
    garbage.write_bytes(b"not a dump")
    window.act_restore.trigger()
    dialog = window.backups_dialog
    assert isinstance(dialog, ServerBackupsDialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(garbage), ""))
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        dialog.restore_button.click()
    assert "不是 pg_dump 的备份文件" in answers.told[-1]
    assert names(url) == ["康保县"]
