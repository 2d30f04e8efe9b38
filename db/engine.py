"""Engine factory: every connection gets foreign keys, WAL and a busy timeout."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 5000


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or ``target`` itself when it already is a URL."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def database_path(target: str | Path) -> Path | None:
    """The file behind ``target``, or ``None`` for an in-memory database."""
    url = make_url(database_url(target))
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection; the path is quoted so '#' or '?' in it stay literal."""
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_db_engine(target: str | Path) -> Engine:
    url = database_url(target)
    if not url.startswith("sqlite"):
        raise ValueError(f"PairTrack only stores data in SQLite, not {url}")
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine
