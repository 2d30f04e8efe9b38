"""One signal bus: after a write commits, every open view hears what changed (habit 7).

Only ``ui.ops`` announces: the change comes from what the write's transaction recorded
(``tracker.changes``), never from a view saying so by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from pairtrack.tracker.changes import Change


class ChangeBus(QObject):
    changed = Signal(object)  # a tracker.changes.Change

    def announce(self, change: Change) -> None:
        if change:
            self.changed.emit(change)


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus
