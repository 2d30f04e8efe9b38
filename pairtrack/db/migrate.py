"""Open a database: recognise it, refuse what is not ours or too new, back up, migrate."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from pairtrack.db.backup import before_upgrade_backup
from pairtrack.db.engine import (
    BUSY_TIMEOUT_MS,
    connect_readonly,
    create_db_engine,
    database_path,
    is_server,
    shown_name,
    writing,
)
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.locations import check_location
from pairtrack.db.reach import unreachable

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL

MIGRATIONS = Path(__file__).with_name("migrations")
APP_MARKER = "PairTrack"
SQLITE_HEADER = b"SQLite format 3\x00"
# Revision files are named "<4-digit revision>_<slug>.py" and each revises the one before;
# reading the names (not importing Alembic, ~0.1 s) keeps opening an up-to-date file fast.
# tests/db/test_migrations.py checks this agrees with Alembic's own view.
REVISION_FILE = re.compile(r"(\d{4})_\w+\.py")
T = TypeVar("T")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    names = (p.name for p in (MIGRATIONS / "versions").iterdir())
    return {m.group(1) for m in map(REVISION_FILE.fullmatch, names) if m}


def head_revision() -> str:
    return max(known_revisions())


def inspect_file(path: Path) -> str | None:
    """The schema revision of the PairTrack database at ``path``; ``None`` if it is empty.

    Raises ``DatabaseRefused`` for anything that is not a PairTrack database.
    """
    if path.is_dir():  # checked first: Windows reports a folder's size as 0
        raise DatabaseRefused(f"「{path}」是一个文件夹，不是数据库文件。")
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseRefused(
                f"「{path}」不是 SQLite 数据库文件，PairTrack 不会打开或改动它。"
                "请确认选择的是台账数据库（.db）。"
            )
    try:
        conn = connect_readonly(path)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            state, revision = ledger_state(tables, lambda sql: conn.execute(sql).fetchone())
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        from pairtrack.db.diagnose import describe

        raise DatabaseRefused(describe(exc, path)) from exc
    return _admitted(state, revision, path)


# What a database holds, as opening it sees it (``ledger_state``).
EMPTY, LEDGER, NEWER, FOREIGN = "empty", "ledger", "newer", "foreign"
_MARKER_SQL = "SELECT value FROM meta WHERE key = 'app'"
_REVISION_SQL = "SELECT version_num FROM alembic_version"


def ledger_state(
    tables: set[str], first_row: Callable[[str], Sequence[Any] | None]
) -> tuple[str, str | None]:
    """What a database holds — ``EMPTY`` (no table: it becomes a ledger on open), a PairTrack
    ``LEDGER`` at a revision this program knows (``None``: made before revisions were
    stamped), a ``NEWER`` one, or a ``FOREIGN`` database — and its revision. ``tables``: the
    names of its tables; ``first_row(sql)``: the first row of a query, or ``None``.

    The one rule for files and servers, for opening and for the 数据库 dialog's test: it only
    reads."""
    if not tables:
        return EMPTY, None
    if "meta" not in tables or "alembic_version" not in tables:
        return FOREIGN, None
    marker = first_row(_MARKER_SQL)
    if marker is None or marker[0] != APP_MARKER:
        return FOREIGN, None
    row = first_row(_REVISION_SQL)
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        return NEWER, revision
    return LEDGER, revision


def _admitted(state: str, revision: str | None, name: Path | str) -> str | None:
    """The revision to open at, or the refusal of a foreign or newer database."""
    if state == FOREIGN:
        raise DatabaseRefused(_foreign(name))
    return known_revision(revision, name)


def known_revision(revision: str | None, name: Path | str) -> str | None:
    """``revision`` if this program knows it (or none is stamped), else the refusal of a
    database written by a newer PairTrack (also what a server backup's archive is held to)."""
    if revision is not None and revision not in known_revisions():
        raise DatabaseRefused(
            f"数据库「{name}」由更新版本的 PairTrack 写入（结构版本 {revision}），"
            "当前程序无法安全打开。请升级 PairTrack 后再打开；文件未作任何改动。"
        )
    return revision


def inspect_server(engine: Engine) -> str | None:
    """``inspect_file`` for a database on a server: the same questions, asked in SQL.

    Only the tables of the connection's own schema count (a server database always has the
    system catalogs). A database with other tables and no PairTrack marker is refused before
    anything is created in it.
    """
    with engine.connect() as conn:
        state, revision = server_state(conn)
    return _admitted(state, revision, shown_name(engine.url))


def server_state(conn: Connection) -> tuple[str, str | None]:
    """``ledger_state`` of the server database ``conn`` is on. Only the tables of the
    connection's own schema count (a server database always has the system catalogs)."""
    tables = set(inspect(conn).get_table_names())
    return ledger_state(tables, lambda sql: conn.execute(text(sql)).first())


def _foreign(path: Path | str) -> str:
    return f"「{path}」不是 PairTrack 数据库，程序不会打开或改动它。"


def upgrade(engine: Engine) -> list[str]:
    """Bring the database to the head revision in ONE transaction; what was repaired first.

    Every step (the repair of an older program's leftovers, each migration, the new revision
    stamp) runs in one write transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL, behind the
    writers' advisory lock): both engines' DDL is transactional, so
    a kill, a power cut or a full disk leaves the file at its old revision with nothing of the
    new ones. The revision is read inside the transaction, so a second program that upgraded
    the file meanwhile is seen (and nothing is done twice).
    """
    with writing(engine).begin() as conn:
        return upgrade_in(conn)


def upgrade_in(conn: Connection) -> list[str]:
    """``upgrade`` on ``conn``, in the write transaction its caller began (a restore of a
    server database upgrades on the session that holds the writers' lock: db.pg_backup)."""
    from alembic import command
    from alembic.migration import MigrationContext

    from pairtrack.db.repair import remove_leftovers

    config = alembic_config()
    current = MigrationContext.configure(conn).get_current_revision()
    if current == head_revision():
        return []
    # Leftovers of an interrupted upgrade exist only in files of older programs, whose
    # upgrades were not one transaction; a server database has always been upgraded whole.
    repaired: list[str] = []
    if current is not None and conn.dialect.name == "sqlite":
        repaired = remove_leftovers(conn, current, alembic_config())
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    return repaired


def open_database(target: str | Path | URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on an up-to-date PairTrack database, creating or migrating it as needed.

    On a server the file-only steps are skipped: there is no place to check and no file to
    copy before an upgrade (the server's own backups, pg_dump, cover it), and an upgrade that
    fails half-way leaves nothing behind since it is one transaction.
    """
    path = database_path(target)
    revision: str | None = None
    engine = None
    if path is not None:
        check_location(path, given=str(target))
        revision = inspect_file(path)
        if revision is not None and revision != head_revision():
            before_upgrade_backup(path, head_revision(), revision)
        engine = create_db_engine(target, busy_timeout_ms)
    try:
        if engine is None:  # a server
            engine = create_db_engine(target, busy_timeout_ms)
            revision = on_server(engine, inspect_server)
        if revision != head_revision():
            if path is None:
                on_server(engine, upgrade)
            else:
                upgrade(engine)
    except BaseException:
        if engine is not None:
            engine.dispose()
        raise
    return engine


def on_server(engine: Engine, step: Callable[[Engine], T]) -> T:
    """``step(engine)``, with a server that cannot be reached (down, a wrong name or password,
    no such database) said in one Chinese message instead of a driver traceback
    (``db.reach.ServerUnreachable``, whose ``cause`` the window asks a password for)."""
    try:
        return step(engine)
    except DBAPIError as exc:
        refusal = unreachable(exc, shown_name(engine.url))
        if refusal is None:
            raise
        raise refusal from exc


def open_read_only(target: str | Path | URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine that can only read an up-to-date PairTrack database (nothing is migrated)."""
    path = database_path(target)
    if path is None and is_server(target):
        return _read_only_server(target, busy_timeout_ms)
    if path is None or not path.is_file():
        raise DatabaseRefused(f"找不到数据库文件「{target}」，无法以只读方式打开。")
    check_location(path, writing=False, given=str(target))
    revision = inspect_file(path)
    if revision is None:
        raise DatabaseRefused(f"「{path}」是空文件，还不是 PairTrack 数据库，无法以只读方式打开。")
    if revision != head_revision():
        raise DatabaseRefused(
            f"数据库「{path}」由较早版本的 PairTrack 写入（结构版本 {revision}，当前为 "
            f"{head_revision()}），需要先升级才能使用；只读打开时不能升级。请在可写的位置"
            "（把文件复制到本机可写的文件夹，或关闭正在使用它的程序后）用 PairTrack 打开一次，"
            "升级会自动完成。文件未作任何改动。"
        )
    return create_db_engine(path, busy_timeout_ms, read_only=True)


def _read_only_server(target: str | Path | URL, busy_timeout_ms: int) -> Engine:
    """A server database whose sessions are read-only (``default_transaction_read_only``)."""
    engine = create_db_engine(target, busy_timeout_ms, read_only=True)
    try:
        revision = on_server(engine, inspect_server)
        if revision != head_revision():
            raise DatabaseRefused(
                f"数据库「{shown_name(target)}」还不是当前结构（当前为 {head_revision()}），"
                "只读打开时不能创建或升级。请以可写方式打开一次。"
            )
    except BaseException:
        engine.dispose()
        raise
    return engine
