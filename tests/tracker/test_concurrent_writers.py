"""Several people writing one database at once (separate PCs on one PostgreSQL server, or
separate programs on one file) keep one audit chain and lose no update.

Every write transaction first takes the writers' lock (BEGIN IMMEDIATE on SQLite, an advisory
transaction lock on PostgreSQL), so the audit append — read the chain's head, hash, insert —
is never interleaved. Before the lock on PostgreSQL, 4 threads × 25 writes left 103 events
with 51 distinct ``prev_hash`` values and ``check`` reported tampering.
"""

from __future__ import annotations

import itertools
import json
import threading
from datetime import date
from typing import Any

from sqlalchemy import select

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.ledger import Ledger

THREADS = 4
WRITES = 25
# each writer edits its own field of one shared record, besides creating records of its own
FIELDS = ("purpose", "donor", "voucher", "note")


def test_concurrent_writers_keep_one_chain_and_lose_no_update(db_target: Any) -> None:
    setup = Ledger.open(db_target)
    setup.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    helper = setup.regions.create(name="廊坊开发区", level="zone")
    assisted = setup.regions.create(name="康保县", level="county")
    pairing = setup.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    shared = setup.funds.create(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen="300万",
        purpose="起始",
        allocated_on=date(2017, 3, 1),
    )
    with setup.read() as session:
        before = len(session.scalars(select(AuditEvent.seq)).all())
    failures: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(number: int) -> None:
        ledger = Ledger.open(db_target)  # its own engine and pool: like another PC
        try:
            start.wait()
            for step in range(WRITES):
                if step % 2:
                    ledger.regions.create(name=f"县{number}-{step}", level="county")
                else:
                    ledger.funds.update(shared.id, **{FIELDS[number]: f"第{number}人第{step}次"})
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            ledger.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        with setup.read() as session:
            events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        new = events[before:]
        assert len(new) == THREADS * WRITES
        # one chain: each event names the one before it, and no two name the same one
        assert len({e.prev_hash for e in events}) == len(events)
        for previous, event in itertools.pairwise(events):
            assert event.prev_hash == previous.hash
        assert run_checks(setup) == []
        # no update lost: every writer's last value is in the record …
        final = setup.funds.get(shared.id)
        last = WRITES - 1 if (WRITES - 1) % 2 == 0 else WRITES - 2
        for number, field in enumerate(FIELDS):
            assert getattr(final, field) == f"第{number}人第{last}次"
        # … and each update of it started from the state the previous one left
        updates = [e for e in new if e.row_id == shared.id]
        assert len(updates) == THREADS * ((WRITES + 1) // 2)
        state = None
        for event in updates:
            before_row, after_row = json.loads(event.before), json.loads(event.after)
            if state is not None:
                assert {k: before_row.get(k) for k in FIELDS} == state
            state = {k: after_row.get(k) for k in FIELDS}
    finally:
        setup.close()
