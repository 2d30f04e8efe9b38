"""Backup and restore of a ledger file, shared by the command line and the window."""

from __future__ import annotations

from pathlib import Path

from db.backup import copy_database, replace_database, rotating_backup
from db.migrate import inspect_file, open_database
from tracker.errors import PairTrackError


def backup(db_path: Path, dest: Path | None = None) -> Path:
    """Copy the live database to ``dest``, or into the rotated ``backups/`` folder."""
    if dest is None:
        return rotating_backup(db_path, reason="manual")
    if dest.exists():
        raise PairTrackError(f"文件「{dest}」已存在，未覆盖。请换一个文件名。")
    return copy_database(db_path, dest)


def restore(db_path: Path, source: Path) -> Path:
    """Replace the database with ``source``; returns where the current data was saved first.

    Callers close their own engines on ``db_path`` first and reopen afterwards.
    """
    if not source.is_file():
        raise PairTrackError(f"找不到备份文件「{source}」。")
    if source.resolve() == db_path.resolve():
        raise PairTrackError("不能用数据库自身来恢复它。")
    if inspect_file(source) is None:
        raise PairTrackError(f"「{source}」是空数据库，不能用来恢复。")
    saved = rotating_backup(db_path, reason="before-restore")
    replace_database(source, db_path)
    open_database(db_path).dispose()  # an older backup is migrated to the current schema
    return saved
