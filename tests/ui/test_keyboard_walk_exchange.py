"""导出, 导入 (the mapping step, the preview) and 处理汇总冲突 with the keyboard only (README
导出、导入与汇总). The system's file dialogs answer with the path a person would type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from pairtrack.tracker.ledger import Ledger
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
    press,
    tab_to,
)
from tests.ui.test_conflicts import Offices, conflicted, offices  # noqa: F401 (fixtures)
from tests.ui.test_import_mapping import PAIRING, projects_book, target_combo
from tests.ui.test_keyboard_walk_records import in_dialog

CTRL_SHIFT = CTRL | SHIFT


def test_export_to_a_typed_path_with_enter(
    qtbot: Any, demo_ledger: Ledger, window: Any, tmp_path: Path, answers: Any
) -> None:
    target = tmp_path / "ledger-2017.xlsx"
    activate(qtbot, window)

    def drive(dialog: QDialog) -> None:
        in_dialog(dialog)
        tab_to(qtbot, dialog.format)  # type: ignore[attr-defined]
        choose(qtbot, dialog.format.itemText(0))  # type: ignore[attr-defined]
        tab_to(qtbot, dialog.year)  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_A, CTRL)
        keys(qtbot, "2017")
        tab_to(qtbot, dialog.path)  # type: ignore[attr-defined]
        keys(qtbot, str(target))  # typed: the path is ASCII here
        press(qtbot, Qt.Key.Key_Return)  # 导出 is the default button

    [dialog] = run_dialog(
        qtbot, lambda: press(qtbot, Qt.Key.Key_E, CTRL_SHIFT), drive, close_within_ms=60_000
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert answers.told and "已导出到" in answers.told[-1]
    book = openpyxl.load_workbook(target, read_only=True)
    assert "帮扶资金" in book.sheetnames
    rows = list(book["帮扶资金"].iter_rows(values_only=True))
    assert len(rows) - 1 == demo_ledger.funds.count()
    wait_for(lambda: focused().window() is window)


def test_import_with_the_mapping_step_and_preview_by_keys(
    qtbot: Any,
    demo_ledger: Ledger,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
) -> None:
    path = projects_book(
        tmp_path / "援建.xlsx",
        [["2017年援建项目明细"]],
        [("康保县产业园道路", 150), ("康保县养老院改造", "80.5")],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    activate(qtbot, window)
    seen: dict[str, Any] = {}

    def drive(dialog: QDialog) -> None:
        wait_for(lambda: dialog.stack.currentIndex() == dialog.MAPPING)  # type: ignore[attr-defined]
        in_dialog(dialog)
        (mapper,) = dialog.mapping_step.sheets  # type: ignore[attr-defined]
        amount = target_combo(mapper, "援建资金额度")
        tab_to(qtbot, amount)
        choose(qtbot, amount.itemText(amount.findData("amount_fen")))
        tab_to(qtbot, dialog.mapping_step.pairing)  # type: ignore[attr-defined]
        choose(qtbot, PAIRING)
        press(qtbot, Qt.Key.Key_Return)  # Enter previews
        wait_for(lambda: dialog.report is not None, timeout_ms=60_000)  # type: ignore[attr-defined]
        wait_for(lambda: dialog.import_button.isEnabled())  # type: ignore[attr-defined]
        seen["preview"] = dialog.table.item(0, 1).text()  # type: ignore[attr-defined]
        assert demo_ledger.funds.list(text="康保县产业园道路") == []  # the preview wrote nothing
        press(qtbot, Qt.Key.Key_Return)  # Enter imports
        wait_for(lambda: dialog.committed, timeout_ms=60_000)  # type: ignore[attr-defined]

    run_dialog(qtbot, lambda: press(qtbot, Qt.Key.Key_I, CTRL_SHIFT), drive, close_within_ms=60_000)
    assert seen["preview"] == "2"
    [road] = demo_ledger.funds.list(text="康保县产业园道路")
    assert road.amount_fen == 150 * 1_000_000
    assert answers.told and "已导入" in answers.told[-1]
    # the whole import is one step on the undo stack: Ctrl+Z takes it back
    undo = window.undo_stack
    wait_for(lambda: undo.canUndo() and not undo.busy)
    wait_for(lambda: focused().window() is window)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    wait_for(lambda: demo_ledger.funds.list(text="康保县产业园道路") == [], timeout_ms=60_000)
    wait_for(lambda: undo.canRedo() and not undo.busy)
    press(qtbot, Qt.Key.Key_Y, CTRL)  # imported again
    wait_for(lambda: len(demo_ledger.funds.list(text="康保县产业园道路")) == 1, timeout_ms=60_000)
    wait_for(lambda: not undo.busy)

    # 文件 → 导入记录…: the latest import chosen with the arrows, undone with Alt+U
    def undo_by_list(dialog: QDialog) -> None:
        in_dialog(dialog)
        wait_for(lambda: dialog.loaded)  # type: ignore[attr-defined]
        tab_to(qtbot, dialog.table)  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_Home, CTRL)  # the latest first
        if dialog.selected() is None:  # type: ignore[attr-defined]
            press(qtbot, Qt.Key.Key_Space)
        assert dialog.selected().undone_at is None  # type: ignore[attr-defined]
        press(qtbot, Qt.Key.Key_U, ALT)  # 撤销此次导入(&U)
        wait_for(lambda: bool(answers.told) and "已撤销" in answers.told[-1], timeout_ms=60_000)
        press(qtbot, Qt.Key.Key_Escape)

    run_dialog(qtbot, lambda: menu_bar(qtbot, window, "F", "导入记录"), undo_by_list)
    assert demo_ledger.funds.list(text="康保县产业园道路") == []


def test_a_conflict_is_resolved_with_ctrl_shift_k_and_keys(
    qtbot: Any,
    conflicted: Offices,  # noqa: F811 (the fixture)
    answers: Any,
) -> None:
    from tests.ui.test_conflicts import open_window

    window = open_window(qtbot)
    qtbot.waitUntil(lambda: window.status_conflicts.isVisible(), timeout=20_000)
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_K, CTRL_SHIFT)
    dialog = window.conflicts_dialog
    assert dialog is not None
    in_dialog(dialog)
    qtbot.waitUntil(lambda: not dialog.loading and len(dialog.rows) == 1, timeout=20_000)
    tab_to(qtbot, dialog.table)
    press(qtbot, Qt.Key.Key_Down)  # the first conflict, selected
    if not dialog.selected():
        press(qtbot, Qt.Key.Key_Space)
    assert dialog.selected()
    tab_to(qtbot, dialog.value)
    keys(qtbot, "828")
    press(qtbot, Qt.Key.Key_Return)  # 改为此值, in 万元
    assert answers.asked and "改为「828」" in answers.asked[-1]
    qtbot.waitUntil(lambda: not dialog.working and not dialog.rows, timeout=20_000)
    assert conflicted.amount() == 828 * 1_000_000
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wait_for(lambda: focused().window() is window)
