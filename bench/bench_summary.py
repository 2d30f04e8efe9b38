"""``summary`` for a year on the 100k database vs the same aggregates as one raw SQL query
(sqlite3 on the file, psycopg on a server).

Goal: ratio ≤ 2×.  Usage: python -m bench.bench_summary [N] [--quick] [--json] [--engine E]
(the database comes from ``bench.common.demo_database``: built once, cached)
"""

from __future__ import annotations

import sys

from bench.common import (
    Measure,
    Size,
    bench_main,
    demo_database,
    drop_database,
    is_server,
    log,
    median_seconds,
    raw_connect,
)
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.tracker.progress import progress

# Every indicator of DESIGN §3 for 2017, all scopes, in one statement (SQLite's spelling;
# ``raw_query`` gives the server's).
RAW = """
WITH live_pairing AS (SELECT id FROM pairing WHERE deleted_at IS NULL)
SELECT
 (SELECT sum(amount_fen) FROM fund_transfer WHERE deleted_at IS NULL AND kind = 'fiscal'
    AND arrived_on BETWEEN :start AND :end AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT sum(amount_fen) FROM fund_transfer WHERE deleted_at IS NULL
    AND kind IN ('social', 'in_kind') AND arrived_on BETWEEN :start AND :end
    AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_assisted'
    AND category = 'party_gov' AND start_on <= :end
    AND coalesce(returned_on, end_on, '9999-12-31') >= :start AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_assisted'
    AND category <> 'party_gov' AND start_on <= :end
    AND coalesce(returned_on, end_on, '9999-12-31') >= :start AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT count(*) FROM cadre_exchange WHERE deleted_at IS NULL AND direction = 'to_helper'
    AND start_on <= :end AND coalesce(returned_on, end_on, '9999-12-31') >= :start
    AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT sum(quota) FROM training WHERE deleted_at IS NULL AND start_on BETWEEN :start AND :end
    AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT sum(completed) FROM training WHERE deleted_at IS NULL
    AND coalesce(end_on, start_on) BETWEEN :start AND :end AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT count(*) FROM agreement WHERE deleted_at IS NULL AND status <> 'intent'
    AND signed_on BETWEEN :start AND :end AND pairing_id IN (SELECT id FROM live_pairing)),
 (SELECT group_concat(indicator || '=' || total) FROM (SELECT indicator, sum(value) AS total
    FROM target WHERE deleted_at IS NULL AND year = :year AND pairing_id IN (SELECT id FROM live_pairing)
    GROUP BY indicator) AS totals)
"""


def raw_query(server: bool) -> str:
    """RAW for psycopg: ``%(name)s`` parameters and string_agg for group_concat."""
    if not server:
        return RAW
    sql = RAW.replace(":start", "%(start)s").replace(":end", "%(end)s").replace(":year", "%(year)s")
    return sql.replace("group_concat(indicator || '=' || total)",
                       "string_agg(indicator || '=' || total, ',')")  # fmt: skip


def measure(size: Size) -> list[Measure]:
    db = demo_database(size.records, engine=size.engine)
    ledger = Ledger.open(db)
    try:
        period = Period.year(2017)
        rows = progress(ledger, period)
        params = {"start": "2017-01-01", "end": "2017-12-31", "year": 2017}
        conn, sql = raw_connect(db), raw_query(is_server(db))
        raw_values = conn.execute(sql, params).fetchone()
        same = [r.actual for r in rows] == [v or 0 for v in raw_values[:8]]
        repeat = size.repeat(15)
        ours = median_seconds(lambda: progress(ledger, period), repeat)
        raw = median_seconds(lambda: conn.execute(sql, params).fetchone(), repeat)
        conn.close()
    finally:
        ledger.close()
        drop_database(db)
    log(f"summary on {size.records:,} generated records + demo: services {ours * 1000:.1f} ms, "
        f"one raw SQL query {raw * 1000:.1f} ms")  # fmt: skip
    return [
        Measure("summary（年度，全部指标）vs 一条原始 SQL", ours * 1000, "ms", raw * 1000,
                "ratio", 2.0),
        Measure("summary 与原始 SQL 的数字一致", float(same), "", goal="exact"),
    ]  # fmt: skip


def main() -> int:
    return bench_main(measure, usage=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
