"""Engine factory: every connection gets foreign keys, WAL and a busy timeout."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
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


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection; the path is quoted so '#' or '?' in it stay literal."""
    uri = path.resolve().as_uri() + "?mode=ro"  # as_uri percent-encodes '#', '?' and '%'
    return sqlite3.connect(uri, uri=True)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_db_engine(target: str | Path | URL) -> Engine:
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        raise ValueError(f"PairTrack only stores data in SQLite, not {url}")
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine
