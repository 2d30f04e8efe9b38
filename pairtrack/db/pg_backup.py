"""Backup and restore of a ledger on a PostgreSQL server, through the server's own tools
(``pg_dump`` / ``pg_restore``; found and run by ``db.pg_tools``, archives read by
``db.pg_archive``). ``db.backup`` is the same for a SQLite file.

- A dump is checked before anyone relies on it (``pg_archive.read_archive``).
- A restore runs in ONE server transaction (``--single-transaction``): a truncated archive or
  a killed tool leaves the database as it was. Meanwhile this session holds PairTrack's
  writers' advisory lock (``db.engine.WRITE_LOCK_KEY``), so no PairTrack write interleaves
  between the copy of the replaced state and the restore, and an older schema is upgraded
  under the same lock before anyone writes to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from pairtrack.db import pg_archive
from pairtrack.db.engine import WRITE_LOCK_KEY, create_db_engine, shown_name
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.pg_archive import Archive
from pairtrack.db.pg_tools import (
    connection_env,
    database_arg,
    dump_failed,
    find_tool,
    first_line,
    ready_tool,
    run_tool,
    server_major,
)

# A restore waits this long for a table another session is reading before it gives up
# (rolled back, nothing changed) instead of hanging the window.
RESTORE_LOCK_TIMEOUT_MS = 60_000


# --- backup ---------------------------------------------------------------------------------
def dump(target: str | Path | URL, dest: Path) -> Archive:
    """``pg_dump --format=custom`` of the PairTrack database ``target`` into ``dest`` (which
    the caller moves into place), then checked as a restore would check it (``read_archive``).
    An empty, foreign or newer database is refused before anything is written."""
    from pairtrack.db.migrate import inspect_server, on_server

    find_tool("pg_dump")  # what to install is said before any connection is tried
    engine = create_db_engine(target)
    try:
        if on_server(engine, inspect_server) is None:
            raise DatabaseRefused(
                f"数据库「{shown_name(target)}」还是空的，不是 PairTrack 数据库，没有可备份的内容。"
            )
        with engine.connect() as conn:
            server = server_major(conn)
    finally:
        engine.dispose()
    archive = _dump(target, dest, server, pairtrack=True)
    assert archive is not None
    return archive


def _dump(target: str | Path | URL, dest: Path, server: int, *, pairtrack: bool) -> Archive | None:
    """pg_dump into ``dest``, then read back: whole, and (``pairtrack``) as PairTrack's; an
    empty database's replaced state is only read back."""
    tool = ready_tool("pg_dump", server)
    argv = [str(tool), "--format=custom", "--no-password", f"--file={dest}", database_arg(target)]
    result = run_tool(argv, connection_env(target))
    if result.returncode != 0:
        raise dump_failed(target, result)
    if pairtrack:
        return pg_archive.read_archive(dest)
    pg_archive.read_whole(dest, ready_tool("pg_restore", server))
    return None


# --- restore --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    revision: str  # the archive's schema revision
    upgraded: bool  # it was older and has been brought to the current schema


def restore(
    target: str | Path | URL, source: Path, keep: Callable[[Callable[[Path], object]], Path]
) -> tuple[Restored, Path]:
    """Replace the content of the database ``target`` with the archive ``source``.

    ``keep(write)``: where the replaced state was kept; ``write(temporary)`` dumps it (the
    caller chooses the place and moves the file into it). Refused with the reason, nothing
    changed, when the archive is not fit (``read_archive``), the database is not PairTrack's
    or is newer, or the tools are missing; a failed restore is rolled back whole.
    """
    from pairtrack.db.migrate import head_revision, inspect_server, on_server

    archive = pg_archive.read_archive(source)
    engine = create_db_engine(target)
    try:
        current = on_server(engine, inspect_server)  # a foreign or newer database: refused
        with engine.connect() as conn:
            server = server_major(conn)
            restore_tool = ready_tool("pg_restore", server)
            ready_tool("pg_dump", server)
            _hold_write_lock(conn, target)
            try:
                _refuse_extra_tables(conn, archive, source)
                saved = keep(lambda t: _dump(target, t, server, pairtrack=current is not None))
                _pg_restore(restore_tool, target, source)
                upgraded = archive.revision != head_revision()
                if upgraded:  # as on open, in one transaction, before anyone writes to it
                    from pairtrack.db.engine import BEGIN_OPTION
                    from pairtrack.db.migrate import upgrade_in

                    # a write transaction takes the writers' lock, which this session holds
                    with conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}).begin():
                        upgrade_in(conn)
            finally:
                _release_write_lock(conn)
    finally:
        engine.dispose()
    return Restored(archive.revision, upgraded), saved


def _hold_write_lock(conn: Connection, target: str | Path | URL) -> None:
    """PairTrack's writers' lock at session level, until ``_release_write_lock``: every
    PairTrack write (which takes it per transaction) waits meanwhile."""
    try:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY})")
        conn.commit()
    except DBAPIError as exc:
        conn.rollback()
        raise DatabaseRefused(
            f"数据库「{shown_name(target)}」正有人在写入，暂时不能恢复；请稍后再试。"
            "当前数据库未作任何改动。"
        ) from exc


def _release_write_lock(conn: Connection) -> None:
    if conn.in_transaction():
        conn.rollback()
    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITE_LOCK_KEY})")
    conn.commit()


def _refuse_extra_tables(conn: Connection, archive: Archive, source: Path) -> None:
    """Tables of a newer schema than the archive's would outlive ``--clean`` (it drops only
    what the archive holds) and break the upgrade that follows: refused before any change."""
    extra = sorted(set(inspect(conn).get_table_names()) - archive.tables)
    conn.rollback()
    if extra:
        raise DatabaseRefused(
            f"当前数据库含有备份「{source}」中没有的表 {'、'.join(extra[:5])}，"
            "恢复后会留下不属于备份结构版本的表，因此未恢复。当前数据库未作任何改动。"
        )


def _pg_restore(tool: Path, target: str | Path | URL, source: Path) -> None:
    env = connection_env(target)
    # never wait forever for a table another session holds: give up, rolled back
    env["PGOPTIONS"] = (
        env.get("PGOPTIONS", "") + f" -c lock_timeout={RESTORE_LOCK_TIMEOUT_MS}"
    ).strip()
    argv = [
        str(tool),
        "--single-transaction",  # all or nothing (implies --exit-on-error)
        "--clean",
        "--if-exists",
        "--no-owner",  # the tables belong to whoever restores, as when PairTrack made them
        "--no-password",
        database_arg(target),
        str(source),
    ]
    result = run_tool(argv, env)
    if result.returncode != 0:
        why = first_line(result.stderr) or f"退出码 {result.returncode}"
        raise DatabaseRefused(f"从「{source}」恢复失败，已全部撤销，数据库保持恢复前的内容：{why}")
