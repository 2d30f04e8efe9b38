"""``summary`` for a year on the 100k database vs the same aggregates as one raw SQL query.

Goal: ratio ≤ 2×.  Usage: python bench/bench_summary.py [N]
"""

from __future__ import annotations

import sqlite3
import sys

from bench.common import fresh_demo, median_seconds, workdir
from tracker.demo.generate import add_records
from tracker.periods import Period
from tracker.progress import progress

# Every indicator of DESIGN §3 for 2017, all scopes, in one statement.
RAW = """
WITH live_pairing AS (SELECT id FROM pairing WHERE deleted_at IS NULL)
SELECT
 (SELECT sum(amount_fen) FROM fund_transfer WHERE deleted_at IS NULL AND kind = 'fiscal'
    AND arrived_on BETWEEN :start AND :end AND pairing_id IN live_pairing),
 (SELECT sum(amount_fen) FROM fund_transfer WHERE deleted_at IS NULL
    AND kind IN ('social', 'in_kind') AND arrived_on BETWEEN :start AND :end
    AND pairing_id IN live_pairing),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_assisted'
    AND category = 'party_gov' AND start_on <= :end
    AND coalesce(returned_on, end_on, '9999-12-31') >= :start AND pairing_id IN live_pairing),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_assisted'
    AND category <> 'party_gov' AND start_on <= :end
    AND coalesce(returned_on, end_on, '9999-12-31') >= :start AND pairing_id IN live_pairing),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_helper'
    AND start_on <= :end AND coalesce(returned_on, end_on, '9999-12-31') >= :start
    AND pairing_id IN live_pairing),
 (SELECT sum(quota) FROM training WHERE deleted_at IS NULL AND start_on BETWEEN :start AND :end
    AND pairing_id IN live_pairing),
 (SELECT sum(completed) FROM training WHERE deleted_at IS NULL
    AND coalesce(end_on, start_on) BETWEEN :start AND :end AND pairing_id IN live_pairing),
 (SELECT count(*) FROM agreement WHERE deleted_at IS NULL AND status <> 'intent'
    AND signed_on BETWEEN :start AND :end AND pairing_id IN live_pairing),
 (SELECT group_concat(indicator || '=' || total) FROM (SELECT indicator, sum(value) AS total
    FROM target WHERE deleted_at IS NULL AND year = :year AND pairing_id IN live_pairing
    GROUP BY indicator))
"""


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = workdir()
    ledger = fresh_demo(folder, "summary.db")
    add_records(ledger, total, seed=1)
    period = Period.year(2017)
    rows = progress(ledger, period)
    params = {"start": "2017-01-01", "end": "2017-12-31", "year": 2017}
    conn = sqlite3.connect(folder / "summary.db")
    raw_values = conn.execute(RAW, params).fetchone()
    assert [r.actual for r in rows] == [v or 0 for v in raw_values[:8]], "figures differ"
    ours = median_seconds(lambda: progress(ledger, period), repeat=15)
    raw = median_seconds(lambda: conn.execute(RAW, params).fetchone(), repeat=15)
    print(f"records: {total:,} generated + demo")
    print(f"summary (services): {ours * 1000:.1f} ms")
    print(f"one raw SQL query:  {raw * 1000:.1f} ms")
    print(f"ratio: {ours / raw:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
