"""The one way to run work off the GUI thread (STYLE habit 3, after Anki's QueryOp).

``run_job`` takes a plain function ``fn(progress, cancelled)`` and calls ``on_done(result)`` or
``on_error(exc)`` back on the GUI thread. One single-thread pool owns database work, so two
jobs never race. A progress dialog appears only when a job lasts over half a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], None]  # done, total
Cancelled = Callable[[], bool]
Job = Callable[[Progress, Cancelled], Any]
DIALOG_DELAY_MS = 500

_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class JobCancelled(Exception):
    """Raised by a job that noticed it was cancelled; nothing it did may remain."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, fn: Job, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.fn, self.signals, self.cancel = fn, signals, cancel
        self.setAutoDelete(True)

    def run(self) -> None:
        signals = self.signals
        try:
            result = self.fn(signals.progressed.emit, self.cancel.is_set)
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            signals.failed.emit(exc)
        else:
            signals.done.emit(result)
        # Only _live may now hold the signals object: it must die on the GUI thread.
        self.signals = None  # type: ignore[assignment]
        del signals


# Signal objects of running jobs; released on the GUI thread once their result is delivered,
# whether or not the widget that started the job still exists.
_live: set[_Signals] = set()


class _Reaper(QObject):
    @Slot()
    def reap(self) -> None:
        _live.discard(self.sender())  # type: ignore[arg-type]


_reaper: _Reaper | None = None


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
            self._label, "取消" if self._cancellable else "", 0, 0,
            parent if isinstance(parent, QWidget) else None,
        )  # fmt: skip
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        if self._cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
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
            self._dialog.deleteLater()
        self.finished.emit()
        self.deleteLater()

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._on_error(exc)


def run_job(
    parent: QWidget | None,
    fn: Job,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    label: str | None = None,
    cancellable: bool = True,
) -> Handle:
    """Start ``fn`` in the database worker. With ``label`` a progress dialog shows if slow."""
    handle = Handle(parent, on_done, on_error, label, cancellable)
    signals = _Signals()
    queued = Qt.ConnectionType.QueuedConnection
    signals.done.connect(handle._done, queued)
    signals.failed.connect(handle._failed, queued)
    signals.progressed.connect(handle._progressed, queued)
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
    _live.add(signals)
    signals.done.connect(_reaper.reap, queued)
    signals.failed.connect(_reaper.reap, queued)
    pool().start(_Runnable(fn, signals, handle.cancel_event))
    return handle
