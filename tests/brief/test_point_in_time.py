"""DESIGN §6 "Point in time": a brief of a past period is evaluated as of its last day, so
records dated after it, later returns and arrivals, and later status changes never change it."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.brief import build_brief, render_pdf
from pairtrack.tracker.brief.data import BriefData
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from tests.brief.conftest import options, pages

Q2 = Period.quarter(2017, 2)


@pytest.fixture
def ledger(db_target: Path) -> Any:
    ledger = Ledger.open(db_target)
    load_demo(ledger)
    yield ledger
    ledger.close()


def figures(data: BriefData) -> dict[str, Any]:
    """Everything a brief prints, as plain values (the options hold the issue date)."""
    out = {f.name: getattr(data, f.name) for f in dataclasses.fields(data) if f.name != "options"}
    out["progress"] = [(p.indicator.key, p.target, p.actual, p.elapsed) for p in data.progress]
    # the rows listed, by id (a row edited later carries its new return date or status, which
    # the brief does not print; the PDF comparison checks what it does print)
    out["seconded"] = [c.id for c in data.seconded]
    out["signed"] = [a.id for a in data.signed]
    return out


def pdf_text(ledger: Ledger, period: Period, issued: date) -> list[str]:
    out = io.BytesIO()
    data = build_brief(ledger, dataclasses.replace(options(ledger, period), issued_on=issued))
    render_pdf(data, out)
    return pages(out.getvalue())


def april_allocation(ledger: Ledger, pairing_id: str) -> None:
    """A transfer of the period, allocated in April and not arrived when the brief is made."""
    ledger.funds.create(
        pairing_id=pairing_id, budget_year=2017, kind="social", amount_fen="80万",
        purpose="二季度拨付", allocated_on="2017-04-10",
    )  # fmt: skip


def later_records(ledger: Ledger, pairing_id: str) -> None:
    """Records dated after Q2 2017, and changes made later to records of the period."""
    ledger.funds.create(
        pairing_id=pairing_id, budget_year=2017, kind="fiscal", amount_fen="500万",
        purpose="三季度拨付", allocated_on="2017-07-03", arrived_on="2017-07-20",
    )  # fmt: skip
    # the April allocation arrives after the period: still "not arrived" on 30 June
    for f in ledger.funds.list():
        if f.purpose == "二季度拨付":
            ledger.funds.update(f.id, arrived_on="2017-08-01")
    ledger.cadres.create(
        pairing_id=pairing_id, person_name="李明", direction="to_assisted",
        category="party_gov", start_on="2017-08-01", end_on="2018-07-31",
    )  # fmt: skip
    ledger.trainings.create(
        pairing_id=pairing_id, title="秋季培训", category="vocational", quota=50,
        enrolled=40, completed=30, start_on="2017-09-01", end_on="2017-09-10",
    )  # fmt: skip
    ledger.agreements.create(
        pairing_id=pairing_id, title="三季度产业协议", category="industry",
        status="signed", signed_on="2017-09-01",
    )  # fmt: skip
    # returns recorded after the period, for everyone seconded on 30 June
    for c in ledger.cadres.list():
        if c.returned_on is None and c.start_on <= date(2017, 6, 30):
            ledger.cadres.update(c.id, returned_on="2017-10-15")
    # agreements move on after the period: started, completed, terminated later
    for a in ledger.agreements.list():
        if a.status == "signed":
            ledger.agreements.update(a.id, status="in_progress", start_on="2017-11-01")
        elif a.status == "in_progress":
            ledger.agreements.update(a.id, status="completed", end_on="2017-12-20")
        elif a.status == "intent":
            ledger.agreements.update(a.id, status="terminated", end_on="2017-10-01")


def test_a_past_brief_is_unchanged_by_later_records(ledger: Ledger) -> None:
    pairing_id = next(iter(ledger.pairings.labels()))
    april_allocation(ledger, pairing_id)
    # a year earlier, so that the brief has a 同比 for the later records to leave alone
    ledger.funds.create(
        pairing_id=pairing_id, budget_year=2016, kind="fiscal", amount_fen="60万",
        purpose="上年二季度拨付", allocated_on="2016-05-03", arrived_on="2016-05-20",
    )  # fmt: skip
    before = figures(build_brief(ledger, options(ledger, Q2)))
    assert before["previous"] is not None and before["highlights"].funds
    text_before = pdf_text(ledger, Q2, date(2017, 7, 5))
    later_records(ledger, pairing_id)

    after = figures(build_brief(ledger, options(ledger, Q2)))
    for name in before:
        if name != "check_code":  # 数据校验码: the history as printed, which did grow
            assert after[name] == before[name], name
    # the PDF differs only in its issue date and its data check code
    text_after = pdf_text(ledger, Q2, date(2018, 3, 1))
    code = re.compile(r"[0-9]+-[A-Z2-7]{4}-[A-Z2-7]{4}")
    assert [code.sub("CODE", t.replace("2018年3月1日", "2017年7月5日")) for t in text_after] == [
        code.sub("CODE", t) for t in text_before
    ]


def test_the_later_records_do_count_in_their_own_period(ledger: Ledger) -> None:
    """The invariance above is not blindness: the same records change the brief they
    belong to (so the test above would fail if the brief ignored them altogether)."""
    q3 = Period.quarter(2017, 3)
    before = figures(build_brief(ledger, options(ledger, q3)))
    later_records(ledger, next(iter(ledger.pairings.labels())))
    after = figures(build_brief(ledger, options(ledger, q3)))
    assert after["signed_total"] == before["signed_total"] + 1
    assert after["progress"] != before["progress"]


def test_a_past_brief_reads_statuses_and_pending_funds_as_of_its_end(ledger: Ledger) -> None:
    pairing_id = next(iter(ledger.pairings.labels()))
    april_allocation(ledger, pairing_id)
    later_records(ledger, pairing_id)
    data = build_brief(ledger, options(ledger, Q2, Scope.everything()))
    assert data.as_of == date(2017, 6, 30)
    # the 80万 allocated in April arrived in August: pending on 30 June
    assert sum(r.pending for r in data.funds) >= 80 * 10**6
    # statuses are the ones of 30 June: nothing started in November or completed in
    # December counts, and the intentions terminated in October are still intentions
    statuses = {r.first: r.count for r in data.statuses}
    assert statuses.get("terminated", 0) == 0
