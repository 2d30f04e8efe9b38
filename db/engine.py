"""Engine factory: every connection gets foreign keys, WAL, a busy timeout and real transactions.

Python's sqlite3 module (in its legacy mode) sends BEGIN only before the first INSERT, UPDATE or
DELETE, so a block of SELECTs is not one snapshot and a SAVEPOINT issued first becomes the outer
transaction. Following SQLAlchemy's pysqlite recipe ("Serializable isolation / Savepoints /
Transactional DDL"), the driver's own transaction handling is switched off and SQLAlchemy's
``begin`` event sends BEGIN itself: a read block is one snapshot (WAL keeps it for the whole
transaction), a write block takes the write lock at once (BEGIN IMMEDIATE, so two writers queue
on the busy timeout instead of failing half-way), and DDL in migrations is transactional.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_MS = 5000


def database_url(target: str | Path | URL) -> URL:
    """A SQLAlchemy URL for a file path, or ``target`` itself when it already is a URL.

    Paths become URLs through ``URL.create`` so that '?', '#' or '%' in a folder name stay part
    of the file name instead of being read as URL syntax.
    """
    if isinstance(target, URL):
        return target
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def database_path(target: str | Path | URL) -> Path | None:
    """The file behind ``target``, or ``None`` for an in-memory database."""
    url = database_url(target)
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def connect_readonly(path: Path, **kwargs: Any) -> sqlite3.Connection:
    """A read-only sqlite3 connection; the path is quoted so '#' or '?' in it stay literal."""
    uri = path.resolve().as_uri() + "?mode=ro"  # as_uri percent-encodes '#', '?' and '%'
    if _immutable(path):
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, **kwargs)


def _immutable(path: Path) -> bool:
    """Whether SQLite must be told the file cannot change (``immutable=1``).

    A ledger is kept in WAL mode, and even a reader of a WAL file needs its ``-shm`` index
    beside it, which a read-only folder (a disc, a write-protected share) cannot take:
    ``mode=ro`` alone then fails with "unable to open database file". Nobody can write there
    either, so reading the file as it is, without locks, is right — unless a ``-wal`` file
    with committed pages lies beside it, which only a normal reader would see.
    """
    folder = path.parent
    if os.access(folder, os.W_OK):
        return False
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


# Execution option naming how a transaction begins: DEFERRED (reads) or IMMEDIATE (writes).
BEGIN_OPTION = "pairtrack_begin"


def _pragmas(
    busy_timeout_ms: int, read_only: bool = False
) -> Callable[[sqlite3.Connection, Any], None]:
    def set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver sends no BEGIN of its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if not read_only:  # the journal mode is written in the file
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return set_pragmas


def _begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_db_engine(
    target: str | Path | URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, read_only: bool = False
) -> Engine:
    """An engine on ``target``; with ``read_only``, SQLite itself refuses every write."""
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        raise ValueError(f"PairTrack only stores data in SQLite, not {url}")
    if read_only and url.database:
        path = Path(url.database)
        engine = create_engine(
            url,
            creator=lambda: connect_readonly(
                path, timeout=busy_timeout_ms / 1000, check_same_thread=False
            ),
        )
    else:
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
    event.listen(engine, "connect", _pragmas(busy_timeout_ms, read_only))
    event.listen(engine, "begin", _begin)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions begin by taking the write lock."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
