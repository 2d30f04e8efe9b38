"""What a write changed: the tables and row ids its transaction touched.

Every write appends audit events (``tracker.audit``), and each event names its table and row;
the same call records them here, so a change is derived from what was really committed rather
than announced by hand. Views ask ``change.touches("fund_transfer")`` to decide whether to
refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EVERYTHING = "*"  # e.g. after a restore or a database switch: every view reloads


@dataclass(frozen=True)
class Change:
    tables: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def everything(cls) -> Change:
        return cls(frozenset((EVERYTHING,)))

    def touches(self, *tables: str) -> bool:
        return EVERYTHING in self.tables or not self.tables.isdisjoint(tables)

    def __or__(self, other: Change) -> Change:
        return Change(self.tables | other.tables, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.tables)


@dataclass
class ChangeLog:
    """Collects what one transaction (or one window operation) wrote."""

    tables: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def add(self, table: str, row_id: str | None = None) -> None:
        self.tables.add(table)
        if row_id is not None:
            self.ids.add(row_id)

    def merge(self, change: Change) -> None:
        self.tables |= change.tables
        self.ids |= change.ids

    def freeze(self) -> Change:
        return Change(frozenset(self.tables), frozenset(self.ids))
