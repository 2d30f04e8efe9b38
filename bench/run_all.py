"""Every benchmark under bench/, on the 100k-record database, as ONE table.

Each benchmark runs in its own process (``python -m bench.<name> … --json``: peak memory is a
figure of the whole process, and the window benchmarks need a Qt application of their own)
and hands back its rows; the table lists, for each: the measure, PairTrack's figure, the raw
baseline's, their ratio, the goal and whether it was met. The demo database (and the
ledger workbook) are built on first use and kept in the temp folder
(``bench.common.cache_folder``), so a second run starts at once.

Usage: python bench/run_all.py [--records N] [--quick] [--markdown] [--only NAME …]
                               [--pg URL] [--engine E] [--drop-cache]

``--quick`` runs everything on a small database with one repetition each: a smoke test that
every benchmark still runs and reports every row (its figures mean little); it leaves out
bench_bundle, which first builds the one-folder program (PyInstaller, minutes). ``--markdown``
prints the table as the README shows it. The exit status is 1 when a benchmark could not
run; a goal not met is a row marked FAIL, not an error.

With a PostgreSQL server named (``--pg URL`` or PAIRTRACK_BENCH_PG), the database benchmarks
also run on it (each makes and drops databases of its own there; the generated demo databases
are kept on the server as templates, as the files are in the temp folder: ``--drop-cache``
drops them after the run), and the table has a column group per engine: PairTrack's figure,
the raw baseline on that same engine (sqlite3 or psycopg) and their ratio. The benchmarks of
the window, its stalls and the bundle run on SQLite alone and the table says so.
``--engine`` runs one engine only.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the project's packages come from ROOT
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402  (after the path above)
    ENGINE_TITLES,
    ENGINES,
    PG_ENV,
    QUICK_RECORDS,
    SQLITE_ONLY,
    Measure,
    drop_cache,
    engine_table,
    from_json,
    table,
)


@dataclass(frozen=True)
class Bench:
    name: str  # the module under bench/
    rows: int  # how many rows of the report it gives (a missing one is a broken benchmark)
    quick: bool = True  # part of a quick run too
    why_not_quick: str = ""
    sqlite_only: str = ""  # why it does not run on a server: what it measures is no database's

    @property
    def engines(self) -> tuple[str, ...]:
        return ("sqlite",) if self.sqlite_only else ENGINES

    def command(self, records: int, quick: bool, engine: str) -> list[str]:
        if self.name == "ledger_import":  # its own options: a workbook of ``records`` rows
            args = ["--rows", str(records), "--check", "--json", "--engine", engine]
            return [*args, "--repeat", "1"] if quick else args
        if self.name == "bench_bundle":  # no database of a size: the program itself
            return ["--json", *(["--quick"] if quick else [])]
        return [str(records), "--json", "--engine", engine, *(["--quick"] if quick else [])]


BENCHES = (
    Bench("bench_bulk_insert", 1),
    Bench("bench_summary", 2),
    Bench("bench_brief", 3),
    Bench("bench_exchange", 6),
    Bench("ledger_import", 4),
    Bench("bench_window", 5, sqlite_only="the window's start-up keeps its figures per file"),
    Bench("bench_stall", 3, sqlite_only="another program holds SQLite's file write lock"),
    Bench("bench_bundle", 4, quick=False, why_not_quick="it builds the one-folder bundle first",
          sqlite_only="the program's size and start-up, no database's"),
)  # fmt: skip


def run_bench(bench: Bench, records: int, quick: bool, engine: str) -> list[Measure]:
    """The rows one benchmark reports, from its own process."""
    command = [sys.executable, "-m", f"bench.{bench.name}", *bench.command(records, quick, engine)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    lines = done.stdout.strip().splitlines()
    try:
        measures = from_json(lines[-1])
    except (IndexError, ValueError, TypeError) as exc:
        raise BenchFailed(bench.name, done.returncode, done.stderr) from exc
    for line in done.stderr.strip().splitlines():
        print(f"  {line}", file=sys.stderr, flush=True)
    return measures


class BenchFailed(Exception):
    def __init__(self, name: str, code: int, stderr: str) -> None:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        super().__init__(f"{name} failed (exit {code}):\n{tail}")


def machine() -> str:
    """CPU model, cores, RAM, OS and Python: the line printed under the table."""
    cpu = platform.processor() or platform.machine()
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        models = [
            ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    except OSError:
        pass
    cores = _cores()
    ram = _ram_gib()
    system = platform.platform(terse=True)
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8")
        pretty = [ln.split("=", 1)[1].strip('"') for ln in os_release.splitlines()
                  if ln.startswith("PRETTY_NAME=")]  # fmt: skip
        system = pretty[0] if pretty else system
    except OSError:
        pass
    python = f"Python {platform.python_version()}"
    sqlite = f"SQLite {__import__('sqlite3').sqlite_version}"
    return f"{cpu}, {cores} cores, {ram} RAM, {system}, {python}, {sqlite}"


def _cores() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 0


def _ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    return "? GiB"


def _load() -> str:
    import os

    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):  # not on this system
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, help="generated records (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--markdown", action="store_true", help="the table as the README has it")
    parser.add_argument("--pg", metavar="URL", help=f"a PostgreSQL server (or {PG_ENV})")
    parser.add_argument("--engine", choices=ENGINES, help="one engine only")
    parser.add_argument("--drop-cache", action="store_true",
                        help="drop the demo templates kept on the server after the run")  # fmt: skip
    parser.add_argument("--only", nargs="+", choices=[b.name for b in BENCHES], metavar="NAME")
    options = parser.parse_args(argv)
    if options.pg:
        os.environ[PG_ENV] = options.pg  # each benchmark's process finds the server there
    server = os.environ.get(PG_ENV, "").strip()
    if options.engine == "postgresql" and not server:
        parser.error(f"--engine postgresql needs a server: --pg URL or {PG_ENV}")
    engines = (options.engine,) if options.engine else ENGINES if server else ("sqlite",)
    records = options.records or (QUICK_RECORDS if options.quick else 100_000)
    started, load_before = datetime.now(), _load()
    found: dict[tuple[str, str], list[Measure]] = {}  # (benchmark, engine) → its rows
    ran: list[Bench] = []
    failed: list[str] = []
    skipped: list[str] = []
    left_out: list[str] = []  # SQLite-only benchmarks in a PostgreSQL-only run
    for bench in BENCHES:
        if options.only and bench.name not in options.only:
            continue
        if options.quick and not bench.quick:
            skipped.append(f"{bench.name} ({bench.why_not_quick})")
            continue
        if not set(engines) & set(bench.engines):
            left_out.append(f"{bench.name} ({bench.sqlite_only})")
            continue
        ran.append(bench)
        for engine in (e for e in engines if e in bench.engines):
            title = ENGINE_TITLES[engine]
            print(f"[{datetime.now():%H:%M:%S}] {bench.name} on {title} …", file=sys.stderr,
                  flush=True)  # fmt: skip
            start = time.perf_counter()
            try:
                rows = run_bench(bench, records, options.quick, engine)
            except BenchFailed as exc:
                failed.append(f"{exc} ({title})")
                print(exc, file=sys.stderr, flush=True)
                continue
            if len(rows) != bench.rows:
                failed.append(f"{bench.name} gave {len(rows)} rows on {title}, not {bench.rows}")
            found[bench.name, engine] = rows
            print(f"  ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)
    kind = "quick run (smoke test)" if options.quick else "run"
    names = " and ".join(ENGINE_TITLES[e] for e in engines)
    print(f"PairTrack benchmarks, {kind}: {records:,} generated records + demo data, "
          f"{names}, {started:%Y-%m-%d %H:%M}")  # fmt: skip
    print(f"machine: {machine()}")
    if "postgresql" in engines:
        print(f"PostgreSQL: {_server_version()} (the time the server's processes spend counts in "
              "the wall time, not in CPU time)")  # fmt: skip
    print(f"load (1-minute average, other work on the machine included): {load_before} at the "
          f"start, {_load()} at the end")  # fmt: skip
    measures = [m for rows in found.values() for m in rows]
    if len(engines) == 1:
        print(table(measures, markdown=options.markdown))
    else:
        print(engine_table(_side_by_side(ran, found), markdown=options.markdown))
        only = [f"{b.name} ({b.sqlite_only})" for b in ran if b.sqlite_only]
        if only:
            print(f"{SQLITE_ONLY} (SQLite only): " + "; ".join(only))
    for m in measures:
        if m.passed is False and m.note:
            print(f"{m.name}: {m.note}")
    if skipped:
        print("not in a quick run: " + "; ".join(skipped))
    if left_out:
        print("SQLite only, not run: " + "; ".join(left_out))
    if options.drop_cache and server:
        print("dropped on the server: " + (", ".join(drop_cache()) or "nothing"))
    if failed:
        print("benchmarks that did not run: " + "; ".join(f.splitlines()[0] for f in failed))
        return 1
    passed = sum(1 for m in measures if m.passed)
    goals = sum(1 for m in measures if m.passed is not None)
    print(f"{passed} of {goals} goals met; {len(measures)} rows.")
    return 0


def _side_by_side(
    ran: list[Bench], found: dict[tuple[str, str], list[Measure]]
) -> list[tuple[Measure | str, Measure | str]]:
    """Each benchmark's SQLite rows beside its PostgreSQL rows (same order, same count)."""
    rows: list[tuple[Measure | str, Measure | str]] = []
    for bench in ran:
        ours = found.get((bench.name, "sqlite"), [])
        theirs = found.get((bench.name, "postgresql"), [])
        for index in range(max(len(ours), len(theirs))):
            sqlite = ours[index] if index < len(ours) else "did not run"
            if bench.sqlite_only:
                rows.append((sqlite, SQLITE_ONLY))
            else:
                rows.append((sqlite, theirs[index] if index < len(theirs) else "did not run"))
    return rows


def _server_version() -> str:
    """The server's version and where it runs (this machine, or another: round trips)."""
    import psycopg
    from sqlalchemy.engine import make_url

    from bench.common import server

    with psycopg.connect(server().replace("postgresql+psycopg://", "postgresql://", 1)) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    host = make_url(server()).host or "localhost"
    where = "on this machine" if host in ("localhost", "127.0.0.1", "::1") else f"at {host}"
    return f"PostgreSQL {row[0].split()[0] if row else '?'} {where}"


if __name__ == "__main__":
    sys.exit(main())
