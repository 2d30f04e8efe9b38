"""``import --valid-only``: the rejected-rows workbook is written before the import commits (a
workbook that cannot be written imports nothing), keeps the original headers and adds
原工作表 / 原行号 / 原因, neutralises text, shows dates, and imports back as it is once fixed."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pairtrack.db.models import ImportBatch
from pairtrack.tracker import cli
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange import ledger_rejected
from pairtrack.tracker.exchange.columns import DATE_FORMAT
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.exchange.ledger_rejected import REJECTED_HEADERS
from pairtrack.tracker.exchange.template import export_template
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.cli.test_cli import pairtrack
from tests.exchange.conftest import snapshot

HOSTILE = "=cmd|' /C calc'!A0"
GOOD = {"结对关系": "廊坊开发区→康保县", "资金年度": 2017, "资金类别": "财政援助资金",
        "金额（万元）": "12.6万", "用途/项目": "好的一行", "拨付日期": date(2017, 3, 1)}  # fmt: skip
BAD = {**GOOD, "金额（万元）": "十二万", "用途/项目": "坏金额", "备注": HOSTILE,
       "拨付日期": date(2017, 4, 1)}  # fmt: skip


def workbook_with(ledger: Ledger, path: Path, rows: list[dict[str, Any]]) -> Path:
    """The exported template with these rows on 帮扶资金; text cells stay text (a ``=`` too)."""
    export_template(ledger, path)
    book = load_workbook(path)
    ws = book["帮扶资金"]
    headers = [c.value for c in ws[1]]
    for row in rows:
        number = ws.max_row + 1
        for header, value in row.items():
            cell = ws.cell(number, headers.index(header) + 1, value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed text, not a formula
    book.save(path)
    return path


def batches(ledger: Ledger) -> int:
    with ledger.read() as session:
        return int(session.scalar(select(func.count()).select_from(ImportBatch)) or 0)


def test_rejected_workbook_round_trip(demo: Ledger, tmp_path: Path) -> None:
    path = workbook_with(demo, tmp_path / "台账.xlsx", [GOOD, BAD])
    before = demo.funds.count()
    report = import_ledger(demo, path, valid_only=True)
    assert report.committed and demo.funds.count() == before + 1
    assert report.rejected_path == tmp_path / "台账-未导入.xlsx"

    book = load_workbook(report.rejected_path)
    ws = book["帮扶资金"]
    original = [c.value for c in load_workbook(path)["帮扶资金"][1]]
    headers = [c.value for c in ws[1]]
    assert headers == [*original, *REJECTED_HEADERS]
    assert ws.max_row == 2
    cell = {h: c for h, c in zip(headers, ws[2], strict=True)}
    assert (cell["原工作表"].value, cell["原行号"].value) == ("帮扶资金", 3)
    assert "金额" in cell["原因"].value and "十二万" in cell["原因"].value
    # the user's text stays text: quoted, never a live formula
    assert cell["备注"].data_type == "s" and cell["备注"].value == "'" + HOSTILE
    # a date, shown as one: a date format and a column wide enough for it (no ###)
    assert cell["拨付日期"].value == datetime(2017, 4, 1)
    assert cell["拨付日期"].number_format == DATE_FORMAT
    letter = cell["拨付日期"].column_letter
    assert ws.column_dimensions[letter].width >= len("2017-04-01") + 1

    cell["金额（万元）"].value = "12万"  # the fix, and nothing else
    book.save(report.rejected_path)
    again = import_ledger(demo, report.rejected_path)
    assert again.committed and not again.problems and again.rejected_path is None
    assert demo.funds.count() == before + 2
    fixed = demo.funds.list(text="坏金额")
    assert [(f.amount_fen, f.note, f.allocated_on) for f in fixed] == [
        (12_0000_00, HOSTILE, date(2017, 4, 1))
    ]
    assert [f.amount_fen for f in demo.funds.list(text="好的一行")] == [12_6000_00]
    assert run_checks(demo) == []


def test_an_existing_rejected_workbook_is_never_replaced(demo: Ledger, tmp_path: Path) -> None:
    path = workbook_with(demo, tmp_path / "台账.xlsx", [GOOD, BAD])
    taken = tmp_path / "台账-未导入.xlsx"
    taken.write_bytes(b"the user's own file")
    report = import_ledger(demo, path, valid_only=True)
    assert report.rejected_path == tmp_path / "台账-未导入(2).xlsx"
    assert taken.read_bytes() == b"the user's own file"
    assert load_workbook(report.rejected_path)["帮扶资金"].max_row == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == [
        "台账-未导入(2).xlsx",
        "台账-未导入.xlsx",
        "台账.xlsx",
    ]  # no temporary file left behind


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "没有写入权限"),  # open in Excel
        (OSError(errno.EROFS, "Read-only file system"), "所在的磁盘或文件夹是只读的"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    ],
)
def test_an_unwritable_rejected_workbook_imports_nothing(
    demo: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: OSError, said: str
) -> None:
    """The import is rolled back, not half done, and the message says why in Chinese."""
    path = workbook_with(demo, tmp_path / "台账.xlsx", [GOOD, BAD])
    snap, imports = snapshot(demo), batches(demo)

    def cannot_write(temporary: Path, target: Path) -> Path:
        raise problem

    monkeypatch.setattr(ledger_rejected, "_move_to_free_name", cannot_write)
    with pytest.raises(PairTrackError, match=rf"台账-未导入\.xlsx」：{said}.*未导入任何内容"):
        import_ledger(demo, path, valid_only=True)
    assert snapshot(demo) == snap and batches(demo) == imports
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["台账.xlsx"]

    # the command line says so in one line and exits 1
    code = cli.run(["--db", str(engines.target_of(demo)), "import", str(path), "--valid-only"])
    assert code == 1
    assert snapshot(demo) == snap and batches(demo) == imports


def test_read_only_folder_via_the_command(demo: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    path = workbook_with(demo, folder / "台账.xlsx", [GOOD, BAD])
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write to a read-only folder (root)")
        snap, imports = snapshot(demo), batches(demo)
        result = pairtrack("--db", engines.target_of(demo), "import", path, "--valid-only")
        assert result.returncode == 1
        assert "台账-未导入.xlsx" in result.stderr and "未导入任何内容" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(demo) == snap and batches(demo) == imports
    finally:
        folder.chmod(0o700)
