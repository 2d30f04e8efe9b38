"""Backups: rotated copies, consistent snapshots of a live WAL database, and restore."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from pairtrack.db.backup import backup_dir, copy_database, replace_database, rotating_backup
from pairtrack.db.base import new_id
from pairtrack.db.migrate import open_database
from pairtrack.tracker.ledger import Ledger

TS = "2017-01-01T00:00:00.000000Z"


def region_sql(name: str) -> tuple[str, tuple[str, ...]]:
    return (
        "INSERT INTO region (id, origin, created_at, updated_at, note, name, province, city,"
        " level) VALUES (?, '', ?, ?, '', ?, '', '', 'county')",
        (new_id(), TS, TS, name),
    )


def region_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM region ORDER BY name")]


def test_rotating_backup_keeps_the_newest_five_copies(engine: Engine, db_path: Path) -> None:
    made = [rotating_backup(db_path, reason="manual") for _ in range(7)]

    assert made == sorted(made), "backup names must sort in the order they were taken"
    assert sorted(backup_dir(db_path).iterdir()) == made[-5:]
    for copy in made[-5:]:
        with closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_sibling_ledgers_backups_never_push_out_this_ledgers(tmp_path: Path) -> None:
    ledger, sibling = tmp_path / "ledger.db", tmp_path / "ledger-2016.db"
    for path in (ledger, sibling):
        open_database(path).dispose()
    theirs = [rotating_backup(sibling, reason="manual") for _ in range(5)]
    ours = rotating_backup(ledger, reason="before-upgrade-0001")
    assert ours.exists()
    assert all(copy.exists() for copy in theirs)


def test_rotation_works_for_a_name_with_brackets(tmp_path: Path) -> None:
    # '[2017]' must be taken literally, not as a glob character class.
    path = tmp_path / "台账[2017].db"
    open_database(path).dispose()
    for _ in range(7):
        rotating_backup(path, reason="manual")
    assert len(list(backup_dir(path).iterdir())) == 5


def test_a_backup_of_a_busy_wal_database_is_a_consistent_self_contained_file(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(*region_sql("已提交县"))
    # The committed row lives only in the WAL so far: a plain file copy would lose it.
    assert "已提交县".encode() not in db_path.read_bytes()

    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(*region_sql("未提交县"))
        copy = copy_database(db_path, tmp_path / "copies" / "snapshot.db")
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert sorted(p.name for p in copy.parent.iterdir()) == ["snapshot.db"]
    # Moved on its own to another folder, the copy still opens and holds the committed data.
    alone = tmp_path / "elsewhere" / "snapshot.db"
    alone.parent.mkdir()
    shutil.copyfile(copy, alone)
    with closing(sqlite3.connect(alone)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert region_names(alone) == ["已提交县"]


def test_replace_database_brings_back_the_backed_up_ledger(db_path: Path, tmp_path: Path) -> None:
    ledger = Ledger.open(db_path)
    ledger.set_settings(operator="张三")
    region = ledger.regions.create(name="康保县", level="county")
    # '#' in the folder name must not make SQLite read another (empty) file.
    backup = copy_database(db_path, tmp_path / "备份#1" / "before-delete.db")
    ledger.regions.delete(region.id)
    assert ledger.regions.count() == 0

    replace_database(backup, db_path)

    reopened = Ledger.open(db_path)
    try:
        assert reopened.regions.count() == 1
        assert reopened.regions.get(region.id).name == "康保县"
        assert reopened.operator == "张三"
        assert ledger.regions.count() == 1, "a ledger left open must see the restored data"
    finally:
        reopened.close()
        ledger.close()
