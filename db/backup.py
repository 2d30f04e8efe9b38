"""Online backups (SQLite backup API) and restore; a few rotated copies beside the database."""

from __future__ import annotations

import glob
import sqlite3
from datetime import datetime
from pathlib import Path

from db.engine import connect_readonly

KEEP_BACKUPS = 5
BACKUP_DIR = "backups"


def copy_database(source: Path, dest: Path) -> Path:
    """Copy a live SQLite database page by page; safe while others read or write it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
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
    tmp.replace(dest)
    return dest


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def rotating_backup(db_path: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Back ``db_path`` up into ``backups/`` beside it and keep only the newest ``keep`` copies."""
    folder = backup_dir(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    number = 0
    while dest.exists():  # Windows' clock can give two backups the same microsecond
        number += 1
        dest = folder / f"{db_path.stem}-{stamp}-{reason}-{number}.db"
    copy_database(db_path, dest)
    # Only this database's copies: another file "pairtrack-old.db" must keep its own.
    stamp_glob = "[0-9]" * 8 + "-" + "[0-9]" * 6 + "-" + "[0-9]" * 6
    copies = sorted(folder.glob(f"{glob.escape(db_path.stem)}-{stamp_glob}-*.db"))
    for old in copies[: max(0, len(copies) - keep)]:
        old.unlink()
    return dest


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
