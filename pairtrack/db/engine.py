"""Engine factory: every connection gets foreign keys, WAL, a busy timeout and real transactions.

Python's sqlite3 module (in its legacy mode) sends BEGIN only before the first INSERT, UPDATE or
DELETE, so a block of SELECTs is not one snapshot and a SAVEPOINT issued first becomes the outer
transaction. Following SQLAlchemy's pysqlite recipe ("Serializable isolation / Savepoints /
Transactional DDL"), the driver's own transaction handling is switched off and SQLAlchemy's
``begin`` event sends BEGIN itself: a read block is one snapshot (WAL keeps it for the whole
transaction), a write block takes the write lock at once (BEGIN IMMEDIATE, so two writers queue
on the busy timeout instead of failing half-way), and DDL in migrations is transactional.

A PostgreSQL server (``--db postgresql://user@host:port/name``, through psycopg 3) keeps the same
two kinds of block: a read block is one REPEATABLE READ snapshot, and a write block first takes
one transaction-level advisory lock that every PairTrack writer on that database takes — the
server's stand-in for BEGIN IMMEDIATE. Writers then queue exactly as they do on SQLite, so the
audit append (read the chain's head, hash, insert) never forks and no update is lost; the wait is
bounded by the same busy timeout (``lock_timeout``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.names import without_password

BUSY_TIMEOUT_MS = 5000
# What ``--db`` names: a file, or a server's URL (a ``URL`` object may carry a password).
Target = str | Path | URL

# The URL schemes ``--db`` accepts, and the driver each one is opened with.
SERVER_DRIVER = "postgresql+psycopg"
_SCHEMES = {
    "sqlite": "sqlite",
    "postgresql": SERVER_DRIVER,
    "postgresql+psycopg": SERVER_DRIVER,
    "postgres": SERVER_DRIVER,  # the short form libpq and many hosting panels print
}
# Key of the advisory lock every PairTrack write transaction on a server takes first: one
# constant for all writers of a database (the bytes of "PairTrak" as a signed 64-bit number).
WRITE_LOCK_KEY = int.from_bytes(b"PairTrak", "big", signed=True)


def database_url(target: str | Path | URL) -> URL:
    """A SQLAlchemy URL for a file path, or ``target`` itself when it already is a URL.

    Paths become URLs through ``URL.create`` so that '?', '#' or '%' in a folder name stay part
    of the file name instead of being read as URL syntax.
    A URL must name SQLite or a PostgreSQL server (``postgresql://`` is opened with psycopg
    3); anything else is refused with a Chinese message, never taken for a file name.
    """
    if isinstance(target, URL):
        return _supported(target, target.render_as_string(hide_password=True))
    text = str(target)
    if isinstance(target, Path) or "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    scheme, _, rest = text.partition("://")
    driver = _SCHEMES.get(scheme.strip().lower())
    if driver is None:
        raise DatabaseRefused(_unsupported(text))
    try:
        url = make_url(f"{driver}://{rest}")
    except (ArgumentError, ValueError) as exc:  # a port that is not a number, say
        raise DatabaseRefused(_unsupported(text)) from exc
    return _supported(url, text)


def _supported(url: URL, shown: str) -> URL:
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url
    if backend == "postgresql" and url.get_driver_name() in ("psycopg", ""):
        if url.drivername != SERVER_DRIVER:
            url = url.set(drivername=SERVER_DRIVER)
        if not url.database:
            raise DatabaseRefused(
                f"数据库地址「{without_password(shown)}」没有写数据库名，"
                "应为 postgresql://用户名@服务器:端口/数据库名。"
            )
        return url
    raise DatabaseRefused(_unsupported(shown))


def _unsupported(text: str) -> str:
    return (
        f"「{without_password(text)}」既不是数据库文件的路径，也不是 PairTrack 支持的数据库地址。"
        "请给出 .db 文件的路径，或 PostgreSQL 服务器地址 postgresql://用户名@服务器:端口/数据库名。"
    )


def is_server(target: str | Path | URL) -> bool:
    """Whether ``target`` names a database server rather than a file (PostgreSQL)."""
    return database_url(target).get_backend_name() != "sqlite"


def shown_name(target: str | Path | URL) -> str:
    """How ``target`` is named to a person: the file's path, or the server URL without its
    password (not even masked: this is also the name remembered among recent databases, and
    a ledger opened with or without a typed password is one ledger)."""
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    # URL.set() skips a None, so the password is dropped with the tuple's own _replace
    bare = url.set(drivername=url.get_backend_name())._replace(password=None)
    return bare.render_as_string(hide_password=True)


def server_url(
    host: str, port: int, database: str, username: str, password: str | None = None
) -> URL:
    """The URL of database ``database`` on a PostgreSQL server, from the fields a person fills
    in (the 数据库 dialog): no quoting to get wrong, whatever the name or password holds."""
    return database_url(
        URL.create(
            SERVER_DRIVER,
            username=username or None,
            password=password or None,
            host=host or None,
            port=port,
            database=database,
        )
    )


def with_password(target: str | URL, password: str) -> URL:
    """``target`` (a server URL) with ``password``. A URL object keeps it out of sight: its
    ``str()`` and ``repr()`` print *** in its place, in a log line or a traceback alike."""
    return database_url(target).set(password=password or None)


def has_password(target: str | Path | URL) -> bool:
    return is_server(target) and bool(database_url(target).password)


def database_path(target: str | Path | URL) -> Path | None:
    """The file behind ``target``; ``None`` for an in-memory database or a server (whose
    database is no file here: the file-only steps — location checks, file backups, the lock
    file — do not apply to it)."""
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        return None
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


def _server_begin(connection: Connection) -> None:
    """psycopg opens the transaction with the first statement, so this one comes first in it.

    A write takes the writers' lock before anything else and stays READ COMMITTED: each of its
    statements then sees every transaction committed before the lock was granted (a snapshot
    taken before the wait — REPEATABLE READ — would not). A read block is one snapshot.
    """
    if connection.get_execution_options().get(BEGIN_OPTION) == "IMMEDIATE":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    else:
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


CONNECT_TIMEOUT_S = 10  # a server that does not answer (a wrong address, a firewall)


def _server_engine(
    url: URL, busy_timeout_ms: int, read_only: bool, connect_timeout_s: int
) -> Engine:
    options = f"-c lock_timeout={int(busy_timeout_ms)}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    try:
        engine = create_engine(
            url,
            pool_pre_ping=True,  # a server restarted overnight: the next block reconnects
            connect_args={
                "options": options,
                "application_name": "PairTrack",
                "connect_timeout": connect_timeout_s,
            },
        )
    except ImportError as exc:  # SQLAlchemy imports the driver here, by name
        raise DatabaseRefused(
            f"本程序没有 PostgreSQL 客户端（psycopg），无法打开服务器上的数据库"
            f"「{shown_name(url)}」。请安装 psycopg[binary]，或使用包含它的安装包。"
        ) from exc
    event.listen(engine, "begin", _server_begin)
    return engine


def create_db_engine(
    target: str | Path | URL,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    *,
    read_only: bool = False,
    connect_timeout_s: int = CONNECT_TIMEOUT_S,
) -> Engine:
    """An engine on ``target``; with ``read_only``, the database itself refuses every write.
    ``connect_timeout_s``: how long a server may take to answer (libpq's minimum is 2 s)."""
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        return _server_engine(url, busy_timeout_ms, read_only, connect_timeout_s)
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
