"""The machinery under ``ui.ops``: the single database worker thread and its results.

``run_job`` takes a plain function ``fn(progress, cancelled)`` and calls ``on_done(result)`` or
``on_error(exc)`` back on the GUI thread. One single-thread pool owns database work, so two
jobs never race. A progress dialog appears only when a job lasts over half a second. Widgets
do not call this directly: they use ``ui.ops.QueryOp`` and ``CollectionOp``.
"""

from __future__ import annotations

import atexit
import gc
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from pairtrack.db.errors import DatabaseRefused
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.jobs import Cancelled, Progress
from pairtrack.ui.focus_return import return_focus
from pairtrack.ui.i18n import tr

log = logging.getLogger(__name__)

Work = Callable[[Progress, Cancelled], Any]  # a plain function run in the worker
DIALOG_DELAY_MS = 500

_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Dispatcher(QObject):
    """Lives on the GUI thread for the whole run; workers emit through it (queued) and it
    hands results to the job's handle, if the widget that started the job still exists.

    One long-lived sender, rather than a signal object per job, means no QObject is ever
    deleted while a worker thread may still be emitting through it. Signals carry only the
    job number: results wait in ``outcomes``, because PySide6 6.12 miscounts references of
    Python objects sent through queued ``object`` signal arguments (None and True end up
    freed, and the interpreter aborts).
    """

    finished = Signal(int)  # job number; its outcome is in ``outcomes``
    progressed = Signal(int, int, int)  # job number, done, total

    def __init__(self) -> None:
        super().__init__()
        self.handles: dict[int, Handle] = {}
        self.outcomes: dict[int, tuple[Any, BaseException | None]] = {}
        # called on the GUI thread when a job ends, even when the widget that asked is gone:
        # what a write committed must still reach the other views
        self.always: dict[int, Callable[[], None]] = {}
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    @Slot(int)
    def _finished(self, number: int) -> None:
        result, error = self.outcomes.pop(number)
        always = self.always.pop(number, None)
        if always is not None:
            always()
        handle = self.handles.pop(number, None)
        if handle is None or not shiboken6.isValid(handle):
            return  # the widget that asked is gone; nobody wants the answer
        if error is None:
            handle._done(result)
        else:
            handle._failed(error)

    @Slot(int, int, int)
    def _progressed(self, number: int, done: int, total: int) -> None:
        handle = self.handles.get(number)
        if handle is not None and shiboken6.isValid(handle):
            handle._progressed(done, total)


_dispatcher: _Dispatcher | None = None
_numbers = itertools.count(1)


GC_INTERVAL_MS = 2000
_frozen = False


def _collect() -> None:
    """Every generation at once, on the GUI thread, once enough objects were allocated since
    the last collection to start one (``gc.get_threshold``): an idle window collects nothing.
    (Full collections only: collecting the young generations on their own, as Python does,
    crashed Qt in four of five runs of the window's tests, a widget being destroyed from a
    garbage cycle; full collections never have.)"""
    if gc.get_count()[0] > gc.get_threshold()[0]:
        gc.collect()


def freeze_start_up() -> None:
    """Once, when the first database is shown: leave what is alive now out of every later
    collection (the modules, SQLAlchemy's and the models' structures, the window and its
    ledger: 100,000 objects that live as long as the program), so that a full collection
    reads only what was made since. It moves lists, it destroys nothing, so it is safe
    anywhere. (Should one of them become cyclic garbage, say the first ledger's objects when
    another database is opened, it stays until the program ends: a one-time cost.)"""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def dispatcher() -> _Dispatcher:
    """The GUI-thread end of every job; created with the first job.

    It also takes over Python's cyclic garbage collection (as Anki does): a collection that
    happens to run on the worker thread would destroy Qt widgets caught in reference cycles
    off the GUI thread, which crashes Qt. Automatic collection is switched off and a timer
    collects on the GUI thread instead (``_collect``).
    """
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        gc.disable()
        collector = QTimer(_dispatcher)
        collector.timeout.connect(_collect)
        collector.start(GC_INTERVAL_MS)
        atexit.register(_shut_down)
    return _dispatcher


def _shut_down() -> None:
    """Before the interpreter finalises: let jobs end, collect, and hand GC back to Python."""
    global _dispatcher
    pool().waitForDone()
    if _dispatcher is not None and shiboken6.isValid(_dispatcher):
        _dispatcher.handles.clear()
        shiboken6.delete(_dispatcher)
    _dispatcher = None
    gc.unfreeze()
    gc.collect()
    gc.enable()


class _Runnable(QRunnable):
    def __init__(self, fn: Work, number: int, cancel: threading.Event) -> None:
        super().__init__()
        self.fn, self.number, self.cancel = fn, number, cancel
        self.setAutoDelete(True)

    def run(self) -> None:
        target = dispatcher()

        def progress(done: int, total: int) -> None:
            target.progressed.emit(self.number, done, total)

        try:
            outcome: tuple[Any, BaseException | None] = (
                self.fn(progress, self.cancel.is_set),
                None,
            )
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            outcome = (None, exc)
            _log_failure(self.fn, exc)
        target.outcomes[self.number] = outcome
        target.finished.emit(self.number)


def _log_failure(fn: Work, exc: BaseException) -> None:
    """Every failed job is in the log, even where its caller ignores the error: a refusal
    the user was told about (a refused database or server among them) as one line,
    anything else with its traceback."""
    name = getattr(fn, "__qualname__", repr(fn))
    if isinstance(exc, (PairTrackError, DatabaseRefused)):
        log.info("%s：%s", name, exc)  # i18n: not shown (the log)
    else:
        log.error("数据库作业 %s 出错", name, exc_info=exc)  # i18n: not shown (the log)


class Handle(QObject):
    """A running job: ``cancel()`` asks it to stop; ``finished`` fires on the GUI thread.

    The handle is a child of the widget that started the job and receives the worker's
    signals itself, so when that widget is destroyed Qt drops the connections and a late
    result is never delivered to a deleted widget.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QObject | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        label: str | None,
        cancellable: bool,
    ) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.running = True
        self._on_done, self._on_error = on_done, on_error
        self._label, self._cancellable = label, cancellable
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._timer.start(DIALOG_DELAY_MS)

    def cancel(self) -> None:
        self.cancel_event.set()

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running or self._label is None:
            return
        parent = self.parent()
        dialog = QProgressDialog(
            self._label, tr("取消") if self._cancellable else "", 0, 0,
            parent if isinstance(parent, QWidget) else None,
        )  # fmt: skip
        dialog.setWindowTitle(tr("请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if self._cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        return_focus(dialog)  # to the button that started the work, or where it moved it
        dialog.show()
        self._dialog = dialog

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _finish(self) -> None:
        self.running = False
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.hide()
            self._dialog.setParent(None)  # freed with its last reference (see below)
            self._dialog = None
        self.finished.emit()
        # Handed back to Python, not deleteLater(): Python frees it with its last reference.
        # A deleteLater() posted while the widget that owns it had one pending too (pytest-qt
        # closes widgets that way) crashed Qt in ~QObject when both deferred deletes ran in
        # one pass of the event loop (PySide6 6.11; tests/ui/test_worker_teardown.py).
        self.setParent(None)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._on_error(exc)


def run_job(
    parent: QObject | None,
    fn: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    label: str | None = None,
    cancellable: bool = True,
    always: Callable[[], None] | None = None,
) -> Handle:
    """Start ``fn`` in the database worker. With ``label`` a progress dialog shows if slow."""
    target = dispatcher()  # first, so collection is on the GUI thread before any job runs
    handle = Handle(parent, on_done, on_error, label, cancellable)
    number = next(_numbers)
    target.handles[number] = handle
    if always is not None:
        target.always[number] = always
    pool().start(_Runnable(fn, number, handle.cancel_event))
    return handle
