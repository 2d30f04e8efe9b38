"""Review (issue 10): offices editing the SAME records, random exchanges, then every conflict
resolved by taking the incoming value while exchanges go on: the offices must converge to
identical tables with no open conflicts in a bounded number of rounds."""

from __future__ import annotations

import itertools
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exchange.test_offices import seed, send, tables
from tracker import conflicts
from tracker.check import run_checks
from tracker.ledger import Ledger

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


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(operation, max_size=20))
def test_offices_editing_the_same_records_converge_after_taking_incoming(
    blank: Path, folder: Path, steps: list[tuple[object, ...]]
) -> None:
    run = folder / f"run{next(_run)}"
    run.mkdir()
    ledgers = []
    for n in range(OFFICES):
        shutil.copy(blank, run / f"o{n}.db")
        ledger = Ledger.open(run / f"o{n}.db")
        ledger.set_settings(operator="测试员", office_code=f"13100{n}", office_name=f"单位{n}")
        ledgers.append(ledger)
    try:
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
    finally:
        for ledger in ledgers:
            ledger.close()
