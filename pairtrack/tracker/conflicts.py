"""Open merge conflicts: list them, and resolve them (DESIGN §7).

A conflict is a field two offices changed to different values; the merge kept the local
value. Resolving takes the local value, the incoming one, or a value typed by a person; once
every field of that incoming revision is resolved, the row gets a revision made from both
(the local one and the incoming one), which the other office then accepts without conflict.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pairtrack.db.base import utc_now
from pairtrack.db.models import Conflict, RowHistory
from pairtrack.tracker.audit import canonical
from pairtrack.tracker.errors import NotFound, ValidationError
from pairtrack.tracker.exchange.threeway import DELETED
from pairtrack.tracker.fieldtext import label, shown
from pairtrack.tracker.revisions import content_of, join_parents, keep_history, revision_id
from pairtrack.tracker.services.base import SETTLING
from pairtrack.tracker.store import operator_in, origin_in

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

LOCAL, INCOMING, VALUE = "local", "incoming", "value"


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    table: str
    row_id: str
    record: str  # e.g. 帮扶资金记录「耕地指标款」
    field: str
    field_label: str
    local_value: Any  # stored form
    incoming_value: Any
    local_text: str  # as a person reads it (万元, labels)
    incoming_text: str
    office: str  # the office the incoming value came from
    found_at: datetime
    resolved_at: datetime | None
    resolution: str | None


def list_conflicts(ledger: Ledger, *, include_resolved: bool = False) -> list[ConflictRecord]:
    """Conflicts, oldest first; the local value is the record's current one."""
    query = select(Conflict).order_by(Conflict.id)
    if not include_resolved:
        query = query.where(Conflict.resolved_at.is_(None))
    with ledger.read() as session:
        out = []
        for c in session.scalars(query):
            service = ledger.services[c.table_name]
            obj = session.get(service.model, c.row_id)
            current = _stored_value(obj, c.field) if obj is not None else None
            if obj is None and (kept := session.get(RowHistory, c.incoming_rev)) is not None:
                obj = _Held(content_of(kept.data))  # new here, held: named as it came
            local = current if c.resolved_at is None else _load(c.local_value)
            row = {"indicator": getattr(obj, "indicator", None)}
            incoming = _load(c.incoming_value)
            out.append(
                ConflictRecord(
                    id=c.id,
                    table=c.table_name,
                    row_id=c.row_id,
                    record=_label(service, obj) + (f"（{c.reason}）" if c.reason else ""),
                    field=c.field,
                    field_label=label(service, c.field),
                    local_value=local,
                    incoming_value=incoming,
                    local_text=shown(service, c.field, local, row),
                    incoming_text=shown(service, c.field, incoming, row),
                    office=f"{c.office_name}（{c.office_code}）"
                    if c.office_code
                    else c.office_name,
                    found_at=c.found_at,
                    resolved_at=c.resolved_at,
                    resolution=c.resolution,
                )
            )
        return out


def open_count(ledger: Ledger) -> int:
    with ledger.read() as session:
        return len(session.scalars(select(Conflict.id).where(Conflict.resolved_at.is_(None))).all())


def resolve(ledger: Ledger, choices: Mapping[int, tuple[str, Any]]) -> int:
    """Resolve conflicts by id: ``(LOCAL, None)``, ``(INCOMING, None)`` or ``(VALUE, v)`` with
    ``v`` as a person types it. One transaction; returns how many were resolved."""
    with ledger.write() as session:
        groups: dict[tuple[str, str, str], dict[Conflict, tuple[str, Any]]] = defaultdict(dict)
        for conflict_id, choice in choices.items():
            c = session.get(Conflict, conflict_id)
            if c is None:
                raise NotFound(f"没有编号为 {conflict_id} 的冲突")
            if c.resolved_at is not None:
                raise ValidationError(
                    None, f"冲突 {conflict_id} 已于 {c.resolved_at:%Y-%m-%d} 处理"
                )
            groups[(c.table_name, c.row_id, c.incoming_rev)][c] = choice
        session.info[SETTLING] = True
        try:
            for (table, row_id, incoming_rev), group in groups.items():
                _resolve_record(session, ledger.services[table], row_id, incoming_rev, group)
        finally:
            session.info.pop(SETTLING, None)
        return sum(len(g) for g in groups.values())


def _resolve_record(
    session: Session,
    service: EntityService[Any],
    row_id: str,
    incoming_rev: str,
    group: Mapping[Conflict, tuple[str, Any]],
) -> None:
    obj = session.get(service.model, row_id)
    if obj is None:
        _resolve_new(session, service, row_id, incoming_rev, group)
        return
    old_rev = obj.rev
    changes: dict[str, Any] = {}
    delete: bool | None = None
    for c, (how, typed) in group.items():
        if how not in (LOCAL, INCOMING, VALUE):
            raise ValidationError(None, f"未知的处理方式「{how}」")
        if how == LOCAL:
            continue
        value = _load(c.incoming_value) if how == INCOMING else typed
        if c.field == DELETED:
            delete = value is not None
        else:
            changes[c.field] = value
    if changes and obj.deleted_at is not None:
        if delete is False:  # the person takes the other office's live record back
            service.restore_in(session, obj)
            delete = None
        elif _kept_deleted(session, service.table, row_id, incoming_rev, group) and not (
            _deleted_in(session, incoming_rev)
        ):
            # The person chose to keep the deletion that this very conflict is about, and
            # yet chose values from the other office's live record: ask which they mean.
            raise ValidationError(None, f"该{service.noun}在本地已删除：请先选择恢复它")
        # Otherwise the record was deleted here after the conflict was found (by a person,
        # or by taking another office's deletion of it in this same resolution), or on both
        # sides: no choice in this conflict is about the deletion, so it stands, as a change
        # made on one side only does in a merge, and the chosen values go into the deleted
        # record (shown if it is ever restored; the other office's edit is not lost).
    if changes:
        service.update_in(session, obj, changes)
    if delete is True and obj.deleted_at is None:
        service.delete_in(session, obj)
    elif delete is False and obj.deleted_at is not None:
        service.restore_in(session, obj)
    now, who = utc_now(), operator_in(session)
    for c, (how, _typed) in group.items():
        c.resolved_at, c.resolution, c.resolved_by = now, how, who
    session.flush()
    still_open = session.scalar(
        select(Conflict.id).where(
            Conflict.table_name == service.table,
            Conflict.row_id == row_id,
            Conflict.incoming_rev == incoming_rev,
            Conflict.resolved_at.is_(None),
        )
    )
    if still_open is None:
        _merge_revision(session, service, obj, old_rev, incoming_rev)


def _kept_deleted(
    session: Session,
    table: str,
    row_id: str,
    incoming_rev: str,
    group: Mapping[Conflict, tuple[str, Any]],
) -> bool:
    """Whether a person kept the local state of the deletion conflict of this incoming
    revision, now or in an earlier resolution (the dialog may settle a record's fields one
    by one)."""
    if any(c.field == DELETED and how == LOCAL for c, (how, _typed) in group.items()):
        return True
    earlier = select(Conflict.id).where(
        Conflict.table_name == table,
        Conflict.row_id == row_id,
        Conflict.incoming_rev == incoming_rev,
        Conflict.field == DELETED,
        Conflict.resolution == LOCAL,
    )
    return session.scalar(earlier.limit(1)) is not None


def _deleted_in(session: Session, rev: str) -> bool:
    """Whether the revision ``rev`` (kept in the row history when it came in) is deleted."""
    kept = session.get(RowHistory, rev)
    return kept is not None and content_of(kept.data).get("deleted_at") is not None


def _resolve_new(
    session: Session,
    service: EntityService[Any],
    row_id: str,
    incoming_rev: str,
    group: Mapping[Conflict, tuple[str, Any]],
) -> None:
    """A record another office has and this database never took (it broke a rule here):
    keeping the local state leaves it out; taking the incoming one writes it now, as it came,
    if the rules allow it now (say, once its pairing was restored)."""
    now, who = utc_now(), operator_in(session)
    if any(how != LOCAL for how, _typed in group.values()):
        kept = session.get(RowHistory, incoming_rev)
        if kept is None:
            raise NotFound(f"找不到该{service.noun}导入时的内容，无法采用对方的值")
        row = content_of(kept.data)
        for c, (how, typed) in group.items():
            if how == VALUE:
                row[c.field] = typed
        data = service.coerce_stored(row)
        for problem in service.rules(session, data, row_id):
            raise problem
        stored = {
            **row,
            **{k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()},
            "rev": incoming_rev,
            "parents": kept.parents,
        }
        if any(how == VALUE for how, _typed in group.values()):  # a value of our own: ours
            stored["parents"] = incoming_rev
            stored["rev"] = revision_id(
                service.table, incoming_rev, canonical(service.content, stored)
            )
        session.execute(delete(RowHistory).where(RowHistory.rev == incoming_rev))
        if stored["rev"] != incoming_rev:
            keep_history(
                session,
                service.table,
                [
                    {
                        "rev": incoming_rev,
                        "row_id": row_id,
                        "parents": kept.parents,
                        "data": kept.data,
                    }
                ],
                office=origin_in(session),
            )
        hashes = service.write_rows_in(session, [stored], [])
        service.bulk_audit_in(session, "settle", hashes)
    for c, (how, _typed) in group.items():
        c.resolved_at, c.resolution, c.resolved_by = now, how, who
    session.flush()


def _merge_revision(
    session: Session, service: EntityService[Any], obj: Any, old_rev: str, incoming_rev: str
) -> None:
    """The row's revision made from the local and the incoming one: the resolution that the
    other office's next import takes as a plain descendant of its own revision."""
    content = service._canonical(obj)
    if obj.rev == old_rev:  # nothing changed here: keep the replaced revision all the same
        keep_history(
            session,
            service.table,
            [{"rev": obj.rev, "row_id": obj.id, "parents": obj.parents, "data": content}],
            office=origin_in(session),
        )
    obj.parents = join_parents(old_rev, incoming_rev)
    obj.rev = revision_id(service.table, obj.parents, content)
    session.flush()


def _label(service: EntityService[Any], obj: Any) -> str:
    if obj is None:
        return service.noun
    for name in ("name", "title", "purpose", "person_name", "indicator"):
        value = getattr(obj, name, None)
        if value:
            return f"{service.noun}「{value}」"
    return f"{service.noun}（编号 {obj.id[:8]}）"


class _Held:
    """Attribute access to a held record's content, for its label."""

    def __init__(self, content: dict[str, Any]) -> None:
        self.__dict__.update(content)


def _stored_value(obj: Any, name: str) -> Any:
    return json.loads(canonical([name], {name: getattr(obj, name)}))[name]


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
