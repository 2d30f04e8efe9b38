"""The window's two database helpers, driven directly: success, failure, cancel, results
after the widget has gone, reads that may not write, and a busy database."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from pairtrack.tracker.errors import DatabaseBusy, ValidationError
from pairtrack.tracker.jobs import JobCancelled, check_cancelled
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages, ops
from pairtrack.ui.bus import bus
from pairtrack.ui.ops import CollectionOp, QueryOp
from pairtrack.ui.worker import pool
from tests.ui.conftest import attached_ledger


class Outcome:
    def __init__(self) -> None:
        self.results: list[Any] = []
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def ok(self, result: Any) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(result)

    def failed(self, exc: BaseException) -> None:
        self.errors.append(exc)

    def ended(self) -> bool:
        return bool(self.results or self.errors)


@pytest.fixture
def widget(qtbot: Any) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


def test_a_query_runs_in_the_worker_and_answers_on_the_gui_thread(
    qtbot: Any, ledger: Ledger, widget: QWidget
) -> None:
    ledger.regions.create(name="康保县", level="county")
    seen: list[threading.Thread] = []
    out = Outcome()

    def op(led: Ledger, _job: Any) -> int:
        seen.append(threading.current_thread())
        return int(led.regions.count())

    QueryOp(widget, op, out.ok).failure(out.failed).run()
    qtbot.waitUntil(out.ended)
    assert out.results == [1]
    assert seen[0] is not threading.main_thread()
    assert out.threads == [threading.main_thread()]


def test_a_refused_write_reaches_failure_and_writes_nothing(
    qtbot: Any, ledger: Ledger, widget: QWidget
) -> None:
    out = Outcome()

    def op(led: Ledger, _job: Any) -> None:
        led.regions.create(name="甲", level="county")
        led.regions.create(name="乙", level="nowhere")

    def in_one_block(led: Ledger, job: Any) -> None:
        with led.write():
            op(led, job)

    CollectionOp(widget, in_one_block, out.ok).failure(out.failed).run()
    qtbot.waitUntil(out.ended)
    assert isinstance(out.errors[0], ValidationError)
    assert ledger.regions.count(include_deleted=True) == 0


def test_without_a_failure_handler_the_user_is_told(
    qtbot: Any, ledger: Ledger, widget: QWidget, answers: Any
) -> None:
    CollectionOp(widget, lambda led, _job: led.regions.create(name="乙", level="nowhere")).run()
    qtbot.waitUntil(lambda: bool(answers.told))
    assert "级别" in answers.told[-1]


def test_a_query_may_not_write(qtbot: Any, ledger: Ledger, widget: QWidget) -> None:
    out = Outcome()
    QueryOp(widget, lambda led, _job: led.regions.create(name="甲", level="county"), out.ok)\
        .failure(out.failed).run()  # fmt: skip
    qtbot.waitUntil(out.ended)
    assert isinstance(out.errors[0], RuntimeError)
    assert ledger.regions.count() == 0


def test_cancel_stops_a_long_op_and_nothing_is_written(
    qtbot: Any, ledger: Ledger, widget: QWidget
) -> None:
    out = Outcome()
    started = threading.Event()

    def op(led: Ledger, job: Any) -> None:
        with led.write():
            led.regions.create(name="甲", level="county")
            started.set()
            while True:
                check_cancelled(job.cancelled)

    handle = CollectionOp(widget, op, out.ok).failure(out.failed).run()
    qtbot.waitUntil(started.is_set)
    handle.cancel()
    qtbot.waitUntil(out.ended)
    assert isinstance(out.errors[0], JobCancelled)
    assert ledger.regions.count() == 0


def test_a_result_after_the_widget_closed_is_dropped_but_the_change_announced(
    qtbot: Any, ledger: Ledger
) -> None:
    gone = QWidget()
    out = Outcome()
    release = threading.Event()

    def op(led: Ledger, _job: Any) -> Any:
        release.wait(5)
        return led.regions.create(name="甲", level="county")

    CollectionOp(gone, op, out.ok).failure(out.failed).run()
    gone.deleteLater()
    qtbot.waitUntil(lambda: not _alive(gone))
    with qtbot.waitSignal(bus().changed) as announced:
        release.set()
    assert announced.args[0].touches("region")
    pool().waitForDone()
    qtbot.wait(50)  # let the queued result arrive: it must find nobody
    assert not out.ended()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


@pytest.fixture
def quick(tmp_path: Path) -> Iterator[Ledger]:
    """A ledger that gives up on a held lock after 0.2 s instead of 5 s."""
    with attached_ledger(tmp_path / "quick.db", busy_timeout_ms=200) as opened:
        yield opened


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
def test_a_held_write_lock_asks_to_retry_and_writes_once_released(
    qtbot: Any, quick: Ledger, widget: QWidget, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert quick.path is not None
    other = sqlite3.connect(quick.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program saving
    out = Outcome()

    def retry_once_released(_parent: Any, _title: str, text: str) -> bool:
        answers.asked.append(text)
        other.execute("ROLLBACK")
        return True

    monkeypatch.setattr(messages, "retry", retry_once_released)
    CollectionOp(widget, lambda led, _job: led.regions.create(name="甲", level="county"), out.ok)\
        .failure(out.failed).run()  # fmt: skip
    qtbot.waitUntil(out.ended, timeout=10_000)
    other.close()
    assert "占用" in answers.asked[-1]
    assert out.results and quick.regions.count() == 1


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
def test_a_held_write_lock_declined_gives_a_clear_error(
    qtbot: Any, quick: Ledger, widget: QWidget, answers: Any
) -> None:
    assert quick.path is not None
    other = sqlite3.connect(quick.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    out = Outcome()
    try:
        CollectionOp(
            widget, lambda led, _job: led.regions.create(name="甲", level="county"), out.ok
        ).failure(out.failed).run()
        qtbot.waitUntil(out.ended, timeout=10_000)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(out.errors[0], DatabaseBusy)
    assert "占用" in str(out.errors[0])
    assert quick.regions.count(include_deleted=True) == 0


def test_a_names_reload_asked_for_while_one_runs_does_not_outlive_the_database(
    qtbot: Any, ledger: Ledger
) -> None:
    """A second reload requested while the first runs is started when the first answers; if
    the window has let go of its database by then, it is dropped, not an error."""
    from pairtrack.ui.display import LookupCache

    cache = LookupCache()
    cache.reload()
    cache.reload()  # asked again while the first runs
    ops.attach(None)  # the window closes its database before the first answers
    qtbot.waitUntil(lambda: not cache.loading)
    assert not cache._again
