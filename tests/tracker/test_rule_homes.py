"""Each rule has one home, and every caller agrees with it.

A rule written twice drifts: the chart coloured a bar that the table did not call lagging, the
brief counted a cadre "in post at the period end" whom its own table of active cadres left out.
Each test here pins one rule at its boundary through its home *and* through a caller, so that a
second copy that disagrees, or a change made in one place only, fails here.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from reportlab.graphics.shapes import Rect  # type: ignore[import-untyped]
from sqlalchemy import update

import pairtrack.tracker.progress as progress_module
from pairtrack import tracker
from pairtrack.db.base import utc_now
from pairtrack.db.models import Pairing
from pairtrack.tracker.alerts import alerts
from pairtrack.tracker.brief.blocks import Chart, ChartBar, Para
from pairtrack.tracker.brief.chart import LAG, scale_top
from pairtrack.tracker.brief.chart import drawing as chart_drawing
from pairtrack.tracker.brief.chart import geometry as chart_geometry
from pairtrack.tracker.brief.chart import png as chart_png
from pairtrack.tracker.brief.data import BriefData, BriefOptions, build_brief
from pairtrack.tracker.brief.sections import indicator_blocks
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import FEN_PER_WAN
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import (
    LAG_MARGIN,
    IndicatorProgress,
    RowsBehind,
    actuals_by_pairing,
    is_lagging,
    progress,
)
from pairtrack.tracker.records import CadreExchangeRecord, PairingRecord
from pairtrack.tracker.scopes import scope_of_region

ISSUED = date(2017, 12, 5)
LATER = date(2030, 1, 1)  # "today", so that elapsed shares do not depend on the real date
WAN = FEN_PER_WAN  # amounts below read in 万元
TRACKER = Path(tracker.__file__).parent

# --- 1. the lag rule: tracker.progress.is_lagging ------------------------------------------

ELAPSED = Decimal("0.5")
AT_MARGIN = ELAPSED - Decimal("0.05")  # exactly five points behind: not yet lagging
JUST_BEHIND = AT_MARGIN - Decimal("0.0001")


def _row(completion: Decimal, elapsed: Decimal = ELAPSED) -> IndicatorProgress:
    # A target of 10000 makes ``actual`` the completion in ten-thousandths, exactly.
    return IndicatorProgress(INDICATORS[0], 10000, int(completion * 10000), elapsed)


def _chart(*completions: Decimal, elapsed: Decimal = ELAPSED) -> Chart:
    return Chart([ChartBar(f"指标{i}", c) for i, c in enumerate(completions)], elapsed)


def _pdf_bars_lagging(chart: Chart) -> list[bool]:
    drawn = chart_drawing(chart, 400, 200, "Helvetica")
    return [shape.fillColor == LAG for shape in drawn.contents if isinstance(shape, Rect)]


def _png_bars_lagging(chart: Chart) -> list[bool]:
    """Sample each bar low down (share 0.1), below any line drawn across it."""
    width, height, scale = 400.0, 200.0, 3
    image = Image.open(io.BytesIO(chart_png(chart, width, height, scale))).convert("RGB")
    g = chart_geometry(chart, width, height)
    slot = (g["right"] - g["left"]) / len(chart.bars)
    y = g["bottom"] + float(Decimal("0.1") / scale_top(chart)) * (g["top"] - g["bottom"])
    colours = [
        image.getpixel((int((g["left"] + (i + 0.5) * slot) * scale), int((height - y) * scale)))
        for i in range(len(chart.bars))
    ]
    assert set(colours) <= {(0xC0, 0x39, 0x2B), (0x4A, 0x78, 0xB5)}, colours
    return [colour == (0xC0, 0x39, 0x2B) for colour in colours]


def test_lagging_is_more_than_five_points_behind_the_elapsed_share() -> None:
    assert Decimal("0.05") == LAG_MARGIN
    assert not is_lagging(AT_MARGIN, ELAPSED)
    assert is_lagging(JUST_BEHIND, ELAPSED)
    assert not is_lagging(None, ELAPSED)  # no target: nothing to lag behind
    assert [_row(c).lagging for c in (AT_MARGIN, JUST_BEHIND)] == [False, True]
    assert [_row(c).status for c in (AT_MARGIN, JUST_BEHIND)] == ["正常", "滞后"]


def test_both_chart_renderers_colour_exactly_the_lagging_rows() -> None:
    completions = (AT_MARGIN, JUST_BEHIND, Decimal("0.3"), Decimal("1.3"))
    expected = [_row(c).lagging for c in completions]
    assert expected == [False, True, True, False]
    assert _pdf_bars_lagging(_chart(*completions)) == expected
    assert _png_bars_lagging(_chart(*completions)) == expected


def test_the_charts_follow_the_margin_wherever_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    # Were a renderer to keep its own 0.05, this bar (ten points behind) would disagree.
    monkeypatch.setattr(progress_module, "LAG_MARGIN", Decimal("0.2"))
    ten_behind = ELAPSED - Decimal("0.1")
    assert not _row(ten_behind).lagging
    assert _pdf_bars_lagging(_chart(ten_behind)) == [False]
    assert _png_bars_lagging(_chart(ten_behind)) == [False]


def test_the_brief_note_states_the_margin(ledger: Ledger) -> None:
    data = build_brief(ledger, BriefOptions(Period.year(2017), Scope.everything(), "", ISSUED))
    notes = [b.text for b in indicator_blocks(data) if isinstance(b, Para)]
    assert any("低于序时进度5个百分点以上" in n for n in notes), notes


# --- 2. a cadre "active in the period" (在岗): tracker.as_of.cadre_active -------------------

CADRES = {  # name: (start, planned end, returned, direction, category)
    "全年在岗": ("2017-01-01", "2017-12-31", None, "to_assisted", "party_gov"),
    "末日返回": ("2017-03-01", "2018-02-28", "2017-12-31", "to_assisted", "teacher"),
    "逾期后返回": ("2017-03-01", "2017-06-30", "2018-01-15", "to_assisted", "party_gov"),
    "去年结束": ("2016-01-01", "2016-12-31", None, "to_assisted", "party_gov"),
    "明年开始": ("2018-01-01", None, None, "to_assisted", "doctor"),
    "年中返回": ("2017-02-01", "2017-12-31", "2017-06-30", "to_assisted", "party_gov"),
    "末日开始": ("2017-12-31", None, None, "to_assisted", "agri_tech"),
    "来访跟岗": ("2017-05-01", "2017-05-31", None, "to_helper", "other_pro"),
    "未定结束": ("2015-06-01", None, None, "to_helper", "party_gov"),
}


def _active(c: CadreExchangeRecord, start: date, end: date) -> bool:
    """The rule written out in Python as the oracle: began by the end, and no return recorded
    before the start (a planned end that passed without a recorded return does not end it)."""
    return c.start_on <= end and (c.returned_on is None or c.returned_on >= start)


@pytest.fixture
def cadres(ledger: Ledger, pairing: PairingRecord) -> list[CadreExchangeRecord]:
    for name, (start, end, back, direction, category) in CADRES.items():
        ledger.cadres.create(
            pairing_id=pairing.id, person_name=name, start_on=start, end_on=end,
            returned_on=back, direction=direction, category=category,
        )  # fmt: skip
    return ledger.cadres.list()


def _brief(ledger: Ledger, period: Period, scope: Scope | None = None) -> BriefData:
    options = BriefOptions(period, scope or Scope.everything(), "", ISSUED, today=LATER)
    return build_brief(ledger, options)


@pytest.mark.parametrize(
    "period",
    [
        Period.year(2017),
        Period.between(date(2017, 12, 31), date(2017, 12, 31)),
        Period.between(date(2017, 1, 1), date(2017, 1, 1)),
        Period.quarter(2018, 1),
        Period.through_month(2017, 6),
    ],
    ids=lambda p: p.label,
)
def test_every_caller_counts_the_same_active_cadres(
    ledger: Ledger, cadres: list[CadreExchangeRecord], period: Period
) -> None:
    active = {c.id for c in cadres if _active(c, period.start, period.end)}
    by_key = {r.indicator.key: r.actual for r in progress(ledger, period)}
    sent = {c.id for c in cadres if c.id in active and c.direction == "to_assisted"}
    assert by_key["cadres_sent"] + by_key["professionals_sent"] == len(sent)
    assert by_key["cadres_received"] == len(active - sent)
    assert sum(r.count for r in _brief(ledger, period).cadres) == len(active)


@pytest.mark.parametrize("year", [2016, 2017, 2018])
def test_the_cadre_page_year_filter_is_the_same_rule(
    ledger: Ledger, cadres: list[CadreExchangeRecord], year: int
) -> None:
    active = {c.id for c in cadres if _active(c, date(year, 1, 1), date(year, 12, 31))}
    assert {c.id for c in ledger.cadres.list(year=year)} == active


def test_in_post_at_the_end_is_active_on_the_last_day(
    ledger: Ledger, cadres: list[CadreExchangeRecord]
) -> None:
    year = _brief(ledger, Period.year(2017))
    last_day = Period.between(date(2017, 12, 31), date(2017, 12, 31))
    on_last_day = {c.id for c in _brief(ledger, last_day).seconded}
    in_post = {c.person_name for c in year.seconded}
    assert {c.id for c in year.seconded} == on_last_day
    # Back on the last day or back late after the plan ran out: still in post that day; so is
    # 去年结束, whose planned end passed in 2016 with no return recorded (also 未登记返回).
    assert in_post == {"全年在岗", "末日返回", "逾期后返回", "末日开始", "去年结束"}
    assert year.seconded_total == len(in_post)
    active = {c.person_name for c in cadres if _active(c, date(2017, 1, 1), date(2017, 12, 31))}
    assert in_post <= active  # the brief cannot list someone in post whom it did not count


# --- 3. which rows count: tracker.periods.live_in_scope -----------------------------------


def _deliveries(ledger: Ledger, pairing: str) -> dict[str, str]:
    """One row behind each figure and each alert, in ``pairing``; kind → id."""
    made = {
        "fund": ledger.funds.create(
            pairing_id=pairing, budget_year=2017, kind="fiscal", amount_fen="10万",
            purpose="产业项目", allocated_on="2017-03-01", arrived_on="2017-03-10",
        ).id,
        "late_fund": ledger.funds.create(
            pairing_id=pairing, budget_year=2017, kind="fiscal", amount_fen="20万",
            purpose="道路", allocated_on="2017-01-10",
        ).id,
        "cadre": ledger.cadres.create(
            pairing_id=pairing, person_name="王伟", direction="to_assisted",
            category="party_gov", start_on="2017-01-01", end_on="2017-06-30",
        ).id,
        "intent": ledger.agreements.create(
            pairing_id=pairing, title="产业合作意向", category="industry", status="intent",
            start_on="2017-01-01",
        ).id,
        "signed": ledger.agreements.create(
            pairing_id=pairing, title="劳务协作协议", category="employment_training",
            status="signed", signed_on="2017-05-01",
        ).id,
        "target": ledger.targets.create(
            pairing_id=pairing, year=2017, indicator="fiscal_funds", value="100万"
        ).id,
    }  # fmt: skip
    gone = ledger.funds.create(
        pairing_id=pairing, budget_year=2017, kind="fiscal", amount_fen="999万",
        purpose="已删除", allocated_on="2017-02-01",
    )  # fmt: skip
    ledger.funds.delete(gone.id)  # a deleted row counts nowhere
    return made


@pytest.fixture
def scoped(ledger: Ledger) -> tuple[Scope, str, dict[str, str]]:
    """廊坊市 as helper: 开发区→康保 counts; 三河→阳原 is deleted; 济南→武隆 is elsewhere."""

    def region(name: str, city: str, level: str) -> str:
        return ledger.regions.create(name=name, province="河北省", city=city, level=level).id

    langfang = ledger.regions.get(region("廊坊市", "廊坊市", "city"))
    pairings = {
        name: ledger.pairings.create(
            helper_id=region(helper, city, "zone"), assisted_id=region(assisted, "", "county"),
            programme="in_province", start_year=2017,
        ).id
        for name, helper, city, assisted in (
            ("in", "廊坊开发区", "廊坊市", "康保县"),
            ("deleted", "三河市", "廊坊市", "阳原县"),
            ("elsewhere", "济南市", "济南市", "武隆区"),
        )
    }  # fmt: skip
    rows = {name: _deliveries(ledger, pid) for name, pid in pairings.items()}
    with ledger.write() as session:  # a deleted pairing whose rows were left live
        session.execute(
            update(Pairing).where(Pairing.id == pairings["deleted"]).values(deleted_at=utc_now())
        )
    return scope_of_region("helper", langfang), pairings["in"], rows["in"]


def test_every_caller_counts_live_rows_of_live_pairings_in_scope(
    ledger: Ledger, scoped: tuple[Scope, str, dict[str, str]]
) -> None:
    scope, pairing, rows = scoped
    year = Period.year(2017)
    by_key = {r.indicator.key: r for r in progress(ledger, year, scope, LATER)}
    assert (by_key["fiscal_funds"].target, by_key["fiscal_funds"].actual) == (100 * WAN, 10 * WAN)
    assert by_key["cadres_sent"].actual == by_key["agreements_signed"].actual == 1
    fiscal = INDICATORS[0]
    assert actuals_by_pairing(ledger, fiscal, year, scope) == {pairing: 10 * WAN}
    behind = RowsBehind(fiscal, year, scope)
    assert [r.id for r in ledger.funds.list(behind=behind)] == [rows["fund"]]

    found = {a.kind: a.row_ids for a in alerts(ledger, year, scope, LATER)}
    assert found == {
        "lagging": (),
        "funds_not_arrived": (rows["late_fund"],),
        "cadre_overdue": (rows["cadre"],),
        "intent_unsigned": (rows["intent"],),
    }

    data = _brief(ledger, year, scope)
    assert list(data.pairing_labels) == [pairing]
    assert [(f.kind, f.allocated, f.arrived) for f in data.funds] == [
        ("fiscal", 30 * WAN, 10 * WAN)
    ]
    assert sum(r.count for r in data.cadres) == 1
    assert [a.id for a in data.signed] == [rows["signed"]]
    assert {r.first: r.count for r in data.statuses} == {"intent": 1, "signed": 1}

    grid = ledger.targets.grid(2017, scope)
    assert [pid for pid, _label in grid.pairings] == [pairing]
    assert grid.values == {(pairing, "fiscal_funds"): 100 * WAN}
