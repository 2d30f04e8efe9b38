"""Exchange formats on 100k records, each against a raw baseline, each case in its own process.

- xlsx export vs a raw openpyxl write-only dump of the same table rows (goal ≤ 1.3×)
- csv export vs the csv module writing the same rows (goal ≤ 1.5×)
- package import into an empty database vs the driver's raw ``executemany`` of the same rows,
  already parsed in memory (goal ≤ 3×)
- package merge: a 100k package into a database holding the same rows with 1% edited on
  each side (half of those the same field of the same row): the time, and the conflicts found
- peak memory (``ru_maxrss``) of every case (goal: bounded, < 300 MB)

On PostgreSQL (``--engine postgresql``) the same cases run on databases of the server, and the
raw baselines read and write through psycopg instead of sqlite3.

Usage: python bench/bench_exchange.py [N] [--quick] [--json] [--engine E]
"""

from __future__ import annotations

import csv
import json
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.common import Measure, Size, Target

ROOT = Path(__file__).resolve().parents[1]
EXTRA: dict[str, int] = {}  # what a case found besides its time (the merge's conflicts)
TABLES = ("region", "pairing", "agreement", "target", "fund_transfer", "cadre_exchange", "training")


def _target(text: str) -> Target:
    """A case's database as its command line names it: a server URL, or a file."""
    return text if "://" in text else Path(text)


def case(name: str, db: Target, out: Path, into: Target) -> float:
    """One case's time. ``db``: the database read (or the package, for the import cases),
    ``out``: the file or folder written, ``into``: the database an import writes into."""
    from bench.common import raw_connect, raw_sql
    from pairtrack.tracker.ledger import Ledger

    if name == "xlsx":
        from pairtrack.tracker.exchange.xlsx_export import export_xlsx

        ledger = Ledger.open(db)
        start = time.perf_counter()
        export_xlsx(ledger, out, year=2017)
        return time.perf_counter() - start
    if name == "xlsx_raw":
        from openpyxl import Workbook

        start = time.perf_counter()
        workbook = Workbook(write_only=True)
        conn = raw_connect(db)
        for table in TABLES:
            ws = workbook.create_sheet(table)
            cursor = conn.execute(f"SELECT * FROM {table} WHERE deleted_at IS NULL ORDER BY id")
            ws.append([d[0] for d in cursor.description])
            for row in cursor:
                ws.append(row)
        workbook.save(out)
        return time.perf_counter() - start
    if name == "csv":
        from pairtrack.tracker.exchange.csv_export import export_csv

        ledger = Ledger.open(db)
        start = time.perf_counter()
        export_csv(ledger, out)
        return time.perf_counter() - start
    if name == "csv_raw":
        start = time.perf_counter()
        out.mkdir(parents=True, exist_ok=True)
        conn = raw_connect(db)
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table} WHERE deleted_at IS NULL ORDER BY id")
            with open(out / f"{table}.csv", "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([d[0] for d in cursor.description])
                writer.writerows(cursor)
        return time.perf_counter() - start
    if name == "package_export":
        from pairtrack.tracker.exchange.package_write import export_package

        ledger = Ledger.open(db)
        start = time.perf_counter()
        export_package(ledger, out)
        return time.perf_counter() - start
    package = Path(db)  # for the import cases ``db`` is the package
    if name == "package_import":
        from pairtrack.tracker.exchange.merge import import_package

        ledger = Ledger.open(into)
        ledger.set_settings(operator="基准测试", office_code="130000", office_name="市办")
        start = time.perf_counter()
        import_package(ledger, package)
        return time.perf_counter() - start
    if name == "package_import_raw":
        Ledger.open(into).close()  # the same schema, empty
        rows = {}
        with zipfile.ZipFile(package) as archive:
            for table in TABLES:
                lines = archive.read(f"{table}.jsonl").splitlines()
                rows[table] = [json.loads(line) for line in lines]
        conn = raw_connect(into)
        cursor = conn.cursor()
        start = time.perf_counter()
        with conn:
            for table, items in rows.items():
                if not items:
                    continue
                columns = list(items[0])
                sql = raw_sql(
                    into,
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                )
                cursor.executemany(sql, [tuple(item.values()) for item in items])
        return time.perf_counter() - start
    if name == "package_merge":
        from pairtrack.tracker.exchange.merge import import_package
        from pairtrack.tracker.exchange.package_write import export_package

        # here ``db`` and ``into`` are two copies of the demo database
        office, city = Ledger.open(db), Ledger.open(into)
        office.set_settings(office_code="131001", office_name="开发区")
        city.set_settings(office_code="130000", office_name="市办")
        for ledger, picks in ((office, (0,)), (city, (0, 50))):
            with ledger.write() as session:
                for service in (ledger.funds, ledger.cadres, ledger.trainings):
                    ids = sorted(service.ids())
                    for index in range(0, len(ids)):
                        if index % 100 in picks and (ledger is office or index % 200 != 100):
                            obj = session.get(service.model, ids[index])
                            service.update_in(session, obj, {"note": f"{ledger.office_name}改"})
        path = out  # the package the office sends
        export_package(office, path)
        start = time.perf_counter()
        report = import_package(city, path)
        seconds = time.perf_counter() - start
        EXTRA["conflicts"] = sum(t.conflicts for t in report.tables.values())
        EXTRA["updated"] = sum(t.updated for t in report.tables.values())
        return seconds
    raise SystemExit(f"unknown case {name}")


def run_case(name: str, source: Target, out: Path, into: Target) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--case", name, str(source), str(out), str(into)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"case {name} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


CASES = ("xlsx", "xlsx_raw", "csv", "csv_raw", "package_export", "package_import",
         "package_import_raw", "package_merge")  # fmt: skip
MEMORY_GOAL_MB = 300


def measure(size: Size) -> list[Measure]:
    from bench.common import (
        Measure,
        copy_database,
        demo_database,
        drop_database,
        log,
        new_database,
        workdir,
    )

    db, folder = demo_database(size.records, engine=size.engine), workdir()
    log(f"records: {size.records:,} (database {db})")
    package = folder / "p.pairtrack.zip"
    places = {
        "xlsx": (db, folder / "ours.xlsx", ""), "xlsx_raw": (db, folder / "raw.xlsx", ""),
        "csv": (db, folder / "ours-csv", ""), "csv_raw": (db, folder / "raw-csv", ""),
        "package_export": (db, package, ""),
        "package_import": (package, folder, new_database(size.engine, folder / "merged.db")),
        "package_import_raw": (package, folder, new_database(size.engine, folder / "raw.db")),
        "package_merge": (copy_database(db, folder / "office.db"), folder / "office.pairtrack.zip",
                          copy_database(db, folder / "city.db")),
    }  # fmt: skip
    results = {}
    try:
        for name in CASES:
            results[name] = found = run_case(name, *places[name])
            log(f"{name:20s} {found['seconds']:7.2f} s   peak {found['peak_mb']:6.0f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for made in {db, *(into for _source, _out, into in places.values() if into)}:
            drop_database(made)
    rows = []
    for ours, raw, goal, title in (
        ("xlsx", "xlsx_raw", 1.3, "xlsx 导出 vs openpyxl 只写模式"),
        ("csv", "csv_raw", 1.5, "csv 导出 vs csv 模块"),
        ("package_import", "package_import_raw", 3.0, "汇总包导入空库 vs 原始 executemany"),
    ):
        rows.append(Measure(title, results[ours]["seconds"], "s", results[raw]["seconds"],
                            "ratio", goal))  # fmt: skip
    rows.append(Measure("汇总包导出", results["package_export"]["seconds"], "s"))
    merge = results["package_merge"]
    rows.append(
        Measure(f"汇总包合并（两边各改 1%）：冲突 {merge['conflicts']}、合并 {merge['updated']}",
                merge["seconds"], "s")
    )  # fmt: skip
    ours_cases = [n for n in CASES if not n.endswith("_raw")]
    peak = max(results[n]["peak_mb"] for n in ours_cases)
    worst = max(ours_cases, key=lambda n: results[n]["peak_mb"])
    rows.append(Measure(f"导出、导入、合并的峰值内存（最大：{worst}）", peak, "MB",
                        goal="max", limit=MEMORY_GOAL_MB))  # fmt: skip
    return rows


def main() -> int:
    sys.path.insert(0, str(ROOT))  # run as a script: the project's packages come from ROOT
    if sys.argv[1:2] == ["--case"]:
        seconds = case(sys.argv[2], _target(sys.argv[3]), Path(sys.argv[4]), _target(sys.argv[5]))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, **EXTRA}))
        return 0
    from bench.common import bench_main

    return bench_main(measure, usage=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
