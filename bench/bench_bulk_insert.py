"""``demo --records N`` through the services' bulk path vs raw ``sqlite3.executemany``.

Both insert the same generated rows into a demo database of the same schema, in one
transaction. The services also coerce, validate every rule and write the audit event.
Goal: ratio ≤ 3×.  Usage: python bench/bench_bulk_insert.py [N]
"""

from __future__ import annotations

import sqlite3
import sys
import time
import uuid
from datetime import UTC, datetime

from bench.common import fresh_demo, workdir
from db.base import format_timestamp
from tracker.demo.generate import generated_rows


def raw_insert(path: str, rows: dict[str, list[dict[str, object]]]) -> float:
    now = format_timestamp(datetime.now(UTC))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    start = time.perf_counter()
    with conn:
        for table, items in rows.items():
            columns = ["id", "origin", "created_at", "updated_at", "deleted_at", "note", *items[0]]
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            conn.executemany(
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


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    folder = workdir()
    services_db, raw_db = fresh_demo(folder, "services.db"), fresh_demo(folder, "raw.db")
    pairing_ids = services_db.pairings.ids()
    rows = generated_rows(pairing_ids, total, seed=1)
    raw_rows = generated_rows(raw_db.pairings.ids(), total, seed=1)
    start = time.perf_counter()
    with services_db.write() as session:
        services = {"fund_transfer": services_db.funds, "cadre_exchange": services_db.cadres,
                    "training": services_db.trainings}  # fmt: skip
        for table, items in rows.items():
            services[table].bulk_create_in(session, items)
    ours = time.perf_counter() - start
    raw_db.close()
    raw = raw_insert(str(folder / "raw.db"), raw_rows)
    print(f"rows: {total:,}")
    print(f"services bulk path: {ours:.2f} s ({total / ours:,.0f} rows/s)")
    print(f"raw executemany:    {raw:.2f} s ({total / raw:,.0f} rows/s)")
    print(f"ratio: {ours / raw:.2f}x (goal <= 3x)")


if __name__ == "__main__":
    main()
