"""Output paths on the command line (DESIGN §5, issue 13): no command writes onto the open
database or into its backups, even with --force; an existing file is replaced only with
--force; a full disk leaves the old file and no temporary behind."""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pairtrack.db.backup import backup_dir
from pairtrack.tracker import cli
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger

# Every command that takes -o, with the arguments it needs.
WRITERS = {
    "xlsx": ["export", "--format", "xlsx"],
    "csv": ["export", "--format", "csv"],
    "package": ["export", "--format", "package"],
    "template": ["export", "--template"],
    "pdf": ["brief", "--year", "2017", "--format", "pdf"],
    "docx": ["brief", "--year", "2017", "--format", "docx"],
    "backup": ["backup"],
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    ledger = Ledger.open(path)
    try:
        ledger.set_settings(operator="测试员", office_code="131001", office_name="廊坊开发区")
        load_demo(ledger)
    finally:
        ledger.close()
    return path


@pytest.fixture
def db(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ledger.db"
    shutil.copyfile(demo_file, path)
    yield path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(db: Path, *args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.run(["--db", str(db), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.part"))


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("writer", WRITERS)
def test_no_command_writes_onto_the_open_database(
    db: Path, writer: str, force: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    for target in (db, db.with_name(db.name + "-wal")):
        code, _out, err = run(db, *WRITERS[writer], "-o", target, *force, capsys=capsys)
        assert code == 1
        assert "正在使用的数据库文件" in err and "Traceback" not in err
        assert err.count("\n") == 1  # one line
    assert digest(db) == before
    assert run(db, "check", capsys=capsys)[0] == 0
    assert leftovers(db.parent) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_no_command_writes_into_the_backups_folder(
    db: Path, writer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "backup", capsys=capsys)[0] == 0
    (kept,) = backup_dir(db).iterdir()
    before = digest(kept)
    code, _out, err = run(db, *WRITERS[writer], "-o", kept, "--force", capsys=capsys)
    assert code == 1 and "备份文件夹" in err
    assert digest(kept) == before and list(backup_dir(db).iterdir()) == [kept]


@pytest.mark.parametrize("writer", [w for w in WRITERS if w != "csv"])
def test_an_existing_file_is_replaced_only_with_force(
    db: Path, tmp_path: Path, writer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "existing.out"
    target.write_bytes(b"the user's own file")
    code, _out, err = run(db, *WRITERS[writer], "-o", target, capsys=capsys)
    assert code == 1
    assert "existing.out" in err and "已存在" in err and "--force" in err
    assert target.read_bytes() == b"the user's own file"
    code, _out, err = run(db, *WRITERS[writer], "-o", target, "--force", capsys=capsys)
    assert code == 0, err
    assert target.read_bytes() != b"the user's own file" and target.stat().st_size > 1000
    assert leftovers(tmp_path) == []


def test_csv_into_a_folder_and_a_zip(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "csv"
    code, _out, _err = run(db, "export", "--format", "csv", "-o", folder, capsys=capsys)
    assert code == 0
    assert (folder / "数据校验码.txt").read_text(encoding="utf-8-sig").startswith("数据校验码：")
    code, _out, err = run(db, "export", "--format", "csv", "-o", folder, capsys=capsys)
    assert code == 1 and "--force" in err
    zipped = tmp_path / "csv.zip"
    zipped.write_bytes(b"old zip")
    assert run(db, "export", "--format", "csv", "-o", zipped, capsys=capsys)[0] == 1
    assert zipped.read_bytes() == b"old zip"
    assert run(db, "export", "--format", "csv", "-o", zipped, "--force", capsys=capsys)[0] == 0
    assert zipped.read_bytes()[:2] == b"PK"


# openpyxl leaves its own zip writer to the collector when saving fails; it fails again there
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("writer", ["xlsx", "csv", "package", "pdf"])
def test_a_full_disk_midway_leaves_the_old_file_and_no_temporary(
    db: Path,
    tmp_path: Path,
    writer: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fills up after some bytes of the new file were written (simulated: every
    write through a file object fails once 20 000 bytes went into the temporary)."""
    suffix = ".zip" if writer in ("csv", "package") else f".{writer}"
    target = tmp_path / f"old{suffix}"
    target.write_bytes(b"the old, complete file")
    _fill_disk_after(monkeypatch, 20_000)
    code, _out, err = run(db, *WRITERS[writer], "-o", target, "--force", capsys=capsys)
    assert code == 1
    assert "磁盘空间不足" in err and "原有文件未改动" in err and "Traceback" not in err
    assert target.read_bytes() == b"the old, complete file"
    assert leftovers(tmp_path) == []


class _FillingFile:
    """A file whose writes fail with ENOSPC once the shared budget is spent."""

    def __init__(self, handle: Any, budget: list[int]) -> None:
        self._handle, self._budget = handle, budget

    def write(self, data: Any) -> int:
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __iter__(self) -> Any:
        return iter(self._handle)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _fill_disk_after(monkeypatch: pytest.MonkeyPatch, budget: int) -> None:
    """Every file opened for writing under a temporary (``.part``) name fails with ENOSPC
    once ``budget`` bytes went into such files (``open`` and ``io.open`` are the same)."""
    original = io.open
    left = [budget]

    def filling_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = original(file, mode, *args, **kwargs)
        if any(m in mode for m in "wax") and str(file).endswith(".part"):
            return _FillingFile(handle, left)
        return handle

    monkeypatch.setattr(io, "open", filling_open)
    monkeypatch.setattr(builtins, "open", filling_open)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs), where the system lets us mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("writer", ["xlsx", "csv", "package", "backup"])
def test_a_really_full_disk_leaves_the_old_file(
    db: Path, small_disk: Path, writer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = {"csv": ".zip", "package": ".zip", "backup": ".db"}.get(writer, ".xlsx")
    target = small_disk / f"old{suffix}"
    target.write_bytes(b"the old, complete file")
    # fill the rest of the disk but a little
    (small_disk / "filler").write_bytes(b"\0" * (40 << 10))
    code, _out, err = run(db, *WRITERS[writer], "-o", target, "--force", capsys=capsys)
    assert code == 1, err
    assert "磁盘空间不足" in err and "Traceback" not in err
    assert target.read_bytes() == b"the old, complete file"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", target.name]


def test_a_csv_folder_on_a_full_disk_leaves_the_folder_as_it_was(
    db: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_disk / "csv"
    folder.mkdir()
    (folder / "地区.csv").write_text("old", encoding="utf-8")
    (small_disk / "filler").write_bytes(b"\0" * (40 << 10))
    code, _out, err = run(db, "export", "--format", "csv", "-o", folder, "--force", capsys=capsys)
    assert code == 1 and "磁盘空间不足" in err
    assert [p.name for p in folder.iterdir()] == ["地区.csv"]
    assert (folder / "地区.csv").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in small_disk.iterdir()) == ["csv", "filler"]


def test_exports_and_briefs_print_the_check_code(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    code, out, _err = run(db, "export", "-o", tmp_path / "a.xlsx", capsys=capsys)
    assert code == 0
    printed = out.split("数据校验码：")[1].strip()
    sheet = load_workbook(tmp_path / "a.xlsx")["汇总"]
    assert ["数据校验码", printed] in [[c.value for c in row[:2]] for row in sheet.iter_rows()]
    run(db, "export", "--reference", "-o", tmp_path / "r.xlsx", capsys=capsys)
    notes = load_workbook(tmp_path / "r.xlsx")["说明"]
    assert ["数据校验码", printed] in [[c.value for c in row[:2]] for row in notes.iter_rows()]
    assert run(db, "check", "--anchor", printed, capsys=capsys)[0] == 0
    run(db, "brief", "--year", "2017", "-o", tmp_path / "b.docx", capsys=capsys)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "b.docx")).paragraphs)
    assert f"数据校验码 {printed}" in text
