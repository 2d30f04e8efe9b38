"""Every import is recorded and can be undone as a whole (DESIGN §7 "No silent duplicates").

An importer opens a batch inside its own write transaction (``begin_import``), so a failed or
dry-run import leaves none, and closes it with its counts and what undoing it needs
(``finish_import``). The undo JSON, the same for ledger workbooks and packages::

    {"rows": {table: [[row_id, rev_after, before], ...]}}

``before`` is null for a row the import inserted, else every column of the row as stored
before the import (``SELECT *``: dates and timestamps as their stored text, ``rev`` and
``parents`` included). What else a package import adds (row history, conflicts, aliases)
carries the batch's ``import_id`` in its own table.

"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pairtrack.db.base import utc_now
from pairtrack.db.dialects import mark, marks, next_number, stored_values
from pairtrack.db.models import ImportBatch
from pairtrack.tracker.dates import local_time
from pairtrack.tracker.kinds import TABLES
from pairtrack.tracker.store import operator_in

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

KIND_TITLES = {"ledger": "台账", "package": "汇总包"}
CHUNK = 500  # ids per ``IN (...)``: well below SQLite's limit on parameters


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# --- recording ---------------------------------------------------------------------------
def previous_import(session: Session, sha256: str) -> ImportBatch | None:
    """The latest batch of the file with this sha256 that has not been undone."""
    return session.scalar(
        select(ImportBatch)
        .where(ImportBatch.sha256 == sha256, ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.id.desc())
        .limit(1)
    )


def already_imported(batch: ImportBatch) -> str:
    """How ``import`` names an earlier import of the same file."""
    who = batch.operator or "（未设置操作员）"
    return (
        f"文件「{batch.file_name}」已于 {local_time(batch.at)} 由 {who} 导入过"
        f"（导入编号 {batch.id}）"
    )


def begin_import(
    session: Session,
    *,
    kind: str,
    path: str | Path,
    sha256: str,
    origin_code: str = "",
    origin_name: str = "",
    exported_at: datetime | None = None,
) -> int:
    """Open the batch of an import, in the importer's write transaction; returns its id."""
    if kind not in KIND_TITLES:
        raise ValueError(f"unknown import kind {kind!r}")
    batch = ImportBatch(
        at=utc_now(),
        operator=operator_in(session),
        kind=kind,
        file_name=Path(path).name,
        sha256=sha256,
        origin_code=origin_code,
        origin_name=origin_name,
        exported_at=exported_at,
    )
    number = next_number(session, ImportBatch.id)
    if number is not None:  # PostgreSQL: numbered as SQLite numbers them (no gaps)
        batch.id = number
    session.add(batch)
    session.flush()
    return int(batch.id)


def finish_import(
    session: Session, import_id: int, *, counts: dict[str, dict[str, int]], undo: dict[str, Any]
) -> None:
    """Close the batch: what the import did (per table) and what undoing it needs."""
    batch = session.get(ImportBatch, import_id)
    if batch is None:
        raise ValueError(f"no import batch {import_id}")
    batch.counts = json.dumps(counts, ensure_ascii=False, sort_keys=True)
    batch.undo = json.dumps(undo, ensure_ascii=False, separators=(",", ":"))
    session.flush()


@dataclass
class UndoLog:
    """Collects the undo JSON while an import writes: call ``before`` ahead of changing a
    row, then ``changed`` / ``inserted`` once the write has succeeded."""

    _before: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)

    @staticmethod
    def stored(session: Session, table: str, row_id: str) -> dict[str, Any] | None:
        """The row as stored now (``SELECT *``), pending ORM changes included."""
        session.flush()
        row = (
            session.connection()
            .exec_driver_sql(f"SELECT * FROM {table} WHERE id = {mark(session)}", (row_id,))
            .mappings()
            .first()
        )
        return (
            None if row is None else dict(zip(row.keys(), stored_values(row.values()), strict=True))
        )

    def changed(self, table: str, row_id: str, before: dict[str, Any] | None) -> None:
        rows = self._before.setdefault(table, {})
        if row_id not in rows:  # a row written twice goes back to its first state
            rows[row_id] = before

    def inserted(self, table: str, row_id: str) -> None:
        self.changed(table, row_id, None)

    def undo(self, session: Session) -> dict[str, Any]:
        """The undo JSON, with each row's revision as the import leaves it."""
        session.flush()
        out: dict[str, list[list[Any]]] = {}
        for table in TABLES:
            rows = self._before.get(table)
            if not rows:
                continue
            revs = current_revs(session, table, list(rows))
            out[table] = [[i, revs.get(i, ""), before] for i, before in rows.items()]
        return {"rows": out}


# --- listing -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportRecord:
    id: int
    at: datetime
    operator: str
    kind: str  # ledger | package
    file_name: str
    sha256: str
    origin_code: str
    origin_name: str
    exported_at: datetime | None
    counts: dict[str, dict[str, int]]
    undone_at: datetime | None

    @property
    def origin(self) -> str:
        if self.origin_name and self.origin_code:
            return f"{self.origin_name}（{self.origin_code}）"
        return self.origin_name or self.origin_code

    @property
    def kind_title(self) -> str:
        return KIND_TITLES.get(self.kind, self.kind)

    def counts_text(self) -> str:
        """新增 3，更新 1, summed over the tables."""
        names = {"inserted": "新增", "updated": "更新", "deleted": "删除", "conflicts": "冲突",
                 "duplicates": "疑似重复"}  # fmt: skip
        totals = dict.fromkeys(names, 0)
        for table_counts in self.counts.values():
            for key in names:
                totals[key] += int(table_counts.get(key, 0))
        parts = [f"{names[k]} {v}" for k, v in totals.items() if v]
        return "，".join(parts) or "无变更"


def list_imports(ledger: Ledger) -> list[ImportRecord]:
    """Every recorded import, newest first."""
    with ledger.read() as session:
        batches = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).all()
        return [_record(b) for b in batches]


def _record(batch: ImportBatch) -> ImportRecord:
    return ImportRecord(
        id=batch.id,
        at=batch.at,
        operator=batch.operator,
        kind=batch.kind,
        file_name=batch.file_name,
        sha256=batch.sha256,
        origin_code=batch.origin_code,
        origin_name=batch.origin_name,
        exported_at=batch.exported_at,
        counts=json.loads(batch.counts or "{}"),
        undone_at=batch.undone_at,
    )


def current_revs(session: Session, table: str, ids: list[str]) -> dict[str, str]:
    revs: dict[str, str] = {}
    connection = session.connection()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        revs.update(
            connection.exec_driver_sql(
                f"SELECT id, rev FROM {table} WHERE id IN ({marks(session, len(chunk))})",
                tuple(chunk),
            ).all()
        )
    return revs
