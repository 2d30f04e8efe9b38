"""The one way the window touches the database (after Anki's ``QueryOp`` / ``CollectionOp``).

Widgets never hold sessions or run queries: they hand a plain function ``op(ledger, job)`` to
one of these helpers, which runs it on the single database worker and calls ``success`` (or
``failure``) back on the GUI thread.

- ``QueryOp`` reads: the whole op runs in one read block, so it sees one snapshot and cannot
  write (a write inside it raises).
- ``CollectionOp`` writes: what its transactions committed (tables and ids, recorded from the
  audit events) is announced on the bus before ``success`` runs, even if the widget that
  started it has gone.

When another program holds the write lock past the busy timeout, the user is asked whether to
try again; nothing was written in the meantime.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject

from pairtrack.tracker.changes import Change
from pairtrack.tracker.errors import DatabaseBusy, PairTrackError, is_busy
from pairtrack.tracker.jobs import Cancelled, Job, Progress
from pairtrack.ui import messages
from pairtrack.ui.bus import bus
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.worker import Handle, run_job

if TYPE_CHECKING:  # the window shows before SQLAlchemy is loaded (in the worker)
    from pairtrack.tracker.ledger import Ledger

T = TypeVar("T")


_ledger: Ledger | None = None


def attach(ledger: Ledger | None) -> None:
    """Make ``ledger`` the database every op works on (the window's controller calls this)."""
    global _ledger
    _ledger = ledger


def is_attached() -> bool:
    """Whether a database is open (a late answer may arrive after the window let go of it)."""
    return _ledger is not None


def read_only() -> str | None:
    """Why the open database can only be read (another window has it, a read-only place), or
    None when it can be written: the window turns its edits off by this."""
    return None if _ledger is None else _ledger.read_only


def attached() -> Ledger:
    if _ledger is None:
        raise RuntimeError("no database is open")
    return _ledger


def show_failure(parent: QObject | None, exc: BaseException) -> None:
    """The default ``failure``: a refusal as a Chinese message; a file the system would not
    let us use, with its name; anything else is unforeseen and goes to the crash dialog
    (logged by the worker already, with its traceback)."""
    widget = parent if parent is None or parent.isWidgetType() else None
    if isinstance(exc, PairTrackError):
        messages.tell(widget, tr("无法完成"), tr_message(exc), error=True)  # type: ignore[arg-type]
    elif isinstance(exc, OSError):
        text = tr("无法访问文件「{name}」：{reason}").format(
            name=exc.filename or "", reason=exc.strerror or exc
        )
        messages.tell(widget, tr("无法完成"), text, error=True)  # type: ignore[arg-type]
    else:
        from pairtrack.ui.crash import reporter

        reporter().report_exception(exc, logged=True)


class QueryOp(Generic[T]):
    writes = False

    def __init__(
        self,
        parent: QObject | None,
        op: Callable[[Ledger, Job], T],
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._parent, self._op = parent, op
        self._success = success or (lambda _result: None)
        self._failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._cancellable = True
        self.handle: Handle | None = None

    def failure(self, failure: Callable[[BaseException], None]) -> QueryOp[T]:
        self._failure = failure
        return self

    def with_progress(self, label: str, *, cancellable: bool = True) -> QueryOp[T]:
        """Show ``label`` in a progress dialog if the op lasts over half a second."""
        self._label, self._cancellable = label, cancellable
        return self

    def run(self) -> Handle:
        ledger, op, writes = attached(), self._op, self.writes
        committed: list[Change] = []  # filled on the worker, read on the GUI thread after

        def work(progress: Progress, cancelled: Cancelled) -> T:
            job = Job(progress, cancelled)
            if not writes:
                with ledger.read():
                    return op(ledger, job)
            with ledger.recording() as log:
                try:
                    return op(ledger, job)
                finally:  # a failed op may still have committed earlier steps
                    committed.append(log.freeze())

        def announce() -> None:
            for change in committed:
                bus().announce(change)

        self.handle = run_job(
            self._parent,
            work,
            self._success,
            self._failed,
            label=self._label,
            cancellable=self._cancellable,
            always=announce if writes else None,
        )
        return self.handle

    def _failed(self, exc: BaseException) -> None:
        if is_busy(exc):
            question = tr(
                "数据库正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），未写入任何内容。要再试一次吗？"
            )
            widget = self._parent if self._parent is None or self._parent.isWidgetType() else None
            if messages.retry(widget, tr("数据库忙"), question):  # type: ignore[arg-type]
                self.run()
                return
            exc = DatabaseBusy()
        (self._failure or (lambda e: show_failure(self._parent, e)))(exc)


class CollectionOp(QueryOp[T]):
    writes = True
