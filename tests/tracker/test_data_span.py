"""Where the window opens on a ledger with nothing remembered: the latest year with data, not
an empty current year (a 2017 ledger opened in 2026 showed an empty 2026 dashboard)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import extract, func, select

from pairtrack.tracker.data_span import (
    EVENT_DATES,
    DataSpan,
    data_span,
    opening_month,
    opening_target_year,
)
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord

TODAY = date(2026, 5, 20)


def span(latest: dict[int, date] | None = None, targets: tuple[int, ...] = ()) -> DataSpan:
    return DataSpan(latest or {}, targets)


def test_the_latest_event_of_each_year_leaves_out_deleted_rows_and_future_dates(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    fund = dict(pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=100,
                purpose="项目")  # fmt: skip
    ledger.funds.create(**fund, allocated_on=date(2017, 3, 1), arrived_on=date(2017, 11, 8))
    gone = ledger.funds.create(**fund, allocated_on=date(2018, 6, 1))
    ledger.funds.delete(gone.id)
    ledger.funds.create(**fund, allocated_on=date(2099, 1, 1))  # a typo, or a plan
    ledger.trainings.create(pairing_id=pairing.id, title="培训", category="vocational",
                            start_on=date(2019, 4, 2))  # fmt: skip
    ledger.targets.set(pairing.id, 2018, "fiscal_funds", "100万")
    found = data_span(ledger, TODAY)
    assert found.latest == {2017: date(2017, 11, 8), 2019: date(2019, 4, 2)}
    assert found.target_years == (2018,)


def test_each_years_latest_event_is_the_same_as_grouping_every_row_by_year(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    """``data_span`` steps down each date's index a year at a time; it must find what reading
    every row grouped by year finds, deleted rows, future dates and both cadre directions
    included (scattered over four decades up to today, some years empty)."""
    rng = random.Random(14)

    def day() -> date:  # up to today (the forms refuse a later signing), after TODAY too
        return date(1987, 1, 1) + timedelta(
            days=rng.randrange((date.today() - date(1987, 1, 1)).days)
        )

    made = []
    for _ in range(60):
        allocated = day()
        arrival = min(allocated + timedelta(days=rng.randrange(400)), date.today())
        arrived = arrival if rng.random() < 0.6 else None
        made.append(ledger.funds.create(
            pairing_id=pairing.id, budget_year=allocated.year, kind="fiscal", amount_fen=100,
            purpose="项目", allocated_on=allocated, arrived_on=arrived))  # fmt: skip
        made.append(ledger.cadres.create(
            pairing_id=pairing.id, person_name="王伟", category="party_gov", start_on=day(),
            direction=rng.choice(["to_assisted", "to_helper"])))  # fmt: skip
    for _ in range(15):
        ledger.trainings.create(pairing_id=pairing.id, title="培训", category="vocational",
                                start_on=day())  # fmt: skip
        ledger.agreements.create(pairing_id=pairing.id, title="协议", category="industry",
                                 status="signed", signed_on=day())  # fmt: skip
    for record in rng.sample(made, 40):
        service = ledger.funds if hasattr(record, "kind") else ledger.cadres
        service.delete(record.id)
    grouped: dict[int, date] = {}
    with ledger.read() as session:
        for column, _leads in EVENT_DATES:
            year = extract("year", column)
            query = select(year, func.max(column)).where(
                column <= TODAY, column.class_.deleted_at.is_(None)
            )
            for found_year, found in session.execute(query.group_by(year)):
                grouped[int(found_year)] = max(found, grouped.get(int(found_year), date.min))
    assert len(grouped) > 20
    assert data_span(ledger, TODAY).latest == grouped


def test_a_ledger_of_an_earlier_year_opens_on_that_year_up_to_its_last_event() -> None:
    demo = span({2017: date(2017, 11, 30), 2020: date(2020, 12, 23)}, targets=(2017,))
    assert opening_month(demo, TODAY) == (2017, 11)  # progress needs targets: 2017
    assert opening_month(span({2020: date(2020, 8, 3)}), TODAY) == (2020, 8)
    assert opening_month(span(targets=(2024,)), TODAY) == (2024, 12)


def test_this_year_opens_up_to_this_month_when_it_has_data_or_nothing_has() -> None:
    assert opening_month(span(), TODAY) == (2026, 5)
    assert opening_month(span({2026: date(2026, 1, 5)}, targets=(2017,)), TODAY) == (2026, 5)
    assert opening_month(span(targets=(2017, 2026)), TODAY) == (2026, 5)


def test_the_target_grid_opens_on_the_latest_year_with_targets() -> None:
    assert opening_target_year(span(targets=(2017,)), TODAY) == 2017
    assert opening_target_year(span(targets=(2017, 2026, 2027)), TODAY) == 2026
    assert opening_target_year(span(targets=(2024, 2030)), TODAY) == 2024
    assert opening_target_year(span(targets=(2030,)), TODAY) == 2030
    assert opening_target_year(span(), TODAY) == 2026
