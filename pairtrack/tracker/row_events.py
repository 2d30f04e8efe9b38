"""Which audit events wrote a row: its own events, and the bulk events (a ledger import, a
consolidation merge, settling a conflict, undoing an import) that list its id.

Read by the record history (``tracker.history``) and by the refusal of a save that someone
else overtook (``tracker.services.opened``). It reads no services, so the services may use it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from pairtrack.db.base import parse_timestamp
from pairtrack.db.models import AuditEvent, ImportBatch
from pairtrack.tracker.services.reads import like_pattern

UNDO_ACTION = "undo_import"  # the audit event of an undo; tracker.check reads it


def events_of(table: str, row_id: str) -> Select[AuditEvent]:
    """Every audit event that may have written the row (a bulk event that only mentions its
    id is told apart by ``hash_in``)."""
    mentions = like_pattern(f'"{row_id}"')  # bulk events list the row's id in ``after``
    return select(AuditEvent).where(
        or_(
            and_(AuditEvent.table_name == table, AuditEvent.row_id == row_id),
            and_(
                AuditEvent.table_name == table,
                AuditEvent.row_id.is_(None),
                AuditEvent.after.like(mentions, escape="\\"),
            ),
            and_(
                AuditEvent.table_name == ImportBatch.__tablename__,
                AuditEvent.action == UNDO_ACTION,
                AuditEvent.after.like(mentions, escape="\\"),
            ),
        )
    )


def hash_in(event: AuditEvent, table: str, row_id: str) -> str | None:
    """The short hash a bulk event recorded for the row (``bulk_after``; an undo lists the
    rows it put back per table)."""
    try:
        after = json.loads(event.after or "{}")
    except ValueError:
        return None
    rows = after.get("rows", {})
    if event.action == UNDO_ACTION:
        rows = rows.get(table, {})
    value = rows.get(row_id) if isinstance(rows, dict) else None
    return value if isinstance(value, str) else None


def last_change(session: Session, table: str, row_id: str) -> tuple[str, datetime, str] | None:
    """Who last wrote the row, when (UTC) and how (the audit action), read in the caller's
    transaction; None if no event names it."""
    for event in session.scalars(events_of(table, row_id).order_by(AuditEvent.seq.desc())):
        if event.row_id is not None or hash_in(event, table, row_id) is not None:
            return event.operator, parse_timestamp(event.at), event.action
    return None
