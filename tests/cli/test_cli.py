"""The command line end to end, in a subprocess, as users and scripts run it (DESIGN §5)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import engines

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


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, db_engine: str) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("demo")
    with engines.database(db_engine, folder, "demo.db", migrated=False) as db:
        result = pairtrack("--db", db, "demo")
        assert result.returncode == 0, result.stderr
        assert "已装入演示数据" in result.stdout
        yield db


def summary_rows(stdout: str) -> dict[str, list[str]]:
    lines = stdout.splitlines()
    return {line.split()[0]: line.split()[1:] for line in lines[3:] if not line.startswith("滞后")}


def test_version_and_help() -> None:
    assert pairtrack("--version").stdout.startswith("PairTrack ")
    result = pairtrack("--help")
    assert result.returncode == 0
    for command in ("demo", "summary", "backup", "restore", "check"):
        assert command in result.stdout


def test_summary_of_demo_matches_published_langfang_figures(demo_db: Path) -> None:
    result = pairtrack("--db", demo_db, "summary", "--year", "2017", "--helper", "廊坊市")
    assert result.returncode == 0, result.stderr
    assert "2017年 · 帮扶方：廊坊市" in result.stdout
    rows = summary_rows(result.stdout)
    # 1.2 亿元 of fiscal funds = 12,000.00 万元, against a target of 12,500 万元
    assert rows["财政援助资金（到位）"][:4] == ["万元", "12,500.00", "12,000.00", "96.0%"]
    assert rows["选派党政干部"][:3] == ["人", "45", "44"]
    assert rows["培训名额"][2] == "2,760"
    assert "滞后指标 2 项：社会帮扶资金、完成培训" in result.stdout


def test_summary_year_to_date_marks_lagging(demo_db: Path) -> None:
    result = pairtrack("--db", demo_db, "summary", "--year", "2017", "--month", "11")
    assert result.returncode == 0
    rows = summary_rows(result.stdout)
    assert rows["财政援助资金（到位）"] == [
        "万元",
        "35,500.00",
        "28,383.00",
        "80.0%",
        "91.5%",
        "滞后",
    ]
    assert "截至2017年11月底 · 全部" in result.stdout


def test_summary_for_one_pairing_and_quarter(demo_db: Path) -> None:
    result = pairtrack("--db", demo_db, "summary", "--year", "2017", "--quarter", "4",
                       "--assisted", "康保县")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2017年第四季度 · 受援方：康保县" in result.stdout
    # the third fiscal batch (Oct) of 3000 万元 falls in Q4
    assert summary_rows(result.stdout)["财政援助资金（到位）"][2] != "0.00"


def test_check_passes_on_demo_then_finds_raw_edit(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    clean = pairtrack("--db", db, "check")
    assert clean.returncode == 0
    assert "未发现问题" in clean.stdout
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE fund_transfer SET amount_fen = amount_fen * 10 WHERE rowid = 1")
    broken = pairtrack("--db", db, "check")
    assert broken.returncode == 1
    assert "被程序之外的方式改动" in broken.stdout


def test_demo_twice_is_refused(demo_db: Path) -> None:
    result = pairtrack("--db", demo_db, "demo")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：数据库中已有数据")
    assert "Traceback" not in result.stderr


def test_bad_input_gives_one_chinese_line_and_exit_1(tmp_path: Path, demo_db: Path) -> None:
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello", encoding="utf-8")
    cases = [
        (("--db", not_db, "check"), "不是 SQLite 数据库文件"),
        (("--db", tmp_path / "no" / "dir.db", "check"), "不存在"),
        (("--db", demo_db, "summary", "--year", "2017", "--helper", "火星"), "找不到地区「火星」"),
        (("--db", demo_db, "summary", "--year", "2017", "--month", "13"), "月份应为 1–12"),
        (
            (
                "--db",
                demo_db,
                "summary",
                "--year",
                "2017",
                "--from",
                "2017-02-30",
                "--to",
                "2017-03-01",
            ),
            "日期不存在",
        ),
    ]
    if engines.is_server(demo_db):  # restored from a pg_dump archive, with pg_restore
        cases.append((("--db", demo_db, "restore", tmp_path / "missing.dump"), "找不到备份文件"))
        says = "不是 pg_dump 的备份文件" if shutil.which("pg_restore") else "找不到 PostgreSQL"
        cases.append((("--db", demo_db, "restore", not_db), says))
    else:
        cases.append((("--db", demo_db, "restore", tmp_path / "missing.db"), "找不到备份文件"))
        cases.append((("--db", demo_db, "restore", not_db), "不是 SQLite 数据库文件"))
    for args, message in cases:
        result = pairtrack(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not_db.read_text(encoding="utf-8") == "hello"


def test_usage_errors_exit_2(demo_db: Path) -> None:
    assert pairtrack("--db", demo_db, "summary").returncode == 2
    assert pairtrack("frobnicate").returncode == 2


def test_locked_database_is_reported_not_crashed(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert pairtrack("--db", db, "summary", "--year", "2017").returncode == 0
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = pairtrack("--db", db, "demo")
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert "占用" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    copy = tmp_path / "copy.db"
    result = pairtrack("--db", db, "backup", "-o", copy)
    assert result.returncode == 0 and copy.exists()
    assert pairtrack("--db", db, "backup", "-o", copy).returncode == 1  # never overwrites
    with sqlite3.connect(db) as conn:  # lose data behind the program's back
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM fund_transfer")
    restored = pairtrack("--db", db, "restore", copy)
    assert restored.returncode == 0, restored.stderr
    assert "恢复前的数据已备份到" in restored.stdout
    assert list((tmp_path / "backups").glob("t-replaced-*.db"))  # kept apart from the rotation
    assert pairtrack("--db", db, "check").returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM fund_transfer").fetchone()[0] == 153


def test_a_reader_that_stops_early_ends_the_command_quietly(demo_db: Path) -> None:
    """``pairtrack summary | head -1``: the pipe closes before the summary is written; the
    command ends with 0 and no error of its own (it said 无法访问文件「」：Broken pipe)."""
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "--db",
        str(demo_db),
        "summary",
        "--year",
        "2017",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    errors = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert errors == ""
