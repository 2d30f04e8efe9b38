"""The brief's definitions on hand-computed examples (issue 12, DESIGN §3 and §6): 在岗 and
未登记返回 agree, 序时进度 is cumulative from New Year, a period stays within one year, 结业
needs an end date, a terminated agreement is not newly signed, 0 is a target, and a completion
of billions of percent is bounded for display."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.alerts import alerts
from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.brief.summary import overview
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import COMPLETION_CAP, progress
from pairtrack.tracker.records import PairingRecord
from tests.brief.conftest import options

LATER = date(2030, 1, 1)
Q2 = Period.quarter(2017, 2)


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
        start_year=2017, end_year=2020,
    )  # fmt: skip


def actual(ledger: Ledger, period: Period, key: str) -> Any:
    return next(r for r in progress(ledger, period, today=LATER) if r.indicator.key == key)


def cadre(ledger: Ledger, pairing: PairingRecord, name: str, start: str, end: str | None,
          returned: str | None = None) -> str:  # fmt: skip
    return ledger.cadres.create(
        pairing_id=pairing.id, person_name=name, direction="to_assisted",
        category="party_gov", start_on=start, end_on=end, returned_on=returned,
    ).id  # fmt: skip


def test_a_cadre_without_a_recorded_return_stays_in_post_and_is_listed_once(ledger, pairing):
    # Planned to end on 31 March, no return recorded: in post all Q2 and on 30 June, and
    # listed (once) as 未登记返回 — the old rule dropped him once the planned end passed.
    late = cadre(ledger, pairing, "张三", "2017-01-01", "2017-03-31")
    cadre(ledger, pairing, "李四", "2017-01-01", "2017-03-31", returned="2017-03-31")  # back
    back_later = cadre(ledger, pairing, "王五", "2017-01-01", "2017-05-31", returned="2017-09-01")
    assert actual(ledger, Q2, "cadres_sent").actual == 2  # 张三, 王五 (not 李四)
    data = build_brief(ledger, options(ledger, Q2))
    (overdue,) = [a for a in data.alerts if a.kind == "cadre_overdue"]
    # the brief prints the finding's sentence; the rows behind it are the ones a view lists
    (listed,) = [a for a in alerts(ledger, Q2, Scope.everything()) if a.kind == "cadre_overdue"]
    assert listed.message == overdue.message
    # 王五 came back only in September: on 30 June he was past his end and not back
    assert sorted(listed.row_ids) == sorted([late, back_later])
    assert "有2名" in overdue.message
    # 期末仍在岗 counts everyone the problems section counts as still there
    assert data.seconded_total == 2
    assert set(listed.row_ids) <= {c.id for c in data.seconded}
    assert data.in_post == {"to_assisted": 2}
    assert "截至2017年6月30日，在岗的派出干部人才2人" in "".join(overview(data))


def test_elapsed_share_is_cumulative_from_new_year() -> None:
    assert Q2.elapsed_share(LATER) == Decimal(181) / 365  # 49.6 %, not the quarter's 24.9 %
    assert Period.through_month(2017, 11).elapsed_share(LATER) == Decimal(334) / 365
    custom = Period.between(date(2017, 4, 1), date(2017, 6, 30))
    assert custom.elapsed_share(LATER) == Decimal(181) / 365
    assert Period.quarter(2016, 1).elapsed_share(LATER) == Decimal(91) / 366  # leap year


def test_fiscal_funds_at_26_percent_lag_by_half_time(ledger, pairing):
    ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="fiscal_funds", value="100万")
    ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="26万",
        purpose="拨付", allocated_on="2017-05-01", arrived_on="2017-05-10",
    )  # fmt: skip
    row = actual(ledger, Q2, "fiscal_funds")
    assert row.completion == Decimal("0.26")
    assert row.status == "滞后"  # 26 % < 49.6 % − 5 points (against 24.9 % it read 正常)


def test_a_custom_period_may_not_cross_new_year(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="不能跨年"):
        Period.between(date(2017, 12, 1), date(2018, 1, 31))
    done = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "x.db"), "brief", "--year", "2017",
         "--from", "2017-12-01", "--to", "2018-01-31", "-o", str(tmp_path / "b.pdf")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "不能跨年" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_training_without_an_end_date_has_not_ended(ledger, pairing):
    for title, end in (("已结业", "2017-05-20"), ("未结束", None), ("七月结业", "2017-07-05")):
        ledger.trainings.create(
            pairing_id=pairing.id, title=title, category="vocational", quota=50,
            enrolled=40, completed=30, start_on="2017-05-01", end_on=end,
        )  # fmt: skip
    assert actual(ledger, Q2, "trained").actual == 30  # only 已结业
    assert actual(ledger, Q2, "training_quota").actual == 150  # all three started in Q2
    (row,) = build_brief(ledger, options(ledger, Q2)).trainings
    assert (row.programmes, row.quota, row.completed) == (3, 150, 30)


def test_terminated_agreements_are_not_newly_signed(ledger, pairing):
    def agreement(title: str, status: str, **dates: str) -> None:
        ledger.agreements.create(
            pairing_id=pairing.id, title=title, category="industry", status=status, **dates
        )

    agreement("签约", "signed", signed_on="2017-05-01")
    agreement("期内终止", "terminated", signed_on="2017-04-01", end_on="2017-06-01")
    agreement("期后终止", "terminated", signed_on="2017-04-01", end_on="2017-08-01")
    agreement("期后签约", "signed", signed_on="2017-07-01")
    # terminated within Q2: not newly signed; terminated after it: signed (as it was then)
    assert actual(ledger, Q2, "agreements_signed").actual == 2
    data = build_brief(ledger, options(ledger, Q2))
    assert data.signed_total == 2
    assert {a.title for a in data.signed} == {"签约", "期后终止"}
    # statuses on 30 June: 期后签约 was not signed yet and is not known before
    assert {r.first: r.count for r in data.statuses} == {"signed": 2, "terminated": 1}


def test_a_target_of_zero_is_a_target(ledger, pairing):
    ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="agreements_signed", value=0)
    row = actual(ledger, Q2, "agreements_signed")
    assert (row.target, row.completion, row.status, row.lagging) == (0, None, "已完成", False)
    text = "".join(overview(build_brief(ledger, options(ledger, Q2))))
    assert "签订合作协议0个，年度目标为0个。" in text
    assert "签订合作协议0个（未设年度目标）" not in text


def test_a_completion_of_billions_of_percent_is_bounded_for_display(ledger, pairing):
    ledger.targets.create(pairing_id=pairing.id, year=2017, indicator="fiscal_funds", value="1元")
    ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="6000万",
        purpose="拨付", allocated_on="2017-05-01", arrived_on="2017-05-10",
    )  # fmt: skip
    row = actual(ledger, Q2, "fiscal_funds")
    assert row.completion == Decimal(60_000_000)  # 6,000,000,000 %, kept exact
    assert row.beyond_cap and row.shown_completion == COMPLETION_CAP
    assert row.status == "已完成"
