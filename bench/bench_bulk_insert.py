"""``demo --records N`` through the services' bulk path vs the driver's raw ``executemany``.

Both insert the same generated rows into a demo database of the same schema, in one
transaction: sqlite3 on a file, psycopg (plain INSERTs, no COPY) on a server. The services also
coerce, validate every rule and write the audit event.
Goal: ratio ≤ 3×.  Usage: python -m bench.bench_bulk_insert [N] [--quick] [--json] [--engine E]
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from datetime import UTC, datetime

from bench.common import (
    ENGINE_TITLES,
    Measure,
    Size,
    Target,
    bench_main,
    fresh_demo,
    log,
    raw_connect,
    raw_sql,
    target_of,
    workdir,
)
from pairtrack.db.base import format_timestamp
from pairtrack.tracker.demo.generate import generated_rows


def raw_insert(target: Target, rows: dict[str, list[dict[str, object]]]) -> float:
    now = format_timestamp(datetime.now(UTC))
    conn = raw_connect(target)
    start = time.perf_counter()
    cursor = conn.cursor()
    with conn:
        for table, items in rows.items():
            columns = ["id", "origin", "created_at", "updated_at", "deleted_at", "note", *items[0]]
            marks = ", ".join("?" * len(columns))
            sql = raw_sql(target, f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})")
            cursor.executemany(
                sql,
                (
                    (str(uuid.uuid4()), "131001", now, now, None, "",
                     *(v.isoformat() if hasattr(v, "isoformat") else v for v in row.values()))
                    for row in items
                ),
            )  # fmt: skip
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def measure(size: Size) -> list[Measure]:
    total, folder = size.records, workdir()
    try:
        services_db = fresh_demo(folder, "services.db", size.engine)
        raw_db = fresh_demo(folder, "raw.db", size.engine)
        raw_target = target_of(raw_db)
        rows = generated_rows(services_db.pairings.ids(), total, seed=1)
        raw_rows = generated_rows(raw_db.pairings.ids(), total, seed=1)
        start = time.perf_counter()
        with services_db.write() as session:
            services = {"fund_transfer": services_db.funds, "cadre_exchange": services_db.cadres,
                        "training": services_db.trainings}  # fmt: skip
            for table, items in rows.items():
                services[table].bulk_create_in(session, items)
        ours = time.perf_counter() - start
        services_db.close()
        raw_db.close()
        raw = raw_insert(raw_target, raw_rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    log(f"{total:,} rows on {ENGINE_TITLES[size.engine]}: services bulk path {ours:.2f} s "
        f"({total / ours:,.0f} rows/s), raw executemany {raw:.2f} s ({total / raw:,.0f} rows/s)")  # fmt: skip
    return [Measure(f"demo --records {total:,} 批量写入 vs 原始 executemany", ours, "s", raw,
                    "ratio", 3.0)]  # fmt: skip


def main() -> int:
    return bench_main(measure, usage=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
