"""How the brief reads the large tables (issue 12; the times are in ``bench/bench_brief.py``).

Its cost must follow the rows a figure is made of, never every row of a table, and must not
pay per row for what can be paid once (``tracker.seek``). SQLite's plans say so without
timing anything: each statement the brief runs is asked ``EXPLAIN QUERY PLAN``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from pairtrack.tracker.alerts import alerts
from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.demo.generate import add_records
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.scopes import pairing_scope, scope_of_region
from tests.brief.conftest import options

BIG = ("fund_transfer", "cadre_exchange")  # the tables with covering indexes led by codes
DETAIL = (*BIG, "training")
PERIODS = (Period.through_month(2017, 11), Period.quarter(2019, 2), Period.year(2020))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = Ledger.open(tmp_path_factory.mktemp("plans") / "plans.db")
    load_demo(ledger)
    add_records(ledger, 2_000, seed=3)
    yield ledger
    ledger.close()


def statements(ledger: Ledger, action: Any) -> list[tuple[str, Any]]:
    """The SELECT statements ``action`` runs, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(ledger.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(ledger.engine, "before_cursor_execute", record)
    return seen


def plans(ledger: Ledger, action: Any) -> list[tuple[str, list[str]]]:
    """Each statement with the lines of its query plan."""
    out = []
    with ledger.engine.connect() as connection:
        for statement, parameters in statements(ledger, action):
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            out.append((statement, [row[3] for row in rows]))
    return out


def brief_plans(ledger: Ledger, period: Period, scope: Scope) -> list[tuple[str, list[str]]]:
    return plans(ledger, lambda: build_brief(ledger, options(ledger, period, scope)))


def scopes(ledger: Ledger) -> list[Scope]:
    """Everything, one pairing, and the pairings of a city's helpers."""
    pairing = ledger.pairings.list()[0]
    city = next(r for r in ledger.regions.list() if r.level == "city")
    return [Scope.everything(), pairing_scope(ledger, pairing.id), scope_of_region("helper", city)]


def on(table: str, line: str) -> bool:
    return line.startswith((f"SCAN {table}", f"SEARCH {table} "))


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_no_statement_reads_every_row_of_a_detail_table(ledger: Ledger, period: Period) -> None:
    for scope in scopes(ledger):
        for statement, lines in brief_plans(ledger, period, scope):
            for table in DETAIL:
                scans = [line for line in lines if line.startswith(f"SCAN {table}")]
                assert not scans, f"{scans} in {statement}"


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_funds_and_cadres_are_read_from_covering_indexes_without_sorting(
    ledger: Ledger, period: Period
) -> None:
    """Aggregates over funds and cadres read only index ranges (no lookup of each row, no
    sort to group the rows by code); the only rows fetched are those a list prints (a LIMIT).

    Asked of the whole ledger (the benchmark's brief). In a scope of a few pairings SQLite,
    without statistics, prefers to read some findings through the pairing_id index: the
    rows of those pairings, not of the whole table (the first test still holds)."""
    for scope in scopes(ledger)[:1]:
        for statement, lines in brief_plans(ledger, period, scope):
            read = [line for line in lines if any(on(table, line) for table in BIG)]
            if not read or " LIMIT " in statement or "autoindex" in " ".join(read):
                continue  # the lists the brief prints, and their rows fetched by id
            assert all("USING COVERING INDEX" in line for line in read), (read, statement)
            if "GROUP BY fund_transfer.pairing_id " in statement + " ":
                continue  # arrivals by pairing alone (表1-2): a sort, or a read of every kind
            if "GROUP BY cadre_exchange.pairing_id" in statement:
                continue  # no index leads with the pairing and then the 在岗 dates
            assert not any("TEMP B-TREE FOR GROUP BY" in line for line in lines), statement


def test_the_findings_of_the_brief_count_without_listing_every_row(ledger: Ledger) -> None:
    period = Period.through_month(2017, 11)
    listed = plans(ledger, lambda: alerts(ledger, period, Scope.everything(), date(2030, 1, 1)))
    counted = plans(
        ledger, lambda: alerts(ledger, period, Scope.everything(), date(2030, 1, 1), ids=False)
    )
    selects_ids = [s for s, _ in counted if s.lstrip().startswith(("SELECT fund_transfer.id",
                                                                  "SELECT cadre_exchange.id"))]  # fmt: skip
    assert not selects_ids
    assert len(listed) > len(counted)
    assert [a.message for a in alerts(ledger, period, Scope.everything(), date(2030, 1, 1))] == [
        a.message for a in alerts(ledger, period, Scope.everything(), date(2030, 1, 1), ids=False)
    ]
