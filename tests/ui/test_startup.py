"""Starting the program: first-run settings, demo data, refused databases, no tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pairtrack.ui import messages
from pairtrack.ui.app import Controller
from tests import engines
from tests.ui.conftest import run_dialog


@pytest.fixture
def controller() -> Any:
    made = Controller()
    yield made
    made.shut_down()


def test_first_start_asks_for_office_and_operator_and_loads_the_demo(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    def fill(dialog: Any) -> None:
        assert dialog.demo.isVisible() and not dialog.demo.isChecked(), "offered, not ticked"
        dialog.demo.setChecked(True)
        dialog.operator.setText("王敏")
        dialog.save()  # office name still empty: refused, stays open
        assert dialog.isVisible() and "单位名称" in dialog.error.text()
        dialog.office_name.setText("廊坊开发区对口帮扶办公室")
        dialog.office_code.setText("131001")
        dialog.save()

    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        run_dialog(qtbot, lambda: controller.open(tmp_path / "new.db"), fill)
    assert ended.args == [True]
    assert controller.window is not None and controller.window.isVisible()
    ledger = controller.ledger
    assert ledger is not None
    qtbot.waitUntil(lambda: ledger.pairings.count() == 8, timeout=10000)
    assert ledger.settings()["office_name"] == "廊坊开发区对口帮扶办公室"
    assert ledger.operator == "王敏"
    qtbot.waitUntil(lambda: "操作员：王敏" in controller.window.status_operator.text())


def test_a_new_ledger_stays_empty_unless_the_demo_is_ticked(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    def fill(dialog: Any) -> None:
        dialog.office_name.setText("廊坊开发区对口帮扶办公室")
        dialog.office_code.setText("131001")
        dialog.operator.setText("王敏")
        dialog.save()

    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        run_dialog(qtbot, lambda: controller.open(tmp_path / "new.db"), fill)
    assert ended.args == [True]
    ledger = controller.ledger
    assert ledger is not None
    qtbot.waitUntil(lambda: ledger.settings().get("operator") == "王敏", timeout=10_000)
    from pairtrack.ui.worker import pool

    pool().waitForDone()
    assert ledger.regions.count(include_deleted=True) == 0
    assert ledger.pairings.count(include_deleted=True) == 0


@pytest.mark.sqlite_only("reopens the ledger's file")
def test_cancelling_the_welcome_dialog_keeps_the_open_database(
    qtbot: Any, tmp_path: Path, controller: Controller, ledger: Any
) -> None:
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.open(ledger.path)
    first = controller.window
    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        run_dialog(qtbot, lambda: controller.open(tmp_path / "new.db"), lambda d: d.reject())
    assert ended.args == [False]
    assert controller.window is first and controller.ledger is not None
    assert controller.ledger.path == ledger.path


@pytest.mark.sqlite_only("reopens the ledger's file")
def test_cancelling_the_welcome_dialog_of_a_new_database_makes_no_file(
    qtbot: Any, tmp_path: Path, controller: Controller, ledger: Any
) -> None:
    """新建数据库 → 取消: no ledger, journal, lock or backup is left where the user pointed,
    and the window goes on showing the ledger that was open."""
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.open(ledger.path)
    first = controller.window
    folder = tmp_path / "新建"
    folder.mkdir()
    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        run_dialog(qtbot, lambda: controller.open(folder / "new.db"), lambda d: d.reject())
    assert ended.args == [False]
    assert list(folder.iterdir()) == []
    assert controller.window is first and first.isVisible()
    assert controller.ledger is not None and controller.ledger.path == ledger.path


def test_a_new_database_is_made_only_once_the_welcome_dialog_is_confirmed(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    path = tmp_path / "new.db"

    def fill(dialog: Any) -> None:
        assert not path.exists(), "nothing is made while the user decides"
        dialog.office_name.setText("三河市对口帮扶办公室")
        dialog.office_code.setText("131082")
        dialog.operator.setText("李静")
        dialog.demo.setChecked(False)
        dialog.save()

    finished: list[bool] = []
    controller.finished.connect(finished.append)
    # the day's first backup follows the window's first read (Controller._daily_backup)
    with qtbot.waitSignals([controller.finished, controller.backed_up], timeout=10_000):
        run_dialog(qtbot, lambda: controller.open(path), fill)
    assert finished == [True]
    assert path.exists() and controller.ledger is not None
    assert controller.ledger.settings()["office_code"] == "131082"
    # the day's first backup is taken after the settings are in, so the copy has them too
    [copy] = (tmp_path / "backups").glob("new-daily-*.db")
    from pairtrack.tracker.maintenance import open_read_only

    backup = open_read_only(copy, "备份")
    try:
        assert backup.settings()["office_name"] == "三河市对口帮扶办公室"
    finally:
        backup.close()


def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    qtbot: Any, tmp_path: Path, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def choose(_parent: Any, _title: str, text: str, _detail: str, buttons: list[str]) -> int:
        shown.append(text)
        return 1  # 退出

    monkeypatch.setattr(messages, "choose", choose)
    notes = tmp_path / "notes.db"
    notes.write_text("not a database", encoding="utf-8")
    with qtbot.waitSignal(controller.finished) as ended:
        controller.open(notes)
    assert ended.args == [False]
    assert shown and "不是 SQLite 数据库文件" in shown[0]
    assert notes.read_text(encoding="utf-8") == "not a database"
    assert controller.window is None


def test_a_database_from_a_newer_pairtrack_is_refused(
    qtbot: Any, tmp_path: Path, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from pairtrack.tracker.ledger import Ledger

    path = tmp_path / "newer.db"
    Ledger.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    shown: list[str] = []
    monkeypatch.setattr(messages, "choose", lambda _p, _t, text, _d, _b: shown.append(text))
    with qtbot.waitSignal(controller.finished) as ended:
        controller.open(path)
    assert ended.args == [False]
    assert shown and "更新版本" in shown[0]


def test_a_server_database_opens_with_no_file_lock_or_backup(
    qtbot: Any, tmp_path: Path, controller: Controller, ledger: Any, db_engine: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """``pairtrack --db postgresql://…``: the window opens the server's database; the steps
    that only a file has (lock file, daily copy) are skipped, the address is shown (no
    password) and not taken for a file name."""
    if db_engine != "postgresql":
        pytest.skip("a server's database; files are the tests above")
    monkeypatch.chdir(tmp_path)
    url = engines.target_of(ledger)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as ended:
        controller.open(url)
    assert ended.args == [True]
    window = controller.window
    assert window is not None and controller.lock is None and controller.ledger is not None
    assert controller.ledger.path is None
    shown = url.replace("postgresql+psycopg://", "postgresql://")
    qtbot.waitUntil(lambda: shown in window.status_db.text(), timeout=10_000)
    from pairtrack.ui.worker import pool

    pool().waitForDone()
    # qs: the test's QSettings; data: its user data folder (the window's own small files)
    made = [p.name for p in tmp_path.iterdir() if p.name not in ("qs", "data")]
    assert made == []  # no lock, no backups folder, no file named like the address
    # (备份 and 备份与恢复 use pg_dump / pg_restore: tests/ui/test_server_backups.py)
