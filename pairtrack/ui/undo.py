"""Undo and redo across the window (``QUndoStack``): every user action is one step.

A step holds two write ops, ``undo`` and ``redo``, plain functions of the ledger run through
``CollectionOp`` like any other write. The action itself has already run when the step is
pushed, so the first ``redo`` that ``push`` calls does nothing. Writes are asynchronous, so
the stack is busy while a step's op runs; a step whose op fails (say, a restored fund whose
pairing was deleted meanwhile) is put back where it was, and the user is told why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pairtrack.ui import messages
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

LIMIT = 100
Write = Callable[["Ledger"], Any]


class UndoStack(QUndoStack):
    busy_changed = Signal(bool)
    failed = Signal(str)  # a step could not be undone or redone; it stays where it was

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setUndoLimit(LIMIT)
        self.busy = False

    def done(self, text: str, undo: Write, redo: Write) -> None:
        """Record an action that has just been carried out."""
        self.push(Step(self, text, undo, redo))

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def undo(self) -> None:
        if not self.busy and self.canUndo():
            super().undo()

    def redo(self) -> None:
        if not self.busy and self.canRedo():
            super().redo()


class Step(QUndoCommand):
    def __init__(self, stack: UndoStack, text: str, undo: Write, redo: Write) -> None:
        super().__init__(text)
        self._stack, self._undo, self._redo = stack, undo, redo
        self._pushed = False  # push() calls redo() once: the action has already run
        self._skip = False  # the next call only moves the stack back after a failure

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self._redo, tr("无法重做"), back=QUndoStack.undo)

    def undo(self) -> None:
        self._run(self._undo, tr("无法撤销"), back=QUndoStack.redo)

    def _run(self, write: Write, title: str, back: Callable[[QUndoStack], None]) -> None:
        if self._skip:
            self._skip = False
            return
        stack = self._stack
        stack.set_busy(True)

        def done(_result: Any) -> None:
            stack.set_busy(False)

        def failed(exc: BaseException) -> None:
            stack.set_busy(False)
            self._skip = True
            back(stack)  # the index moves back; this step's op is not run again
            messages.tell(stack_window(stack), title, tr_message(exc), error=True)
            stack.failed.emit(tr_message(exc))

        def op(ledger: Ledger, _job: Job) -> Any:
            return write(ledger)

        CollectionOp(stack.parent(), op, done).failure(failed).run()


def stack_window(stack: UndoStack) -> Any:
    parent = stack.parent()
    return parent if parent is not None and parent.isWidgetType() else None
