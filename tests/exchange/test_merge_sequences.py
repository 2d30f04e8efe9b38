"""Random sequences of edits and exchanges between three offices and a city (hypothesis).

The model: each office creates, edits and deletes its own fund records and sends packages
to any other office or to the city, in any order, any number of times. Whatever the order,
once every office's latest package has reached the city, the city's total per office equals
that office's own total, to the 分, and no conflict was ever raised (nobody edited another
office's record).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairtrack.tracker import conflicts
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from tests import engines

OFFICES = 3
CITY = OFFICES  # index of the city among the ledgers

operation = st.one_of(
    st.tuples(st.just("create"), st.integers(0, OFFICES - 1), st.integers(1, 10**9)),
    st.tuples(
        st.just("edit"), st.integers(0, OFFICES - 1), st.integers(0, 5), st.integers(1, 10**9)
    ),
    st.tuples(st.just("delete"), st.integers(0, OFFICES - 1), st.integers(0, 5)),
    st.tuples(st.just("send"), st.integers(0, OFFICES - 1), st.integers(0, OFFICES)),
)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty database, copied for every office of every example (fast)."""
    path = tmp_path_factory.mktemp("blank") / "blank.db"
    Ledger.open(path).close()
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sequences")


_example = itertools.count()


def offices(engine: str, blank: Path, folder: Path) -> Iterator[tuple[list[Ledger], Path]]:
    """The three offices and the city of one example, each a new ledger on the test's engine."""
    run = folder / f"run{next(_example)}"
    run.mkdir()
    with engines.fresh_ledgers(engine, run, OFFICES + 1, blank) as ledgers:
        for n, ledger in enumerate(ledgers):
            code = "130000" if n == CITY else f"13100{n}"
            ledger.set_settings(operator="测试员", office_code=code, office_name=f"单位{n}")
        yield ledgers, run


def send(source: Ledger, target: Ledger, folder: Path) -> None:
    path = folder / f"p{next(_example)}.pairtrack.zip"
    export_package(source, path)
    report = import_package(target, path)
    assert not report.problems
    path.unlink()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(operation, max_size=25), final_order=st.permutations(range(OFFICES)))
def test_the_city_total_per_office_equals_the_offices_own(
    db_engine: str,
    blank: Path,
    folder: Path,
    steps: list[tuple[object, ...]],
    final_order: list[int],
) -> None:
    for ledgers, run in offices(db_engine, blank, folder):
        city = ledgers[CITY]
        helper = city.regions.create(name="廊坊开发区", level="zone")
        assisted = city.regions.create(name="康保县", level="county", code="130723")
        pairing = city.pairings.create(
            helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
        )
        for office in ledgers[:CITY]:
            send(city, office, run)
        own: list[list[str]] = [[] for _ in range(OFFICES)]
        for step in steps:
            kind, who = step[0], int(step[1])  # type: ignore[call-overload]
            office = ledgers[who]
            if kind == "create":
                fund = office.funds.create(
                    pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=step[2],
                    purpose="款", allocated_on=date(2017, 3, 1),
                )  # fmt: skip
                own[who].append(fund.id)
            elif kind in ("edit", "delete") and own[who]:
                fund_id = own[who][int(step[2]) % len(own[who])]  # type: ignore[call-overload]
                if office.funds.list(id_in=[fund_id]):
                    if kind == "edit":
                        office.funds.update(fund_id, amount_fen=step[3])
                    else:
                        office.funds.delete(fund_id)
            elif kind == "send" and who != step[2]:
                send(office, ledgers[int(step[2])], run)  # type: ignore[call-overload]
        for who in final_order:
            send(ledgers[who], city, run)
        for who in range(OFFICES):
            code = f"13100{who}"
            mine = ledgers[who].funds.totals(origin=code)["amount_fen"]
            assert city.funds.totals(origin=code)["amount_fen"] == mine
        assert city.funds.totals()["amount_fen"] == sum(
            ledgers[w].funds.totals(origin=f"13100{w}")["amount_fen"] for w in range(OFFICES)
        )
        assert all(conflicts.list_conflicts(ledger) == [] for ledger in ledgers)
