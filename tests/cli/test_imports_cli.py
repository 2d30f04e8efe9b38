"""``pairtrack import … [--again]`` and ``pairtrack imports [--undo ID]``, run as users run them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.cli.test_cli import pairtrack

HEADERS = ["结对关系", "资金年度", "资金类别", "金额（万元）", "用途/项目", "拨付日期", "到位日期",
           "凭证号"]  # fmt: skip


def funds_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "帮扶资金"
    sheet.append(HEADERS)
    row = ["廊坊开发区→康保县", 2017, "财政援助资金", 9178, "耕地指标款（补录）", date(2017, 7, 1),
           date(2017, 7, 5)]  # fmt: skip
    sheet.append([*row, "KB-1"])
    sheet.append([*row, "KB-1"])  # the same payment typed twice
    book.save(path)
    return path


def fiscal_funds(db: Path) -> str:
    """The 财政援助资金 line of the summary: it counts arrived fiscal funds."""
    result = pairtrack("--db", db, "summary", "--year", "2017", "--helper", "廊坊市")
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("财政援助资金"))


def test_import_again_refused_then_listed_and_undone(tmp_path: Path, new_db: Any) -> None:
    db = new_db("office.db", migrated=False)
    assert pairtrack("--db", db, "demo").returncode == 0
    path = funds_workbook(tmp_path / "补录.xlsx")
    before = fiscal_funds(db)

    first = pairtrack("--db", db, "import", path)
    assert first.returncode == 0, first.stderr
    assert "疑似重复 1 行" in first.stdout and "「帮扶资金」第 3 行" in first.stdout
    assert "pairtrack imports --undo 1" in first.stdout
    imported = fiscal_funds(db)
    assert imported != before

    second = pairtrack("--db", db, "import", path)
    assert second.returncode == 1
    assert "已于" in second.stderr and "--again" in second.stderr
    assert "Traceback" not in second.stderr
    assert fiscal_funds(db) == imported

    dry = pairtrack("--db", db, "import", path, "--dry-run")
    assert dry.returncode == 0 and "实际导入时将被拒绝" in dry.stdout

    again = pairtrack("--db", db, "import", path, "--again")
    assert again.returncode == 0, again.stderr
    assert "疑似重复 2 行" in again.stdout  # both rows match what the first import created
    assert fiscal_funds(db) == imported

    listed = pairtrack("--db", db, "imports")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:4] == ["编号", "时间", "操作人", "类型"]
    assert len(lines) == 4  # headers, rule, two imports (newest first)
    assert lines[2].split()[0] == "2" and lines[3].split()[0] == "1"
    assert "补录.xlsx" in lines[3] and "台账" in lines[3] and "新增 1" in lines[3]

    undone = pairtrack("--db", db, "imports", "--undo", "2")
    assert undone.returncode == 0, undone.stderr
    assert "已撤销导入编号 2" in undone.stdout
    undone = pairtrack("--db", db, "imports", "--undo", "1")
    assert undone.returncode == 0, undone.stderr
    assert "删除它新增的记录：帮扶资金 1 条" in undone.stdout
    assert fiscal_funds(db) == before
    assert pairtrack("--db", db, "check").returncode == 0

    twice = pairtrack("--db", db, "imports", "--undo", "1")
    assert twice.returncode == 1 and "撤销过" in twice.stderr
    missing = pairtrack("--db", db, "imports", "--undo", "99")
    assert missing.returncode == 1 and "没有编号为 99 的导入记录" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert pairtrack("--db", db, "imports", "--undo", "x").returncode == 2
