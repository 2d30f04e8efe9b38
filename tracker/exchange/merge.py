"""Import a consolidation package: merge another office's rows by revision, in one transaction.

For each incoming row (DESIGN §7): a revision this database already knows is skipped; one
that descends from the local revision is taken whole (fast-forward); otherwise the two were
edited concurrently and are merged field by field against their common ancestor
(``threeway``): fields changed on one side take that change, fields changed on both sides
become conflicts that keep the local value until a person chooses (``tracker.conflicts``).
Clocks decide nothing. An unknown region, pairing or target that is the same as a local one
(``twins``) is merged into it, and its id remembered as an alias for the next packages.
Deletions are applied last, children first, so that one import of a package is complete and
a second changes nothing. The preview runs this same code in a transaction that is rolled
back, so what it shows is what the import does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from db.base import parse_timestamp, utc_now
from db.models import Conflict, FundTransfer, RowAlias, model_of
from tracker.audit import canonical
from tracker.duplicates import cross_office_duplicates, key_labels, twins_of_new_records
from tracker.errors import ValidationError
from tracker.exchange.package import TABLES, Package, member_name, open_package
from tracker.exchange.package_rows import CheckedRow
from tracker.exchange.report import (
    Duplicate,
    ImportReport,
    RecordChange,
    TableCounts,
)
from tracker.exchange.threeway import (
    DELETED,
    IDENTITY,
    UNKNOWN,
    ancestors,
    common_ancestors,
    joint_base,
    merge_fields,
)
from tracker.exchange.twins import TWINNED, twin
from tracker.fieldtext import label, record_label, shown
from tracker.imports import begin_import, file_sha256, finish_import
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from tracker.kinds import BY_TABLE
from tracker.revisions import content_of, join_parents, keep_history, revision_id, split_parents

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService

CHUNK = 2000
NEW_REGION = "新增地区（未与本地任何地区匹配）"
# Foreign-key columns and the table whose aliases re-point them.
REFS = {"helper_id": "region", "assisted_id": "region", "pairing_id": "pairing"}


class _Rollback(Exception):
    """Ends a preview: the transaction is rolled back and the report handed out."""


def import_package(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    sha256: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> ImportReport:
    """Merge the package in one transaction. A record that breaks a rule here (it points to
    a pairing deleted here, say) is held as a conflict, like two different values of a field:
    recorded, the local state kept, a person decides. Problems (none are expected once the
    package passed its checks) would stop the import unless ``valid_only``."""
    package = open_package(path)
    report = ImportReport("package", source=package.origin, sha256=sha256 or file_sha256(path))
    try:
        with ledger.write() as session:
            _Merge(ledger, session, package, report, progress, cancelled).run()
            if dry_run or (report.problems and not valid_only):
                raise _Rollback()
    except _Rollback:
        return report
    report.committed = True
    return report


class _Merge:
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
        self.deletions: dict[str, list[_Write]] = defaultdict(list)
        self.new_funds: list[str] = []
        self.inserted_lines: dict[str, dict[str, int]] = defaultdict(dict)  # id -> line
        self.had_rows: dict[str, bool] = {}
        self.batch = self._begin()

    # --- the run ---------------------------------------------------------------------------
    def run(self) -> None:
        services = {s.table: s for s in self.ledger.services.all()}
        self._read_history(services)
        for table in TABLES:
            self.table(services[table])
        for table in reversed(TABLES):  # children before parents
            self.apply_deletions(services[table])
        self._finish()
        self.progress(self.total, self.total)

    def _begin(self) -> int:
        exported = self.package.manifest.get("exported_at")
        batch = begin_import(
            self.session,
            kind="package",
            path=self.package.path,
            sha256=self.report.sha256,
            origin_code=self.office_code,
            origin_name=self.office_name,
            exported_at=parse_timestamp(exported) if isinstance(exported, str) else None,
        )
        self.report.import_id = batch
        # Whether a fund written now could duplicate another office's: only then is the
        # (whole-table) search for cross-office duplicates worth its time.
        self.other_origins = (
            self.session.scalar(
                select(FundTransfer.id).where(FundTransfer.origin != self.office_code).limit(1)
            )
            is not None
        )
        return batch

    def _finish(self) -> None:
        self._flag_twins()
        if self.new_funds and self.other_origins:
            found = cross_office_duplicates(self.session, ids=self.new_funds)
            self.report.cross_office.extend(str(d) for d in found)
        finish_import(
            self.session, self.batch, counts=self.report.counts_json(), undo={"rows": self.undo}
        )

    def _flag_twins(self) -> None:
        """New records that look like one already here (the same office's workbook imported
        before its package): kept, since they carry their own ids, but listed as 疑似重复."""
        for table, inserted in self.inserted_lines.items():
            kind = BY_TABLE[table]
            if not inserted or not kind.natural_keys or not self.had_rows.get(table):
                continue
            for row_id, (key, other) in twins_of_new_records(self.session, kind, inserted).items():
                fields = key_labels(kind, key)
                self.report.duplicates.append(
                    Duplicate(
                        member_name(table),
                        inserted[row_id],
                        table,
                        other,
                        f"与已有的{kind.service.noun}（编号 {other}）的{fields}相同",
                        kept=True,
                    )
                )

    def _read_history(self, services: dict[str, EntityService[Any]]) -> None:
        for _number, row in self.package.stored_history(services):
            self.incoming_history[row["rev"]] = (row["row_id"], row["parents"], row["data"])
            self.history_by_row[row["row_id"]].append(row["rev"])

    def table(self, service: EntityService[Any]) -> None:
        counts = self.report.counts(service.table)
        self.had_rows[service.table] = (
            self.session.scalar(select(service.model.id).limit(1)) is not None
        )
        chunk: list[tuple[int, dict[str, Any]]] = []
        for number, checked in self.package.stored_rows(service):
            chunk.append((number, self.typed(service.table, checked)))
            if len(chunk) >= CHUNK:
                self.apply(service, chunk, counts)
                chunk = []
        if chunk:
            self.apply(service, chunk, counts)
        # Rows were written with Core statements: drop cached objects so that the rules of
        # the next table see them as they are now.
        self.session.info.pop("lookup", None)
        self.session.expire_all()

    def typed(self, table: str, checked: CheckedRow) -> dict[str, Any]:
        """The row in stored form (every field checked by ``package_rows``), with the field
        values its rules take under ``_values``, and its ids re-pointed through aliases."""
        row = checked.stored
        row["_values"] = checked.values
        row["_foreign_id"] = row["id"]
        row["id"] = self.aliases[table].get(row["id"], row["id"])
        for column, target in REFS.items():
            if row.get(column) is not None:
                mapped = self.aliases[target].get(row[column])
                if mapped is not None:
                    row[column] = mapped
                    if column in row["_values"]:
                        row["_values"][column] = mapped
        return row

    # --- one chunk -------------------------------------------------------------------------
    def apply(
        self,
        service: EntityService[Any],
        chunk: list[tuple[int, dict[str, Any]]],
        counts: TableCounts,
    ) -> None:
        check_cancelled(self.cancelled)
        table = service.table
        local = self._local_rows(table, [row["id"] for _n, row in chunk])
        history = self._local_history(
            table,
            [r["id"] for _n, r in chunk if r["id"] in local and local[r["id"]]["rev"] != r["rev"]],
        )
        held = self._known_revisions([r["rev"] for _n, r in chunk if r["id"] not in local])
        writes: list[_Write] = []
        for number, row in chunk:
            mine = local.get(row["id"])
            if mine is None and table in TWINNED:
                found = twin(self.session, table, row)
                if found is not None:
                    self._alias(table, row["_foreign_id"], found)
                    row["id"] = found
                    mine = self._local_rows(table, [found])[found]
                    history.update(self._local_history(table, [found]))
                    if mine[DELETED] is not None:
                        # Deleted here before this office's record was ever seen: the
                        # deletion was no answer to it, so theirs comes back whole.
                        row["_base"] = mine
            if mine is None and row["rev"] in held:
                counts.skipped += 1  # held here as a conflict already (see ``_hold``)
                continue
            if mine is None:
                write = _Write(number, row, None, "insert")
            else:
                decided = self.decide(service, number, row, mine, history.get(row["id"], {}))
                if decided is None:
                    counts.skipped += 1
                    continue
                write = decided
            if write.action == "delete":
                self.deletions[table].append(write)
                continue
            writes.append(write)
        self._write(service, writes, counts)
        self.done += len(chunk)
        self.progress(self.done, self.total)

    def decide(
        self,
        service: EntityService[Any],
        number: int,
        theirs: dict[str, Any],
        mine: dict[str, Any],
        known: dict[str, tuple[str, str]],
    ) -> _Write | None:
        """What the local row becomes; None when the incoming revision is already known."""
        mine_rev = mine["rev"] or revision_id(service.table, "", canonical(service.content, mine))
        mine = {**mine, "rev": mine_rev}
        theirs_rev = theirs["rev"]
        if theirs_rev == mine_rev or theirs_rev in known:
            return None
        graph: dict[str, list[str]] = {}
        for rev, (_row, parents, _data) in self.incoming_history.items():
            graph[rev] = split_parents(parents)
        for rev, (parents, _data) in known.items():
            graph[rev] = split_parents(parents)
        graph[mine_rev] = split_parents(mine["parents"])
        graph[theirs_rev] = split_parents(theirs["parents"])

        def parents_of(rev: str) -> list[str]:
            return graph.get(rev, [])

        if theirs_rev in ancestors(mine_rev, parents_of):
            return None  # an older revision of what is here: known, even without its data
        identity = {name: mine[name] for name in ("id", "origin", "created_at")}
        if "_base" in theirs:  # revived from a local tombstone: theirs in all but the id
            identity = {"id": mine["id"]}
        if mine_rev in ancestors(theirs_rev, parents_of):
            row = {**theirs, **identity}
            return self._change(service, number, mine, row, "delete_or_update", theirs)
        base_revs = common_ancestors(mine_rev, theirs_rev, parents_of)
        base_rev = base_revs[0] if base_revs else None
        if base_revs:
            found = [self._data_of(rev, known) for rev in base_revs]
            bases = [b for b in found if b is not None]
            # an ancestor known by id only: no field can be judged against it
            base = (
                joint_base(bases)
                if len(bases) == len(found)
                else dict.fromkeys(service.content, UNKNOWN)
            )
        else:
            base = theirs.get("_base")
        merged = merge_fields(base, mine, theirs, service.content)
        if "_base" in theirs:
            merged.row.update(origin=theirs["origin"], created_at=theirs["created_at"])
        # Identical content with a shared past: keep the greater revision id, which the other
        # office picks too. Without a shared past (first contact of two offices' records of
        # one region) the merge revision below joins the two histories instead.
        same = (
            base_rev is not None
            and not merged.conflicts
            and all(mine.get(c) == theirs.get(c) for c in service.content if c not in IDENTITY)
        )
        if same:
            if mine_rev > theirs_rev:
                # Nothing to write, but what theirs settled (a conflict here that the other
                # office resolved into this very content) is settled here too.
                self._close_conflicts(
                    service.table,
                    {"id": mine["id"], "rev": theirs_rev, "parents": theirs["parents"]},
                )
                return None
            row = {**theirs, **identity}
            return self._change(service, number, mine, row, "same", theirs)
        row = merged.row
        if merged.conflicts:
            write = None
            if merged.taken:
                row["parents"] = mine_rev
                row["rev"] = revision_id(service.table, mine_rev, canonical(service.content, row))
                write = self._change(service, number, mine, row, "partial", theirs)
            else:
                write = _Write(number, {**mine}, mine, "conflict_only")
            write.theirs = theirs
            write.conflicts = [
                (f, None if base is None or base.get(f) is UNKNOWN else base.get(f))
                for f in merged.conflicts
            ]
            return write
        row["parents"] = join_parents(mine_rev, theirs_rev)
        row["rev"] = revision_id(service.table, row["parents"], canonical(service.content, row))
        return self._change(service, number, mine, row, "merge", theirs)

    def _change(
        self,
        service: EntityService[Any],
        number: int,
        mine: dict[str, Any],
        row: dict[str, Any],
        how: str,
        theirs: dict[str, Any],
    ) -> _Write:
        gone_before, gone_after = mine[DELETED] is not None, row[DELETED] is not None
        action = "delete" if gone_after and not gone_before else "update"
        write = _Write(number, row, mine, action)
        write.how, write.theirs = how, theirs
        return write

    def _data_of(self, rev: str, known: dict[str, tuple[str, str]]) -> dict[str, Any] | None:
        if rev in known:
            return content_of(known[rev][1])
        if rev in self.incoming_history:
            return content_of(self.incoming_history[rev][2])
        return None

    # --- writing ---------------------------------------------------------------------------
    def _write(
        self,
        service: EntityService[Any],
        writes: list[_Write],
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

    def _record(self, service: EntityService[Any], write: _Write, counts: TableCounts) -> None:
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
        write: _Write,
        problem: ValidationError,
        counts: TableCounts,
    ) -> None:
        """A record that cannot be written here as it came (it breaks a rule against local
        data: its pairing was deleted here, or two valid edits merge into an invalid row) is
        held as a conflict a person settles; the local record stays as it is, and the
        incoming revision is kept, so the next import of it has nothing to do."""
        theirs = write.theirs or write.row
        name = problem.field if problem.field in service.columns else DELETED
        held = _Write(write.number, dict(write.mine or {}), write.mine, "conflict_only")
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

    def _conflicts(self, service: EntityService[Any], write: _Write) -> None:
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

    # --- deletions, children first --------------------------------------------------------
    def apply_deletions(self, service: EntityService[Any]) -> None:
        counts = self.report.counts(service.table)
        updates = []
        for write in self.deletions.pop(service.table, []):
            if (noun := self._live_dependant(service, write.row["id"])) is not None:
                # Deleted there, still in use here: the local record stays, and a person decides.
                assert write.theirs is not None
                keep = _Write(write.number, dict(write.mine or {}), write.mine, "conflict_only")
                keep.theirs = write.theirs
                keep.conflicts = [(DELETED, None)]
                keep.reason = f"本地还有引用它的{noun}"
                self._record(service, keep, counts)
                continue
            self._record(service, write, counts)
            updates.append(write.row)
        if updates:
            hashes = service.write_rows_in(self.session, [], updates)
            service.bulk_audit_in(self.session, "merge", hashes)
            self.session.expire_all()

    def _live_dependant(self, service: EntityService[Any], row_id: str) -> str | None:
        for table, column, noun in service.dependants:
            model: Any = model_of(table)
            live = self.session.scalar(
                select(model.id)
                .where(getattr(model, column) == row_id, model.deleted_at.is_(None))
                .limit(1)
            )
            if live is not None:
                return noun
        return None

    # --- helpers ---------------------------------------------------------------------------
    def _local_rows(self, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        result = self.session.connection().exec_driver_sql(
            f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(ids)
        )
        names = list(result.keys())
        rows = (dict(zip(names, row, strict=True)) for row in result.all())
        return {row["id"]: row for row in rows}

    def _local_history(self, table: str, ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """row id -> {rev: (parents, data)} of the revisions this database knows of it."""
        out: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ", ".join("?" * len(part))
            for rev, row_id, parents, data in self.session.connection().exec_driver_sql(
                "SELECT rev, row_id, parents, data FROM row_history "
                f"WHERE table_name = ? AND row_id IN ({marks})",
                (table, *part),
            ):
                out[row_id][rev] = (parents, data)
        return out

    def _known_revisions(self, revs: list[str]) -> set[str]:
        """Which of these revisions this database keeps in its history."""
        found: set[str] = set()
        for start in range(0, len(revs), 500):
            part = revs[start : start + 500]
            marks = ", ".join("?" * len(part))
            found.update(
                rev
                for (rev,) in self.session.connection().exec_driver_sql(
                    f"SELECT rev FROM row_history WHERE rev IN ({marks})", tuple(part)
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

    def _describe(self, service: EntityService[Any], write: _Write) -> RecordChange:
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


class _Write:
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
