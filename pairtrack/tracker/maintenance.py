"""Backup and restore of a ledger file, shared by the command line and the window (and, at the
end, of a ledger on a PostgreSQL server, through pg_dump / pg_restore: ``db.pg_backup``).

A restore replaces nothing until the backup has proved itself: it opens, is a PairTrack
database of a revision this program knows, passes SQLite's integrity check, has every table
of its revision (db.verify), and — upgraded to the current schema in a scratch copy — passes
``pairtrack check`` (integrity, foreign keys, audit chain, rows changed behind the program's
back). Only then is the current file kept beside the backups (``<stem>-replaced-<time>.db``)
and the checked copy put in its place. A refused backup leaves every file as it was.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pairtrack.db.backup import (
    BackupFile,
    backup_dir,
    copy_database,
    daily_backup,
    integrity_problems,
    list_backups,
    manual_backup_path,
    replace_database,
    replaced_copy,
    rotating_backup,
)
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.locations import READ_ONLY_LOCATION, check_location
from pairtrack.db.lock import DatabaseLock
from pairtrack.db.migrate import open_database
from pairtrack.db.verify import verify_copy
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.outputs import is_inside, write_file

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from pairtrack.tracker.ledger import Ledger

# Findings of ``pairtrack check`` that make a copy unfit to restore. Rule findings and
# suspected duplicates describe the records, not the file: the live ledger has them too.
REFUSING = frozenset({"integrity", "foreign_key", "audit_chain", "tampered"})


def suggested_backup(db_path: Path) -> Path:
    """Where 备份… proposes to put a copy: a free manual-copy name in the backups folder."""
    return manual_backup_path(db_path)


def backup_to(db_path: Path, dest: Path) -> Path:
    """A backup where a person chose to put it (the window's 备份…, after Qt's save dialog
    asked before replacing a file).

    Into the backups folder: as one of its manual copies, rotated as they are and named so
    that 备份与恢复 lists it (the name chosen is kept when it fits, else its stem becomes the
    copy's reason: 会前.db → ``<stem>-<time>-会前.db``). Anywhere else: a checked copy written
    beside and moved into place (``tracker.outputs``), never onto the open database or its
    companion files.
    """
    if is_inside(dest, backup_dir(db_path)):
        reason = dest.stem.strip() or "manual"
        return rotating_backup(db_path, reason=reason, name=dest.name)
    return write_file(dest, lambda t: copy_database(db_path, t), database=db_path, force=True)


def backup(db_path: Path, dest: Path | None = None) -> Path:
    """Copy the live database to ``dest``, or into the rotated ``backups/`` folder."""
    if dest is None:
        return rotating_backup(db_path, reason="manual")
    if dest.exists():
        raise PairTrackError(f"文件「{dest}」已存在，未覆盖。请换一个文件名。")
    return copy_database(db_path, dest)


KIND_TITLES = {
    "daily": "每日自动备份",
    "manual": "手动备份",
    "before-upgrade": "升级前备份",
    "before-restore": "恢复前备份",
    "replaced": "被恢复替换的文件",
}


@dataclass(frozen=True)
class Listed:
    """One copy in ``backups/`` as the window lists it."""

    file: BackupFile
    problem: str | None  # what SQLite's integrity check found; None: it passed

    @property
    def kind_title(self) -> str:
        return KIND_TITLES.get(self.file.kind, self.file.kind)


def backups(db_path: Path, cancelled: Callable[[], bool] = lambda: False) -> list[Listed]:
    """This ledger's copies, newest first, each with the result of its integrity check."""
    out = []
    for copy in list_backups(db_path):
        if cancelled():
            break
        problems = integrity_problems(copy.path, limit=1)
        out.append(Listed(copy, problems[0] if problems else None))
    return out


def ledger_file(target: str | Path | URL) -> Path:
    """The file behind a ``--db`` path (resolved, as the engine opens it).

    A database on a server is no file here: the commands dump and restore it through pg_dump /
    pg_restore instead (``server_backup`` / ``server_restore``); should one reach here, it is
    refused rather than something else copied.
    """
    from pairtrack.db.engine import database_path, is_server, shown_name

    path = database_path(target)
    if path is None and is_server(target):
        raise PairTrackError(
            f"「{shown_name(target)}」是服务器上的数据库，不是本机的文件，不能在这里按文件备份或"
            "恢复；请用数据库服务器的备份工具（如 pg_dump）。"
        )
    if path is None:
        raise PairTrackError("内存数据库无法备份或恢复。")
    return path


def open_read_only(target: str | Path, why: str) -> Ledger:
    """The ledger opened so that SQLite refuses every write (a second window beside another,
    a read-only location); nothing is migrated and no backup is made. ``why`` is what a
    refused write says."""
    from pairtrack.db.migrate import open_read_only as engine_read_only
    from pairtrack.tracker.ledger import Ledger

    return Ledger(engine_read_only(target), read_only=why)


def open_to_read(target: str | Path) -> Ledger:
    """For a command that only reads: the ledger as usual (created or upgraded as needed), or,
    where its file or folder cannot be written, opened read-only (SQLite ``mode=ro``)."""
    from pairtrack.db.engine import database_path
    from pairtrack.db.locations import read_only_reason
    from pairtrack.tracker.ledger import Ledger

    path = database_path(target)
    if path is not None and path.is_file() and read_only_reason(path) is not None:
        return open_read_only(target, READ_ONLY_LOCATION)
    return Ledger.open(target)


def daily_backup_problem(ledger: Ledger, today: date | None = None) -> str:
    """Make the day's first copy of the open ledger; "" when done (or done earlier today),
    else why not, in Chinese (the ledger stays open: a backup that fails loses nothing)."""
    path = ledger.path
    if path is None:  # in memory, or on a server: no file to copy (the server's own backups)
        return ""
    try:
        daily_backup(path, today)
    except (OSError, sqlite3.Error, DatabaseRefused) as exc:
        return (
            f"今天的自动备份未能完成：{exc}。数据库本身未受影响；请检查备份文件夹所在磁盘的空间。"
        )
    return ""


def verify_backup(source: Path, scratch: Path) -> Path:
    """A checked copy of ``source`` in the folder ``scratch``, at the current schema.

    Raises ``db.errors.DatabaseRefused`` or ``PairTrackError`` with the reason; ``source`` is only read.
    """
    from pairtrack.tracker.check import run_checks
    from pairtrack.tracker.ledger import Ledger

    verify_copy(source)
    ready = copy_database(source, scratch / "restore.db")
    ledger = Ledger(open_database(ready))  # an older backup is upgraded here, in the copy
    try:
        findings = [f for f in run_checks(ledger) if f.kind in REFUSING]
    finally:
        ledger.close()
    if findings:
        listed = "；".join(f.message for f in findings[:3])
        more = f" 等 {len(findings)} 个问题" if len(findings) > 3 else ""
        raise PairTrackError(
            f"备份「{source}」未通过检查，不能用来恢复：{listed}{more}。"
            "请选择另一个备份；当前数据库未作任何改动。"
        )
    return ready


def restore(db_path: Path, source: Path, *, locked: bool = False) -> Path | None:
    """Replace the database with ``source``; where the replaced file was kept (None: there
    was no file).

    Callers close their own engines on ``db_path`` first and reopen afterwards. The lock file
    is taken for the time of the replacement unless the caller (the window) already holds it.
    """
    if not source.is_file():
        raise PairTrackError(f"找不到备份文件「{source}」。")
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise PairTrackError("不能用数据库自身来恢复它。")
    check_location(db_path)
    lock = DatabaseLock(db_path)
    if not locked:
        lock.acquire()
    try:
        folder = backup_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=folder) as scratch:
            ready = verify_backup(source, Path(scratch))
            saved = replaced_copy(db_path) if db_path.exists() else None
            _put_in_place(ready, db_path)
        return saved
    finally:
        lock.release()


def _put_in_place(ready: Path, db_path: Path) -> None:
    """Through SQLite (other readers stay consistent); a file SQLite cannot even open as a
    database (a damaged header) is swapped as a file instead."""
    try:
        replace_database(ready, db_path)
        return
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise
    part = db_path.with_name(db_path.name + ".restore")
    try:
        copy_database(ready, part)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(part, db_path)
    finally:
        part.unlink(missing_ok=True)


# --- a ledger on a PostgreSQL server ---------------------------------------------------------
SERVER_BACKUPS = "server-backups"


def server_backup_folder() -> Path:
    """Where server backups go unless a person chose a folder: the user's data folder."""
    from pairtrack.tracker.paths import data_folder

    return data_folder() / SERVER_BACKUPS


def suggested_server_backup(
    target: str | Path | URL, folder: Path | None = None, reason: str = "manual"
) -> Path:
    """A free name for a dump of ``target`` taken now: ``<database>-<time>-<reason>.dump``,
    named as the copies of a file are."""
    from pairtrack.db.engine import database_url

    name = re.sub(r'[\\/:*?"<>|\s]+', "_", str(database_url(target).database)) or "pairtrack"
    folder = folder or server_backup_folder()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest, number = folder / f"{name}-{stamp}-{reason}.dump", 0
    while dest.exists():
        number += 1
        dest = folder / f"{name}-{stamp}-{reason}-{number}.dump"
    return dest


def server_backup(target: str | Path | URL, dest: Path | None = None, *, force: bool) -> Path:
    """``pg_dump`` of the server database ``target`` to ``dest`` (default: a new name in
    ``server_backup_folder``), written beside and moved into place once checked."""
    from pairtrack.db import pg_backup

    dest = dest or suggested_server_backup(target)
    return write_file(dest, lambda t: pg_backup.dump(target, t), database=None, force=force)


@dataclass(frozen=True)
class ServerRestored:
    saved: Path  # the replaced state, kept as a dump
    revision: str  # the archive's schema revision
    upgraded: bool  # it was older and was upgraded as on open
    problems: list[str]  # what ``pairtrack check`` found afterwards (REFUSING kinds)


def server_restore(
    target: str | Path | URL, source: Path, folder: Path | None = None
) -> ServerRestored:
    """Replace the server database ``target`` with the dump ``source`` (checked first; the
    replaced state kept as ``<database>-<time>-before-restore.dump`` in ``folder``), then
    check it as ``pairtrack check`` does. Callers close their own engines on it first."""
    from pairtrack.db import pg_backup
    from pairtrack.tracker.check import run_checks
    from pairtrack.tracker.ledger import Ledger

    def keep(write: Callable[[Path], object]) -> Path:
        dest = suggested_server_backup(target, folder, "before-restore")
        return write_file(dest, write, database=None)

    restored, saved = pg_backup.restore(target, source, keep)
    ledger = Ledger(open_database(target))
    try:
        problems = [f.message for f in run_checks(ledger) if f.kind in REFUSING]
    finally:
        ledger.close()
    return ServerRestored(saved, restored.revision, restored.upgraded, problems)
