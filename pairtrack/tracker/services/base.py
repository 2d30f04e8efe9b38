"""The machinery every record service shares: coerce, validate, write, audit (reads: ``reads``).

One call is one transaction. Rules are generators of ``ValidationError``: a write that breaks
any of them raises one error naming every problem (``ValidationError.of``, one per field, so a
form shows them all at once), and ``tracker.check`` lists every problem in stored rows.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pairtrack.db.base import new_id, utc_now
from pairtrack.db.dialects import mark, marks
from pairtrack.db.models import model_of
from pairtrack.tracker.audit import (
    Entry,
    append_event,
    append_events,
    bulk_after,
    canonical,
    row_hash,
)
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import COMMON_FIELDS, Field
from pairtrack.tracker.records import Record
from pairtrack.tracker.revisions import content_columns, keep_history, revision_id, stamp
from pairtrack.tracker.services.opened import load_opened, lock_rows
from pairtrack.tracker.services.reads import ServiceReads
from pairtrack.tracker.services.rules import Rules, lookup
from pairtrack.tracker.store import operator_in, origin_in

if TYPE_CHECKING:
    from pairtrack.tracker.store import Store

R = TypeVar("R", bound=Record)
BULK_CHUNK = 5000
# Set in ``session.info`` while a person settles a merge conflict: choosing between two
# offices' values is not moving a record along, so how a record may change (a status only
# forward) does not apply; every rule on what a record may be still does.
SETTLING = "settling_conflict"
# Fields ``coerce`` leaves out (as None) while every problem of a write is being gathered:
# each field that fails is left out in turn, so a kind's own reading of the others (a region
# filled from its code, a target's value read by its indicator) still applies to them.
_LEAVE_OUT: ContextVar[frozenset[str]] = ContextVar("leave_out", default=frozenset())


class EntityService(ServiceReads[R]):
    # (table, column, Chinese noun) of live rows that keep a record of this kind from deletion
    dependants: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    # Whether ``rules`` read other records of this same kind (a unique pair, a code in use):
    # then a new record must be written before the next one is checked, and a bulk writer
    # that holds rows back to insert them together cannot be used for it.
    rules_read_own_kind: ClassVar[bool] = False

    def __init__(self, store: Store) -> None:
        self.store = store
        self.table: str = self.model.__tablename__
        self.columns: tuple[str, ...] = tuple(c.name for c in self.model.__table__.columns)
        # What the audit trail and revision ids cover: all but the revision bookkeeping.
        self.content: tuple[str, ...] = content_columns(self.columns)
        self._fields = {f.name: f for f in (*self.fields, *COMMON_FIELDS)}

    # --- rules ---------------------------------------------------------------------------
    @classmethod
    def field(cls, name: str) -> Field:
        """The description of field ``name`` (the window builds its columns and forms from it)."""
        for f in (*cls.fields, *COMMON_FIELDS):
            if f.name == name:
                return f
        raise KeyError(name)

    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        unknown = set(values) - set(self._fields)
        if unknown:
            raise ValidationError(
                sorted(unknown)[0], f"{self.noun}没有字段「{sorted(unknown)[0]}」"
            )
        fields = self._fields
        leave_out = _LEAVE_OUT.get()
        if leave_out:
            names = values if partial else fields
            return {
                name: None if name in leave_out else fields[name].coerce(values.get(name))
                for name in names
            }
        if partial:
            return {name: fields[name].coerce(values[name]) for name in values}
        get = values.get
        return {name: f.coerce(get(name)) for name, f in fields.items()}

    def _coerce_all(
        self, values: Mapping[str, Any], *, partial: bool, first: ValidationError
    ) -> tuple[dict[str, Any] | None, dict[str, ValidationError]]:
        """After ``coerce`` failed with ``first``: every field that fails, and the values of
        the others (None for the failed ones; None altogether when the rest cannot be read)."""
        bad: dict[str, ValidationError] = {}
        problem: ValidationError | None = first
        while problem is not None:
            if problem.field is None or problem.field not in self._fields or problem.field in bad:
                return None, bad or {"": problem}  # nothing further can be read
            bad[problem.field] = problem
            token = _LEAVE_OUT.set(frozenset(bad))
            try:
                return self.coerce(values, partial=partial), bad
            except ValidationError as exc:
                problem = exc
            finally:
                _LEAVE_OUT.reset(token)
        return None, bad

    def coerce_stored(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The fields of a stored row (dates as ISO text, other columns ignored) as ``coerce``
        makes them: for rows that arrive whole, such as a package's."""
        out = {}
        for name, f in self._fields.items():
            value = row.get(name)
            if f.kind == "date" and isinstance(value, str):
                value = date.fromisoformat(value)
            out[name] = f.coerce(value)
        return out

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        """Every rule a complete record must meet; subclasses add theirs after these."""
        for f in self.fields:
            value = data.get(f.name)
            if f.required and value in (None, ""):
                yield ValidationError(f.name, f"「{f.label}」不能为空")
            if f.kind == "ref" and value is not None:
                yield from self._live_reference(session, f, value)

    def _live_reference(self, session: Session, f: Field, ref_id: str) -> Rules:
        assert f.ref_table is not None
        target = lookup(session, model_of(f.ref_table), ref_id)
        if target is None:
            yield ValidationError(f.name, f"「{f.label}」指向的记录不存在")
        elif target.deleted_at is not None:
            yield ValidationError(f.name, f"「{f.label}」指向的记录已删除，请先恢复它")

    def _check(
        self,
        session: Session,
        data: Mapping[str, Any],
        row_id: str | None,
        found: Mapping[str, ValidationError] | None = None,
    ) -> None:
        """Raise one error for every rule ``data`` breaks, after the problems ``found`` in
        reading it (whose fields are then None in ``data``: the rules say nothing more of them)."""
        known = found or {}
        problems = [*known.values()]
        problems += [p for p in self.rules(session, data, row_id) if p.field not in known]
        if problems:
            raise ValidationError.of(problems)

    # --- writes --------------------------------------------------------------------------
    def create(self, **values: Any) -> R:
        with self.store.write() as session:
            return self._record(self.create_in(session, values))

    # ``opened_rev``: the revision the editor read when it opened the record. Given, the
    # change is refused (``ChangedSinceOpened``, nothing written) if someone else changed the
    # record since; left out (imports, merges, the command line), it acts on the
    # record as it is now. The rule's one home is ``tracker.services.opened``.
    def update(self, row_id: str, *, opened_rev: str | None = None, **changes: Any) -> R:
        with self.store.write() as session:
            obj = load_opened(self, session, row_id, opened_rev, changes)
            return self._record(self.update_in(session, obj, changes))

    def delete(self, row_id: str, *, opened_rev: str | None = None) -> R:
        with self.store.write() as session:
            obj = load_opened(self, session, row_id, opened_rev)
            return self._record(self.delete_in(session, obj))

    def restore(self, row_id: str) -> R:
        with self.store.write() as session:
            obj = self._load(session, row_id, live=False)
            return self._record(self.restore_in(session, obj))

    def delete_many(
        self, ids: Sequence[str], opened_revs: Mapping[str, str] | None = None
    ) -> builtins.list[R]:
        """Soft-delete several records in one transaction: all of them or none; a record
        with a revision in ``opened_revs`` (as the list showed it) is refused if changed."""
        revs = opened_revs or {}
        with self.store.write() as session:
            locked = lock_rows(self, session, ids)
            objs = [load_opened(self, session, i, revs.get(i), locked=locked) for i in ids]
            return [self._record(obj) for obj in self.delete_all_in(session, objs)]

    def restore_many(self, ids: Sequence[str]) -> builtins.list[R]:
        with self.store.write() as session:
            found = lock_rows(self, session, ids)
            objs = [found.get(i) or self._load(session, i, live=False) for i in ids]  # NotFound
            return [self._record(obj) for obj in self.restore_all_in(session, objs)]

    # The ``*_in`` steps run inside a caller's transaction, so that one user action that
    # touches several rows (an import, "copy last year's targets") is still one transaction.
    def create_in(self, session: Session, values: Mapping[str, Any]) -> Any:
        try:
            data = self.coerce(values, partial=False)
        except ValidationError as exc:
            read, bad = self._coerce_all(values, partial=False, first=exc)
            if read is None:
                raise ValidationError.of(list(bad.values())) from None
            self._check(session, read, None, bad)
            raise  # not reached: the problems in ``bad`` were raised
        self._check(session, data, None)
        now = utc_now()
        obj = self.model(
            id=new_id(), origin=origin_in(session), created_at=now, updated_at=now, **data
        )
        obj.parents = ""
        obj.rev = revision_id(self.table, "", self._canonical(obj))
        session.add(obj)
        self._audit(session, "create", obj, None)
        return obj

    def update_in(self, session: Session, obj: Any, changes: Mapping[str, Any]) -> Any:
        before = self._canonical(obj)
        data = {name: getattr(obj, name) for name in self._fields}
        bad: dict[str, ValidationError] = {}
        try:
            data.update(self.coerce(changes, partial=True))
        except ValidationError as exc:
            read, bad = self._coerce_all(changes, partial=True, first=exc)
            if read is None:
                raise ValidationError.of(list(bad.values())) from None
            data.update(read)
        if not session.info.get(SETTLING):
            try:
                self.transition_rules(obj, data)
            except ValidationError as exc:
                bad = {**bad, exc.field or "": exc}
        self._check(session, data, obj.id, bad)
        if all(getattr(obj, k) == v for k, v in data.items()):
            return obj
        for name, value in data.items():
            setattr(obj, name, value)
        obj.updated_at = utc_now()
        self._revise(session, obj, before)
        self._audit(session, "update", obj, before)
        return obj

    def transition_rules(self, obj: Any, data: Mapping[str, Any]) -> None:
        """Rules on how a stored record may change (e.g. status only moves forward)."""

    def delete_in(self, session: Session, obj: Any) -> Any:
        return self.delete_all_in(session, [obj])[0]

    def delete_all_in(self, session: Session, objs: Sequence[Any]) -> builtins.list[Any]:
        """Soft-delete ``objs``, each refused while live records depend on it; their history
        kept and their events appended together (``_revise_all``, ``_audit_all``)."""
        changed, seen = [], set()
        for obj in objs:
            if id(obj) in seen:  # named twice: one deletion, one revision kept in its history
                continue
            seen.add(id(obj))
            blocking = self.blocking(session, obj.id)
            if blocking:
                held = "、".join(f"{count} 条{noun}" for noun, count in blocking)
                raise ValidationError(None, f"该{self.noun}下还有 {held}，请先删除或改挂它们")
            changed.append((obj, self._canonical(obj)))
            obj.deleted_at = obj.updated_at = utc_now()
        self._revise_all(session, changed)
        self._audit_all(session, "delete", changed)
        return list(objs)

    def blocking(self, session: Session, row_id: str) -> builtins.list[tuple[str, int]]:
        """Every kind of live record that keeps this one from deletion, with how many: all of
        them, so that one message says everything to move or delete first."""
        found = []
        for table, column, noun in self.dependants:
            model = model_of(table)
            count = session.scalar(
                select(func.count())
                .select_from(model)
                .where(getattr(model, column) == row_id, model.deleted_at.is_(None))
            )
            if count:
                found.append((noun, int(count)))
        return found

    def restore_in(self, session: Session, obj: Any) -> Any:
        return self.restore_all_in(session, [obj])[0]

    def restore_all_in(self, session: Session, objs: Sequence[Any]) -> builtins.list[Any]:
        """Bring deleted ``objs`` back, each checked against the rules as it is (a live one
        is left as it is)."""
        changed = []
        for obj in objs:
            if obj.deleted_at is None:
                continue
            changed.append((obj, self._canonical(obj)))
            self._check(session, {n: getattr(obj, n) for n in self._fields}, obj.id)
            obj.deleted_at = None
            obj.updated_at = utc_now()
        self._revise_all(session, changed)
        self._audit_all(session, "restore", changed)
        return list(objs)

    def bulk_create(self, rows: Iterable[Mapping[str, Any]]) -> int:
        with self.store.write() as session:
            return self.bulk_create_in(session, rows)

    def bulk_create_in(self, session: Session, rows: Iterable[Mapping[str, Any]]) -> int:
        """Validate and insert many records with one audit event, in the caller's transaction.

        Goes through ``session.execute(insert(...), rows)``, the fast path; every row is
        still coerced and checked against the same rules as ``create``.
        """
        origin, now = origin_in(session), utc_now()
        hashes: dict[str, str] = {}
        chunk: list[dict[str, Any]] = []
        count = 0
        for number, values in enumerate(rows, start=1):
            try:
                data = self.coerce(values, partial=False)
                self._check(session, data, None)
            except ValidationError as exc:
                raise ValidationError(
                    exc.field, f"第 {number} 条{self.noun}：{exc.message}"
                ) from exc
            hashes[data["id"]] = self.new_row(data, origin=origin, now=now)
            chunk.append(data)
            if len(chunk) >= BULK_CHUNK:
                count += self.insert_many_in(session, chunk)
                chunk = []
        if chunk:
            count += self.insert_many_in(session, chunk)
        if count:
            append_event(
                session,
                operator=operator_in(session),
                action="bulk_create",
                table_name=self.table,
                row_id=None,
                before=None,
                after=bulk_after(hashes),
            )
        return count

    def write_rows_in(
        self,
        session: Session,
        inserts: builtins.list[dict[str, Any]],
        updates: builtins.list[dict[str, Any]],
    ) -> dict[str, str]:
        """Write complete rows exactly as given, keeping their id, origin and timestamps.

        For consolidation (汇总): another office's rows arrive with their own identity and
        history, which a merge must not restamp. Rows are in stored form (dates and
        timestamps as their stored text, already checked by the caller, as are the rules),
        so they go to the driver's ``executemany`` untouched: no parsing and re-formatting
        of 100k timestamps. Returns the short hash of every row written, for one
        ``bulk_audit_in`` event per table.
        """
        columns, content = self.columns, self.content
        hashes = {row["id"]: row_hash(canonical(content, row)) for row in (*inserts, *updates)}
        connection = session.connection()
        if inserts:
            connection.exec_driver_sql(
                f"INSERT INTO {self.table} ({', '.join(columns)}) "
                f"VALUES ({marks(session, len(columns))})",
                list(map(itemgetter(*columns), inserts)),
            )
        if updates:
            rest = [c for c in columns if c != "id"]
            p = mark(session)
            connection.exec_driver_sql(
                f"UPDATE {self.table} SET {', '.join(f'{c} = {p}' for c in rest)} WHERE id = {p}",
                [(*(row[c] for c in rest), row["id"]) for row in updates],
            )
        return hashes

    def bulk_audit_in(self, session: Session, action: str, hashes: Mapping[str, str]) -> None:
        """One audit event recording the hash of every row a bulk step wrote."""
        if hashes:
            append_event(
                session,
                operator=operator_in(session),
                action=action,
                table_name=self.table,
                row_id=None,
                before=None,
                after=bulk_after(hashes),
            )

    def new_row(self, data: dict[str, Any], *, origin: str, now: datetime) -> str:
        """Make ``data`` (coerced, rules met) a new record as ``create_in`` makes one: a new
        id, this office as its origin, ``now`` as its times, its first revision. Returns the
        row's hash for the bulk audit event (``bulk_audit_in``) that records its creation."""
        data.update(id=new_id(), origin=origin, created_at=now, updated_at=now, deleted_at=None)
        return row_hash(stamp(self.table, self.content, data, ""))

    def check_new(self, session: Session, data: Mapping[str, Any]) -> None:
        """Raise the first rule a new record with ``data`` (coerced) breaks, as ``create_in``
        would."""
        self._check(session, data, None)

    def insert_many_in(self, session: Session, chunk: list[dict[str, Any]]) -> int:
        """Insert rows made by ``new_row``, in the caller's transaction."""
        # render_nulls: write NULLs as given rather than dropping them (which would let a
        # column default differ from the audited row, and split the batch into thousands of
        # small executemany calls, one per pattern of NULL columns).
        session.execute(insert(self.model).execution_options(render_nulls=True), chunk)
        return len(chunk)

    def _canonical(self, obj: Any) -> str:
        return canonical(self.content, {c: getattr(obj, c) for c in self.content})

    def _revise(self, session: Session, obj: Any, before: str) -> None:
        self._revise_all(session, [(obj, before)])

    def _revise_all(self, session: Session, changed: Sequence[tuple[Any, str]]) -> None:
        """A new revision of each object, made from the one it was at (``before``, its
        content then, kept in its history)."""
        if not changed:
            return
        rows = [{"rev": o.rev, "row_id": o.id, "parents": o.parents, "data": b} for o, b in changed]
        keep_history(session, self.table, rows, office=origin_in(session))
        for obj, _before in changed:
            obj.parents = obj.rev
            obj.rev = revision_id(self.table, obj.parents, self._canonical(obj))

    def _audit(self, session: Session, action: str, obj: Any, before: str | None) -> None:
        self._audit_all(session, action, [(obj, before)])

    def _audit_all(
        self, session: Session, action: str, changed: Sequence[tuple[Any, str | None]]
    ) -> None:
        """One event per object, in order: its content before and as it is now."""
        if not changed:
            return
        session.flush()
        operator = operator_in(session)
        append_events(
            session,
            [Entry(operator, action, self.table, o.id, b, self._canonical(o)) for o, b in changed],
        )
