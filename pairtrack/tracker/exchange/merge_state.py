"""The state of one package merge and how it is written down: rows, history, conflicts,
aliases, the undo record and the preview (``RecordChange``). ``merge._Merge`` decides what
each incoming row becomes; this class writes what was decided."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pairtrack.db.base import utc_now
from pairtrack.db.dialects import mark, marks, stored_values
from pairtrack.db.models import Conflict, RowAlias
from pairtrack.tracker.audit import canonical
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange.package import Package
from pairtrack.tracker.exchange.report import ImportReport, RecordChange, TableCounts
from pairtrack.tracker.exchange.threeway import DELETED, IDENTITY, ancestors
from pairtrack.tracker.fieldtext import label, record_label, shown
from pairtrack.tracker.jobs import Cancelled, Progress
from pairtrack.tracker.revisions import content_of, keep_history, split_parents

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

NEW_REGION = "新增地区（未与本地任何地区匹配）"


class MergeState:
    def __init__(
        self,
        ledger: Ledger,
        session: Session,
        package: Package,
        report: ImportReport,
        progress: Progress,
        cancelled: Cancelled,
    ) -> None:
        self.ledger, self.session, self.package, self.report = ledger, session, package, report
        self.progress, self.cancelled = progress, cancelled
        self.done, self.total = 0, package.total
        origin = package.manifest.get("origin") or {}
        self.office_code = str(origin.get("code", ""))
        self.office_name = str(origin.get("name", ""))
        self.aliases: dict[str, dict[str, str]] = defaultdict(dict)
        for alias in session.scalars(select(RowAlias)):
            self.aliases[alias.table_name][alias.foreign_id] = alias.local_id
        self.incoming_history: dict[str, tuple[str, str, str]] = {}  # rev -> (row, parents, data)
        self.history_by_row: dict[str, list[str]] = defaultdict(list)  # foreign row id -> revs
        self.open_conflicts: dict[tuple[str, str], set[str]] = defaultdict(set)
        for table, row_id, rev in session.execute(
            select(Conflict.table_name, Conflict.row_id, Conflict.incoming_rev).where(
                Conflict.resolved_at.is_(None)
            )
        ):
            self.open_conflicts[(table, row_id)].add(rev)
        self.undo: dict[str, list[list[Any]]] = defaultdict(list)
        self.deletions: dict[str, list[Write]] = defaultdict(list)
        self.new_funds: list[str] = []
        self.inserted_lines: dict[str, dict[str, int]] = defaultdict(dict)  # id -> line
        self.had_rows: dict[str, bool] = {}
        self.other_origins = False  # see merge._Merge._begin
        self.batch = 0

    # --- writing ---------------------------------------------------------------------------
    def _write(
        self,
        service: EntityService[Any],
        writes: list[Write],
        counts: TableCounts,
    ) -> None:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for write in writes:
            if write.action != "conflict_only" and write.row[DELETED] is None:
                problem = self.problem(service, write.row)
                if problem is not None:
                    self._hold(service, write, problem, counts)
                    continue
            if write.action == "insert":
                self.inserted_lines[service.table][write.row["id"]] = write.number
                if service.table == "fund_transfer":
                    self.new_funds.append(write.row["id"])
                    self.other_origins |= write.row["origin"] != self.office_code
                inserts.append(write.row)
                if write.row[DELETED] is None:
                    counts.inserted += 1
                else:  # a tombstone of a record never seen here: kept, changes no figure
                    counts.skipped += 1
                self.undo[service.table].append([write.row["id"], write.row["rev"], None])
                continue
            self._record(service, write, counts)
            if write.action != "conflict_only":
                updates.append(write.row)
        self._store(service, inserts, updates)

    def _record(self, service: EntityService[Any], write: Write, counts: TableCounts) -> None:
        """Bookkeeping of a change to an existing row: history, conflicts, counts, preview."""
        table, row, mine = service.table, write.row, write.mine
        assert mine is not None
        history = []
        if write.action != "conflict_only":
            history.append(self._history_entry(service, mine))
            self.undo[table].append([row["id"], row["rev"], _stored(mine)])
        theirs = write.theirs
        if theirs is not None and theirs["rev"] != row["rev"]:
            history.append(self._history_entry(service, theirs))
        for rev, (foreign, parents, data) in self._history_of(write.theirs_id):
            if rev != row["rev"]:
                if foreign != row["id"]:  # another office's record of it: kept under our id
                    data = canonical(service.content, {**content_of(data), "id": row["id"]})
                history.append({"rev": rev, "row_id": row["id"], "parents": parents, "data": data})
        keep_history(self.session, table, history, office=self.office_code, import_id=self.batch)
        if write.conflicts:
            counts.conflicts += 1
            self._conflicts(service, write)
        elif write.action == "delete":
            counts.deleted += 1
        else:
            counts.updated += 1
        self._close_conflicts(table, row)
        self.report.changes.append(self._describe(service, write))

    def _hold(
        self,
        service: EntityService[Any],
        write: Write,
        problem: ValidationError,
        counts: TableCounts,
    ) -> None:
        """A record that cannot be written here as it came (it breaks a rule against local
        data: its pairing was deleted here, or two valid edits merge into an invalid row) is
        held as a conflict a person settles; the local record stays as it is, and the
        incoming revision is kept, so the next import of it has nothing to do."""
        theirs = write.theirs or write.row
        name = problem.field if problem.field in service.columns else DELETED
        held = Write(write.number, dict(write.mine or {}), write.mine, "conflict_only")
        held.theirs = {**theirs, "id": write.row["id"]}
        held.conflicts = [(name, None)]
        held.reason = problem.message
        if write.mine is None:  # a record new here: nothing local to keep
            held.row = {"id": write.row["id"], "rev": "", "parents": ""}
            keep_history(
                self.session,
                service.table,
                [self._history_entry(service, held.theirs)],
                office=self.office_code,
                import_id=self.batch,
            )
            counts.conflicts += 1
            self._conflicts(service, held)
            self.report.changes.append(self._describe(service, held))
            return
        self._record(service, held, counts)

    def _history_entry(self, service: EntityService[Any], row: dict[str, Any]) -> dict[str, Any]:
        return {
            "rev": row["rev"],
            "row_id": row["id"],
            "parents": row["parents"],
            "data": canonical(service.content, row),
        }

    def _conflicts(self, service: EntityService[Any], write: Write) -> None:
        assert write.theirs is not None
        now = utc_now()
        row_id, theirs = write.row["id"], write.theirs
        older = self.open_conflicts.get((service.table, row_id), set()) & (
            ancestors(theirs["rev"], self._incoming_parents(theirs)) - {theirs["rev"]}
        )
        if older:
            # The other office changed the field again before anyone chose: its newer value
            # replaces the older one in the conflict, rather than standing beside it.
            self.session.execute(
                update(Conflict)
                .where(
                    Conflict.table_name == service.table,
                    Conflict.row_id == row_id,
                    Conflict.incoming_rev.in_(older),
                    Conflict.resolved_at.is_(None),
                )
                .values(resolved_at=now, resolution="superseded", resolved_by=self.office_name)
            )
            self.open_conflicts[(service.table, row_id)] -= older
        self.open_conflicts[(service.table, row_id)].add(theirs["rev"])
        self.session.execute(
            insert(Conflict),
            [
                {
                    "table_name": service.table,
                    "row_id": write.row["id"],
                    "field": name,
                    "base_value": _json(base),
                    "local_value": _json(write.mine.get(name) if write.mine else None),
                    "incoming_value": _json(write.theirs.get(name)),
                    "local_rev": write.row["rev"],
                    "incoming_rev": write.theirs["rev"],
                    "office_code": self.office_code,
                    "office_name": self.office_name,
                    "import_id": self.batch,
                    "found_at": now,
                    "resolved_by": "",
                    "reason": write.reason,
                }
                for name, base in write.conflicts
            ],
        )

    def _incoming_parents(self, row: dict[str, Any]) -> Callable[[str], list[str]]:
        """The revision graph the package gives, with ``row``'s own revision in it."""
        own = split_parents(row["parents"])

        def parents_of(rev: str) -> list[str]:
            if rev == row["rev"]:
                return own
            found = self.incoming_history.get(rev)
            return split_parents(found[1]) if found else []

        return parents_of

    def _close_conflicts(self, table: str, row: dict[str, Any]) -> None:
        """Open conflicts whose incoming revision the row now descends from are settled (the
        other office resolved them, and this row took its resolution)."""
        open_revs = self.open_conflicts.get((table, row["id"]))
        if not open_revs:
            return
        graph = {rev: split_parents(p) for rev, (_r, p, _d) in self.incoming_history.items()}
        graph[row["rev"]] = split_parents(row["parents"])
        settled = open_revs & ancestors(row["rev"], lambda r: graph.get(r, []))
        if settled:
            self.session.execute(
                update(Conflict)
                .where(
                    Conflict.table_name == table,
                    Conflict.row_id == row["id"],
                    Conflict.incoming_rev.in_(settled),
                    Conflict.resolved_at.is_(None),
                )
                .values(resolved_at=utc_now(), resolution="merged", resolved_by=self.office_name)
            )
            open_revs -= settled

    def _store(
        self,
        service: EntityService[Any],
        inserts: list[dict[str, Any]],
        updates: list[dict[str, Any]],
    ) -> None:
        if inserts:
            history = [
                {"rev": rev, "row_id": r["id"], "parents": parents, "data": data}
                for r in inserts
                for rev, (row_id, parents, data) in self._history_of(r["_foreign_id"])
            ]
            keep_history(
                self.session, service.table, history, office=self.office_code, import_id=self.batch
            )
            if service.table == "region":
                # Every region that matched none here is listed: a misspelt name or a missing
                # code would otherwise split one county in two without anyone seeing it.
                self.report.changes.extend(
                    RecordChange("region", r["id"], self._region_label(r), NEW_REGION, [])
                    for r in inserts
                    if r["deleted_at"] is None
                )
            else:
                self.report.changes.extend(
                    RecordChange(service.table, r["id"], self._label(service, r), "新增", [])
                    for r in inserts[: RecordChange.LISTED_INSERTS]
                )
        # Extra keys (``_foreign_id``) are ignored: rows are written and hashed by column.
        hashes = service.write_rows_in(self.session, inserts, updates)
        service.bulk_audit_in(self.session, "merge", hashes)

    def _history_of(self, foreign_id: str) -> list[tuple[str, tuple[str, str, str]]]:
        return [
            (rev, self.incoming_history[rev]) for rev in self.history_by_row.get(foreign_id, ())
        ]

    # --- helpers ---------------------------------------------------------------------------
    def _local_rows(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        result = self.session.connection().exec_driver_sql(
            f"SELECT * FROM {table} WHERE id IN ({marks(self.session, len(ids))})", tuple(ids)
        )
        names = list(result.keys())
        rows = (dict(zip(names, stored_values(row), strict=True)) for row in result.all())
        return {row["id"]: row for row in rows}

    def _local_history(self, table: str, ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """row id -> {rev: (parents, data)} of the revisions this database knows of it."""
        out: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for rev, row_id, parents, data in self.session.connection().exec_driver_sql(
                "SELECT rev, row_id, parents, data FROM row_history "
                f"WHERE table_name = {mark(self.session)} "
                f"AND row_id IN ({marks(self.session, len(part))})",
                (table, *part),
            ):
                out[row_id][rev] = (parents, data)
        return out

    def _known_revisions(self, revs: list[str]) -> set[str]:
        """Which of these revisions this database keeps in its history."""
        found: set[str] = set()
        for start in range(0, len(revs), 500):
            part = revs[start : start + 500]
            found.update(
                rev
                for (rev,) in self.session.connection().exec_driver_sql(
                    f"SELECT rev FROM row_history WHERE rev IN ({marks(self.session, len(part))})",
                    tuple(part),
                )
            )
        return found

    def _alias(self, table: str, foreign_id: str, local_id: str) -> None:
        self.aliases[table][foreign_id] = local_id
        self.session.execute(
            insert(RowAlias).values(
                table_name=table, foreign_id=foreign_id, local_id=local_id, import_id=self.batch
            )
        )

    def problem(self, service: EntityService[Any], row: dict[str, Any]) -> ValidationError | None:
        """Why this live row cannot be written here (a rule it breaks against local data)."""
        try:
            # Rows as they came are checked field by field already (package_rows); a merged
            # row is coerced again.
            data = row.get("_values") or service.coerce_stored(row)
            for problem in service.rules(self.session, data, row["id"]):
                return problem
        except (ValidationError, ValueError) as exc:
            return exc if isinstance(exc, ValidationError) else ValidationError(None, str(exc))
        return None

    def _region_label(self, row: dict[str, Any]) -> str:
        where = "".join(row.get(k) or "" for k in ("province", "city"))
        code = f"，代码 {row['code']}" if row.get("code") else "，无行政区划代码"
        return f"地区「{row['name']}」（{where or '未填省市'}{code}）"

    def _label(self, service: EntityService[Any], row: dict[str, Any]) -> str:
        return record_label(service, row)

    def _describe(self, service: EntityService[Any], write: Write) -> RecordChange:
        mine = write.mine or {}
        conflicted = {name for name, _b in write.conflicts}
        fields = []
        for name in service.content:
            if name in IDENTITY or name == "updated_at":
                continue
            before, after = mine.get(name), write.row.get(name)
            if name in conflicted:
                theirs = write.theirs.get(name) if write.theirs else None
                fields.append(
                    (
                        label(service, name),
                        shown(service, name, before, mine),
                        shown(service, name, theirs, mine),
                        True,
                    )
                )
            elif before != after:
                fields.append(
                    (
                        label(service, name),
                        shown(service, name, before, mine),
                        shown(service, name, after, write.row),
                        False,
                    )
                )
        if write.conflicts:
            action = "冲突" + (f"（{write.reason}）" if write.reason else "")
        elif write.action == "delete":
            action = "删除"
        elif write.how == "merge":
            action = "合并"
        else:
            action = "更新"
        return RecordChange(
            service.table,
            write.row["id"],
            self._label(service, mine or write.theirs or write.row),
            action,
            fields,
        )


class Write:
    """One decided change to one row."""

    def __init__(
        self, number: int, row: dict[str, Any], mine: dict[str, Any] | None, action: str
    ) -> None:
        self.number, self.row, self.mine, self.action = number, row, mine, action
        self.how = ""
        self.theirs: dict[str, Any] | None = None
        self.conflicts: list[tuple[str, Any]] = []
        self.reason = ""

    @property
    def theirs_id(self) -> str:
        return str((self.theirs or {}).get("_foreign_id", ""))


def _stored(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
