"""The rejected rows of an office's own ledger (not the template) come back as they are once
fixed: what a row took from its section row (交流方向, 资金类别) or from ``--pairing`` is
written out in columns of its own, money headers say the unit the cells are in, and the
workbook imports with no pairing and no mapping given. If it cannot be written, nothing is
imported."""

from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pairtrack.tracker import cli
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange import ledger_rejected
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.exchange.ledger_rejected import REJECTED_HEADERS
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.exchange.conftest import snapshot
from tests.exchange.ledger_helpers import PAIRING, Added, pairing_id
from tests.exchange.ledger_shapes import cadres_ledger, funds_in_yuan_ledger
from tests.exchange.test_rejected import batches


def cadres_with_a_bad_row(path: Path) -> Path:
    """The cadres ledger where 钱某 (a 来访跟岗 row, by its section) ends before starting."""
    cadres_ledger(path)
    book = load_workbook(path)
    sheet = book["干部挂职"]
    assert sheet["B8"].value == "钱某"
    sheet["I8"] = "2017-03-01"  # starts 2017-04-01
    book.save(path)
    return path


def cells_by_header(path: Path, title: str) -> tuple[list[str], list[dict[str, object]]]:
    sheet = load_workbook(path)[title]
    rows = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in rows[0]]
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def test_cadres_rejected_round_trip(demo: Ledger, tmp_path: Path) -> None:
    path = cadres_with_a_bad_row(tmp_path / "干部.xlsx")
    added = Added(demo)
    report = import_ledger(demo, path, pairing=PAIRING, valid_only=True)
    assert report.committed and len(added.rows("cadre_exchange")) == 4
    assert [(p.row, p.column) for p in report.problems] == [(8, "挂职时间止")]
    assert report.rejected_path == tmp_path / "干部-未导入.xlsx"

    headers, rows = cells_by_header(report.rejected_path, "干部挂职")
    # the sheet's own columns under their fields' names, then what the row took from its
    # section and from --pairing, then where it was and why
    assert headers == [
        "序号", "姓名", "性别", "人员类别", "派出单位", "接收单位", "挂职岗位", "开始日期",
        "计划结束日期", "结对关系", "交流方向", *REJECTED_HEADERS,
    ]  # fmt: skip
    [row] = rows
    assert (row["姓名"], row["交流方向"]) == ("钱某", "来访跟岗")
    assert row["结对关系"] in (PAIRING, pairing_id(demo))  # the id for now: see below
    assert (row["原工作表"], row["原行号"]) == ("干部挂职", 8)
    assert "结束" in str(row["原因"]) and "开始" in str(row["原因"])

    book = load_workbook(report.rejected_path)
    sheet = book["干部挂职"]
    sheet.cell(2, headers.index("计划结束日期") + 1).value = "2017-10-01"  # the fix, only
    book.save(report.rejected_path)

    added = Added(demo)
    again = import_ledger(demo, report.rejected_path)  # no pairing, no mapping
    assert again.committed and not again.problems and again.rejected_path is None
    [back] = added.rows("cadre_exchange")
    assert (back["person_name"], back["direction"], back["category"]) == (
        "钱某",
        "to_helper",
        "party_gov",
    )
    assert (back["start_on"], back["end_on"]) == (date(2017, 4, 1), date(2017, 10, 1))
    assert back["pairing_id"] == pairing_id(demo)
    assert (back["home_unit"], back["host_unit"], back["post"]) == (
        "康保县发改局",
        "廊坊开发区经发局",
        "副局长",
    )
    assert run_checks(demo) == []


def test_amounts_in_yuan_round_trip_in_yuan(demo: Ledger, tmp_path: Path) -> None:
    """A 金额（元） ledger's rejected row keeps its amount in 元 under a header that says 元:
    800 read back is still 800 元, not 800 万元."""
    path = tmp_path / "捐赠.xlsx"
    funds_in_yuan_ledger(path)
    book = load_workbook(path)
    book["社会捐赠"]["F4"] = "2017-05-01"  # arrived before it was allocated (2017-06-01)
    book.save(path)

    report = import_ledger(demo, path, pairing=PAIRING, valid_only=True)
    assert report.committed and [p.row for p in report.problems] == [4]
    assert report.rejected_path is not None
    headers, [row] = cells_by_header(report.rejected_path, "社会捐赠")
    assert "金额（元）" in headers and row["金额（元）"] == 800
    assert row["资金类别"] == "社会帮扶资金"
    assert row["结对关系"] in (PAIRING, pairing_id(demo))

    book = load_workbook(report.rejected_path)
    book["社会捐赠"].cell(2, headers.index("到位日期") + 1).value = "2017-06-05"
    book.save(report.rejected_path)
    added = Added(demo)
    again = import_ledger(demo, report.rejected_path)
    assert again.committed and not again.problems
    [back] = added.rows("fund_transfer")
    assert (back["amount_fen"], back["kind"], back["donor"]) == (
        800_00,
        "social",
        "某某商贸有限公司",
    )
    assert back["pairing_id"] == pairing_id(demo)


def test_an_unwritable_rejected_workbook_imports_nothing_from_an_office_layout(
    demo: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = cadres_with_a_bad_row(tmp_path / "干部.xlsx")
    snap, imports = snapshot(demo), batches(demo)

    def cannot_write(temporary: Path, target: Path) -> Path:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ledger_rejected, "_move_to_free_name", cannot_write)
    with pytest.raises(PairTrackError, match=r"干部-未导入\.xlsx.*只读.*未导入任何内容"):
        import_ledger(demo, path, pairing=PAIRING, valid_only=True)
    assert snapshot(demo) == snap and batches(demo) == imports

    code = cli.run(
        [
            "--db",
            str(engines.target_of(demo)),
            "import",
            str(path),
            "--valid-only",
            "--pairing",
            PAIRING,
        ]
    )
    assert code == 1
    assert snapshot(demo) == snap and batches(demo) == imports
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["干部.xlsx"]


def test_the_default_pairing_is_written_as_people_write_it(demo: Ledger, tmp_path: Path) -> None:
    path = cadres_with_a_bad_row(tmp_path / "干部.xlsx")
    report = import_ledger(demo, path, pairing=PAIRING, valid_only=True)
    assert report.rejected_path is not None
    _headers, [row] = cells_by_header(report.rejected_path, "干部挂职")
    assert row["结对关系"] == PAIRING
