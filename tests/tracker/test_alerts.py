"""Automatic findings (七、存在问题): each kind appears exactly when its condition holds."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from pairtrack.db.base import utc_now
from pairtrack.db.models import Pairing
from pairtrack.tracker.alerts import Alert, alerts
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import progress
from pairtrack.tracker.records import PairingRecord

YEAR = Period.year(2017)
AS_OF = date(2017, 12, 31)  # "today" at the end of the year: as_of = period end
EVERYTHING = Scope.everything()


def fund(
    ledger: Ledger,
    pairing: PairingRecord,
    allocated: date,
    arrived: date | None = None,
    amount: str = "50万",
) -> str:
    return ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=amount,
        purpose="产业项目", allocated_on=allocated, arrived_on=arrived,
    ).id  # fmt: skip


def cadre(ledger: Ledger, pairing: PairingRecord, end: date | None, **extra: object) -> str:
    return ledger.cadres.create(
        pairing_id=pairing.id, person_name="王伟", direction="to_assisted",
        category="party_gov", start_on="2017-01-01", end_on=end, **extra,
    ).id  # fmt: skip


def intent(ledger: Ledger, pairing: PairingRecord, start: date | None = None) -> str:
    return ledger.agreements.create(
        pairing_id=pairing.id, title="产业合作意向", category="industry", status="intent",
        start_on=start,
    ).id  # fmt: skip


def of_kind(found: list[Alert], kind: str) -> list[Alert]:
    return [a for a in found if a.kind == kind]


def other_pairing(ledger: Ledger) -> PairingRecord:
    jinan = ledger.regions.create(name="济南市", province="山东省", city="济南市", level="city")
    wulong = ledger.regions.create(name="武隆区", province="重庆市", level="district")
    return ledger.pairings.create(
        helper_id=jinan.id, assisted_id=wulong.id, programme="east_west", start_year=2017
    )


def test_nothing_wrong_gives_no_alerts(ledger, pairing):
    ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="fiscal_funds", value="50万")
    fund(ledger, pairing, date(2017, 3, 1), date(2017, 3, 20))  # arrived: target met
    cadre(ledger, pairing, date(2018, 6, 30))  # still within the plan
    assert alerts(ledger, YEAR, EVERYTHING, today=AS_OF) == []


def test_funds_over_30_days_boundary(ledger, pairing):
    exactly_30 = fund(ledger, pairing, AS_OF - timedelta(days=30))
    assert of_kind(alerts(ledger, YEAR, EVERYTHING, today=AS_OF), "funds_not_arrived") == []
    over = fund(ledger, pairing, AS_OF - timedelta(days=31), amount="100万")
    older = fund(ledger, pairing, date(2016, 5, 1), amount="0.5万")  # earlier years count too
    found = alerts(ledger, YEAR, EVERYTHING, today=AS_OF)
    assert found == [
        Alert(
            "funds_not_arrived",
            "有2笔帮扶资金已拨付超过30天仍未到位，合计100.5万元。",
            "fund_transfer",
            (older, over),  # oldest allocation first
        )
    ]
    assert exactly_30 not in found[0].row_ids


def test_arrived_and_deleted_funds_are_ignored(ledger, pairing):
    fund(ledger, pairing, date(2017, 3, 1), date(2017, 12, 30))  # arrived late: fine
    deleted = fund(ledger, pairing, date(2017, 3, 1))
    ledger.funds.delete(deleted)
    assert alerts(ledger, YEAR, EVERYTHING, today=AS_OF) == []
    ledger.funds.restore(deleted)
    assert of_kind(alerts(ledger, YEAR, EVERYTHING, today=AS_OF), "funds_not_arrived")[
        0
    ].row_ids == (deleted,)


def test_as_of_is_the_earlier_of_period_end_and_today(ledger, pairing):
    made = fund(ledger, pairing, date(2017, 6, 1))
    # On 2017-06-30 the June allocation is 29 days old: not yet a finding.
    assert alerts(ledger, YEAR, EVERYTHING, today=date(2017, 6, 30)) == []
    assert alerts(ledger, YEAR, EVERYTHING, today=date(2017, 7, 2))[0].row_ids == (made,)
    # A later "today" does not stretch a June period: as of 06-30 nothing is overdue yet.
    june = Period.through_month(2017, 6)
    assert alerts(ledger, june, EVERYTHING, today=date(2030, 1, 1)) == []


def test_cadres_past_their_planned_end(ledger, pairing):
    overdue = cadre(ledger, pairing, AS_OF - timedelta(days=1))
    cadre(ledger, pairing, AS_OF)  # ends today: not past it
    cadre(ledger, pairing, None)  # no planned end
    cadre(ledger, pairing, date(2017, 6, 30), returned_on="2017-07-02")  # returned
    gone = cadre(ledger, pairing, date(2017, 6, 30))
    ledger.cadres.delete(gone)
    assert alerts(ledger, YEAR, EVERYTHING, today=AS_OF) == [
        Alert(
            "cadre_overdue",
            "有1名交流干部人才已超过计划结束日期仍未登记返回（派出挂职1名）。",
            "cadre_exchange",
            (overdue,),
        )
    ]


def test_intents_by_start_date(ledger, pairing):
    # Recorded now (years after 2017), so only start_on can make these old as of 2017.
    old = intent(ledger, pairing, start=AS_OF - timedelta(days=91))
    intent(ledger, pairing, start=AS_OF - timedelta(days=90))  # exactly 90 days: not over
    ledger.agreements.create(
        pairing_id=pairing.id, title="就业合作协议", category="employment_training",
        status="signed", signed_on="2017-01-05", start_on="2017-01-05",
    )  # fmt: skip
    assert alerts(ledger, YEAR, EVERYTHING, today=AS_OF) == [
        Alert("intent_unsigned", "有1项合作意向超过90天仍未签约。", "agreement", (old,))
    ]


def test_intents_by_recorded_date_unless_a_start_is_given(ledger, pairing):
    unstarted = intent(ledger, pairing)
    started = intent(ledger, pairing, start=date(2100, 1, 1))  # start_on takes precedence
    recorded = ledger.agreements.get(unstarted).created_at.date()
    assert ledger.agreements.get(started).created_at.date() == recorded

    def unsigned(days: int) -> list[tuple[str, ...]]:
        later = recorded + timedelta(days=days)
        year = Period.year(later.year)  # a period may not cross New Year
        return [a.row_ids for a in alerts(ledger, year, EVERYTHING, today=later)]

    assert unsigned(90) == []
    assert unsigned(91) == [(unstarted,)]


def test_scope_and_deleted_pairings(ledger, pairing):
    other = other_pairing(ledger)
    mine = fund(ledger, pairing, date(2017, 3, 1))
    theirs = fund(ledger, other, date(2017, 3, 1))
    only_mine = Scope("pairing", pairing_id=pairing.id)
    assert alerts(ledger, YEAR, only_mine, today=AS_OF)[0].row_ids == (mine,)
    both = alerts(ledger, YEAR, EVERYTHING, today=AS_OF)[0].row_ids
    assert set(both) == {mine, theirs}
    # A pairing deleted in another office arrives as a tombstone with its rows still live.
    with ledger.write() as session:
        session.execute(update(Pairing).where(Pairing.id == other.id).values(deleted_at=utc_now()))
    assert alerts(ledger, YEAR, EVERYTHING, today=AS_OF)[0].row_ids == (mine,)


def test_lagging_and_order(ledger, pairing):
    november = Period.through_month(2017, 11)
    for key, value in dict(fiscal_funds="1000万", cadres_sent=4, trained=100).items():
        ledger.targets.create(pairing_id=pairing.id, year=2017, indicator=key, value=value)
    fund(ledger, pairing, date(2017, 3, 1), date(2017, 3, 10), amount="500万")
    intent(ledger, pairing, start=date(2017, 1, 1))
    cadre(ledger, pairing, date(2017, 10, 31))
    cadre(ledger, pairing, date(2018, 3, 31))
    cadre(ledger, pairing, date(2018, 3, 31))
    ledger.trainings.create(
        pairing_id=pairing.id, title="职业技能培训", category="vocational", quota=100,
        enrolled=100, completed=100, start_on="2017-05-08", end_on="2017-06-30",
    )  # fmt: skip
    fund(ledger, pairing, date(2017, 9, 1))
    found = alerts(ledger, november, EVERYTHING, today=AS_OF)
    assert [(a.kind, a.indicator) for a in found] == [
        ("lagging", "fiscal_funds"),
        ("lagging", "cadres_sent"),  # 3/4 = 75% < 91.5% − 5
        ("funds_not_arrived", None),
        ("cadre_overdue", None),
        ("intent_unsigned", None),
    ]
    assert found[0] == Alert(
        "lagging",
        "财政援助资金（到位）指标完成率为50.0%，低于序时进度91.5%，进度滞后。",
        None,
        (),
        "fiscal_funds",
    )


def test_demo_through_november(ledger):
    load_demo(ledger)
    november, today = Period.through_month(2017, 11), date(2017, 12, 31)
    expected = [
        row.indicator.key for row in progress(ledger, november, EVERYTHING, today) if row.lagging
    ]
    assert expected  # the demo has at least one lagging indicator to find
    found = alerts(ledger, november, EVERYTHING, today=today)
    assert [a.indicator for a in of_kind(found, "lagging")] == expected
    assert found[0].message == (
        "财政援助资金（到位）指标完成率为80.0%，低于序时进度91.5%，进度滞后。"
    )
    # The overdue cadres, counted here the slow way over every record.
    as_of = november.end
    slow = {
        c.id
        for c in ledger.cadres.list()
        # as of the period's end: a return recorded after it is "not yet returned" then
        if (c.returned_on is None or c.returned_on > as_of)
        and c.end_on is not None
        and c.end_on < as_of
    }
    (overdue,) = of_kind(found, "cadre_overdue")
    assert slow and set(overdue.row_ids) == slow and len(overdue.row_ids) == len(slow)
    assert overdue.message.startswith(f"有{len(slow)}名交流干部人才已超过计划结束日期仍未登记返回")


def test_findings_read_in_the_natural_number_style(ledger, pairing):
    """The sentences the dashboard and the brief print: numbers as reports write them
    (「合计1.2亿元」, 「有3名」), no thousands separators, no spaces around numbers."""
    ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="trained", value=1000)
    fund(ledger, pairing, date(2017, 3, 1), amount="8000万")
    fund(ledger, pairing, date(2017, 4, 1), amount="4000万")
    for _ in range(3):
        cadre(ledger, pairing, date(2017, 6, 30))
    intent(ledger, pairing, start=date(2017, 1, 1))
    found = alerts(ledger, YEAR, EVERYTHING, today=AS_OF)
    assert [a.message for a in found] == [
        "完成培训指标完成率为0.0%，低于序时进度100.0%，进度滞后。",
        "有2笔帮扶资金已拨付超过30天仍未到位，合计1.2亿元。",
        "有3名交流干部人才已超过计划结束日期仍未登记返回（派出挂职3名）。",
        "有1项合作意向超过90天仍未签约。",
    ]
