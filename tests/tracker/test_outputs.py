"""``tracker.outputs``: the one rule for where the program may write a file (DESIGN §5)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pairtrack.db.backup import backup_dir
from pairtrack.tracker.outputs import (
    OutputRefused,
    check_target,
    copy_file,
    replacing,
    replacing_folder,
    write_file,
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    db = tmp_path / "ledger.db"
    db.write_bytes(b"SQLite format 3\x00 the ledger")
    return db


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".part"))


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_open_database_and_its_companions_are_refused_even_with_force(
    database: Path, suffix: str, force: bool
) -> None:
    target = database.with_name(database.name + suffix)
    with pytest.raises(OutputRefused, match="正在使用的数据库"):
        write_file(target, lambda t: t.write_bytes(b"x"), database=database, force=force)
    assert database.read_bytes() == b"SQLite format 3\x00 the ledger"
    assert leftovers(database.parent) == []


def test_another_spelling_or_a_symlink_of_the_database_is_refused(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(database)
    for target in (link, tmp_path / "sub" / ".." / "ledger.db"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(OutputRefused, match="正在使用的数据库"):
            check_target(target, database=database, force=True)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputRefused, match="正在使用的数据库"):
        check_target(Path("ledger.db"), database=database, force=True)


@pytest.mark.parametrize("force", [False, True])
def test_nothing_is_written_into_the_backups_folder(database: Path, force: bool) -> None:
    backups = backup_dir(database)
    backups.mkdir()
    kept = backups / "ledger-20250101-000000-000000-manual.db"
    kept.write_bytes(b"a backup")
    for target in (kept, backups / "new.xlsx"):
        with pytest.raises(OutputRefused, match="备份文件夹"):
            write_file(target, lambda t: t.write_bytes(b"x"), database=database, force=force)
    with (
        pytest.raises(OutputRefused, match="备份文件夹"),
        replacing_folder(backups, database=database, force=force),
    ):
        pass
    assert kept.read_bytes() == b"a backup"
    assert sorted(p.name for p in backups.iterdir()) == [kept.name]


def test_an_existing_file_needs_force(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputRefused, match=r"已存在，未覆盖.*--force"):
        write_file(target, lambda t: t.write_bytes(b"new"), database=database)
    assert target.read_bytes() == b"old"
    write_file(target, lambda t: t.write_bytes(b"new"), database=database, force=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(database: Path, tmp_path: Path) -> None:
    target = write_file(tmp_path / "new.pdf", lambda t: t.write_bytes(b"x"), database=database)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failure_midway_leaves_the_old_file_and_no_temporary(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the old report")

    def full_disk(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            handle.write(b"half of the new")
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputRefused, match=r"「.*report\.pdf」：磁盘空间不足；原有文件未改动"):
        write_file(target, full_disk, database=database, force=True)
    assert target.read_bytes() == b"the old report"
    assert leftovers(tmp_path) == []


def test_an_error_that_is_not_the_disks_passes_through_and_cleans_up(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.xlsx"
    with pytest.raises(KeyboardInterrupt), replacing(target, database=database) as temporary:
        temporary.write_bytes(b"partial")
        raise KeyboardInterrupt
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_file_created_meanwhile_is_not_replaced_without_force(
    database: Path, tmp_path: Path
) -> None:
    target = tmp_path / "x.xlsx"
    with (
        pytest.raises(OutputRefused, match="已存在"),
        replacing(target, database=database) as temporary,
    ):
        temporary.write_bytes(b"ours")
        target.write_bytes(b"someone else's")
    assert target.read_bytes() == b"someone else's"
    assert leftovers(tmp_path) == []


def test_a_folder_is_written_complete_then_moved(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "csv"
    with replacing_folder(target, database=database) as temporary:
        (temporary / "a.csv").write_text("1")
        assert not target.exists()
    assert (target / "a.csv").read_text() == "1"
    # a folder that is not empty: --force replaces files by name, leaves others alone
    (target / "mine.txt").write_text("keep")
    with pytest.raises(OutputRefused, match="不为空"), replacing_folder(target, database=database):
        pass
    with replacing_folder(target, database=database, force=True) as temporary:
        (temporary / "a.csv").write_text("2")
    assert (target / "a.csv").read_text() == "2" and (target / "mine.txt").read_text() == "keep"
    # a failure leaves the folder as it was
    with (
        pytest.raises(OutputRefused, match="磁盘空间不足"),
        replacing_folder(target, database=database, force=True) as temporary,
    ):
        (temporary / "a.csv").write_text("3")
        raise OSError(errno.ENOSPC, "full")
    assert (target / "a.csv").read_text() == "2"
    assert leftovers(tmp_path) == []


def test_a_folder_or_a_file_where_the_other_is_wanted(database: Path, tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text("")
    with pytest.raises(OutputRefused, match="不是文件夹"):
        check_target(tmp_path / "f.csv", database=database, force=True, folder=True)
    with pytest.raises(OutputRefused, match="是一个文件夹"):
        check_target(tmp_path, database=database, force=True)


def test_copy_file(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF")
    with pytest.raises(OutputRefused, match="正在使用的数据库"):
        copy_file(source, database, database=database, force=True)
    assert copy_file(source, tmp_path / "b.pdf", database=database).read_bytes() == b"%PDF"
