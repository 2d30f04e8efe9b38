"""A record's history (历史): who changed what, and when, from the audit trail.

A change made in this program is one audit event naming the row, with the row before and
after. A bulk write (a ledger import, a consolidation merge, settling a conflict, undoing an
import) is one event for many rows that records only a short hash of each row it wrote; the
row's content after such a step is the one of its revisions (``tracker.revisions``: the
current row and the ones it replaced) with that hash, and the content before it is what the
previous event left, since every write to a row is an event that names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pairtrack.db.base import parse_timestamp
from pairtrack.db.models import AuditEvent, RowHistory
from pairtrack.tracker.audit import canonical, row_hash
from pairtrack.tracker.fields import COMMON_FIELDS, Field
from pairtrack.tracker.indicators import shown_as
from pairtrack.tracker.revisions import content_of
from pairtrack.tracker.row_events import UNDO_ACTION, events_of, hash_in

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

ACTIONS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "bulk_create": "批量新增",
    "merge": "汇总合并",
    "settle": "处理汇总冲突",
    UNDO_ACTION: "撤销导入",
}


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after, in stored form (fen, ISO dates, codes, ids)."""

    field: Field
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # UTC
    operator: str
    action: str  # the audit action
    changes: tuple[FieldChange, ...]
    # False when the row's content before or after the step is no longer kept (the
    # revisions of an import that was undone): the step is listed without its changes
    known: bool = True

    @property
    def label(self) -> str:
        return ACTIONS.get(self.action, self.action)


def record_history(ledger: Ledger, table: str, row_id: str) -> list[HistoryEntry]:
    """Every event that wrote the record, the latest first; read in one snapshot."""
    service = ledger.services[table]
    fields = (*service.fields, *COMMON_FIELDS)
    with ledger.read() as session:
        service.get(row_id, include_deleted=True)  # NotFound, in Chinese, for a wrong id
        current = session.get(service.model, row_id)
        contents = [canonical(service.content, _columns(current))]
        contents += session.scalars(
            select(RowHistory.data).where(
                RowHistory.table_name == table, RowHistory.row_id == row_id
            )
        )
        by_hash = {row_hash(data): data for data in contents}
        events = session.scalars(events_of(table, row_id).order_by(AuditEvent.seq))
        entries = []
        state: dict[str, Any] | None = None  # the row as the previous event left it
        state_known = True  # False once a content is no longer kept (an undone import's)
        for event in events:
            before: dict[str, Any] | None
            if event.row_id is not None:
                before = None if event.before is None else content_of(event.before)
                after = None if event.after is None else content_of(event.after)
                known = after is not None
            else:
                digest = hash_in(event, table, row_id)
                if digest is None:
                    continue  # the id appears in the event, but not as a row it wrote
                before, data = state, by_hash.get(digest)
                after = None if data is None else content_of(data)
                known = state_known and after is not None
            entries.append(
                HistoryEntry(
                    at=parse_timestamp(event.at),
                    operator=event.operator,
                    action=event.action,
                    changes=tuple(_diff(fields, before, after)) if known else (),
                    known=known,
                )
            )
            state, state_known = after, after is not None
        entries.reverse()
        return entries


def _columns(obj: Any) -> dict[str, Any]:
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns}


def _diff(
    fields: tuple[Field, ...], before: dict[str, Any] | None, after: dict[str, Any] | None
) -> Iterator[FieldChange]:
    """The fields whose value differs; for a new record, every field that has one."""
    if after is None:
        return
    for f in fields:
        old = None if before is None else _blank(before.get(f.name))
        new = _blank(after.get(f.name))
        if old != new:
            yield FieldChange(shown_as(f, after), old, new)


def _blank(value: Any) -> Any:
    return None if value == "" else value
