"""Typed input has the bounds imported rows have (one home: tracker.fields): money at most
MAX_FEN however it is given, counts at most MAX_COUNT, no control characters in any text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from pairtrack.tracker.fields import MAX_COUNT
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import MAX_FEN
from pairtrack.tracker.records import PairingRecord


def fund(pairing: PairingRecord, **changes: Any) -> dict[str, Any]:
    return {
        "pairing_id": pairing.id, "budget_year": 2017, "kind": "fiscal", "amount_fen": 100,
        "purpose": "援建", "allocated_on": date(2017, 3, 1), **changes,
    }  # fmt: skip


@pytest.mark.parametrize("amount", [2**62, 2**63 + 1, MAX_FEN + 1, Decimal("10000000000000.01")])
def test_money_above_max_fen_is_refused_as_fen_or_yuan(
    ledger: Ledger, pairing: PairingRecord, refused: Callable[..., Any], amount: Any
) -> None:
    with refused(ledger.funds, "amount_fen", "过大"):
        ledger.funds.create(**fund(pairing, amount_fen=amount))


def test_money_up_to_max_fen_is_kept(ledger: Ledger, pairing: PairingRecord) -> None:
    assert ledger.funds.create(**fund(pairing, amount_fen=MAX_FEN)).amount_fen == MAX_FEN


def test_counts_are_bounded(
    ledger: Ledger, pairing: PairingRecord, refused: Callable[..., Any]
) -> None:
    values = {
        "pairing_id": pairing.id, "title": "职业技能培训", "category": "vocational",
        "start_on": date(2017, 5, 1), "quota": MAX_COUNT, "enrolled": 10, "completed": 5,
    }  # fmt: skip
    assert ledger.trainings.create(**values).quota == MAX_COUNT
    with refused(ledger.trainings, "quota", "过大"):
        ledger.trainings.create(**{**values, "quota": MAX_COUNT + 1})


def test_a_target_is_bounded_as_money_or_as_a_count(
    ledger: Ledger, pairing: PairingRecord, refused: Callable[..., Any]
) -> None:
    # 1.2 亿元 is far above MAX_COUNT fen: a money target is bounded by MAX_FEN, not as a count
    assert ledger.targets.set(pairing.id, 2017, "fiscal_funds", "1.2亿").value == 12 * 10**9
    assert ledger.targets.set(pairing.id, 2017, "fiscal_funds", MAX_FEN).value == MAX_FEN
    with refused(ledger.targets, "value", "过大"):
        ledger.targets.set(pairing.id, 2018, "fiscal_funds", 2**62)
    with refused(ledger.targets, "value", "过大"):
        ledger.targets.set(pairing.id, 2018, "trained", MAX_COUNT + 1)
    assert ledger.targets.set(pairing.id, 2018, "trained", MAX_COUNT).value == MAX_COUNT


@pytest.mark.parametrize("text", ["援建\x00", "\x01援建", "援\x1b建", "援建\x7f", "援\x85建"])
def test_control_characters_are_refused_in_typed_text(
    ledger: Ledger, pairing: PairingRecord, refused: Callable[..., Any], text: str
) -> None:
    with refused(ledger.funds, "purpose", "控制字符"):
        ledger.funds.create(**fund(pairing, purpose=text))


def test_tabs_and_line_breaks_are_kept(ledger: Ledger, pairing: PairingRecord) -> None:
    # an Excel cell may hold a line break (Alt+Enter); a note has several lines
    created = ledger.funds.create(
        **fund(pairing, purpose="援建\n二期", note="第一行\r\n第二行\t完")
    )
    assert (created.purpose, created.note) == ("援建\n二期", "第一行\r\n第二行\t完")
