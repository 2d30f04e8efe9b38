"""What the review tests of the revision merge share: sends that also run ``check``, the
three- and two-office fixtures, and a few shortcuts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from pairtrack.tracker import conflicts
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from tests.exchange.test_offices import seed, send, tables

Office = Callable[..., Ledger]
_n = itertools.count()


def checked_send(source: Ledger, target: Ledger, folder: Path) -> Any:
    """``send`` (which asserts the second import changes nothing), then ``check`` on both."""
    report = send(source, target, folder)
    assert problems(target) == []
    return report


def problems(ledger: Ledger) -> list[Any]:
    """``check`` findings, but the 疑似跨单位重复 the twin tests make on purpose."""
    return [f for f in run_checks(ledger) if f.kind != "duplicate"]


def package(source: Ledger, folder: Path) -> Path:
    path = folder / f"r{next(_n)}.pairtrack.zip"
    export_package(source, path)
    return path


def open_conflicts(ledger: Ledger) -> list[conflicts.ConflictRecord]:
    return conflicts.list_conflicts(ledger)


def resolve_all(ledger: Ledger, how: str = conflicts.INCOMING) -> None:
    found = open_conflicts(ledger)
    if found:
        conflicts.resolve(ledger, {c.id: (how, None) for c in found})


def count(ledger: Ledger, model: Any) -> int:
    with ledger.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def three(office: Office, tmp_path: Path) -> tuple[Ledger, Ledger, Ledger, dict[str, str]]:
    """Zone A seeds, B and C get a copy; all three hold the same rows and revisions."""
    a, b, c = office("131001", "廊坊开发区"), office("131002", "大厂"), office("130700", "张家口市")
    ids = seed(a)
    checked_send(a, b, tmp_path)
    checked_send(a, c, tmp_path)
    assert tables(a) == tables(b) == tables(c)
    return a, b, c, ids


def _conflict_both_sides(pair_: tuple[Ledger, Ledger, dict[str, str]], folder: Path) -> None:
    zone, city, ids = pair_
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    city.funds.update(ids["fund"], amount_fen=830 * 10**6)
    checked_send(zone, city, folder)
    checked_send(city, zone, folder)
    assert len(open_conflicts(zone)) == len(open_conflicts(city)) == 1


@pytest.fixture
def pair2(office: Office, tmp_path: Path) -> tuple[Ledger, Ledger, dict[str, str]]:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    ids = seed(zone)
    checked_send(zone, city, tmp_path)
    return zone, city, ids


def _agreement(ledger: Ledger, pairing_id: str, status: str = "intent") -> str:
    return ledger.agreements.create(
        pairing_id=pairing_id, title="产业合作协议", category="industry", status=status,
        signed_on=None if status == "intent" else date(2018, 3, 1),
    ).id  # fmt: skip
