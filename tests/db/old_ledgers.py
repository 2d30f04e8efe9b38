"""Ledgers as older PairTrack versions left them: at an older schema revision, with data."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine

from pairtrack.db.migrate import alembic_config
from pairtrack.tracker.demo.generate import add_records
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger

SLOW = os.environ.get("PAIRTRACK_SLOW") == "1"


def old_ledger(path: Path, revision: str, records: int = 0) -> Path:
    """The demo ledger (plus ``records`` generated rows), taken back to ``revision``."""
    from alembic import command

    ledger = Ledger.open(path)
    try:
        load_demo(ledger)
        if records:
            add_records(ledger, records, 1)
    finally:
        ledger.close()
    # Without PairTrack's pragmas: the batch steps of a downgrade copy tables, which
    # foreign keys would stop half-way.
    engine = create_engine(f"sqlite:///{path}")
    try:
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert revision_of(path) == revision
    return path


def copy_ledger(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / "ledger.db"
    shutil.copyfile(source, dest)
    return dest


def revision_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def objects(path: Path) -> set[tuple[str, str]]:
    """Every table, index and column in the file, to compare schemas exactly."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        found = {(t, n) for t, n in rows}
        for t, n in rows:
            if t == "table":
                found |= {
                    ("column", f"{n}.{r[1]}") for r in conn.execute(f'PRAGMA table_info("{n}")')
                }
    return found


def row_counts(path: Path) -> dict[str, int]:
    from pairtrack.tracker.kinds import TABLES

    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
