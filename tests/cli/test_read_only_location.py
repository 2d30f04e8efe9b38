"""A ledger where it cannot be written (a disc, a write-protected folder or file): the
commands that only read it work — SQLite opens it with ``mode=ro`` (``immutable`` where not
even its ``-shm`` index can be made), nothing is migrated, nothing is backed up, the file stays
byte for byte as it was — and every command that writes is refused with one clear message
saying what still works."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from pairtrack.tracker import cli
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.maintenance import open_read_only
from pairtrack.tracker.store import ReadOnlyLedger
from tests.db.old_ledgers import old_ledger
from tests.read_only_places import read_only


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str | Path) -> tuple[int, str, str]:
    code = cli.run(["--db", str(db), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ledger as PairTrack leaves it: WAL mode, closed (no -wal, no -shm beside it)."""
    path = tmp_path_factory.mktemp("demo") / "ledger.db"
    ledger = Ledger.open(path)
    load_demo(ledger)
    ledger.close()
    return path


@pytest.fixture(params=["folder", "file"])
def disc(request: pytest.FixtureRequest, demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo ledger in a read-only folder (as on a disc), or itself read-only in
    a folder that can be written."""
    folder = tmp_path / "光盘"
    folder.mkdir()
    db = folder / "ledger.db"
    shutil.copyfile(demo_file, db)
    with read_only(folder if request.param == "folder" else db):
        yield db


def snapshot(db: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and what lies beside it (SQLite's own -shm/-wal index aside: a reader
    of a WAL file makes them where the folder allows; they hold nothing of the ledger)."""
    beside = [p.name for p in db.parent.iterdir() if not p.name.endswith(("-shm", "-wal"))]
    return db.read_bytes(), sorted(beside)


def test_the_commands_that_only_read_work_and_change_nothing(
    disc: Path, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(disc)
    writable = tmp_path / "可写" / "ledger.db"
    writable.parent.mkdir()
    shutil.copyfile(demo_file, writable)
    out = tmp_path / "输出"
    out.mkdir()

    code, summary, err = run(capsys, disc, "summary", "--year", "2017", "--month", "11")
    assert code == 0, err
    assert summary == run(capsys, writable, "summary", "--year", "2017", "--month", "11")[1]
    code, checked, err = run(capsys, disc, "check")
    assert code == 0 and "检查完成：未发现问题" in checked, checked + err
    code, _said, err = run(
        capsys, disc, "brief", "--year", "2017", "-o", out / "简报.pdf", "--problems", "手写的问题"
    )
    assert code == 0 and (out / "简报.pdf").stat().st_size > 0, err
    assert "所给文字只印在这份简报中，未保存" in err
    for kind, target in (("xlsx", "台账.xlsx"), ("csv", "csv"), ("package", "p.pairtrack.zip")):
        code, exported, err = run(capsys, disc, "export", "--format", kind, "-o", out / target)
        assert code == 0, err
        assert exported.replace(str(out / target), "") == run(
            capsys, writable, "export", "--format", kind, "-o", tmp_path / f"w-{target}"
        )[1].replace(str(tmp_path / f"w-{target}"), ""), "the same records and 数据校验码"
    for listing, expected in (("imports", "还没有导入记录"), ("conflicts", "没有待处理的冲突"),
                              ("settings", "廊坊开发区对口帮扶办公室")):  # fmt: skip
        code, listed, err = run(capsys, disc, listing)
        assert code == 0 and expected in listed, listed + err
    code, _said, err = run(capsys, disc, "backup", "-o", out / "备份.db")
    assert code == 0, err
    copy = Ledger.open(out / "备份.db")
    try:
        assert copy.funds.count() == open_count(writable)
    finally:
        copy.close()
    assert snapshot(disc) == before, "not migrated, not backed up, not touched"


def open_count(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(
            conn.execute("SELECT count(*) FROM fund_transfer WHERE deleted_at IS NULL").fetchone()[
                0
            ]
        )


@pytest.fixture(scope="module")
def package(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("package") / "office.pairtrack.zip"
    ledger = Ledger.open(demo_file)
    try:
        export_package(ledger, path)
    finally:
        ledger.close()
    return path


WRITING = {
    "settings": ["settings", "--operator", "王敏"],
    "import": ["import", "PACKAGE"],
    "import --dry-run": ["import", "PACKAGE", "--dry-run"],
    "demo": ["demo"],
    "imports --undo": ["imports", "--undo", "1"],
    "conflicts --take": ["conflicts", "--take", "local", "all"],
    "restore": ["restore", "PACKAGE"],
}


@pytest.mark.parametrize("command", list(WRITING))
def test_a_command_that_writes_is_refused_with_what_still_works(
    disc: Path, package: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(disc)
    args = [package if a == "PACKAGE" else a for a in WRITING[command]]
    code, _out, err = run(capsys, disc, *args)
    assert code == 1
    assert "只读" in err and "Traceback" not in err and "可能已损坏" not in err
    assert "summary、brief、export、check" in err, "says what still works"
    assert snapshot(disc) == before


def test_a_backup_beside_it_is_made_where_the_folder_allows_and_elsewhere_always(
    disc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(disc)
    code, said, err = run(capsys, disc, "backup")
    if os.access(disc.parent, os.W_OK):  # only the file is read-only: the folder takes it
        assert code == 0 and "已备份到" in said and (disc.parent / "backups").is_dir(), err
    else:
        assert code == 1 and "backups" in err and "-o" in err and "Traceback" not in err
        assert snapshot(disc) == before
    code, said, err = run(capsys, disc, "backup", "-o", tmp_path / "copy.db")
    assert code == 0 and "已备份到" in said, err


def test_an_old_ledger_there_must_first_be_upgraded_where_it_can_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "光盘").mkdir()
    db = old_ledger(tmp_path / "光盘" / "ledger.db", "0006")
    with read_only(db.parent):
        before = snapshot(db)
        code, _out, err = run(capsys, db, "summary", "--year", "2017")
        assert code == 1 and "Traceback" not in err
        assert "需要先升级" in err and "可写的位置" in err and "0006" in err
        assert snapshot(db) == before


def test_a_write_asked_of_a_ledger_opened_read_only_says_so(disc: Path) -> None:
    ledger = open_read_only(disc, "所在位置不允许写入")
    try:
        assert ledger.office_name == "廊坊开发区对口帮扶办公室"
        with pytest.raises(ReadOnlyLedger, match=r"只读方式打开.*所在位置不允许写入"):
            ledger.set_settings(operator="王敏")
        with pytest.raises(ReadOnlyLedger):
            ledger.regions.create(name="新县", level="county")
    finally:
        ledger.close()
