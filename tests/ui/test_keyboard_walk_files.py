"""文件 menu with the keyboard only (README 窗口, 数据库在哪里): 备份 (Ctrl+Shift+B), 备份与恢复,
单位与操作员 with 界面语言, 最近打开, 打开 (Ctrl+O) and 新建数据库 (Ctrl+Shift+N) with its
欢迎使用 form. Menus are opened with Alt+F and walked with the arrows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from pairtrack.db.backup import daily_path
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.i18n import saved_language
from tests.ui.conftest import run_dialog, wait_for
from tests.ui.keys import (
    ALT,
    CTRL,
    SHIFT,
    activate,
    choose,
    focused,
    keys,
    menu_bar,
    named,
    popup,
    press,
    tab_to,
)
from tests.ui.test_backups_and_instances import (  # noqa: F401 (fixtures)
    controllers,
    ledger_path,
    open_and_back_up,
    open_in,
)
from tests.ui.test_keyboard_walk_records import in_dialog

CTRL_SHIFT = CTRL | SHIFT


def region_names(controller: Any) -> set[str]:
    return {r.name for r in controller.ledger.regions.list()}


def test_back_up_with_ctrl_shift_b_and_restore_from_the_menu(
    qtbot: Any,
    ledger_path: Path,  # noqa: F811
    controllers: Any,  # noqa: F811
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    controller = controllers()
    open_and_back_up(qtbot, controller, ledger_path)
    window = controller.window
    activate(qtbot, window)
    copy = tmp_path / "copy.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    wait_for(copy.exists, timeout_ms=30_000)
    wait_for(lambda: bool(answers.told) and "已备份到" in answers.told[-1])
    controller.ledger.regions.create(name="阳原县", level="county")  # after the copies

    menu_bar(qtbot, window, "F", "备份与恢复")
    dialog = window.backups_dialog
    assert dialog is not None
    in_dialog(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    tab_to(qtbot, dialog.table)
    today = daily_path(ledger_path, date.today()).name
    rows = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    press(qtbot, Qt.Key.Key_Home, CTRL)
    for _ in range(rows.index(today)):
        press(qtbot, Qt.Key.Key_Down)
    if dialog.selected() is None:
        press(qtbot, Qt.Key.Key_Space)
    assert dialog.selected() is not None and dialog.selected().file.path.name == today
    with qtbot.waitSignal(controller.finished, timeout=30_000) as reopened:
        press(qtbot, Qt.Key.Key_R, ALT)  # 恢复所选备份(&R)…
    assert reopened.args == [True]
    assert "替换当前数据库" in answers.asked[-1]
    assert region_names(controller) == {"康保县"}
    activate(qtbot, controller.window)
    wait_for(lambda: focused().window() is controller.window)


def test_settings_and_the_language_from_the_menu(
    qtbot: Any,
    ledger_path: Path,  # noqa: F811
    controllers: Any,  # noqa: F811
) -> None:
    controller = controllers()
    assert open_in(qtbot, controller, ledger_path) == [True]
    window = controller.window
    activate(qtbot, window)

    def drive(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, named("操作员"))
        press(qtbot, Qt.Key.Key_A, CTRL)
        keys(qtbot, "李娜")
        tab_to(qtbot, named("界面语言"))
        choose(qtbot, "English")
        press(qtbot, Qt.Key.Key_Return)  # 确定

    run_dialog(qtbot, lambda: menu_bar(qtbot, window, "F", "单位与操作员"), drive)
    wait_for(lambda: controller.ledger.settings().get("operator") == "李娜", timeout_ms=20_000)
    assert saved_language() == "en"


def test_recent_files_and_open_database_by_keys(
    qtbot: Any,
    ledger_path: Path,  # noqa: F811
    controllers: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other.db"
    made = Ledger.open(other)
    made.set_settings(operator="王敏", office_code="131002", office_name="其他")
    made.close()
    controller = controllers()
    assert open_in(qtbot, controller, ledger_path) == [True]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    activate(qtbot, controller.window)
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        press(qtbot, Qt.Key.Key_O, CTRL)  # 打开数据库…
    assert controller.ledger.path == other.resolve()

    activate(qtbot, controller.window)
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        menu_bar(qtbot, controller.window, "F", "最近打开")  # Enter opens the submenu
        recent = popup()
        press(qtbot, Qt.Key.Key_2)  # its mnemonic: &2, the one opened before
        assert recent is not None
    assert controller.ledger.path == ledger_path.resolve()


def test_a_new_database_is_made_and_welcomed_by_keys(
    qtbot: Any,
    ledger_path: Path,  # noqa: F811
    controllers: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = tmp_path / "new.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fresh), ""))
    controller = controllers()
    assert open_in(qtbot, controller, ledger_path) == [True]
    activate(qtbot, controller.window)

    def welcome(dialog: QDialog) -> None:
        in_dialog(dialog)
        assert focused() is dialog.office_name  # type: ignore[attr-defined]
        keys(qtbot, "新建单位")
        press(qtbot, Qt.Key.Key_Tab)
        keys(qtbot, "131009")
        press(qtbot, Qt.Key.Key_Tab)
        keys(qtbot, "赵六")
        press(qtbot, Qt.Key.Key_Return)

    with qtbot.waitSignal(controller.finished, timeout=30_000):
        run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_N, CTRL_SHIFT), welcome)
    assert controller.ledger.path == fresh.resolve()
    settings = controller.ledger.settings()
    assert (settings["office_name"], settings["office_code"], settings["operator"]) == (
        "新建单位",
        "131009",
        "赵六",
    )


def test_a_server_database_is_tested_by_keys(
    qtbot: Any,
    ledger_path: Path,  # noqa: F811
    controllers: Any,  # noqa: F811
) -> None:
    """文件 → 连接服务器数据库…: the fields by Tab, 测试连接 by its mnemonic (Alt+T), Esc."""
    from tests.db.test_probe import closed_port

    port = closed_port()
    controller = controllers()
    assert open_in(qtbot, controller, ledger_path) == [True]
    window = controller.window
    activate(qtbot, window)

    def drive(dialog: QDialog) -> None:
        in_dialog(dialog)
        assert focused() is dialog.host  # type: ignore[attr-defined]
        assert dialog.current.text() == str(ledger_path.resolve())  # type: ignore[attr-defined]
        keys(qtbot, "127.0.0.1")
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_A, CTRL)
        keys(qtbot, str(port))
        press(qtbot, Qt.Key.Key_Tab)
        keys(qtbot, "ledger")
        press(qtbot, Qt.Key.Key_Tab)
        keys(qtbot, "lina")
        press(qtbot, Qt.Key.Key_T, ALT)  # 测试连接(&T)
        wait_for(lambda: "没有在这个端口上接受连接" in dialog.answer.text(), timeout_ms=20_000)  # type: ignore[attr-defined]
        assert dialog.port.value() == port  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_Escape)

    [dialog] = run_dialog(qtbot, lambda: menu_bar(qtbot, window, "F", "连接服务器数据库"), drive)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert controller.ledger.path == ledger_path.resolve()  # nothing else was opened
