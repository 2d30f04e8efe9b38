"""Odd places for a ledger: each said for what it is, never as "damaged", never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.locations import DRIVE_REMOTE, check_location, network_share
from pairtrack.db.migrate import open_database
from tests.read_only_places import read_only

ROOT = Path(__file__).resolve().parents[2]
DRIVE_FIXED = 3


def pairtrack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )


def drives(remote: str) -> object:
    return lambda root: DRIVE_REMOTE if root.upper().startswith(remote) else DRIVE_FIXED


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\server\share\帮扶\pairtrack.db", "UNC"),
        ("//server/share/pairtrack.db", "UNC"),
        (r"\\?\UNC\server\share\pairtrack.db", "UNC"),
        (r"Z:\台账\pairtrack.db", "Z:"),  # a mapped network drive
        (r"z:\pairtrack.db", "Z:"),
        (r"C:\Users\王敏\pairtrack.db", None),
        (r"\\?\C:\Users\pairtrack.db", None),  # a local path written the long way
        (r"\\?\Z:\pairtrack.db", "Z:"),
    ],
)
def test_windows_paths_on_a_share_are_recognised(path: str, expected: str | None) -> None:
    assert network_share(path, windows=True, drive_type=drives("Z:")) == expected  # type: ignore[arg-type]


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/office nfs4 rw,relatime 0 0
//nas/帮扶 /mnt/nas\\040share cifs rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/office/ledger.db", "nfs4"),
        ("/mnt/nas share/ledger.db", "cifs"),
        ("/mnt/office/local/ledger.db", None),  # a local disk mounted inside the share
        ("/home/wang/ledger.db", None),
        ("/mnt/officer/ledger.db", None),  # a sibling whose name only starts alike
    ],
)
def test_linux_paths_on_a_network_mount_are_recognised(path: str, expected: str | None) -> None:
    assert network_share(path, windows=False, mounts=MOUNTS) == expected


def test_a_share_is_refused_with_the_postgresql_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pairtrack.db import locations

    monkeypatch.setattr(locations, "network_share", lambda _path: "cifs")
    with pytest.raises(DatabaseRefused) as refused:
        open_database(tmp_path / "ledger.db")
    assert "网络" in str(refused.value) and "postgresql://" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_unc_path_is_refused_on_the_command_line() -> None:
    result = pairtrack("--db", r"\\server\share\pairtrack.db", "settings")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "网络共享" in result.stderr and "postgresql://" in result.stderr
    assert "可能已损坏" not in result.stderr
    assert not list(ROOT.glob("*server*")), "no file made under a resolved UNC name"


def test_a_folder_given_as_the_database_is_said_to_be_a_folder(tmp_path: Path) -> None:
    result = pairtrack("--db", tmp_path, "settings")
    assert result.returncode == 1
    assert "是一个文件夹" in result.stderr and "可能已损坏" not in result.stderr


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a ledger, neither of which can be written (tests/read_only_places)."""
    folder = tmp_path / "光盘"
    folder.mkdir()
    open_database(folder / "ledger.db").dispose()
    with read_only(folder):
        yield folder


def test_a_read_only_location_is_said_to_be_read_only(read_only_folder: Path) -> None:
    db = read_only_folder / "ledger.db"
    with pytest.raises(DatabaseRefused, match="只读"):
        check_location(db)
    result = pairtrack("--db", db, "settings", "--operator", "王敏")
    assert result.returncode == 1 and "只读" in result.stderr
    assert "可能已损坏" not in result.stderr and "Traceback" not in result.stderr


def test_a_database_locked_by_another_program_is_said_to_be_in_use(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    open_database(db).dispose()
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = pairtrack("--db", db, "settings", "--operator", "王敏")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "占用" in result.stderr and "可能已损坏" not in result.stderr


def test_a_ledger_in_a_read_only_folder_is_read_with_what_its_wal_holds(tmp_path: Path) -> None:
    """No -wal beside it (as PairTrack leaves a closed ledger): read as immutable, since the
    folder cannot take the -shm index a WAL reader needs. A -wal with committed pages beside
    it (a crash): read normally, so that those pages are seen."""
    from contextlib import closing

    from pairtrack.db.engine import connect_readonly

    writer = sqlite3.connect(tmp_path / "live.db")
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # the row stays in the -wal
    with writer:
        writer.execute("CREATE TABLE t (x)")
        writer.execute("INSERT INTO t VALUES ('在 -wal 中')")
    crashed, closed = tmp_path / "crashed", tmp_path / "closed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # copied while open: as a crash leaves them
        shutil.copyfile(tmp_path / f"live.db{suffix}", crashed / f"ledger.db{suffix}")
    writer.close()  # checkpoints: the closed file holds the row itself
    closed.mkdir()
    shutil.copyfile(tmp_path / "live.db", closed / "ledger.db")
    assert (crashed / "ledger.db-wal").stat().st_size > 0
    for folder in (crashed, closed):
        with read_only(folder), closing(connect_readonly(folder / "ledger.db")) as conn:
            assert conn.execute("SELECT x FROM t").fetchall() == [("在 -wal 中",)], folder.name
