"""表1-2 per pairing (DESIGN §6 "a table per pairing"): each pairing's target, actual and
completion, adding up to table 1, in the PDF and the Word copy alike; and 表2's 未到位."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from pairtrack.tracker.brief import build_brief, render_docx
from pairtrack.tracker.brief.blocks import Table
from pairtrack.tracker.brief.data import BriefData
from pairtrack.tracker.brief.pairings import BREAKDOWN_INDICATORS, ROW_NAMES
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.formatting import format_share, format_value
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from tests.brief.conftest import needs_pdftotext, options, pdf_bytes, pdftotext, pdftotext_body

YEAR_TO_DEC = Period.through_month(2017, 12)
LATER = date(2030, 1, 1)
VALUE = r"(?:[\d,]+(?:\.\d+)?%?|—)"
ROW = re.compile(
    rf"(?:^|\s)({'|'.join(ROW_NAMES)})((?:\s+{VALUE}){{{len(BREAKDOWN_INDICATORS)}}})\s*$"
)


def table_of(data: BriefData, first_header: str) -> Table:
    return next(
        b for b in compose(data).blocks if isinstance(b, Table) and b.headers[0] == first_header
    )


def pairing_table(data: BriefData) -> Table:
    table = table_of(data, "结对关系")
    assert table.headers[1] == "项目"
    return table


def table1_cells(data: BriefData) -> list[tuple[str, ...]]:
    """The 合计 rows as table 1 states them: target, actual, completion."""
    shown = [p for p in data.progress if p.indicator.key in BREAKDOWN_INDICATORS]
    return [
        tuple(format_value(p.indicator, p.target) for p in shown),
        tuple(format_value(p.indicator, p.actual) for p in shown),
        tuple(format_share(p.completion) for p in shown),
    ]


def test_pairings_add_up_to_table_1(demo: Ledger) -> None:
    data = build_brief(demo, options(demo, YEAR_TO_DEC))
    assert len(data.by_pairing) == len(data.pairing_labels) == 8
    whole = {p.indicator.key: p for p in data.progress}
    for n, key in enumerate(BREAKDOWN_INDICATORS):
        rows = [r.progress[n] for r in data.by_pairing]
        assert {r.indicator.key for r in rows} == {key}
        assert sum(r.actual for r in rows) == whole[key].actual
        assert sum(r.target or 0 for r in rows) == whole[key].target
    # one pairing by hand (pairtrack/tracker/demo/figures.py): 康保
    kangbao = next(r for r in data.by_pairing if r.pairing == "廊坊开发区→康保县")
    assert [(p.target, p.actual) for p in kangbao.progress] == [
        (3000 * 10**6, 3000 * 10**6),  # fiscal: three batches of the 3000万
        (50 * 10**6, 248 * 10**5),  # social: 12.2万 donation + 12.6万 crowdfunding
        (10, 10),  # party cadres sent
        (400, 329),  # completed: 271 vocational + 58 cadre training (委培 not ended)
        (4, 6),  # three named agreements and three more signed
    ]
    # the 合计 rows of the table are table 1's figures
    rows = pairing_table(data).rows
    assert [r[2:] for r in rows[-3:]] == table1_cells(data)
    assert rows[-3][0] == "合计" and [r[1] for r in rows[-3:]] == list(ROW_NAMES)


@needs_pdftotext
def test_the_pdf_prints_it(demo: Ledger, tmp_path: Path) -> None:
    data = build_brief(demo, options(demo, YEAR_TO_DEC))
    text = pdftotext_body(pdf_bytes(demo, YEAR_TO_DEC), tmp_path)
    start = text.index("表1-2")
    found = [
        (m.group(1), tuple(m.group(2).split()))
        for line in text[start : text.index("注：", start)].splitlines()
        if (m := ROW.search(line))
    ]
    assert [name for name, _ in found] == list(ROW_NAMES) * 9  # 8 pairings and 合计
    assert [values for _, values in found[-3:]] == table1_cells(data)
    assert [values for _, values in found] == [r[2:] for r in pairing_table(data).rows]
    assert "合计即表1的数字" in re.sub(r"\s+", "", text)


def test_the_word_copy_shows_the_same_table(demo: Ledger, tmp_path: Path) -> None:
    data = build_brief(demo, options(demo, YEAR_TO_DEC))
    out = tmp_path / "brief.docx"
    render_docx(data, out)
    block = pairing_table(data)
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[1].text == "项目")
    assert tuple(c.text for c in table.rows[0].cells) == block.headers
    rows = list(table.rows)[1:]
    assert len(rows) == len(block.rows)
    for n, (row, expected) in enumerate(zip(rows, block.rows, strict=True)):
        assert tuple(c.text for c in row.cells[1:]) == expected[1:]
        # the pairing is one cell over its three rows, and the three rows stay together
        first = row._tr.tc_lst[0]
        merge = first.tcPr.find(qn("w:vMerge"))
        assert merge is not None
        assert (merge.get(qn("w:val")) == "restart") == (n % 3 == 0)
        if n % 3 == 0:
            assert row.cells[0].text == expected[0]
        keep = row.cells[2].paragraphs[0].paragraph_format.keep_with_next
        # ... and the last pairing stays with the 合计, the 合计 with the 注 under it
        assert bool(keep) == (n % 3 != 2 or n in (len(rows) - 4, len(rows) - 1)), n


@pytest.fixture
def ledger(db_target: Path) -> Iterator[Ledger]:
    ledger = Ledger.open(db_target)
    ledger.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    yield ledger
    ledger.close()


@needs_pdftotext
def test_a_pairing_never_breaks_across_pages(ledger: Ledger, tmp_path: Path) -> None:
    helper = ledger.regions.create(name="济南市", province="山东省", city="济南市", level="city")
    for n in range(30):
        assisted = ledger.regions.create(name=f"受援县{n:02d}", province="甘肃省", level="county")
        pairing = ledger.pairings.create(
            helper_id=helper.id, assisted_id=assisted.id, programme="east_west", start_year=2017
        )
        ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="trained", value=10 + n)
    data = pdf_bytes(ledger, Period.year(2017), today=LATER)
    pages = pdftotext(data, tmp_path, layout=True).split("\f")
    per_page = [[m.group(1) for line in p.splitlines() if (m := ROW.search(line))] for p in pages]
    spread = [names for names in per_page if names]
    assert len(spread) >= 2  # the table does run over a page break
    for names in spread:
        assert names == list(ROW_NAMES) * (len(names) // 3)
    assert sum(len(names) for names in spread) == 3 * 31
    # the 合计 keeps a pairing with it, also when the table runs over three pages or more
    assert len(spread) >= 3 and len(spread[-1]) > 3


def test_no_table_for_one_pairing(demo: Ledger) -> None:
    pid, label = next(iter(demo.pairings.labels().items()))
    scope = Scope("pairing", label=f"结对：{label}", pairing_id=pid)
    data = build_brief(demo, options(demo, YEAR_TO_DEC, scope))
    assert data.by_pairing == []
    assert not any(
        isinstance(b, Table) and b.headers[:2] == ("结对关系", "项目") for b in compose(data).blocks
    )


# --- 表2: allocated, arrived, and not arrived by the period's end --------------------------


def funds(ledger: Ledger) -> None:
    helper = ledger.regions.create(name="三河市", province="河北省", city="廊坊市", level="county")
    assisted = ledger.regions.create(name="阳原县", province="河北省", level="county")
    pairing = ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    for wan, allocated, arrived in (
        ("100万", "2017-04-10", "2017-08-01"),  # arrives after Q2: not arrived on 30 June
        ("50万", "2017-05-01", "2017-05-10"),
    ):
        ledger.funds.create(
            pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=wan,
            purpose="财政帮扶资金", allocated_on=allocated, arrived_on=arrived,
        )  # fmt: skip


@needs_pdftotext
def test_not_arrived_is_judged_at_the_period_end(ledger: Ledger, tmp_path: Path) -> None:
    funds(ledger)
    q2 = Period.quarter(2017, 2)
    data = build_brief(ledger, options(ledger, q2, today=LATER))
    assert [(r.allocated, r.arrived, r.pending) for r in data.funds] == [
        (150 * 10**6, 50 * 10**6, 100 * 10**6)
    ]
    text = re.sub(r"\s+", "", pdftotext_body(pdf_bytes(ledger, q2, today=LATER), tmp_path))
    assert "本期拨付的资金中，截至2017年6月30日尚未到位100万元。" in text
    assert "三河市→阳原县财政援助资金150.0050.00100.00合计150.0050.00100.00" in text
    # the Word copy has the same column
    out = tmp_path / "q2.docx"
    render_docx(data, out)
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[1].text == "资金类别")
    assert [c.text for c in table.rows[0].cells][-1] == "未到位（万元）"
    assert [c.text for c in table.rows[-1].cells] == ["合计", "", "150.00", "50.00", "100.00"]
    # by the end of the year everything allocated has arrived
    year = Period.year(2017)
    text = re.sub(r"\s+", "", pdftotext_body(pdf_bytes(ledger, year, today=LATER), tmp_path))
    assert "本期拨付的资金截至2017年12月31日已全部到位。" in text
    assert "尚未到位100万元" not in text
