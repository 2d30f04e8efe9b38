"""What a careful forger does to the audit chain, shared by the anchor and received-head tests."""

from __future__ import annotations

from typing import Any

from pairtrack.tracker.audit import GENESIS, event_hash


def rehash_from(raw: Any, first_seq: int) -> None:
    """What a careful forger does after editing an event: recompute every later hash.
    ``raw``: a sqlite3 connection or ``tests.engines.Raw`` (``?`` placeholders)."""
    rows = raw.execute(
        "SELECT seq, at, operator, action, table_name, row_id, before, after FROM audit_event "
        "ORDER BY seq"
    ).fetchall()
    prev = GENESIS
    with raw:
        for seq, at, operator, action, table, row_id, before, after in rows:
            if seq >= first_seq:
                digest = event_hash(prev, at, operator, action, table, row_id, before, after)
                raw.execute(
                    "UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?",
                    (prev, digest, seq),
                )
            prev = raw.execute("SELECT hash FROM audit_event WHERE seq = ?", (seq,)).fetchone()[0]
