"""Progress against targets (DESIGN §3): a hand-computed example, periods, scopes, and the
published 廊坊 2017 figures in the demo data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import FEN_PER_WAN
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import IndicatorProgress, progress
from pairtrack.tracker.records import PairingRecord

WAN = FEN_PER_WAN  # amounts below read in 万元
LATER = date(2030, 1, 1)  # "today", so that elapsed shares do not depend on the real date
NOVEMBER = Period.through_month(2017, 11)


def by_key(rows: list[IndicatorProgress]) -> dict[str, IndicatorProgress]:
    return {row.indicator.key: row for row in rows}


def fund(ledger: Ledger, pairing: PairingRecord, kind: str, amount: str, arrived: str | None):
    allocated = arrived or "2017-10-01"
    return ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind=kind, amount_fen=amount,
        purpose=f"{kind} {amount}", allocated_on=allocated, arrived_on=arrived,
    )  # fmt: skip


def cadre(ledger: Ledger, pairing: PairingRecord, start: str, **extra: str) -> None:
    values = {"direction": "to_assisted", "category": "party_gov", **extra}
    ledger.cadres.create(pairing_id=pairing.id, person_name="王伟", start_on=start, **values)


@pytest.fixture
def example(ledger: Ledger, pairing: PairingRecord) -> PairingRecord:
    """One pairing with 2017 targets and the deliveries that count, or do not, against them."""
    for key, value in dict(
        fiscal_funds="1000万", trained=100, cadres_sent=4, training_quota=90, agreements_signed=1
    ).items():
        ledger.targets.create(pairing_id=pairing.id, year=2017, indicator=key, value=value)
    fund(ledger, pairing, "fiscal", "300万", "2017-03-10")  # Q1
    fund(ledger, pairing, "fiscal", "200万", "2017-08-15")
    fund(ledger, pairing, "fiscal", "150万", "2017-12-05")  # after 截至11月底
    fund(ledger, pairing, "social", "50万", "2017-06-01")  # social, not fiscal
    deleted = fund(ledger, pairing, "fiscal", "999万", "2017-05-01")
    ledger.funds.delete(deleted.id)  # deleted: ignored
    fund(ledger, pairing, "fiscal", "100万", None)  # allocated, not arrived: ignored

    cadre(ledger, pairing, "2017-03-01", end_on="2018-02-28")
    cadre(ledger, pairing, "2016-09-01", end_on="2017-08-31", returned_on="2017-06-30")
    cadre(ledger, pairing, "2017-10-10")  # no end yet: still there
    cadre(ledger, pairing, "2016-01-01", end_on="2016-12-31", returned_on="2016-12-31")  # back
    cadre(ledger, pairing, "2016-03-01", end_on="2017-12-31", returned_on="2016-12-20")
    cadre(ledger, pairing, "2017-04-01", category="teacher")  # a professional
    cadre(ledger, pairing, "2017-05-01", direction="to_helper")  # came to the helper side

    ledger.trainings.create(
        pairing_id=pairing.id, title="职业技能培训", category="vocational", quota=80,
        enrolled=70, completed=60, start_on="2017-05-08", end_on="2017-06-30",
    )  # fmt: skip
    ledger.agreements.create(
        pairing_id=pairing.id, title="就业合作协议", category="employment_training",
        status="signed", signed_on="2017-08-18",
    )  # fmt: skip
    ledger.agreements.create(
        pairing_id=pairing.id, title="产业合作意向", category="industry", status="intent"
    )
    return pairing


def test_through_november(ledger, example):
    rows = by_key(progress(ledger, NOVEMBER, today=LATER))
    elapsed = Decimal(334) / 365
    assert {row.elapsed for row in rows.values()} == {elapsed}

    fiscal = rows["fiscal_funds"]
    assert (fiscal.target, fiscal.actual) == (1000 * WAN, 500 * WAN)
    assert fiscal.completion == Decimal("0.5")
    assert (fiscal.lagging, fiscal.status) == (True, "滞后")

    cadres = rows["cadres_sent"]
    assert (cadres.target, cadres.actual, cadres.completion) == (4, 3, Decimal("0.75"))
    assert (cadres.lagging, cadres.status) == (True, "滞后")  # 0.75 < 334/365 − 0.05
    assert rows["professionals_sent"].actual == 1
    assert rows["cadres_received"].actual == 1

    social = rows["social_funds"]
    assert (social.target, social.actual, social.completion) == (None, 50 * WAN, None)
    assert (social.lagging, social.status) == (False, "未设目标")

    trained = rows["trained"]
    assert (trained.actual, trained.completion, trained.status) == (60, Decimal("0.6"), "滞后")
    # 80/90 ≈ 0.889 is behind 334/365 ≈ 0.915 but within the five points of slack
    quota = rows["training_quota"]
    assert (quota.actual, quota.lagging, quota.status) == (80, False, "正常")
    signed = rows["agreements_signed"]
    assert (signed.actual, signed.completion, signed.status) == (1, 1, "已完成")


def test_full_year_and_first_quarter(ledger, example):
    year = by_key(progress(ledger, Period.year(2017), today=LATER))
    assert year["fiscal_funds"].actual == 650 * WAN  # the December transfer counts
    assert year["fiscal_funds"].elapsed == 1
    q1 = by_key(progress(ledger, Period.quarter(2017, 1), today=LATER))
    assert q1["fiscal_funds"].actual == 300 * WAN  # only the March transfer
    assert q1["fiscal_funds"].target == 1000 * WAN  # targets are yearly
    assert q1["fiscal_funds"].elapsed == Decimal(90) / 365
    assert q1["cadres_sent"].actual == 2  # the October arrival had not started yet
    assert q1["social_funds"].actual == 0


def test_elapsed_stops_at_today(ledger, example):
    rows = by_key(progress(ledger, NOVEMBER, today=date(2017, 6, 30)))
    assert rows["fiscal_funds"].elapsed == Decimal(181) / 365


def test_scopes(ledger, example):
    city = ledger.regions.create(name="廊坊市", province="河北省", city="廊坊市", level="city")
    jinan = ledger.regions.create(name="济南市", province="山东省", city="济南市", level="city")
    wulong = ledger.regions.create(name="武隆区", province="重庆市", level="district")
    other = ledger.pairings.create(
        helper_id=jinan.id, assisted_id=wulong.id, programme="east_west", start_year=2017
    )
    ledger.targets.create(pairing_id=other.id, year=2017, indicator="fiscal_funds", value="2000万")
    fund(ledger, other, "fiscal", "700万", "2017-05-01")

    def fiscal(scope: Scope | None) -> tuple[int | None, int]:
        row = by_key(progress(ledger, NOVEMBER, scope, today=LATER))["fiscal_funds"]
        return row.target, row.actual

    langfang = Scope("helper", region_id=city.id, region_name="廊坊市", region_level="city")
    assert fiscal(langfang) == (1000 * WAN, 500 * WAN)
    assert fiscal(Scope("pairing", pairing_id=other.id)) == (2000 * WAN, 700 * WAN)
    assert fiscal(Scope("pairing", pairing_id=example.id)) == (1000 * WAN, 500 * WAN)
    kangbao = Scope("assisted", region_id=example.assisted_id, region_level="county")
    assert fiscal(kangbao) == (1000 * WAN, 500 * WAN)
    assert fiscal(Scope.everything()) == fiscal(None) == (3000 * WAN, 1200 * WAN)


def test_deleted_pairing_counts_for_nothing(ledger, pairing):
    made = fund(ledger, pairing, "fiscal", "300万", "2017-03-10")
    ledger.funds.delete(made.id)
    ledger.pairings.delete(pairing.id)
    assert all(row.actual == 0 for row in progress(ledger, NOVEMBER, today=LATER))


# --- the published 廊坊 2017 figures -----------------------------------------------------
def test_demo_matches_published_langfang_figures(ledger):
    load_demo(ledger)
    city = ledger.regions.find("廊坊市")
    helpers = {r.id for r in ledger.regions.list(city="廊坊市")}
    langfang = [p.id for p in ledger.pairings.list() if p.helper_id in helpers]
    assert len(langfang) == 5

    scope = Scope("helper", region_id=city.id, region_name="廊坊市", region_level="city")
    fiscal = by_key(progress(ledger, NOVEMBER, scope, today=LATER))["fiscal_funds"]
    assert fiscal.actual == 12_000_000_000  # 1.2亿元
    assert sum(ledger.agreements.count(pairing_id=p) for p in langfang) == 52  # 50余项
    seats = [
        t.quota
        for p in langfang
        for t in ledger.trainings.list(pairing_id=p, category="commissioned_education")
    ]
    assert sum(seats) == 2040  # 委培教育名额 2000余
    assert sum(ledger.cadres.count(pairing_id=p) for p in langfang) == 206  # 200余
