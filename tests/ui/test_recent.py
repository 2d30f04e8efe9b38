"""文件 → 最近打开: the last eight databases, missing ones marked; the last one reopened at
start. QSettings live in a temporary folder (tests/ui/conftest.py: isolated_settings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import recent
from pairtrack.ui.app import Controller


def make_ledger(path: Path) -> Path:
    ledger = Ledger.open(path)
    ledger.set_settings(office_name="测试办公室", office_code="131001", operator="测试员")
    ledger.close()
    return path


@pytest.fixture
def controller() -> Iterator[Controller]:
    made = Controller()
    yield made
    made.shut_down()


def open_in(qtbot: Any, controller: Controller, path: Path | str) -> None:
    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        controller.open(path)
    assert ended.args == [True]


def names(controller: Controller) -> list[str]:
    assert controller.window is not None
    menu = controller.window.recent_menu
    menu.rebuild()
    return [action.text() for action in menu.entries()]


@pytest.mark.sqlite_only("about files opened recently")
def test_opened_databases_are_listed_latest_first_and_reopened(
    qtbot: Any, tmp_path: Path, controller: Controller
) -> None:
    first = make_ledger(tmp_path / "廊坊.db")
    second = make_ledger(tmp_path / "济南.db")
    open_in(qtbot, controller, first)
    open_in(qtbot, controller, second)
    assert recent.recent() == [str(second.resolve()), str(first.resolve())]

    assert controller.window is not None
    entries = controller.window.recent_menu.entries()
    assert [a.text().split()[0] for a in entries] == ["&1", "&2"]
    assert "济南.db" in entries[0].text() and entries[0].isChecked()
    assert not entries[0].isEnabled()  # the open one
    assert "廊坊.db" in entries[1].text() and entries[1].isEnabled()

    with qtbot.waitSignal(controller.finished, timeout=10_000):
        entries[1].trigger()
    assert controller.ledger is not None and controller.ledger.path == first.resolve()
    assert recent.recent()[0] == str(first.resolve())
    # at the next start, without --db, the last one opened is the one opened
    assert recent.start_database(None, lambda: tmp_path / "default.db") == str(first.resolve())


def test_a_missing_file_is_marked_cannot_be_opened_and_can_be_removed(
    qtbot: Any, tmp_path: Path, controller: Controller, answers: Any
) -> None:
    gone = make_ledger(tmp_path / "gone.db")
    kept = make_ledger(tmp_path / "kept.db")
    open_in(qtbot, controller, gone)
    open_in(qtbot, controller, kept)
    gone.unlink()
    [kept_text, gone_text] = names(controller)
    assert "（文件已不存在）" not in kept_text
    assert "gone.db" in gone_text and "（文件已不存在）" in gone_text
    menu = controller.window.recent_menu  # type: ignore[union-attr]
    missing = menu.entries()[1]
    assert not missing.isEnabled()  # opening it would create a new, empty ledger there

    # gone between drawing the menu and the click: told, forgotten, nothing created
    menu._open(str(gone.resolve()))
    assert not gone.exists()
    assert answers.told and "已不存在" in answers.told[-1]
    assert recent.recent() == [str(kept.resolve())]

    recent.remember(gone)  # listed again; then 移除已不存在的文件
    menu.rebuild()
    [remove] = [a for a in menu.actions() if a.text() == "移除已不存在的文件"]
    assert remove.isEnabled()
    remove.trigger()
    assert recent.recent() == [str(kept.resolve())]


def test_at_most_eight_are_kept_and_each_once(tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.db" for n in range(10)]
    for path in paths:
        recent.remember(path)
    recent.remember(tmp_path / "sub" / ".." / "3.db")  # the same file spelled another way
    listed = recent.recent()
    assert len(listed) == recent.LIMIT
    assert listed[0] == str(paths[3].resolve())
    assert listed.count(str(paths[3].resolve())) == 1
    assert str(paths[0].resolve()) not in listed  # the oldest fell off


def test_the_database_to_open_at_start(tmp_path: Path) -> None:
    def default() -> Path:
        return tmp_path / "default.db"

    assert recent.start_database(None, default) == default()  # nothing remembered
    older = make_ledger(tmp_path / "older.db")
    latest = make_ledger(tmp_path / "latest.db")
    recent.remember(older)
    recent.remember(latest)
    assert recent.start_database(None, default) == str(latest.resolve())
    assert recent.start_database("given.db", default) == "given.db"  # --db wins
    latest.unlink()  # moved away: the latest that is still there
    assert recent.start_database(None, default) == str(older.resolve())
    older.unlink()
    assert recent.start_database(None, default) == default()


def test_a_server_database_is_remembered_by_its_url_without_the_password(
    tmp_path: Path, qapp: Any
) -> None:
    """Only the server can say whether its database is still there: it stays listed, and is
    reopened at start (the password is asked then, if the server wants one)."""
    recent.remember("postgresql://lina:Pw-s3cret-42@db.office.local:5432/ledger")
    recent.remember(tmp_path / "gone.db")  # a file that is not there
    assert recent.recent()[1] == "postgresql://lina@db.office.local:5432/ledger"
    recent.forget_missing()
    assert recent.recent() == ["postgresql://lina@db.office.local:5432/ledger"]
    default = tmp_path / "default.db"
    assert recent.start_database(None, lambda: default) == recent.recent()[0]
    assert "Pw-s3cret-42" not in str(QSettings().value(recent.KEY))
