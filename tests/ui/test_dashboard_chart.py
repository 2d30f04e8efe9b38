"""The 总览 chart follows the brief's axis rule (tracker.completion_axis): bars beyond the axis
are marked as cut and labelled with their true value, so that 470 % and 11,143 % no longer
look alike (the chart used to stop every bar at 150 % without a word)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pairtrack.tracker.completion_axis import CAP
from pairtrack.tracker.ledger import Ledger
from tests.ui.conftest import refreshed


def test_bars_beyond_the_axis_say_their_true_value(qtbot: Any, ledger: Ledger, window: Any) -> None:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    ledger.targets.set(pairing.id, 2017, "fiscal_funds", "100万")
    ledger.targets.set(pairing.id, 2017, "social_funds", "1万")
    ledger.targets.set(pairing.id, 2017, "trained", 100)
    for kind, amount in (("fiscal", "470万"), ("social", "111.43万")):
        ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind=kind,
                            amount_fen=amount, purpose="项目", allocated_on=date(2017, 3, 1),
                            arrived_on=date(2017, 3, 2))  # fmt: skip
    ledger.trainings.create(pairing_id=pairing.id, title="培训", category="vocational",
                            enrolled=80, completed=80, start_on=date(2017, 4, 1),
                            end_on=date(2017, 5, 1))  # fmt: skip
    refreshed(qtbot, window)
    dashboard = window.show_page("dashboard")
    dashboard.picker.set_period(2017, 11)
    qtbot.waitUntil(lambda: not dashboard._busy and dashboard.period.end.year == 2017)
    chart = dashboard.chart

    assert chart.axis_top() == CAP  # the brief's axis: up to 200 %
    assert chart.labels["fiscal_funds"] == "470.0%"
    assert chart.labels["social_funds"] == "1.1万%"  # 11,143 %
    assert chart.labels["trained"] == "80.0%"
    assert chart.labels["cadres_sent"] == "未设目标"
    assert chart.beyond_axis == {"fiscal_funds", "social_funds"}
    assert chart.completion_of("fiscal_funds") == chart.completion_of("social_funds") == 200
    assert chart.completion_of("trained") == 80


def test_the_axis_reaches_the_largest_completion_rounded_up_to_a_tick(qtbot: Any) -> None:
    from pairtrack.tracker.indicators import INDICATORS
    from pairtrack.tracker.progress import IndicatorProgress
    from pairtrack.ui.pages.chart import ProgressChart

    chart = ProgressChart()
    qtbot.addWidget(chart)
    rows = [IndicatorProgress(INDICATORS[0], 100, 150, Decimal("0.5"))]
    chart.show_rows(rows)
    assert chart.axis_top() == Decimal("1.6") and not chart.beyond_axis
    assert chart.labels == {INDICATORS[0].key: "150.0%"}
