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

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pairtrack.db.base import parse_timestamp
from pairtrack.db.models import FundTransfer, model_of
from pairtrack.tracker.audit import canonical
from pairtrack.tracker.duplicates import cross_office_duplicates, key_labels, twins_of_new_records
from pairtrack.tracker.exchange.merge_state import MergeState, Write
from pairtrack.tracker.exchange.package import TABLES, member_name, open_package
from pairtrack.tracker.exchange.package_rows import CheckedRow
from pairtrack.tracker.exchange.report import (
    Duplicate,
    ImportReport,
    TableCounts,
)
from pairtrack.tracker.exchange.threeway import (
    DELETED,
    IDENTITY,
    UNKNOWN,
    ancestors,
    common_ancestors,
    joint_base,
    merge_fields,
)
from pairtrack.tracker.exchange.twins import TWINNED, twin
from pairtrack.tracker.imports import begin_import, file_sha256, finish_import
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.kinds import BY_TABLE
from pairtrack.tracker.received import history_problem, record_head
from pairtrack.tracker.revisions import content_of, join_parents, revision_id, split_parents

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

CHUNK = 2000
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
    package = open_package(path, cancelled)
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


class _Merge(MergeState):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
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
        # The sender's history must extend what earlier packages from it showed (issue 13).
        self.report.history = history_problem(self.session, self.package)
        record_head(self.session, self.package, batch, rewritten=bool(self.report.history))
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
        writes: list[Write] = []
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
                write = Write(number, row, None, "insert")
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
    ) -> Write | None:
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
                write = Write(number, {**mine}, mine, "conflict_only")
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
    ) -> Write:
        gone_before, gone_after = mine[DELETED] is not None, row[DELETED] is not None
        action = "delete" if gone_after and not gone_before else "update"
        write = Write(number, row, mine, action)
        write.how, write.theirs = how, theirs
        return write

    def _data_of(self, rev: str, known: dict[str, tuple[str, str]]) -> dict[str, Any] | None:
        if rev in known:
            return content_of(known[rev][1])
        if rev in self.incoming_history:
            return content_of(self.incoming_history[rev][2])
        return None

    # --- deletions, children first --------------------------------------------------------
    def apply_deletions(self, service: EntityService[Any]) -> None:
        counts = self.report.counts(service.table)
        updates = []
        for write in self.deletions.pop(service.table, []):
            if (noun := self._live_dependant(service, write.row["id"])) is not None:
                # Deleted there, still in use here: the local record stays, and a person decides.
                assert write.theirs is not None
                keep = Write(write.number, dict(write.mine or {}), write.mine, "conflict_only")
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
