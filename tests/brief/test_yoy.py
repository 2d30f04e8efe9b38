"""同比 in 一、总体情况 (DESIGN §6): each key figure against the same span of the previous year,
evaluated as of that span's end; nothing said when the previous year holds no data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.brief.summary import overview
from pairtrack.tracker.brief.yoy import change, previous_period, year_before
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.tracker.records import PairingRecord
from tests.brief.conftest import needs_pdftotext, options, pdf_bytes, pdftotext_body

LATER = date(2030, 1, 1)
YEAR = Period.year(2017)


@pytest.fixture
def ledger(db_target: Path) -> Iterator[Ledger]:
    ledger = Ledger.open(db_target)
    ledger.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    yield ledger
    ledger.close()


@pytest.fixture
def pairing(ledger: Ledger) -> PairingRecord:
    helper = ledger.regions.create(
        name="廊坊开发区", province="河北省", city="廊坊市", level="zone"
    )
    assisted = ledger.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county"
    )
    return ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province",
        start_year=2016, end_year=2020,
    )  # fmt: skip


def fund(ledger: Ledger, p: PairingRecord, wan: str, allocated: str, arrived: str | None) -> None:
    ledger.funds.create(
        pairing_id=p.id, budget_year=int(allocated[:4]), kind="fiscal", amount_fen=wan,
        purpose="财政帮扶资金", allocated_on=allocated, arrived_on=arrived,
    )  # fmt: skip


def cadre(
    ledger: Ledger, p: PairingRecord, category: str, start: str, returned: str | None
) -> None:
    ledger.cadres.create(
        pairing_id=p.id, person_name="王伟", direction="to_assisted", category=category,
        start_on=start, returned_on=returned,
    )  # fmt: skip


def training(ledger: Ledger, p: PairingRecord, start: str, end: str, completed: int) -> None:
    ledger.trainings.create(
        pairing_id=p.id, title=f"培训{start}", category="vocational", quota=50,
        enrolled=completed, completed=completed, start_on=start, end_on=end,
    )  # fmt: skip


def two_years(ledger: Ledger, p: PairingRecord) -> None:
    """2016 and 2017, with figures whose changes are worked out by hand below."""
    fund(ledger, p, "800万", "2016-03-01", "2016-03-20")  # arrived 2016
    fund(ledger, p, "200万", "2016-11-01", "2017-01-10")  # allocated 2016, arrived 2017
    fund(ledger, p, "700万", "2017-04-01", "2017-04-15")
    cadre(ledger, p, "party_gov", "2016-01-01", "2016-12-31")  # A: 2016
    cadre(ledger, p, "party_gov", "2016-06-01", "2017-03-01")  # B: 2016 and 2017
    cadre(ledger, p, "party_gov", "2017-05-01", None)  # C: 2017
    cadre(ledger, p, "party_gov", "2017-06-01", None)  # D: 2017
    cadre(ledger, p, "teacher", "2016-02-01", "2016-08-01")  # E: 2016 only
    training(ledger, p, "2016-05-01", "2016-06-30", 40)
    training(ledger, p, "2017-05-01", "2017-06-30", 30)
    ledger.agreements.create(
        pairing_id=p.id, title="产业合作协议", category="industry", status="signed",
        signed_on="2017-03-01",
    )  # fmt: skip
    ledger.targets.create(pairing_id=p.id, year=2017, indicator="fiscal_funds", value="1000万")


# Worked out by hand from ``two_years``:
# allocated 700万 (2017) against 800万 + 200万 (2016): −30.0 %;
# fiscal arrived 200万 + 700万 = 900万 against 800万: +12.5 %;
# party cadres in post B, C, D against A, B: 3 against 2, +50.0 %;
# professionals 0 against E: 「上年同期为1人」; training seats 50 against 50: 持平;
# completed 30 against 40: −25.0 %; one agreement against none: 「上年同期无此项」;
# social funds and cadres received: nothing in either year, so nothing is said.
EXPECTED = (
    "2017年，拨付帮扶资金700万元，同比减少30.0%；"
    "到位财政援助资金900万元，完成年度目标1000万元的90.0%，同比增长12.5%；"
    "到位社会帮扶资金0万元（未设年度目标）。"
    "选派党政干部3人（未设年度目标），同比增长50.0%；"
    "选派专业技术人才0人（未设年度目标），上年同期为1人；"
    "受援方来挂职跟岗0人（未设年度目标）。",
    "开班培训项目1期，培训名额50人次（未设年度目标），与上年同期持平；"
    "培训结业30人次（未设年度目标），同比减少25.0%。"
    "签订合作协议1个（未设年度目标），上年同期无此项。",
)


def test_key_figures_against_the_same_period_last_year(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    two_years(ledger, pairing)
    data = build_brief(ledger, options(ledger, YEAR, today=LATER))
    assert data.previous is not None
    assert (data.previous.start, data.previous.end) == (date(2016, 1, 1), date(2016, 12, 31))
    assert data.previous.allocated == 1000 * 10**6
    paragraphs = overview(data)
    assert paragraphs[1].startswith(EXPECTED[0])
    assert paragraphs[2].startswith(EXPECTED[1])


@needs_pdftotext
def test_the_pdf_says_it(ledger: Ledger, pairing: PairingRecord, tmp_path: Path) -> None:
    two_years(ledger, pairing)
    text = re.sub(r"\s+", "", pdftotext_body(pdf_bytes(ledger, YEAR, today=LATER), tmp_path))
    for sentence in EXPECTED:
        assert sentence in text


@needs_pdftotext
def test_no_comparison_when_the_previous_year_has_no_data(demo: Ledger, tmp_path: Path) -> None:
    data = build_brief(demo, options(demo, Period.through_month(2017, 12)))
    assert data.previous is None  # the demo starts in 2017
    text = pdftotext_body(pdf_bytes(demo, Period.through_month(2017, 12)), tmp_path)
    assert "同比" not in text and "上年同期" not in text
    # 2018 has 济南's fiscal funds and the cadres still in post: compared with 2017
    text = re.sub(r"\s+", "", pdftotext_body(pdf_bytes(demo, Period.year(2018)), tmp_path))
    assert "拨付帮扶资金3.25亿元，同比减少13.0%" in text  # 3.25亿 against 3.73503亿
    assert "签订合作协议0个（未设年度目标），上年同期为26个" in text


def test_a_quarter_is_compared_with_the_same_quarter_as_of_its_end(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    """Point in time: records dated after the previous year's quarter never change the
    comparison; the same records do count in the comparison of their own quarter."""
    q2 = Period.quarter(2017, 2)
    fund(ledger, pairing, "100万", "2016-04-01", "2016-07-05")  # arrives after Q2 2016
    fund(ledger, pairing, "300万", "2016-05-01", "2016-05-10")
    fund(ledger, pairing, "360万", "2017-05-01", "2017-05-10")
    before = build_brief(ledger, options(ledger, q2, today=LATER)).previous
    assert before is not None
    assert before.actuals["fiscal_funds"] == 300 * 10**6  # the July arrival is not in Q2
    assert before.allocated == 400 * 10**6
    # dated after 30 June 2016: a return, an arrival, a new programme and agreement
    fund(ledger, pairing, "50万", "2016-07-01", "2016-07-02")
    cadre(ledger, pairing, "party_gov", "2016-08-01", None)
    training(ledger, pairing, "2016-09-01", "2016-09-30", 20)
    ledger.agreements.create(
        pairing_id=pairing.id, title="三季度协议", category="industry", status="signed",
        signed_on="2016-08-01",
    )  # fmt: skip
    again = build_brief(ledger, options(ledger, q2, today=LATER))
    assert again.previous == before
    assert "到位财政援助资金360万元（未设年度目标），同比增长20.0%" in overview(again)[1]
    q3 = build_brief(ledger, options(ledger, Period.quarter(2017, 3), today=LATER)).previous
    assert q3 is not None and q3.actuals["fiscal_funds"] == 150 * 10**6
    assert q3.actuals["agreements_signed"] == 1 and q3.actuals["trained"] == 20


def test_a_running_period_is_compared_day_for_day(ledger: Ledger, pairing: PairingRecord) -> None:
    fund(ledger, pairing, "100万", "2016-03-01", "2016-03-10")
    fund(ledger, pairing, "900万", "2016-09-01", "2016-09-10")  # after 15 May 2016
    fund(ledger, pairing, "150万", "2017-04-01", "2017-04-10")
    data = build_brief(ledger, options(ledger, YEAR, today=date(2017, 5, 15)))
    assert data.previous is not None and data.previous.end == date(2016, 5, 15)
    assert data.previous.actuals["fiscal_funds"] == 100 * 10**6
    assert "同比增长50.0%" in overview(data)[1]


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (date(2017, 6, 30), date(2016, 6, 30)),
        (date(2017, 2, 28), date(2016, 2, 29)),  # the last day of February stays the last
        (date(2016, 2, 29), date(2015, 2, 28)),
        (date(2017, 3, 15), date(2016, 3, 15)),
    ],
)
def test_year_before(day: date, before: date) -> None:
    assert year_before(day) == before


def test_previous_period_of_a_month_to_date() -> None:
    february = Period.through_month(2017, 2)
    assert previous_period(february, LATER) == Period(
        date(2016, 1, 1), date(2016, 2, 29), "2016年同期"
    )


@pytest.mark.parametrize(
    ("now", "then", "clause"),
    [
        (900, 800, "，同比增长12.5%"),
        (600, 800, "，同比减少25.0%"),
        (800, 800, "，与上年同期持平"),
        (100_001, 100_000, "，与上年同期基本持平"),
        (5, 0, "，上年同期无此项"),
        (0, 7, "，上年同期为7人"),
        (0, 0, ""),
    ],
)
def test_change_wording(now: int, then: int, clause: str) -> None:
    assert change(now, then, f"{then}人") == clause
