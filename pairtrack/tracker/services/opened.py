"""Optimistic concurrency: a record changed by someone else since it was opened is not
overwritten (issue 15).

Two windows (two PCs on a shared database, or two windows of one PC in turn) may open the
same record. Each editor remembers the revision it read (``Record.rev``) and hands it back
when it saves or deletes; ``refuse_if_changed`` compares it with the stored one in the same
write transaction as the change (SQLite's write block holds the write lock from its first
statement; the row is read ``FOR UPDATE`` where the engine knows it), so no other write can
slip in between the comparison and the change. If the revisions differ, nothing is written
and ``ChangedSinceOpened`` says who changed the record, when, and what differs.

A write without a revision (an import, a consolidation merge, settling a conflict, the
command line, undoing a deletion) is not an edit of something a person opened, so it has
nothing to compare and behaves as before: an import or merge decides by revision ancestry
itself (DESIGN §7), and the others act on the record as it is now. (The window's undo and
redo of an edit do pass the revision they last wrote: see ``ui.pages.record_page``.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from pairtrack.db.models import RowHistory
from pairtrack.tracker.dates import local_time
from pairtrack.tracker.errors import PairTrackError, ValidationError
from pairtrack.tracker.fields import COMMON_FIELDS, Field
from pairtrack.tracker.indicators import shown_as
from pairtrack.tracker.records import Record
from pairtrack.tracker.revisions import content_of
from pairtrack.tracker.row_events import last_change


class Service(Protocol):
    """What the rule reads of a record service (``EntityService``, which calls it, so it is
    named by its shape here rather than imported)."""

    @property
    def model(self) -> Any: ...
    @property
    def table(self) -> str: ...
    @property
    def noun(self) -> str: ...
    @property
    def fields(self) -> tuple[Field, ...]: ...
    @property
    def _fields(self) -> dict[str, Field]: ...
    def _load(self, session: Session, row_id: str, *, live: bool) -> Any: ...
    def _record(self, obj: Any) -> Any: ...
    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]: ...
    def _coerce_all(
        self, values: Mapping[str, Any], *, partial: bool, first: ValidationError
    ) -> tuple[dict[str, Any] | None, dict[str, ValidationError]]: ...
    def coerce_stored(self, row: Mapping[str, Any]) -> dict[str, Any]: ...


@dataclass(frozen=True)
class FieldDifference:
    """One field of a record changed since it was opened, in the values ``coerce`` makes
    (fen, dates, codes, ids)."""

    field: Field
    opened: Any  # as the editor read it (None also when that revision is no longer kept)
    theirs: Any  # as stored now: the other writer's value
    mine: Any  # what this writer asked for (``theirs`` for a field it did not write)

    @property
    def changed_by_them(self) -> bool:
        return _blank(self.opened) != _blank(self.theirs)

    @property
    def overwritten(self) -> bool:
        """Whether saving this writer's values anyway would replace the other's value."""
        return _blank(self.mine) != _blank(self.theirs)


class ChangedSinceOpened(PairTrackError):
    """A save or delete of a record that someone else changed since it was opened.

    ``current`` is the record as stored now (its ``rev`` is the one to save against to
    overwrite knowingly), ``operator`` and ``changed_at`` (UTC) come from the audit trail,
    ``differences`` lists every field the other writer changed or this writer's values
    would replace.
    """

    def __init__(
        self,
        current: Record,
        operator: str,
        changed_at: datetime | None,
        action: str,
        differences: tuple[FieldDifference, ...],
    ) -> None:
        self.current, self.operator, self.changed_at = current, operator, changed_at
        self.action, self.differences = action, differences
        when = "" if changed_at is None else local_time(changed_at)
        who = operator or "（未设置）"
        if self.deleted:
            super().__init__(f"这条记录在您打开后已被 {who} 于 {when} 删除，未写入任何内容。")
        else:
            super().__init__(f"这条记录在您打开后已被 {who} 于 {when} 修改，未写入任何内容。")

    @property
    def deleted(self) -> bool:
        return self.current.deleted_at is not None


def load_opened(
    service: Service,
    session: Session,
    row_id: str,
    opened_rev: str | None,
    changes: Mapping[str, Any] | None = None,
    locked: Mapping[str, Any] | None = None,
) -> Any:
    """The live row ``row_id`` for a change, refused if it is no longer at ``opened_rev``.

    ``changes``: what the writer is about to write (none for a delete), for the comparison.
    Without ``opened_rev`` this is the plain load every write did before (see the module).
    ``locked``: the rows of a change of many, already read ``FOR UPDATE`` (``lock_rows``).
    """
    if opened_rev is None:
        return service._load(session, row_id, live=True)
    if locked is not None:
        obj = locked.get(row_id)
    else:
        # FOR UPDATE: on a server, a concurrent writer waits here until this transaction
        # ends (SQLite's write block already holds the database's write lock; it renders
        # nothing).
        obj = session.get(service.model, row_id, with_for_update=True)
    if obj is None:
        return service._load(session, row_id, live=True)  # NotFound, in Chinese
    if obj.rev != opened_rev:
        raise changed_since(service, session, obj, opened_rev, changes or {})
    if obj.deleted_at is not None:
        return service._load(session, row_id, live=True)  # NotFound, in Chinese
    return obj


def lock_rows(service: Service, session: Session, ids: Sequence[str]) -> dict[str, Any]:
    """The rows ``ids`` (those that exist), read ``FOR UPDATE`` a few hundred at a time
    rather than one statement each. The caller keeps the mapping while it works: the session
    holds its objects weakly, and ``service._load`` then finds them without a query."""
    model = service.model
    found: dict[str, Any] = {}
    for start in range(0, len(ids), LOCK_CHUNK):
        chunk = list(ids[start : start + LOCK_CHUNK])
        query = select(model).where(model.id.in_(chunk)).with_for_update()
        found.update((obj.id, obj) for obj in session.scalars(query))
    return found


LOCK_CHUNK = 500  # ids per statement: well under SQLite's limit on bound parameters


def changed_since(
    service: Service,
    session: Session,
    obj: Any,
    opened_rev: str,
    changes: Mapping[str, Any],
) -> ChangedSinceOpened:
    """The refusal for ``obj``, which is no longer at ``opened_rev``."""
    theirs = {name: getattr(obj, name) for name in service._fields}
    opened = _opened(service, session, obj.id, opened_rev)
    mine = {**theirs, **_read_mine(service, changes)}
    differences = []
    for f in (*service.fields, *COMMON_FIELDS):
        before = theirs[f.name] if opened is None else opened.get(f.name)
        difference = FieldDifference(shown_as(f, theirs), before, theirs[f.name], mine[f.name])
        if difference.changed_by_them or difference.overwritten:
            differences.append(difference)
    found = last_change(session, service.table, obj.id)
    operator, at, action = found if found is not None else ("", None, "update")
    return ChangedSinceOpened(service._record(obj), operator, at, action, tuple(differences))


def _opened(service: Service, session: Session, row_id: str, rev: str) -> dict[str, Any] | None:
    """The fields of the revision the writer opened (kept in the row's history when it was
    replaced), or None if it is not kept (an undone import's, a revision never stored)."""
    data = session.scalar(
        select(RowHistory.data).where(
            RowHistory.table_name == service.table,
            RowHistory.row_id == row_id,
            RowHistory.rev == rev,
        )
    )
    return None if data is None else service.coerce_stored(content_of(data))


def _read_mine(service: Service, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The writer's values as ``coerce`` reads them; a value it cannot read (the save would
    have been refused for it) is kept as typed, to be shown as such."""
    try:
        return service.coerce(changes, partial=True)
    except ValidationError as exc:
        read, bad = service._coerce_all(changes, partial=True, first=exc)
        known = {k: v for k, v in (read or {}).items() if k not in bad}
        return {**{k: v for k, v in changes.items() if k in service._fields}, **known}


def _blank(value: Any) -> Any:
    return None if value == "" else value
