"""What the window's mapping step relies on in the reader: a header read at the row a person
chose (``layout.at_row``), a sheet turned to 不导入 left unread, and a default pairing kept with
a confirmed mapping that a pairing given later overrides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.importing import import_file
from pairtrack.tracker.exchange.layout import at_row, detect
from pairtrack.tracker.exchange.workbook import read_book
from pairtrack.tracker.ledger import Ledger
from tests.exchange.ledger_shapes import cadres_ledger, funds_ledger

KANGBAO = "廊坊开发区→康保县"


def pairing_id(ledger: Ledger, label: str) -> str:
    return next(pid for pid, text in ledger.pairings.labels().items() if text == label)


def test_at_row_reads_the_chosen_row_joining_a_second_header_row(tmp_path: Path) -> None:
    cadres_ledger(tmp_path / "干部.xlsx")
    (raw,) = read_book(tmp_path / "干部.xlsx")
    mapping = at_row(raw, 1, "cadre_exchange")
    assert (mapping.header_row, mapping.header_rows) == (1, 2)
    assert mapping.headers == detect(raw).headers
    assert mapping.targets == detect(raw).targets
    unread = at_row(raw, 1, None)  # no kind chosen yet: every column left unmapped
    assert unread.table is None and unread.targets == [None] * len(unread.headers)
    title = at_row(raw, 0, "cadre_exchange")  # the merged title row: one header, nothing known
    assert title.headers == ["廊坊开发区与康保县干部挂职交流情况统计表"]
    assert title.targets == [None]


def test_a_sheet_turned_off_is_not_read(demo: Ledger, tmp_path: Path) -> None:
    book = Workbook()
    for title in ("资金", "补录"):
        sheet = book.create_sheet(title)
        sheet.append(["项目名称", "资金类别", "金额", "拨付时间"])
        sheet.append([f"{title}的项目", "财政援助资金", 5, date(2017, 5, 1)])
    book.remove(book.worksheets[0])
    path = tmp_path / "两表.xlsx"
    book.save(path)
    raws = {raw.name: raw for raw in read_book(path)}
    found = detect(raws["补录"])
    off = replace(found, table=None, targets=[None] * len(found.headers))
    report = import_file(demo, path, dry_run=False, mappings={"补录": off}, pairing=KANGBAO)
    assert report.committed and report.changed == 1
    assert demo.funds.list(text="资金的项目") and not demo.funds.list(text="补录的项目")
    assert [str(s) for s in report.skipped] == ["「补录」：已选择不导入"]
    both = {"资金": off, "补录": off}
    with pytest.raises(PairTrackError, match="都选择了不导入"):
        import_file(demo, path, dry_run=True, mappings=both, pairing=KANGBAO)


def test_a_remembered_default_pairing_yields_to_one_given_now(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "资金台账.xlsx"
    expected = funds_ledger(path)
    (raw,) = read_book(path)
    kangbao = pairing_id(demo, "廊坊开发区→康保县")
    confirmed = replace(detect(raw), defaults={"pairing_id": kangbao})
    first = import_file(demo, path, dry_run=False, mappings={"资金台账": confirmed})
    assert first.committed and first.changed == expected.records
    assert "「资金台账」：表中没有结对关系列，各行记为上次确认的结对关系「廊坊开发区→康保县」" in [
        str(n) for n in first.notes
    ]
    # the same layout again (remembered, pairing included), for another pairing this time
    sanhe = "三河市→阳原县"
    again = import_file(demo, path, dry_run=False, again=True, pairing=sanhe)
    assert again.committed and again.changed == expected.records
    assert not any("上次确认" in str(n) for n in again.notes)
    labels = demo.pairings.labels()
    rows = demo.funds.list(text="医疗设备购置")
    assert sorted(labels[f.pairing_id] for f in rows) == sorted(["廊坊开发区→康保县", sanhe])
