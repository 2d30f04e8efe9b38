"""An unexpected error: written to the log with its traceback, told in a dialog that says the
saved data is safe and can copy the details, and the program keeps running."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from pairtrack.tracker import logs
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import crash
from pairtrack.ui.ops import QueryOp
from tests.ui.conftest import refreshed


class InjectedFault(RuntimeError):
    """What the tests raise: a name the log and the dialog must show."""


@pytest.fixture
def support(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[logs.LogFiles]:
    """Logging into a temporary folder and the crash hooks installed, as run_window does."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_reporter", None)
    files = logs.start_logging(tmp_path / "logs")
    crash.install()
    yield files
    reporter = crash.reporter()
    if reporter.dialog is not None:
        reporter.dialog.close()
        reporter.dialog.deleteLater()
    logs.stop_logging()


def log_text(files: logs.LogFiles) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return files.log.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_handler_is_logged_and_shown(
    qtbot: Any, support: logs.LogFiles
) -> None:
    def handler() -> None:
        raise InjectedFault("按钮处理出错")

    reporter = crash.reporter()
    with qtbot.waitSignal(reporter.shown, timeout=5000):
        QTimer.singleShot(0, handler)

    text = log_text(support)
    assert "InjectedFault: 按钮处理出错" in text
    assert "Traceback" in text and "in handler" in text  # the traceback, down to the handler
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert "InjectedFault: 按钮处理出错" in dialog.what.text()
    assert "不会丢失" in dialog.safe.text() and "事务" in dialog.safe.text()
    assert str(support.log) in dialog.log_line.text()

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "InjectedFault: 按钮处理出错" in copied
    assert str(support.log) in copied

    # the program keeps running: the event loop still turns and timers still fire
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired))


@pytest.mark.qt_no_exception_capture
def test_a_second_error_joins_the_open_dialog(qtbot: Any, support: logs.LogFiles) -> None:
    reporter = crash.reporter()
    for n in (1, 2):
        with qtbot.waitSignal(reporter.shown, timeout=5000):
            QTimer.singleShot(0, lambda n=n: (_ for _ in ()).throw(InjectedFault(f"第{n}次")))
    dialog = reporter.dialog
    assert dialog is not None and dialog.count == 2
    assert "又发生了 1 次" in dialog.again.text()
    assert "第1次" in dialog.details and "第2次" in dialog.details


def test_an_unexpected_error_in_the_database_worker_is_logged_and_shown(
    qtbot: Any, support: logs.LogFiles, ledger: Ledger, window: Any
) -> None:
    def broken(_ledger: Ledger, _job: Any) -> None:
        raise InjectedFault("查询出错")

    reporter = crash.reporter()
    with qtbot.waitSignal(reporter.shown, timeout=5000):
        QueryOp(window, broken).run()
    assert "数据库作业" in log_text(support) and "InjectedFault: 查询出错" in log_text(support)
    assert "in broken" in log_text(support)
    assert reporter.dialog is not None and "查询出错" in reporter.dialog.what.text()
    refreshed(qtbot, window)  # the window still works with its database


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_is_shown_on_the_gui_thread(
    qtbot: Any, support: logs.LogFiles
) -> None:
    def work() -> None:
        raise InjectedFault("线程出错")

    reporter = crash.reporter()
    with qtbot.waitSignal(reporter.shown, timeout=5000):
        thread = threading.Thread(target=work)
        thread.start()
    thread.join()
    assert reporter.dialog is not None and "线程出错" in reporter.dialog.what.text()
    assert "InjectedFault: 线程出错" in log_text(support)


def test_a_hard_crash_of_the_last_run_is_kept_aside(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / logs.FAULT_FILE).write_text("Fatal Python error: Segmentation fault\n")
    try:
        files = logs.start_logging(folder)
        assert files.earlier_crash == folder / "faults.1.log"
        assert "Segmentation fault" in files.earlier_crash.read_text()
        assert files.faults.read_text() == ""  # this run starts a clean record
        assert "上次运行异常终止" in log_text(files)
    finally:
        logs.stop_logging()


def test_the_log_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    try:
        files = logs.start_logging(tmp_path)
        for n in range(200):
            logging.getLogger("pairtrack.test").info("第 %d 行：%s", n, "内容" * 10)
        names = sorted(p.name for p in tmp_path.glob("pairtrack.log*"))
        assert names == ["pairtrack.log", *(f"pairtrack.log.{i}" for i in range(1, 5))]
        assert all(p.stat().st_size <= 2500 for p in tmp_path.glob("pairtrack.log*"))
        assert "第 199 行" in log_text(files)
    finally:
        logs.stop_logging()
