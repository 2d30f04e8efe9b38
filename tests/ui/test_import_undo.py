"""An import in the window is one undo step (Ctrl+Z undoes all of it, redo imports the file
again), and 文件 → 导入记录… lists past imports with a button that undoes one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.importing import import_file
from pairtrack.tracker.imports import list_imports
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.exchange import ImportDialog
from pairtrack.ui.dialogs.imports import ImportsDialog


def funds_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "帮扶资金"
    sheet.append(
        ["结对关系", "资金年度", "资金类别", "金额（万元）", "用途/项目", "拨付日期", "凭证号"]
    )
    for purpose, voucher in (("耕地指标款（补录）", "KB-1"), ("捐助图书（补录）", "KB-2")):
        sheet.append(["廊坊开发区→康保县", 2017, "财政援助资金", 10, purpose, date(2017, 7, 1),
                      voucher])  # fmt: skip
    book.save(path)
    return path


def imported_in_dialog(qtbot: Any, window: Any, path: Path) -> ImportDialog:
    dialog = ImportDialog(path, window, window.undo_stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.committed, timeout=10_000)
    return dialog


def idle(window: Any) -> bool:
    return not window.undo_stack.busy


def test_an_import_is_one_undo_step(
    qtbot: Any, window: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = funds_workbook(tmp_path / "补录.xlsx")
    before = demo_ledger.funds.totals()
    imported_in_dialog(qtbot, window, path)
    after = demo_ledger.funds.totals()
    assert after["count"] == before["count"] + 2
    assert window.undo_stack.count() == 1
    assert "补录.xlsx" in window.act_undo.text()
    assert window.act_undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)

    window.act_undo.trigger()  # Ctrl+Z
    qtbot.waitUntil(lambda: idle(window) and demo_ledger.funds.totals() == before, timeout=10_000)
    first = list_imports(demo_ledger)[0]
    assert first.undone_at is not None
    assert run_checks(demo_ledger) == []

    window.act_redo.trigger()  # imports the same file again, as a new batch
    qtbot.waitUntil(lambda: idle(window) and demo_ledger.funds.totals() == after, timeout=10_000)
    batches = list_imports(demo_ledger)
    assert len(batches) == 2 and batches[0].undone_at is None

    window.act_undo.trigger()  # and undo takes back that new batch
    qtbot.waitUntil(lambda: idle(window) and demo_ledger.funds.totals() == before, timeout=10_000)
    assert all(b.undone_at is not None for b in list_imports(demo_ledger))


def test_the_same_file_needs_a_tick_to_import_again(
    qtbot: Any, window: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = funds_workbook(tmp_path / "补录.xlsx")
    assert import_file(demo_ledger, path, dry_run=False).committed
    count = demo_ledger.funds.count()
    dialog = ImportDialog(path, window, window.undo_stack)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert "已于" in dialog.status.text() and dialog.again.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()
    # the rows themselves are 疑似重复 of what the first import created
    assert "疑似重复" in dialog.problems.toPlainText()
    dialog.again.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.committed, timeout=10_000)
    assert demo_ledger.funds.count() == count
    assert len(list_imports(demo_ledger)) == 2


def test_imports_dialog_lists_and_undoes_an_import(
    qtbot: Any, window: Any, demo_ledger: Ledger, tmp_path: Path, answers: Any
) -> None:
    before = demo_ledger.funds.totals()
    report = import_file(demo_ledger, funds_workbook(tmp_path / "补录.xlsx"), dry_run=False)
    assert demo_ledger.funds.totals() != before
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("文件"))
    assert window.act_imports in menu.actions()

    dialog = ImportsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == str(report.import_id)
    assert dialog.table.item(0, 4).text() == "补录.xlsx"
    assert "新增 2" in dialog.table.item(0, 7).text()
    assert not dialog.undo_button.isEnabled()  # nothing selected yet
    dialog.table.selectRow(0)
    assert dialog.undo_button.isEnabled()

    answers.reply = False  # the confirmation is declined: nothing happens
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1 and "补录.xlsx" in answers.asked[0]
    assert list_imports(demo_ledger)[0].undone_at is None

    answers.reply = True
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("已撤销" in t for t in answers.told), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.loaded and dialog.table.item(0, 8).text() != "", timeout=10_000)
    assert demo_ledger.funds.totals() == before
    dialog.table.selectRow(0)
    assert not dialog.undo_button.isEnabled()  # an undone import cannot be undone again


def test_imports_dialog_shows_why_an_undo_is_refused(
    qtbot: Any, window: Any, demo_ledger: Ledger, tmp_path: Path, answers: Any
) -> None:
    import_file(demo_ledger, funds_workbook(tmp_path / "补录.xlsx"), dry_run=False)
    edited = demo_ledger.funds.list(text="捐助图书（补录）")[0]
    demo_ledger.funds.update(edited.id, purpose="捐助图书（已核对）")
    dialog = ImportsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("又被修改" in t for t in answers.told), timeout=10_000)
    assert list_imports(demo_ledger)[0].undone_at is None
    assert demo_ledger.funds.list(text="耕地指标款（补录）")
