"""Ctrl+Z across the window: each user action pushes how to take it back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

LIMIT = 50


@dataclass(frozen=True)
class Step:
    text: str  # e.g. "删除 3 条帮扶资金记录"
    undo: Callable[[], None]


class UndoStack(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Step] = []

    def push(self, text: str, undo: Callable[[], None]) -> None:
        self._steps = [*self._steps[-(LIMIT - 1) :], Step(text, undo)]
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._steps)

    def next_text(self) -> str:
        return self._steps[-1].text if self._steps else ""

    def undo(self) -> Step | None:
        """Take back the last step; a step whose undo fails stays on the stack."""
        if not self._steps:
            return None
        step = self._steps[-1]
        step.undo()
        self._steps.pop()
        self.changed.emit()
        return step

    def clear(self) -> None:
        self._steps.clear()
        self.changed.emit()
