"""The storage object: a read block is one snapshot, a write block one transaction, nested
writes are savepoints, and every committed write says what it changed."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from pairtrack.db.engine import WRITE_LOCK_KEY
from pairtrack.db.models import Region
from pairtrack.tracker.changes import Change
from pairtrack.tracker.errors import ValidationError, is_busy
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.store import login_in, operator_key
from tests import engines


def regions_in(session: object) -> int:
    return int(session.scalar(select(func.count()).select_from(Region)) or 0)  # type: ignore[attr-defined]


def test_a_read_block_is_one_snapshot(db_target: Path) -> None:
    """Before: the same block counted 4 regions, then 5, while another connection wrote."""
    reader, writer = Ledger.open(db_target), Ledger.open(db_target)
    try:
        for number in range(4):
            reader.regions.create(name=f"县{number}", level="county")
        with reader.read() as session:
            first = regions_in(session)
            writer.regions.create(name="县5", level="county")
            assert regions_in(session) == first == 4
            assert reader.regions.count() == 4  # a service read joins the same snapshot
        assert reader.regions.count() == 5
    finally:
        reader.close()
        writer.close()


def test_a_failed_write_block_writes_nothing(ledger: Ledger) -> None:
    with pytest.raises(ValidationError), ledger.write():
        ledger.regions.create(name="甲", level="county")
        ledger.regions.create(name="乙", level="nowhere")  # refused: the whole block goes
    assert ledger.regions.count(include_deleted=True) == 0


def test_a_nested_write_that_fails_undoes_only_itself(ledger: Ledger) -> None:
    with ledger.write():
        ledger.regions.create(name="甲", level="county")
        with pytest.raises(ValidationError):
            ledger.regions.create(name="甲", level="county", code="12345")
        ledger.regions.create(name="乙", level="county")
    assert sorted(r.name for r in ledger.regions.list()) == ["乙", "甲"]


def test_a_write_cannot_start_inside_a_read_block(ledger: Ledger) -> None:
    with ledger.read(), pytest.raises(RuntimeError):
        ledger.regions.create(name="甲", level="county")
    assert ledger.regions.count() == 0


def test_on_a_server_a_write_waits_for_the_writers_lock_then_is_busy(
    db_target: Path, db_engine: str
) -> None:
    """PostgreSQL's stand-in for BEGIN IMMEDIATE: the advisory lock every writer takes first;
    held elsewhere past the busy timeout, the write is refused as busy, nothing written."""
    if db_engine != "postgresql":
        pytest.skip("the file's lock: the next test")
    ledger = Ledger.open(db_target, busy_timeout_ms=100)
    other = engines.Raw(ledger)
    try:
        other.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        with pytest.raises(DBAPIError) as caught, ledger.write() as session:
            session.add(Region(name="甲", level="county"))
        assert is_busy(caught.value)
        other.connection.rollback()
        assert ledger.regions.count(include_deleted=True) == 0
        ledger.regions.create(name="乙", level="county")  # the lock is free again
    finally:
        other.close()
        ledger.close()


def test_a_write_takes_the_lock_at_its_start(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits (then gives up), it never fails half-way."""
    path = tmp_path / "l.db"
    ledger = Ledger.open(path, busy_timeout_ms=100)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(Exception, match="locked"), ledger.write() as session:
            session.add(Region(name="甲", level="county"))
        other.execute("ROLLBACK")
        assert ledger.regions.count(include_deleted=True) == 0
    finally:
        other.close()
        ledger.close()


def test_committed_writes_are_recorded_as_a_change(ledger: Ledger) -> None:
    with ledger.recording() as log:
        region = ledger.regions.create(name="甲", level="county")
        ledger.set_settings(operator="王敏")
    change = log.freeze()
    assert change.tables == {"region", "meta"}
    with ledger.read() as session:
        login = login_in(session)
    # on a server the operator is the login's own display name (tracker.store.operator_in)
    assert (
        region.id in change.ids
        and ("operator" if login is None else operator_key(login)) in change.ids
    )
    assert change.touches("region") and not change.touches("fund_transfer")
    assert Change.everything().touches("fund_transfer")


def test_a_rolled_back_write_is_not_recorded(ledger: Ledger) -> None:
    with ledger.recording() as log, pytest.raises(ValidationError):
        ledger.regions.create(name="甲", level="nowhere")
    assert not log.freeze()


def test_recording_is_per_thread(ledger: Ledger) -> None:
    with ledger.recording() as log:
        worker = threading.Thread(target=lambda: ledger.regions.create(name="甲", level="county"))
        worker.start()
        worker.join()
    assert not log.freeze()
