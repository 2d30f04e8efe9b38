"""Fixtures for exchange tests: ledgers of different offices, and a "nothing written" check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger


def open_office(path: Path | str, code: str, name: str) -> Ledger:
    ledger = Ledger.open(path)
    ledger.set_settings(operator="测试员", office_code=code, office_name=name)
    return ledger


@pytest.fixture
def office(new_db: Callable[[str], Any]) -> Iterator[Callable[[str, str], Ledger]]:
    opened: list[Ledger] = []

    def make(code: str, name: str = "") -> Ledger:
        ledger = open_office(new_db(f"{code}-{len(opened)}.db"), code, name or f"办公室{code}")
        opened.append(ledger)
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


@pytest.fixture
def demo(office: Callable[[str, str], Ledger]) -> Ledger:
    ledger = office("131001", "廊坊开发区对口帮扶办公室")
    load_demo(ledger)
    return ledger


@pytest.fixture
def empty(office: Callable[[str, str], Ledger]) -> Ledger:
    return office("130700", "张家口市对口帮扶办公室")


def snapshot(ledger: Ledger) -> tuple[Any, ...]:
    """Row counts of every table (deleted ones too) and of the audit trail."""
    with ledger.read() as session:
        counts = [
            int(session.scalar(select(func.count()).select_from(k.model.__table__)) or 0)
            for k in KINDS
        ]
        events = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    return (*counts, events)


def records(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every live record by content (ids, origins and timestamps left out), sorted."""
    names = ledger.regions.names()
    pairings = ledger.pairings.labels()
    agreements = {i: t for i, (t, _p) in ledger.agreements.titles().items()}
    skip = {"id", "origin", "created_at", "updated_at", "deleted_at", "rev", "parents"}
    out = {}
    for service in ledger.services.all():
        rows = []
        for record in service.list():
            values = []
            for name in service.columns:
                if name in skip:
                    continue
                value = getattr(record, name)
                if name in ("helper_id", "assisted_id"):
                    value = names[value]
                elif name == "pairing_id":
                    value = pairings[value]
                elif name == "agreement_id" and value is not None:
                    value = agreements[value]
                values.append(value)
            rows.append(tuple(values))
        out[service.table] = sorted(rows, key=repr)
    return out
