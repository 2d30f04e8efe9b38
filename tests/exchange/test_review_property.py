"""Review (issue 10): offices editing the SAME records, random exchanges, then every conflict
resolved by taking the incoming value while exchanges go on: the offices must converge to
identical tables with no open conflicts in a bounded number of rounds. Below the property, the
sequences it found, shrunk by hand and spelt out."""

# The fixture ``three`` is imported by name, which ruff reads as a redefinition.
# ruff: noqa: F811

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pairtrack.tracker import conflicts
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.exchange.review_helpers import (  # noqa: F401  (fixtures by name)
    checked_send,
    open_conflicts,
    three,
)
from tests.exchange.test_offices import seed, send, tables

OFFICES = 3
FIELDS = ("amount_fen", "purpose", "arrived_on")
ROUNDS = 4

operation = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, OFFICES - 1),
        st.integers(0, 1),
        st.sampled_from(FIELDS),
        st.integers(1, 5),
    ),
    st.tuples(st.just("delete"), st.integers(0, OFFICES - 1), st.integers(0, 1)),
    st.tuples(st.just("restore"), st.integers(0, OFFICES - 1), st.integers(0, 1)),
    st.tuples(st.just("send"), st.integers(0, OFFICES - 1), st.integers(0, OFFICES - 1)),
    st.tuples(
        st.just("resolve"), st.integers(0, OFFICES - 1), st.sampled_from(["local", "incoming"])
    ),
)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "blank.db"
    Ledger.open(path).close()
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review-seq")


_run = itertools.count()


def value(name: str, n: int) -> object:
    if name == "amount_fen":
        return n * 10**6
    if name == "purpose":
        return f"用途{n}"
    return date(2017, 4, n)


def resolve_all(ledger: Ledger, how: str) -> None:
    found = conflicts.list_conflicts(ledger)
    if found:
        conflicts.resolve(ledger, {c.id: (how, None) for c in found})


def play(engine: str, blank: Path, run: Path, steps: Sequence[tuple[object, ...]]) -> None:
    """Three offices holding the same two funds play ``steps``, then exchange with everyone
    ROUNDS times, each taking every incoming value: they must end identical, with no open
    conflict and nothing ``check`` finds."""
    run.mkdir()
    with engines.fresh_ledgers(engine, run, OFFICES, blank) as ledgers:
        for n, ledger in enumerate(ledgers):
            ledger.set_settings(operator="测试员", office_code=f"13100{n}", office_name=f"单位{n}")
        ids = seed(ledgers[0])
        second = ledgers[0].funds.create(
            pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=10**6,
            purpose="第二笔", allocated_on=date(2017, 2, 1),
        )  # fmt: skip
        funds = [ids["fund"], second.id]
        for other in ledgers[1:]:
            send(ledgers[0], other, run)
        for step in steps:
            kind, who = step[0], int(step[1])  # type: ignore[call-overload]
            office = ledgers[who]
            if kind == "edit":
                fund_id = funds[int(step[2])]  # type: ignore[call-overload]
                if office.funds.list(id_in=[fund_id]):
                    office.funds.update(
                        fund_id, **{str(step[3]): value(str(step[3]), int(step[4]))}
                    )  # type: ignore[call-overload]
            elif kind == "delete":
                fund_id = funds[int(step[2])]  # type: ignore[call-overload]
                if office.funds.list(id_in=[fund_id]):
                    office.funds.delete(fund_id)
            elif kind == "restore":
                fund_id = funds[int(step[2])]  # type: ignore[call-overload]
                if not office.funds.list(id_in=[fund_id]):
                    office.funds.restore(fund_id)
            elif kind == "send" and who != step[2]:
                send(office, ledgers[int(step[2])], run)  # type: ignore[call-overload]
            elif kind == "resolve":
                resolve_all(office, str(step[2]))
        # Everyone now exchanges with everyone and takes whatever comes in.
        for _ in range(ROUNDS):
            for source, target in itertools.permutations(ledgers, 2):
                send(source, target, run)
                resolve_all(target, conflicts.INCOMING)
        open_left = [len(conflicts.list_conflicts(x)) for x in ledgers]
        assert open_left == [0] * OFFICES
        assert tables(ledgers[0]) == tables(ledgers[1]) == tables(ledgers[2])
        assert all(run_checks(x) == [] for x in ledgers)


# Office 1's deletion and office 0's amount reach office 2, which changed the amount too, and
# office 2 takes both in one resolution (seed 31083042574572922091917244165815738656, shrunk).
TWO_OFFICES_ONE_RESOLUTION = [
    ("edit", 2, 0, "amount_fen", 4),
    ("edit", 0, 0, "amount_fen", 2),
    ("delete", 1, 0),
    ("send", 1, 2),
]
# Office 2 deletes the record while office 0's amount is in conflict there, then takes it.
DELETED_WHILE_IN_CONFLICT = [
    ("edit", 0, 0, "amount_fen", 2),
    ("edit", 2, 0, "amount_fen", 4),
    ("send", 0, 2),
    ("delete", 2, 0),
    ("resolve", 2, "incoming"),
]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(operation, max_size=20))
@example(steps=TWO_OFFICES_ONE_RESOLUTION)
@example(steps=DELETED_WHILE_IN_CONFLICT)
def test_offices_editing_the_same_records_converge_after_taking_incoming(
    db_engine: str, blank: Path, folder: Path, steps: list[tuple[object, ...]]
) -> None:
    play(db_engine, blank, folder / f"run{next(_run)}", steps)


def everyone_exchanges_taking_incoming(offices: tuple[Ledger, ...], folder: Path) -> None:
    for _ in range(2):
        for source, target in itertools.permutations(offices, 2):
            checked_send(source, target, folder)
            resolve_all(target, conflicts.INCOMING)
    assert [open_conflicts(x) for x in offices] == [[]] * len(offices)
    assert tables(offices[0]) == tables(offices[1]) == tables(offices[2])


def test_taking_one_offices_deletion_and_anothers_value_in_one_resolution(
    three, tmp_path: Path
) -> None:
    """TWO_OFFICES_ONE_RESOLUTION: C holds two conflicts on one fund, B's deletion and A's
    amount. Taking both deletes the fund, with A's amount kept in it (was refused:
    该帮扶资金记录在本地已删除, whichever deletion came first in the same resolution)."""
    a, b, c, ids = three
    fund = ids["fund"]
    c.funds.update(fund, amount_fen=4 * 10**6)
    a.funds.update(fund, amount_fen=2 * 10**6)
    b.funds.delete(fund)
    checked_send(b, c, tmp_path)
    checked_send(a, c, tmp_path)
    assert sorted(x.field for x in open_conflicts(c)) == ["amount_fen", "deleted_at"]
    resolve_all(c, conflicts.INCOMING)
    settled = c.funds.get(fund, include_deleted=True)
    assert settled.deleted_at is not None
    assert settled.amount_fen == 2 * 10**6
    assert open_conflicts(c) == []
    everyone_exchanges_taking_incoming((a, b, c), tmp_path)


def test_a_record_deleted_here_while_in_conflict_takes_the_incoming_value(
    three, tmp_path: Path
) -> None:
    """DELETED_WHILE_IN_CONFLICT: the deletion was made here after the conflict was found, so
    no choice in the conflict is about it: it stands, the record keeps A's amount, and A takes
    the resolution as it takes any later revision of its own."""
    a, _b, c, ids = three
    fund = ids["fund"]
    a.funds.update(fund, amount_fen=2 * 10**6)
    c.funds.update(fund, amount_fen=4 * 10**6)
    checked_send(a, c, tmp_path)
    c.funds.delete(fund)
    resolve_all(c, conflicts.INCOMING)
    assert open_conflicts(c) == []
    report = checked_send(c, a, tmp_path)
    assert report.tables["fund_transfer"].conflicts == 0
    for x in (a, c):
        settled = x.funds.get(fund, include_deleted=True)
        assert settled.deleted_at is not None
        assert settled.amount_fen == 2 * 10**6


def test_keeping_the_deletion_in_conflict_while_taking_a_value_asks_to_restore_first(
    three, tmp_path: Path
) -> None:
    """A person who keeps the deletion that the conflict is about and yet takes a value of the
    other office's live record is asked which they mean, in one resolution or in two; once
    they restore the record, the value is taken."""
    a, _b, c, ids = three
    fund = ids["fund"]
    c.funds.update(fund, amount_fen=4 * 10**6)
    c.funds.delete(fund)
    a.funds.update(fund, amount_fen=2 * 10**6)
    checked_send(a, c, tmp_path)
    found = {x.field: x.id for x in open_conflicts(c)}
    assert sorted(found) == ["amount_fen", "deleted_at"]
    mixed = {
        found["deleted_at"]: (conflicts.LOCAL, None),
        found["amount_fen"]: (conflicts.INCOMING, None),
    }
    with pytest.raises(ValidationError, match="在本地已删除：请先选择恢复它"):
        conflicts.resolve(c, mixed)
    assert len(open_conflicts(c)) == 2  # nothing half-settled
    conflicts.resolve(c, {found["deleted_at"]: (conflicts.LOCAL, None)})
    with pytest.raises(ValidationError, match="在本地已删除：请先选择恢复它"):
        conflicts.resolve(c, {found["amount_fen"]: (conflicts.INCOMING, None)})
    c.funds.restore(fund)
    conflicts.resolve(c, {found["amount_fen"]: (conflicts.INCOMING, None)})
    assert c.funds.get(fund).amount_fen == 2 * 10**6
    assert open_conflicts(c) == []
