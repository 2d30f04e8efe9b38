"""A write that breaks several rules is refused with every problem named at once (one per
field, in the order found), written as one error whose first problem is what a single-problem
caller (the command line's message, an import's row report) has always seen."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord


def problems(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str | None, str]:
    return {p.field: p.message for p in caught.value.problems}


def test_a_new_fund_names_every_bad_field_and_every_broken_rule(
    ledger: Ledger, pairing: PairingRecord, audit_count: Any
) -> None:
    events = audit_count()
    with pytest.raises(ValidationError) as caught:
        ledger.funds.create(
            pairing_id=pairing.id, kind="fiscal", amount_fen="12.6千万", purpose="",
            allocated_on=date(2017, 3, 1), arrived_on="2017-02-01",
        )  # fmt: skip
    found = problems(caught)
    assert list(found) == ["budget_year", "amount_fen", "purpose", "arrived_on"]
    assert caught.value.field == "budget_year" and "「资金年度」不能为空" in caught.value.message
    assert "无法识别的金额" in found["amount_fen"]
    assert "早于拨付日期" in found["arrived_on"]  # a rule, judged on the fields that read
    assert str(caught.value).split("；") == list(found.values())
    assert ledger.funds.count(include_deleted=True) == 0 and audit_count() == events


def test_an_update_names_every_problem_and_keeps_the_record(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    made = ledger.trainings.create(
        pairing_id=pairing.id, title="农技培训", category="vocational", enrolled=30,
        start_on=date(2017, 5, 10),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        ledger.trainings.update(made.id, completed=45, end_on="2017-05-01", quota="许多")
    found = problems(caught)
    assert set(found) == {"quota", "completed", "end_on"}
    assert "结业人数（45）不能多于报名人数（30）" in found["completed"]
    assert ledger.trainings.get(made.id) == made


def test_a_field_that_a_kind_fills_itself_is_not_called_missing(ledger: Ledger) -> None:
    """A region's name and level come from its code when left blank: with another field
    wrong, only that field is named."""
    with pytest.raises(ValidationError) as caught:
        ledger.regions.create(code="130723", province="河" * 51)
    assert list(problems(caught)) == ["province"]


def test_one_problem_is_still_one_error(ledger: Ledger, pairing: PairingRecord) -> None:
    with pytest.raises(ValidationError) as caught:
        ledger.funds.create(
            pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="0",
            purpose="项目", allocated_on=date(2017, 3, 1),
        )  # fmt: skip
    assert caught.value.problems == (caught.value,)
    assert str(caught.value) == caught.value.message == "「金额」必须大于 0"


def test_of_keeps_the_first_problem_of_each_field() -> None:
    merged = ValidationError.of(
        [
            ValidationError("code", "first"),
            ValidationError(None, "about the record"),
            ValidationError("code", "second"),
            ValidationError("name", "third"),
        ]
    )
    assert (merged.field, merged.message) == ("code", "first")
    assert [p.message for p in merged.problems] == ["first", "about the record", "third"]
