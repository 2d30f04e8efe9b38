"""One signal bus: after a service commits, every open view hears what changed (habit 7)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    # table name ("fund_transfer", …, or "*" for everything, e.g. after a restore) and ids
    changed = Signal(str, tuple)

    def announce(self, table: str, ids: tuple[str, ...] = ()) -> None:
        self.changed.emit(table, ids)


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus
