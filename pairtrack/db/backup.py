"""Online backups (SQLite backup API) and restore; the copies kept in ``backups/`` beside the
database, and which of them are kept.

Three families of copies, by name (``<stem>`` is the database's file name without ``.db``):

- ``<stem>-<time>-<reason>.db``: manual backups, rotated (the newest ``KEEP_BACKUPS`` kept);
- ``<stem>-daily-<YYYYMMDD>.db``: the first start of each day, thinned by ``thin`` (the last 7
  days, 4 weeks, 12 months that have one);
- ``<stem>-before-<revision>.db``: the copy taken before upgrading to ``revision``, and
  ``<stem>-replaced-<time>.db``: the file a restore replaced. Neither is ever rotated away.

Every copy is written beside its name (``.part``), checked with ``PRAGMA integrity_check`` and
only then moved into place; a rotation or a thinning runs only after a copy succeeded, so a
retry that fails (full disk, damaged source) never pushes a healthy copy out.
"""

from __future__ import annotations

import glob
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pairtrack.db.engine import connect_readonly
from pairtrack.db.errors import DatabaseRefused

KEEP_BACKUPS = 5
BACKUP_DIR = "backups"
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
_STAMP_GLOB = "[0-9]" * 8 + "-" + "[0-9]" * 6 + "-" + "[0-9]" * 6


def integrity_problems(path: Path, limit: int = 5) -> list[str]:
    """What ``PRAGMA integrity_check`` finds in ``path`` (empty: healthy)."""
    conn = connect_readonly(path)
    try:
        lines = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if lines == ["ok"] else lines


def copy_database(source: Path, dest: Path) -> Path:
    """Copy a live SQLite database page by page; safe while others read or write it.

    The copy is checked before it takes its name: a failed or damaged copy leaves nothing at
    ``dest`` (and an older file there as it was).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        src = connect_readonly(source)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                # A backup must be a single self-contained file, not a WAL pair.
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
        problems = integrity_problems(tmp)
        if problems:
            raise DatabaseRefused(
                f"备份副本未通过完整性检查（{problems[0]}），已丢弃；数据库「{source}」本身"
                "可能已损坏，请运行 pairtrack check。"
            )
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _unique(folder: Path, name: str) -> Path:
    dest = folder / f"{name}.db"
    number = 0
    while dest.exists():  # Windows' clock can give two backups the same microsecond
        number += 1
        dest = folder / f"{name}-{number}.db"
    return dest


def manual_backup_path(db_path: Path, reason: str = "manual") -> Path:
    """Where a manual backup of ``db_path`` taken now goes in ``backups/`` (a free name)."""
    return _unique(backup_dir(db_path), f"{db_path.stem}-{_stamp()}-{reason}")


def rotating_backup(
    db_path: Path, reason: str, keep: int = KEEP_BACKUPS, name: str | None = None
) -> Path:
    """Back ``db_path`` up into ``backups/`` beside it and keep only the newest ``keep`` copies.

    ``name``: the file name a person chose in that folder, used when it is free and names a
    manual copy of this database (so that the list of backups shows it); otherwise the
    folder's own name with ``reason``.
    """
    folder = backup_dir(db_path)
    dest = folder / name if name is not None else None
    if dest is None or dest.exists() or _kind(_rest(db_path, name or "")) != "manual":
        dest = manual_backup_path(db_path, reason)
    dest = copy_database(db_path, dest)
    # Only after the copy succeeded, and only this database's copies: another file
    # "pairtrack-old.db" must keep its own.
    copies = sorted(folder.glob(f"{glob.escape(db_path.stem)}-{_STAMP_GLOB}-*.db"))
    for old in copies[: max(0, len(copies) - keep)]:
        old.unlink()
    return dest


# --- kept apart from the rotation -----------------------------------------------------------
def before_upgrade_path(db_path: Path, revision: str) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}-before-{revision}.db"


def before_upgrade_backup(db_path: Path, revision: str, current: str) -> Path:
    """The copy of ``db_path`` (at revision ``current``) taken before upgrading to ``revision``.

    A retry writes a fresh copy beside the last one and swaps it in only once it is checked;
    if that cannot be done (a full disk), a healthy copy at the same revision is kept and used.
    """
    dest = before_upgrade_path(db_path, revision)
    try:
        return copy_database(db_path, dest)
    except (OSError, sqlite3.Error, DatabaseRefused):
        if dest.exists() and _revision_of(dest) == current and not integrity_problems(dest):
            return dest
        raise


def replaced_copy(db_path: Path) -> Path:
    """Keep the file a restore is about to replace, beside the backups, under its own name.

    Through the backup API when the file is readable; a damaged file is copied as it is (with
    its WAL), since that may be all that is left of its data.
    """
    dest = _unique(backup_dir(db_path), f"{db_path.stem}-replaced-{_stamp()}")
    try:
        return copy_database(db_path, dest)
    except (sqlite3.Error, DatabaseRefused):
        shutil.copyfile(db_path, dest)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))
        return dest


def _revision_of(path: Path) -> str | None:
    try:
        conn = connect_readonly(path)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


# --- daily copies and their thinning --------------------------------------------------------
_DAILY = re.compile(r"-daily-(\d{8})\.db")


def daily_path(db_path: Path, day: date) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}-daily-{day:%Y%m%d}.db"


def daily_backup(db_path: Path, today: date | None = None) -> Path | None:
    """At the first start of the day, a copy of ``db_path``; then the older ones thinned.

    ``None`` when today's copy exists already.
    """
    today = today or date.today()
    dest = daily_path(db_path, today)
    if dest.exists():
        return None
    copy_database(db_path, dest)
    days = daily_copies(db_path)
    keep = thin(days, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS)
    for day, path in days.items():
        if day not in keep:
            path.unlink(missing_ok=True)
    return dest


def daily_copies(db_path: Path) -> dict[date, Path]:
    found: dict[date, Path] = {}
    pattern = f"{glob.escape(db_path.stem)}-daily-{'[0-9]' * 8}.db"
    for path in backup_dir(db_path).glob(pattern):
        match = _DAILY.search(path.name)
        if match:
            try:
                found[datetime.strptime(match.group(1), "%Y%m%d").date()] = path
            except ValueError:
                continue
    return found


def thin(days: Iterable[date], keep_days: int, keep_weeks: int, keep_months: int) -> set[date]:
    """The days whose copies stay: the newest copy of each of the ``keep_days`` most recent
    days, ``keep_weeks`` most recent ISO weeks and ``keep_months`` most recent months that
    have a copy (a week or month without one does not use up a place)."""
    ordered = sorted(set(days), reverse=True)
    keep: set[date] = set()
    for count, period in (
        (keep_days, lambda d: d),
        (keep_weeks, lambda d: d.isocalendar()[:2]),
        (keep_months, lambda d: (d.year, d.month)),
    ):
        seen: list[object] = []
        for day in ordered:
            key = period(day)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(day)  # the newest day of its period comes first
    return keep


# --- listing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken: datetime  # the file's modification time
    size: int
    kind: str  # daily | manual | before-upgrade | before-restore | replaced


def list_backups(db_path: Path) -> list[BackupFile]:
    """This database's copies in ``backups/``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    stem = db_path.stem
    out = []
    for path in folder.glob(f"{glob.escape(stem)}-*.db"):
        kind = _kind(path.name[len(stem) + 1 :])
        if kind is None:
            continue  # another ledger's copies ("pairtrack-2016-…" of "pairtrack-2016.db")
        stat = path.stat()
        out.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, kind))
    return sorted(out, key=lambda b: b.taken, reverse=True)


_TIME = r"\d{8}-\d{6}-\d{6}"
_KINDS = (
    (re.compile(r"daily-\d{8}\.db"), "daily"),
    (re.compile(r"before-\d{4}\.db"), "before-upgrade"),
    (re.compile(_TIME + r"-before-upgrade-\d{4}(-\d+)?\.db"), "before-upgrade"),  # older names
    (re.compile(r"replaced-" + _TIME + r"(-\d+)?\.db"), "replaced"),
    (re.compile(_TIME + r"-before-restore(-\d+)?\.db"), "before-restore"),
    (re.compile(_TIME + r"-.+\.db"), "manual"),
)


def _rest(db_path: Path, name: str) -> str:
    """What follows ``<stem>-`` in the name of a copy of ``db_path`` ("" for another file)."""
    prefix = f"{db_path.stem}-"
    return name[len(prefix) :] if name.startswith(prefix) else ""


def _kind(rest: str) -> str | None:
    return next((kind for pattern, kind in _KINDS if pattern.fullmatch(rest)), None)


def replace_database(source: Path, db_path: Path) -> None:
    """Overwrite ``db_path`` with the content of ``source`` through the backup API.

    Going through SQLite (not a file copy) keeps the WAL and other connections consistent.
    """
    src = connect_readonly(source)
    try:
        out = sqlite3.connect(db_path)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
