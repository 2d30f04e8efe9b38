"""Open a database: recognise it, refuse what is not ours or too new, back up, migrate."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from db.backup import before_upgrade_backup
from db.engine import (
    BUSY_TIMEOUT_MS,
    connect_readonly,
    create_db_engine,
    database_path,
    writing,
)
from db.errors import DatabaseRefused
from db.locations import check_location

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
APP_MARKER = "PairTrack"
SQLITE_HEADER = b"SQLite format 3\x00"
# Revision files are named "<4-digit revision>_<slug>.py" and each revises the one before;
# reading the names (not importing Alembic, ~0.1 s) keeps opening an up-to-date file fast.
# tests/db/test_migrations.py checks this agrees with Alembic's own view.
REVISION_FILE = re.compile(r"(\d{4})_\w+\.py")


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
            if not tables:
                return None
            if "meta" not in tables or "alembic_version" not in tables:
                raise DatabaseRefused(_foreign(path))
            marker = conn.execute("SELECT value FROM meta WHERE key='app'").fetchone()
            if marker is None or marker[0] != APP_MARKER:
                raise DatabaseRefused(_foreign(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        from db.diagnose import describe

        raise DatabaseRefused(describe(exc, path)) from exc
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise DatabaseRefused(
            f"数据库「{path}」由更新版本的 PairTrack 写入（结构版本 {revision}），"
            "当前程序无法安全打开。请升级 PairTrack 后再打开；文件未作任何改动。"
        )
    return revision


def _foreign(path: Path) -> str:
    return f"「{path}」不是 PairTrack 数据库，程序不会打开或改动它。"


def upgrade(engine: Engine) -> list[str]:
    """Bring the database to the head revision in ONE transaction; what was repaired first.

    Every step (the repair of an older program's leftovers, each migration, the new revision
    stamp) runs between one BEGIN IMMEDIATE and one COMMIT: SQLite's DDL is transactional, so
    a kill, a power cut or a full disk leaves the file at its old revision with nothing of the
    new ones. The revision is read inside the transaction, so a second program that upgraded
    the file meanwhile is seen (and nothing is done twice).
    """
    from alembic import command
    from alembic.migration import MigrationContext

    from db.repair import remove_leftovers

    config = alembic_config()
    with writing(engine).begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head_revision():
            return []
        repaired = [] if current is None else remove_leftovers(conn, current, alembic_config())
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return repaired


def open_database(target: str | Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on an up-to-date PairTrack database, creating or migrating it as needed."""
    path = database_path(target)
    revision: str | None = None
    if path is not None:
        check_location(path, given=str(target))
        revision = inspect_file(path)
        if revision is not None and revision != head_revision():
            before_upgrade_backup(path, head_revision(), revision)
    engine = create_db_engine(target, busy_timeout_ms)
    if revision != head_revision():
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
    return engine


def open_read_only(target: str | Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine that can only read an up-to-date PairTrack database (nothing is migrated)."""
    path = database_path(target)
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
