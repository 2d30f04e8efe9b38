"""GUI test fixtures: a fresh ledger per test, isolated QSettings, scripted message boxes."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from sqlalchemy import event
from sqlalchemy.pool import Pool

from pairtrack import ui
from pairtrack.db.engine import BUSY_TIMEOUT_MS
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages, ops
from pairtrack.ui.worker import pool

UI_FOLDER = str(Path(ui.__file__).resolve().parent)
TESTS_FOLDER = str(Path(__file__).resolve().parents[1])


def _window_code_on_gui_thread() -> str | None:
    """Where ``ui/`` code reached the database on the GUI thread, or None.

    Walks the stack from the innermost frame out: a test's own set-up or assertion (a frame
    in tests/ comes first) may use the ledger directly; window code may not.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    frame = sys._getframe(1)
    while frame is not None:
        filename = str(Path(frame.f_code.co_filename).resolve())
        if filename.startswith(TESTS_FOLDER):
            return None
        if filename.startswith(UI_FOLDER):
            return f"{filename}:{frame.f_lineno} in {frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return None


@pytest.fixture(autouse=True)
def no_database_work_on_the_gui_thread() -> Iterator[None]:
    """Fail any test in which the window opens a database connection on the GUI thread."""
    found: list[str] = []

    def checkout(_dbapi: Any, _record: Any, _proxy: Any) -> None:
        where = _window_code_on_gui_thread()
        if where is not None:
            found.append(where)

    event.listen(Pool, "checkout", checkout)
    yield
    pool().waitForDone()
    event.remove(Pool, "checkout", checkout)
    assert not found, "database used on the GUI thread by: " + "; ".join(found)


class Answers:
    """Stands in for modal boxes: records what was told, answers questions as scripted."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.told: list[str] = []
        self.reply = True

    def ask(self, _parent: Any, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.reply

    def tell(self, _parent: Any, _title: str, text: str, *, error: bool = False) -> None:
        self.told.append(text)

    def retry(self, _parent: Any, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.retry_reply

    retry_reply = False


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    scripted = Answers()
    monkeypatch.setattr(messages, "ask", scripted.ask)
    monkeypatch.setattr(messages, "tell", scripted.tell)
    monkeypatch.setattr(messages, "retry", scripted.retry)
    return scripted


@pytest.fixture(scope="session", autouse=True)
def chinese(qapp: Any) -> None:
    """The window's language as users have it by default: Chinese, Qt's own strings too
    (是/否, 取消), as ``ui.app.create_app`` installs them."""
    from pairtrack.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    """The window in English for one test; Chinese again afterwards."""
    from pairtrack.ui.i18n import install_translators

    assert install_translators(qapp, "en") == "en"
    yield
    install_translators(qapp, "zh_CN")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    QCoreApplication.setOrganizationName("PairTrackTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield
    pool().waitForDone()
    gc.collect()  # on the GUI thread, as ui.worker arranges for the running program


@pytest.fixture(autouse=True)
def isolated_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (the 总览's figures kept between starts) inside the test's."""
    from pairtrack.tracker import paths

    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr(paths, "data_folder", lambda: folder)


@contextmanager
def attached_ledger(path: Path | str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Iterator[Ledger]:
    """A fresh ledger with an office and operator, handed to the window's ops."""
    opened = Ledger.open(path, busy_timeout_ms=busy_timeout_ms)
    opened.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    ops.attach(opened)
    try:
        yield opened
    finally:
        settle()
        ops.attach(None)
        opened.close()


def settle(rounds: int = 20) -> None:
    """Let the worker finish and the GUI thread take its answers, until neither has more: an
    answer can start another read (a page refreshing after its data came), which must not
    find the ledger already detached. (Slower answers, as a server gives, made that visible.)"""
    for _ in range(rounds):
        pool().waitForDone()
        QCoreApplication.processEvents()
        if pool().activeThreadCount() == 0:
            pool().waitForDone()
            QCoreApplication.processEvents()
            if pool().activeThreadCount() == 0:
                return


@pytest.fixture
def ledger(db_target: Path | str) -> Iterator[Ledger]:
    with attached_ledger(db_target) as opened:
        yield opened


@pytest.fixture
def lookups(qtbot: Any, ledger: Ledger) -> Any:
    """The window's names and choices, loaded (in the worker) as a window would load them."""
    from pairtrack.ui.display import Lookups

    cache = Lookups()
    with qtbot.waitSignal(cache.reloaded, timeout=30_000):  # generous: a loaded CI machine
        cache.reload()
    return cache


@pytest.fixture
def demo_ledger(ledger: Ledger) -> Ledger:
    load_demo(ledger)
    return ledger


@pytest.fixture
def window(qtbot: Any, ledger: Ledger) -> Iterator[Any]:
    from pairtrack.ui.main_window import MainWindow

    main = MainWindow(ledger)
    qtbot.addWidget(main)
    main.show()
    yield main
    pool().waitForDone()
    main.close()


def run_dialog(
    qtbot: Any, open_dialog: Any, fill: Any, *, close_within_ms: int = 10_000
) -> list[Any]:
    """Start a modal dialog with ``open_dialog()`` and drive it with ``fill(dialog)``.

    ``fill`` runs once the dialog is up (exec() blocks the test otherwise), for as long as it
    needs (a brief being generated); the dialog must then close within ``close_within_ms``.
    The dialogs it saw are returned so the test can look at their state afterwards.
    """
    from PySide6.QtCore import QDeadlineTimer, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    seen: list[Any] = []
    errors: list[BaseException] = []
    deadline: list[QDeadlineTimer] = []  # from the moment ``fill`` returned
    earlier = QApplication.activeModalWidget()  # a leftover modal is not the one opened here
    poll = QTimer()
    poll.setInterval(20)

    def drive() -> None:
        if seen:  # filled: a dialog that stays open past the deadline fails the test
            if deadline and deadline[0].hasExpired() and open_(seen[-1]):
                errors.append(AssertionError(f"{seen[-1].windowTitle()} 仍未关闭"))
                seen[-1].reject()
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog is earlier:
            return
        seen.append(dialog)
        try:
            fill(dialog)
        except BaseException as exc:  # a failed check must close the dialog, not hang exec()
            errors.append(exc)
            dialog.reject()
        deadline.append(QDeadlineTimer(close_within_ms))

    poll.timeout.connect(drive)
    poll.start()
    try:
        open_dialog()
        # a dialog may open only after a read in the worker (the record to edit): wait for it
        qtbot.waitUntil(lambda: bool(errors) or (bool(seen) and not open_(seen[-1])),
                        timeout=close_within_ms)  # fmt: skip
    finally:
        poll.stop()
    if errors:
        raise errors[0]
    return seen


def open_(dialog: Any) -> bool:
    import shiboken6

    return shiboken6.isValid(dialog) and bool(dialog.isVisible())


def refreshed(qtbot: Any, window: Any) -> None:
    """After a test wrote behind the window's back: F5, and wait for the names to reload."""
    window.act_refresh.trigger()
    # a reload already under way when the test wrote may report first: wait for the last one
    qtbot.waitUntil(lambda: not window.lookups.loading, timeout=10_000)


def wait_for(condition: Any, timeout_ms: int = 10_000) -> None:
    """``qtbot.waitUntil`` for helpers that have no qtbot: turn the event loop until true."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtTest import QTest

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        assert not deadline.hasExpired(), "timed out"
        QTest.qWait(10)
