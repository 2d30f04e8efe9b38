"""Two windows on one ledger, the day's first backup, and 备份与恢复 (list, check, restore,
reopen), driven as a user would."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pairtrack.db.backup import daily_path, list_backups
from pairtrack.db.lock import lock_path
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages
from pairtrack.ui.app import Controller


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    path = tmp_path / "台账.db"
    ledger = Ledger.open(path)
    ledger.set_settings(operator="王敏", office_code="131001", office_name="开发区")
    ledger.regions.create(name="康保县", level="county")
    ledger.close()
    return path


@pytest.fixture
def controllers() -> Any:
    made: list[Controller] = []

    def make() -> Controller:
        made.append(Controller())
        return made[-1]

    yield make
    for controller in reversed(made):
        controller.shut_down()


def open_in(qtbot: Any, controller: Controller, path: Path) -> list[Any]:
    with qtbot.waitSignal(controller.finished, timeout=20_000) as ended:
        controller.open(path)
    return list(ended.args)


def open_and_back_up(qtbot: Any, controller: Controller, path: Path) -> None:
    """Open, and wait for the day's first backup, which follows the window's first read."""
    with qtbot.waitSignals([controller.finished, controller.backed_up], timeout=20_000):
        controller.open(path)


def scripted_choice(monkeypatch: pytest.MonkeyPatch, answer: int) -> list[str]:
    shown: list[str] = []

    def choose(_parent: Any, _title: str, text: str, _detail: str, buttons: list[str]) -> int:
        shown.append(text)
        return answer

    monkeypatch.setattr(messages, "choose", choose)
    return shown


def test_a_second_window_is_told_who_has_the_ledger_and_may_open_it_read_only(
    qtbot: Any, ledger_path: Path, controllers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = controllers(), controllers()
    assert open_in(qtbot, first, ledger_path) == [True]
    assert lock_path(ledger_path).exists()
    shown = scripted_choice(monkeypatch, 0)  # 以只读方式打开

    assert open_in(qtbot, second, ledger_path) == [True]

    assert shown and "已被" in shown[0] and "进程" in shown[0] and socket.gethostname() in shown[0]
    assert second.window is not None and "（只读）" in second.window.windowTitle()
    assert second.window.read_only and second.lock is None
    with pytest.raises(Exception, match="只读方式打开"):
        second.ledger.regions.create(name="阳原县", level="county")  # type: ignore[union-attr]
    assert first.ledger is not None and first.ledger.regions.count() == 1


def test_a_second_window_may_also_not_open_it(
    qtbot: Any, ledger_path: Path, controllers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = controllers(), controllers()
    open_in(qtbot, first, ledger_path)
    scripted_choice(monkeypatch, 1)  # 不打开
    assert open_in(qtbot, second, ledger_path) == [False]
    assert second.window is None
    first.shut_down()
    assert not lock_path(ledger_path).exists(), "closing the window frees the ledger"


def test_a_lock_left_by_a_crashed_window_is_recovered(
    qtbot: Any, ledger_path: Path, controllers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True)  # fmt: skip
    lock_path(ledger_path).write_text(
        json.dumps({"user": "王敏", "host": socket.gethostname(), "pid": int(gone.stdout),
                    "since": "2017-11-30T09:00:00"}),
        encoding="utf-8",
    )  # fmt: skip
    shown = scripted_choice(monkeypatch, 1)
    controller = controllers()
    assert open_in(qtbot, controller, ledger_path) == [True]
    assert shown == []
    assert controller.window is not None and not controller.window.read_only


def test_the_first_start_of_the_day_backs_the_ledger_up_once(
    qtbot: Any, ledger_path: Path, controllers: Any
) -> None:
    first = controllers()
    open_and_back_up(qtbot, first, ledger_path)
    today = daily_path(ledger_path, date.today())
    assert today.exists()
    made = today.stat().st_mtime_ns
    first.shut_down()
    again = controllers()
    open_and_back_up(qtbot, again, ledger_path)
    assert today.stat().st_mtime_ns == made, "one copy a day"
    assert [b.kind for b in list_backups(ledger_path)] == ["daily"]


def test_the_backups_dialog_lists_checks_and_restores_then_reopens(
    qtbot: Any, ledger_path: Path, controllers: Any, answers: Any
) -> None:
    controller = controllers()
    open_and_back_up(qtbot, controller, ledger_path)
    good = daily_path(ledger_path, date.today())
    damaged = daily_path(ledger_path, date(2017, 11, 30))
    damaged.write_bytes(good.read_bytes()[:8192] + b"\xa5" * 8192)  # cut and garbled
    window = controller.window
    assert window is not None
    # the ledger moves on after the morning's copy
    controller.ledger.regions.create(name="阳原县", level="county")  # type: ignore[union-attr]

    window.act_restore.trigger()  # 文件 → 备份与恢复…
    dialog = window.backups_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    rows = {dialog.table.item(r, 4).text(): r for r in range(dialog.table.rowCount())}
    assert set(rows) == {good.name, damaged.name}
    assert dialog.table.item(rows[good.name], 3).text() == "通过"
    assert dialog.table.item(rows[damaged.name], 3).text().startswith("未通过")
    assert dialog.table.item(rows[good.name], 2).text().endswith(" MB")
    dialog.table.selectRow(rows[damaged.name])
    assert not dialog.restore_button.isEnabled(), "a copy that fails its check is not offered"

    dialog.table.selectRow(rows[good.name])
    with qtbot.waitSignal(controller.finished, timeout=30_000) as reopened:
        dialog.restore_button.click()
    assert reopened.args == [True]
    assert "替换当前数据库" in answers.asked[-1]
    assert controller.window is not window, "the window reopened the restored ledger"
    assert controller.ledger is not None
    names = {r.name for r in controller.ledger.regions.list()}
    assert names == {"康保县"}
    [replaced] = [b for b in list_backups(ledger_path) if b.kind == "replaced"]
    assert replaced.path.exists()
    assert controller.lock is not None and lock_path(ledger_path).exists()
