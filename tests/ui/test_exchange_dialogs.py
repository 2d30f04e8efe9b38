"""The import dialog shows the preview first and writes only when 导入 is clicked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import ops
from pairtrack.ui.bus import bus
from pairtrack.ui.dialogs.exchange import ImportDialog, import_dropped_file
from pairtrack.ui.dialogs.export import ExportDialog
from pairtrack.ui.worker import pool


def test_import_package_through_the_dialog(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path, answers: Any
) -> None:
    package = tmp_path / "demo.pairtrack.zip"
    export_package(demo_ledger, package)
    target = Ledger.open(tmp_path / "target.db")
    target.set_settings(operator="测试员", office_code="130700", office_name="市办")
    ops.attach(target)
    try:
        dialog = ImportDialog(package)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
        # the preview: per-table counts, nothing written yet
        assert dialog.table.rowCount() == 7
        assert dialog.table.item(0, 0).text() == "地区"
        assert dialog.table.item(0, 1).text() == "16"
        assert target.funds.count() == 0
        with qtbot.waitSignal(bus().changed, timeout=10_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.committed
        assert target.funds.count() == demo_ledger.funds.count()
        assert run_checks(target) == []
        assert any("已导入" in text for text in answers.told)
    finally:
        pool().waitForDone()
        ops.attach(demo_ledger)
        target.close()


def test_ledger_errors_shown_and_nothing_written(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "帮扶资金"
    workbook.active.append(["id", "结对关系", "资金年度", "资金类别", "金额（万元）", "用途/项目",
                            "拨付日期"])  # fmt: skip
    workbook.active.append([None, "不存在→康保县", 2017, "财政援助资金", 1, "x", "2017-01-01"])
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    before = demo_ledger.funds.count()
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert "「帮扶资金」第 2 行「结对关系」列" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    assert dialog.valid_only.isVisibleTo(dialog)
    assert demo_ledger.funds.count() == before


def test_drop_refuses_other_files(qtbot: Any, window: Any, answers: Any) -> None:
    assert import_dropped_file(window, "/tmp/notes.txt") is False
    assert answers.told


def test_export_dialog_writes_a_package(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path, answers: Any
) -> None:
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(2)
    dialog.path.setText(str(tmp_path / "out.pairtrack.zip"))
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "out.pairtrack.zip").stat().st_size > 0


@pytest.mark.sqlite_only("changes the file behind the program's back with sqlite3")
def test_a_package_whose_sender_rewrote_its_history_is_shown_in_red(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path, answers: Any
) -> None:
    import sqlite3
    from contextlib import closing

    from pairtrack.tracker.exchange.merge import import_package
    from pairtrack.tracker.received import REWRITTEN

    target = Ledger.open(tmp_path / "city.db")
    target.set_settings(operator="测试员", office_code="130700", office_name="市办")
    first, second = tmp_path / "1.pairtrack.zip", tmp_path / "2.pairtrack.zip"
    export_package(demo_ledger, first)
    import_package(target, first)
    # the sending office deletes its last audit event, then exports again
    with closing(sqlite3.connect(demo_ledger.path)) as connection, connection:  # type: ignore[arg-type]
        connection.execute("DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    fund = demo_ledger.funds.list(limit=1)[0]
    demo_ledger.funds.update(fund.id, purpose="又改了一次")  # and goes on working
    export_package(demo_ledger, second)
    ops.attach(target)
    try:
        dialog = ImportDialog(second)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        warning = dialog.history_warning
        assert warning.isVisible()
        assert warning.text().startswith(f"警告：{REWRITTEN}")
        assert "测试办公室（131001）" in warning.text() and "请与对方核实" in warning.text()
        # red, as the dialog's other errors: the palette's readable warning colour, in bold
        from PySide6.QtGui import QPalette

        from pairtrack.ui import colours

        shown = warning.palette().color(QPalette.ColorRole.WindowText)
        assert shown == colours.warning(warning.palette()) and warning.font().bold()
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
        with qtbot.waitSignal(bus().changed, timeout=10_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert any(REWRITTEN in text for text in answers.told), "said again when imported"
    finally:
        pool().waitForDone()
        ops.attach(demo_ledger)
        target.close()


def test_a_package_with_an_unbroken_history_shows_no_warning(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    package = tmp_path / "demo.pairtrack.zip"
    export_package(demo_ledger, package)
    target = Ledger.open(tmp_path / "city.db")
    target.set_settings(operator="测试员", office_code="130700", office_name="市办")
    ops.attach(target)
    try:
        dialog = ImportDialog(package)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        assert not dialog.history_warning.isVisible() and dialog.history_warning.text() == ""
    finally:
        pool().waitForDone()
        ops.attach(demo_ledger)
        target.close()
