"""Undoing an import as a whole (DESIGN §7 "No silent duplicates"); the batches themselves are
recorded by ``tracker.imports``.

Undoing a ledger import goes through the services: rows it created are deleted (a new
revision and a tombstone, so an office that already received them learns of it), rows it
updated get their earlier values as a new revision. Undoing a package import restores the
state before it exactly. Either way one ``undo_import`` audit event names the batch, the
rows removed from the table and the hash of every row put back, so ``tracker.check`` still
accounts for every row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pairtrack.db.base import utc_now
from pairtrack.db.dialects import mark, marks
from pairtrack.db.models import Conflict, ImportBatch, RowAlias, RowHistory, model_of
from pairtrack.tracker.audit import append_event, canonical, row_hash
from pairtrack.tracker.changes import ChangeLog
from pairtrack.tracker.dates import local_time
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.fields import COMMON_FIELDS
from pairtrack.tracker.imports import CHUNK, current_revs
from pairtrack.tracker.kinds import BY_TABLE, TABLES
from pairtrack.tracker.row_events import UNDO_ACTION
from pairtrack.tracker.services.opened import lock_rows
from pairtrack.tracker.store import operator_in

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger


@dataclass(frozen=True)
class UndoResult:
    import_id: int
    kind: str
    file_name: str
    removed: dict[str, int]  # table → rows deleted (ledger: tombstoned; package: removed)
    restored: dict[str, int]  # table → rows given back their values before the import

    def describe(self) -> str:
        def listed(counts: dict[str, int]) -> str:
            return "、".join(f"{BY_TABLE[t].title} {n} 条" for t, n in counts.items() if n)

        verb = "删除" if self.kind == "ledger" else "移除"
        parts = [f"已撤销导入编号 {self.import_id}（{self.file_name}）"]
        if any(self.removed.values()):
            parts.append(f"{verb}它新增的记录：{listed(self.removed)}")
        if any(self.restored.values()):
            parts.append(f"恢复它修改过的记录：{listed(self.restored)}")
        if len(parts) == 1:
            parts.append("它没有写入任何记录")
        return "；".join(parts) + "。"


Plan = dict[str, list[tuple[str, str, dict[str, Any] | None]]]


def undo_import(ledger: Ledger, import_id: int) -> UndoResult:
    """Reverse one import as a whole, in one transaction, or refuse and write nothing."""
    with ledger.write() as session:
        batch = session.get(ImportBatch, import_id)
        if batch is None:
            raise PairTrackError(f"没有编号为 {import_id} 的导入记录。")
        if batch.undone_at is not None:
            raise PairTrackError(
                f"导入编号 {import_id}（{batch.file_name}）已于 {local_time(batch.undone_at)} "
                "撤销过，不能再次撤销。"
            )
        plan: Plan = {
            table: [(str(r[0]), str(r[1]), r[2]) for r in rows]
            for table, rows in json.loads(batch.undo or "{}").get("rows", {}).items()
        }
        unknown = set(plan) - set(TABLES)
        if unknown:
            raise PairTrackError(
                f"导入编号 {import_id} 的撤销信息含有未知的表：{'、'.join(unknown)}"
            )
        _refuse_if_changed(ledger, session, batch, plan)
        _refuse_if_settled(ledger, session, batch, plan)
        _refuse_if_referenced(ledger, session, batch, plan, live_only=batch.kind == "ledger")
        if batch.kind == "ledger":
            removed, restored = _undo_ledger(ledger, session, plan)
            gone: dict[str, list[str]] = {}
            hashes: dict[str, dict[str, str]] = {}
        elif batch.kind == "package":
            gone, hashes = _undo_package(ledger, session, plan, import_id)
            removed = {t: len(ids) for t, ids in gone.items()}
            restored = {t: len(h) for t, h in hashes.items()}
        else:
            raise PairTrackError(f"导入编号 {import_id} 的类型「{batch.kind}」无法撤销。")
        batch.undone_at = utc_now()
        after = {"import_id": import_id, "kind": batch.kind, "removed": gone, "rows": hashes}
        append_event(
            session,
            operator=operator_in(session),
            action=UNDO_ACTION,
            table_name=ImportBatch.__tablename__,
            row_id=str(import_id),
            before=None,
            after=json.dumps(after, separators=(",", ":"), sort_keys=True),
        )
        return UndoResult(import_id, batch.kind, batch.file_name, removed, restored)


def _example(ledger: Ledger, session: Session, table: str, row_id: str) -> str:
    """One record named as a person finds it: its noun, a telling text field, its id."""
    service = ledger.services[table]
    obj = session.get(service.model, row_id)
    label = ""
    if obj is not None:
        for name in BY_TABLE[table].columns:
            value = getattr(obj, name, None)
            if service.field(name).kind == "text" and value:
                label = f"「{value}」"
                break
    return f"{service.noun}{label}（编号 {row_id}）"


def _refuse_if_changed(ledger: Ledger, session: Session, batch: ImportBatch, plan: Plan) -> None:
    changed: list[tuple[str, str]] = []
    for table, rows in plan.items():
        revs = current_revs(session, table, [r[0] for r in rows])
        changed += [(table, i) for i, rev, _before in rows if revs.get(i) != rev]
    if changed:
        table, row_id = changed[0]
        raise PairTrackError(
            f"导入编号 {batch.id}（{batch.file_name}）写入的记录中有 {len(changed)} 条在导入之后"
            f"又被修改或删除过，例如{_example(ledger, session, table, row_id)}；"
            "撤销会丢掉这些修改，因此未撤销。请先撤销或改回这些修改。"
        )


def _refuse_if_settled(ledger: Ledger, session: Session, batch: ImportBatch, plan: Plan) -> None:
    """An import whose conflicts a person has settled, or on whose records a later import
    found conflicts, has had later work built on it: undoing it would lose that work or
    leave conflicts on records that no longer exist."""
    settled = session.scalar(
        select(Conflict)
        .where(
            Conflict.import_id == batch.id,
            Conflict.resolved_at.is_not(None),
            Conflict.resolution.in_(("local", "incoming", "value")),
        )
        .limit(1)
    )
    if settled is not None:
        raise PairTrackError(
            f"导入编号 {batch.id}（{batch.file_name}）带来的冲突已经有人处理过，"
            f"例如{_example(ledger, session, settled.table_name, settled.row_id)}；"
            "撤销会丢掉处理的结果，因此未撤销。"
        )
    for table, rows in plan.items():
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), CHUNK):
            later = session.scalar(
                select(Conflict)
                .where(
                    Conflict.table_name == table,
                    Conflict.row_id.in_(ids[start : start + CHUNK]),
                    Conflict.import_id > batch.id,
                )
                .limit(1)
            )
            if later is not None:
                raise PairTrackError(
                    f"导入编号 {batch.id}（{batch.file_name}）写入的记录上，"
                    f"另一次导入（编号 {later.import_id}）记下了冲突，"
                    f"例如{_example(ledger, session, table, later.row_id)}；"
                    "请先撤销那次导入，或处理完冲突后不再撤销这次导入。"
                )


def _refuse_if_referenced(
    ledger: Ledger, session: Session, batch: ImportBatch, plan: Plan, *, live_only: bool
) -> None:
    """Rows the import inserted may not vanish from under records the import did not write."""
    written = {(t, r[0]) for t, rows in plan.items() for r in rows}
    found: list[tuple[str, str]] = []
    for table, rows in plan.items():
        inserted = [i for i, _rev, before in rows if before is None]
        for dep_table, column, _noun in ledger.services[table].dependants:
            model: Any = model_of(dep_table)
            for start in range(0, len(inserted), CHUNK):
                query = select(model.id).where(
                    getattr(model, column).in_(inserted[start : start + CHUNK])
                )
                if live_only:
                    query = query.where(model.deleted_at.is_(None))
                found += [
                    (dep_table, i) for i in session.scalars(query) if (dep_table, i) not in written
                ]
    if found:
        table, row_id = found[0]
        raise PairTrackError(
            f"导入编号 {batch.id}（{batch.file_name}）新增的记录已被 {len(found)} 条其他记录引用，"
            f"例如{_example(ledger, session, table, row_id)}；未撤销。请先删除或改挂这些记录。"
        )


def _undo_ledger(
    ledger: Ledger, session: Session, plan: Plan
) -> tuple[dict[str, int], dict[str, int]]:
    """Through the services: earlier values back as a new revision, new rows tombstoned."""
    removed: dict[str, int] = {}
    restored: dict[str, int] = {}
    # Updated rows first: one may have been pointed at a record the import created.
    for table in TABLES:
        service = ledger.services[table]
        names = [f.name for f in (*service.fields, *COMMON_FIELDS)]
        for row_id, _rev, before in plan.get(table, ()):
            if before is not None:
                obj = session.get(service.model, row_id)
                service.update_in(session, obj, {n: before[n] for n in names if n in before})
                restored[table] = restored.get(table, 0) + 1
    for table in reversed(TABLES):  # children before the records they point to
        service = ledger.services[table]
        new = [row_id for row_id, _rev, before in plan.get(table, ()) if before is None]
        found = lock_rows(service, session, new)  # read together, deleted together
        live = [found[i] for i in new if i in found and found[i].deleted_at is None]
        service.delete_all_in(session, live)
        if new:
            removed[table] = len(new)
    return removed, restored


def _undo_package(
    ledger: Ledger, session: Session, plan: Plan, import_id: int
) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """The exact state before the import: rows put back byte for byte, new rows removed,
    the batch's history, aliases and conflicts dropped."""
    session.flush()
    connection = session.connection()
    log: ChangeLog = session.info.setdefault("changes", ChangeLog())
    gone: dict[str, list[str]] = {}
    hashes: dict[str, dict[str, str]] = {}
    for table in TABLES:
        service = ledger.services[table]
        rest = [c for c in service.columns if c != "id"]
        befores = [b for _i, _rev, b in plan.get(table, ()) if b is not None]
        if befores:
            p = mark(connection)
            connection.exec_driver_sql(
                f"UPDATE {table} SET {', '.join(f'{c} = {p}' for c in rest)} WHERE id = {p}",
                [(*(b[c] for c in rest), b["id"]) for b in befores],
            )
            hashes[table] = {b["id"]: row_hash(canonical(service.content, b)) for b in befores}
            for b in befores:
                log.add(table, b["id"])
    for table in reversed(TABLES):  # children before the records they point to
        ids = [i for i, _rev, before in plan.get(table, ()) if before is None]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.exec_driver_sql(
                f"DELETE FROM {table} WHERE id IN ({marks(connection, len(chunk))})", tuple(chunk)
            )
        if ids:
            gone[table] = ids
            for i in ids:
                log.add(table, i)
    for model in (RowHistory, RowAlias, Conflict):
        session.execute(delete(model).where(model.import_id == import_id))
    # the ORM must not keep the rows as they were before the undo
    session.info.pop("lookup", None)
    session.expire_all()
    return gone, hashes


def undo_events(after: Mapping[str, Any]) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """From an ``undo_import`` event: the ids removed per table and the hashes of the rows put
    back per table (for ``tracker.check``)."""
    return dict(after.get("removed", {})), dict(after.get("rows", {}))
