"""A restore replaces nothing until the backup has proved itself; the replaced file is kept;
a refused backup leaves every file as it was and says why."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pairtrack.db.backup import backup_dir, list_backups, rotating_backup
from pairtrack.db.errors import DatabaseRefused
from pairtrack.tracker import maintenance
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.ledger import Ledger

ROOT = Path(__file__).resolve().parents[2]


def pairtrack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    ledger = Ledger.open(path)
    try:
        ledger.set_settings(operator="张三", office_code="131001", office_name="开发区")
        load_demo(ledger)
    finally:
        ledger.close()
    return path


@pytest.fixture
def good_backup(ledger_file: Path) -> Path:
    return rotating_backup(ledger_file, reason="manual")


def fund_count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM fund_transfer").fetchone()[0])


def state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def damage_btree(path: Path) -> None:
    """Overwrite a leaf page in the middle of fund_transfer's b-tree."""
    with closing(sqlite3.connect(path)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'fund_transfer' AND pagetype = 'leaf'"
            )
        ]
    with path.open("r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * size + 8)
        handle.write(b"\xa5" * (size - 16))


def drop_table(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TABLE training")


def newer_revision(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9001'")


def not_a_database(path: Path) -> None:
    path.write_text("2017 年东西部协作推进会会议纪要", encoding="utf-8")


def rewritten_history(path: Path) -> None:
    """An amount edited behind the program's back: ``check`` sees it, so restore refuses it."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE fund_transfer SET amount_fen = amount_fen + 100 WHERE rowid = 1")


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (damage_btree, "已损坏"),
        (drop_table, "缺少 表 training"),
        (newer_revision, "更新版本"),
        (not_a_database, "不是 SQLite 数据库文件"),
        (rewritten_history, "未通过检查"),
    ],
    ids=["damaged-btree", "missing-table", "newer-revision", "not-a-database", "fails-check"],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    ledger_file: Path, good_backup: Path, tmp_path: Path, spoil: object, reason: str
) -> None:
    bad = tmp_path / "elsewhere" / "bad.db"
    bad.parent.mkdir()
    shutil.copyfile(good_backup, bad)
    spoil(bad)  # type: ignore[operator]
    ledger = Ledger.open(ledger_file)  # the current ledger has moved on since the backup
    ledger.regions.create(name="新增县", level="county")
    ledger.close()
    before = state(ledger_file.parent)

    with pytest.raises((DatabaseRefused, PairTrackError), match=reason):
        maintenance.restore(ledger_file, bad)

    assert state(ledger_file.parent) == before, "a refused backup changes no file"
    result = pairtrack("--db", ledger_file, "restore", bad)
    assert result.returncode == 1 and reason in result.stderr
    assert "Traceback" not in result.stderr
    assert state(ledger_file.parent) == before


def test_a_good_backup_is_restored_and_the_replaced_file_kept(
    ledger_file: Path, good_backup: Path
) -> None:
    ledger = Ledger.open(ledger_file)
    ledger.regions.create(name="恢复前新增县", level="county")
    ledger.close()

    result = pairtrack("--db", ledger_file, "restore", good_backup)

    assert result.returncode == 0, result.stderr
    [replaced] = [b for b in list_backups(ledger_file) if b.kind == "replaced"]
    assert str(replaced.path) in result.stdout
    names = {r[0] for r in sqlite3.connect(replaced.path).execute("SELECT name FROM region")}
    assert "恢复前新增县" in names, "the replaced file holds what was there before"
    restored = Ledger.open(ledger_file)
    try:
        assert restored.regions.count(include_deleted=True) == len(names) - 1
        assert run_checks(restored) == []
    finally:
        restored.close()
    assert good_backup.exists()


def test_a_damaged_ledger_is_replaced_by_a_good_backup(
    ledger_file: Path, good_backup: Path
) -> None:
    with closing(sqlite3.connect(ledger_file)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_btree(ledger_file)
    damaged = ledger_file.read_bytes()

    checked = pairtrack("--db", ledger_file, "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr + checked.stdout
    assert "已损坏" in checked.stdout + checked.stderr
    assert good_backup.name in checked.stdout + checked.stderr, "the backups are listed"

    result = pairtrack("--db", ledger_file, "restore", good_backup)
    assert result.returncode == 0, result.stderr
    [replaced] = [b for b in list_backups(ledger_file) if b.kind == "replaced"]
    assert replaced.path.read_bytes() == damaged, "even a damaged file is kept as it was"
    assert pairtrack("--db", ledger_file, "check").returncode == 0


def test_refused_restores_never_rotate_a_healthy_copy_away(
    ledger_file: Path, good_backup: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.db"
    shutil.copyfile(good_backup, bad)
    drop_table(bad)
    for _attempt in range(8):
        with pytest.raises(DatabaseRefused):
            maintenance.restore(ledger_file, bad)
    assert good_backup.exists()
    assert sorted(backup_dir(ledger_file).iterdir()) == [good_backup]


def test_a_restore_waits_for_no_one_while_another_program_holds_the_ledger(
    ledger_file: Path, good_backup: Path
) -> None:
    """The other program is a live process holding the lock file (a window elsewhere)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path; from pairtrack.db.lock import DatabaseLock;"
            "lock = DatabaseLock(Path(sys.argv[2])); lock.acquire(); print('held', flush=True);"
            "time.sleep(60)",
            str(ROOT),
            str(ledger_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = state(ledger_file.parent)
        result = pairtrack("--db", ledger_file, "restore", good_backup)
        assert result.returncode == 1
        assert "已被" in result.stderr and f"进程 {holder.pid}" in result.stderr
        assert state(ledger_file.parent) == before
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone: its lock is stale and the restore goes ahead
    assert pairtrack("--db", ledger_file, "restore", good_backup).returncode == 0
