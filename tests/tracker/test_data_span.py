"""Where the window opens on a ledger with nothing remembered: the latest year with data, not
an empty current year (a 2017 ledger opened in 2026 showed an empty 2026 dashboard)."""

from __future__ import annotations

from datetime import date

from pairtrack.tracker.data_span import DataSpan, data_span, opening_month, opening_target_year
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
