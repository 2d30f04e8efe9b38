"""Import a consolidation package: merge another office's rows by id, in one transaction.

Unknown id → insert (id, origin and timestamps kept); newer ``updated_at`` → update; older or
equal → skip; a newer tombstone deletes. Regions are matched by code, then by name, and
pairings by (helper, assisted, programme), so two offices' "康保县" become one region and
their children are re-pointed at it. A row that clashes with local data (a rule it breaks
here) is a conflict: skipped and listed. The preview runs this same code in a transaction
that is rolled back, so what it shows is what the import does.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from db.base import UTCDateTime
from db.models import Pairing, Region, model_of
from tracker.errors import ValidationError
from tracker.exchange.package import TABLES, Package, PackageRefused, member_name, open_package
from tracker.exchange.report import ImportReport, RowProblem, TableCounts
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService

CHUNK = 2000
META = ("id", "origin", "created_at", "updated_at", "deleted_at", "rev", "parents")
# Foreign-key columns and the table whose id map re-points them.
REFS = {"helper_id": "region", "assisted_id": "region", "pairing_id": "pairing"}


_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


def _kinds(service: EntityService[Any]) -> list[tuple[str, str]]:
    out = []
    for column in service.model.__table__.columns:
        if isinstance(column.type, UTCDateTime):
            out.append((column.name, "timestamp"))
        elif isinstance(column.type, Date):
            out.append((column.name, "date"))
    return out


class _Rollback(Exception):
    """Ends a preview: the transaction is rolled back and the report handed out."""


def import_package(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> ImportReport:
    package = open_package(path)
    report = ImportReport("package", source=package.origin)
    try:
        with ledger.write() as session:
            _Merge(ledger, session, package, report, progress, cancelled).run()
            if dry_run:
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
        self.maps: dict[str, dict[str, str]] = {"region": {}, "pairing": {}}
        self.done, self.total = 0, package.total
        self.kinds: dict[str, list[tuple[str, str]]] = {}

    def run(self) -> None:
        services = {s.table: s for s in self.ledger.services.all()}
        for table in TABLES:
            self.table(services[table])
        self.progress(self.total, self.total)

    def table(self, service: EntityService[Any]) -> None:
        counts = self.report.counts(service.table)
        hashes: dict[str, str] = {}
        chunk: list[tuple[int, dict[str, Any]]] = []
        for number, raw in self.package.rows(service.table):
            chunk.append((number, self.typed(service, number, raw)))
            if len(chunk) >= CHUNK:
                hashes.update(self.apply(service, chunk, counts))
                chunk = []
        if chunk:
            hashes.update(self.apply(service, chunk, counts))
        service.bulk_audit_in(self.session, "merge", hashes)
        # Rows were written with Core statements: drop cached objects so that the rules of
        # the next table see them as they are now.
        self.session.info.pop("lookup", None)
        self.session.expire_all()

    def _kinds_of(self, service: EntityService[Any]) -> list[tuple[str, str]]:
        if service.table not in self.kinds:
            self.kinds[service.table] = _kinds(service)
        return self.kinds[service.table]

    def typed(
        self, service: EntityService[Any], number: int, raw: dict[str, Any]
    ) -> dict[str, Any]:
        """The row in stored form (as in the file), checked; dates also kept as ``date``
        under ``_dates`` for the rules."""
        name = member_name(service.table)
        if set(raw) != set(service.columns):
            odd = sorted(set(raw) ^ set(service.columns))
            raise PackageRefused(f"{name} 第 {number} 行的字段与本程序不符：{'、'.join(odd)}")
        dates: dict[str, date] = {}
        for column, kind in self._kinds_of(service):
            value = raw[column]
            if value is None:
                continue
            if kind == "timestamp" and not (isinstance(value, str) and _STAMP.fullmatch(value)):
                raise PackageRefused(f"{name} 第 {number} 行「{column}」不是有效的时间：{value}")
            if kind == "date":
                try:
                    dates[column] = date.fromisoformat(value)
                except (TypeError, ValueError):
                    dates[column] = None  # type: ignore[assignment]
                if dates[column] is None or dates[column].isoformat() != value:
                    raise PackageRefused(
                        f"{name} 第 {number} 行「{column}」不是有效的日期：{value}"
                    )
        for column, target in REFS.items():
            if column in raw and raw[column] is not None:
                raw[column] = self.maps[target].get(raw[column], raw[column])
        raw["_dates"] = dates
        return raw

    def apply(
        self,
        service: EntityService[Any],
        chunk: list[tuple[int, dict[str, Any]]],
        counts: TableCounts,
    ) -> dict[str, str]:
        check_cancelled(self.cancelled)
        table = service.model.__table__
        ids = [row["id"] for _n, row in chunk]
        # Stored text, compared as text: the fixed-width format sorts like time.
        marks = ", ".join("?" * len(ids))
        existing: dict[str, str] = dict(
            self.session.connection()
            .exec_driver_sql(
                f"SELECT id, updated_at FROM {table.name} WHERE id IN ({marks})", tuple(ids)
            )
            .all()
        )
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for number, row in chunk:
            local = existing.get(row["id"])
            if local is None and (twin := self.twin(service.table, row)) is not None:
                self.maps[service.table][row["id"]] = twin  # same region/pairing, local id
                counts.skipped += 1
                continue
            if local is not None and row["updated_at"] <= local:
                counts.skipped += 1
                continue
            problem = self.problem(service, row, local is not None)
            if problem is not None:
                counts.conflicts += 1
                self.report.problems.append(
                    RowProblem(
                        member_name(service.table), number, problem.field or "", problem.message
                    )
                )
                continue
            if local is None:
                inserts.append(row)
                counts.inserted += 1
            else:
                updates.append(row)
                if row["deleted_at"] is not None:
                    counts.deleted += 1
                else:
                    counts.updated += 1
        self.done += len(chunk)
        self.progress(self.done, self.total)
        return service.write_rows_in(self.session, inserts, updates)

    def twin(self, table: str, row: dict[str, Any]) -> str | None:
        """The id of the local region or pairing this unknown row is the same as, if any."""
        session = self.session
        if table == "region":
            if row["code"]:
                found = session.scalar(select(Region.id).where(Region.code == row["code"]))
                if found is not None:
                    return found
            # By name only where the codes cannot tell them apart (one of them has none).
            named = select(Region.id).where(Region.name == row["name"])
            if row["code"]:
                named = named.where(Region.code.is_(None))
            return session.scalar(
                named.order_by(Region.deleted_at.is_not(None), Region.id).limit(1)
            )
        if table == "pairing":
            return session.scalar(
                select(Pairing.id).where(
                    Pairing.helper_id == row["helper_id"],
                    Pairing.assisted_id == row["assisted_id"],
                    Pairing.programme == row["programme"],
                )
            )
        return None

    def problem(
        self, service: EntityService[Any], row: dict[str, Any], known: bool
    ) -> ValidationError | None:
        """Why this row cannot be written here, or None. Tombstones need no rules but must
        not orphan live local rows."""
        dates = row.pop("_dates")
        values = {name: dates.get(name, row[name]) for name in service.columns if name not in META}
        try:
            data = service.coerce(values, partial=False)
            if row["deleted_at"] is None:
                for problem in service.rules(self.session, data, row["id"]):
                    return problem
            elif known:
                return self.orphans(service, row["id"])
        except ValidationError as exc:
            return exc
        # Back to stored form: what coerce normalised is what gets written and hashed.
        row.update((k, v.isoformat() if isinstance(v, date) else v) for k, v in data.items())
        return None

    def orphans(self, service: EntityService[Any], row_id: str) -> ValidationError | None:
        for table, column, noun in service.dependants:
            model: Any = model_of(table)
            live = self.session.scalar(
                select(model.id)
                .where(getattr(model, column) == row_id, model.deleted_at.is_(None))
                .limit(1)
            )
            if live is not None:
                return ValidationError(None, f"本地还有引用它的{noun}，不能按包中的删除记录删除")
        return None
