"""What the benchmarks share: the cached demo databases, a median timer, and the report.

Every benchmark module exposes ``measure(size) -> list[Measure]`` (its rows of the report)
and still runs alone (``python -m bench.bench_summary``), printing its details and then its
rows as a table; ``--json`` prints the rows as JSON on the last line instead, which is how
``bench/run_all.py`` collects them, one process per benchmark (peak memory, ``ru_maxrss``,
is a figure of the whole process).

``Size`` says how big a run is: the real one works on the 100k-record database; ``--quick``
on a small one, to check that every benchmark still runs (its figures mean little).
``Size.engine`` names the database engine; only SQLite exists today (DESIGN §4 plans
PostgreSQL: its runs would add a column per engine to the same table).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.textable import render

if TYPE_CHECKING:
    from tracker.ledger import Ledger

ENGINES = ("sqlite",)


@dataclass(frozen=True)
class Size:
    records: int = 100_000  # generated records on top of the demo data
    quick: bool = False  # a smoke run: fewer repeats, smaller work
    engine: str = "sqlite"

    def repeat(self, real: int) -> int:
        """How often to repeat a timing: ``real`` times, once in a quick run."""
        return 1 if self.quick else real


QUICK_RECORDS = 2_000


@dataclass(frozen=True)
class Measure:
    """One row of the report: PairTrack's figure, the raw baseline's, and the goal.

    ``goal`` is ``"ratio"`` (ours / baseline ≤ ``limit``), ``"max"`` (ours ≤ ``limit``, in
    ``unit``), ``"exact"`` (``ours`` is 1 when the benchmark found what it expected) or
    ``""`` (reported, no goal).
    """

    name: str
    ours: float
    unit: str
    baseline: float | None = None
    goal: str = ""
    limit: float | None = None
    note: str = ""  # the goal in words where there is no limit; or what went wrong

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.goal == "exact":
            return self.ours == 1
        if self.limit is None:
            return None
        if self.goal == "ratio":
            return self.ratio is not None and self.ratio <= self.limit
        if self.goal == "max":
            return self.ours <= self.limit
        return None

    def goal_text(self) -> str:
        if self.goal == "ratio":
            return f"≤ {self.limit:g}×"
        if self.goal == "max":
            return f"≤ {self.limit:g} {self.unit}"
        if self.goal == "exact":
            return "as generated"
        return self.note or "—"

    def cells(self) -> tuple[str, ...]:
        if self.goal == "exact":
            ours = "yes" if self.ours == 1 else "NO"
        else:
            ours = figure(self.ours, self.unit)
        base = "—" if self.baseline is None else figure(self.baseline, self.unit)
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}×"
        verdict = {True: "pass", False: "FAIL", None: "—"}[self.passed]
        return (self.name, ours, base, ratio, self.goal_text(), verdict)


HEADERS = ("measure", "PairTrack", "baseline", "ratio", "goal", "pass/fail")


def figure(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit in ("MB", "rows/s"):
        return f"{value:,.0f} {unit}"
    return f"{value:g} {unit}".strip()


def table(measures: Sequence[Measure], *, markdown: bool = False) -> str:
    rows = [m.cells() for m in measures]
    if not markdown:
        return render(HEADERS, rows, right={1, 2, 3})
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def to_json(measures: Sequence[Measure]) -> str:
    return json.dumps([asdict(m) for m in measures], ensure_ascii=False)


def from_json(text: str) -> list[Measure]:
    return [Measure(**item) for item in json.loads(text)]


def bench_main(
    measure: Callable[[Size], list[Measure]],
    argv: Sequence[str] | None = None,
    *,
    default_records: int = 100_000,
    usage: str = "",
) -> int:
    """The command line every benchmark shares: ``[N] [--quick] [--json] [--engine E]``."""
    parser = argparse.ArgumentParser(description=usage or None)
    parser.add_argument(
        "records", nargs="?", type=int, help=f"records (default {default_records:,})"
    )
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (run_all)")
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    args = parser.parse_args(argv)
    records = args.records or (QUICK_RECORDS if args.quick else default_records)
    measures = measure(Size(records, args.quick, args.engine))
    if args.json:
        print(to_json(measures))
    else:
        print(table(measures))
    return 0


# --- databases ----------------------------------------------------------------------------
def fresh_demo(folder: Path, name: str) -> Ledger:
    # imported here: a baseline case that imports this module stays free of SQLAlchemy
    from tracker.demo.load import load_demo
    from tracker.ledger import Ledger

    ledger = Ledger.open(folder / name)
    load_demo(ledger)
    return ledger


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="pairtrack-bench-"))


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _schema() -> str:
    """The newest migration's revision (its file name's number)."""
    versions = Path(__file__).resolve().parents[1] / "db" / "migrations" / "versions"
    return "schema-" + max(p.name.split("_")[0] for p in versions.glob("[0-9]*_*.py"))


def cache_folder() -> Path:
    """Where generated databases and workbooks are kept between runs."""
    return Path(tempfile.gettempdir()) / "pairtrack-bench"


def demo_database(records: int, seed: int = 1, engine: str = "sqlite") -> Path:
    """A demo database with ``records`` generated rows, built once and reused."""
    if engine != "sqlite":
        raise SystemExit(f"no {engine} database yet: DESIGN §4 plans PostgreSQL (issue 15)")
    from tracker.demo.generate import add_records
    from tracker.demo.load import load_demo
    from tracker.ledger import Ledger

    # One folder per schema: a database built here is migrated to this code's newest schema,
    # which an older checkout (another branch) would refuse to open.
    path = cache_folder() / _schema() / f"demo-{records}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of this process's own: two runs building the same size at once (another
        # checkout's benchmarks) must not delete each other's half-built file.
        building = path.with_name(f"{path.stem}.building-{os.getpid()}.db")
        for leftover in building.parent.glob(building.name + "*"):
            leftover.unlink()
        ledger = Ledger.open(building)
        load_demo(ledger)
        ledger.set_settings(operator="基准测试")
        add_records(ledger, records, seed)
        ledger.close()
        building.replace(path)
    return path


def log(text: str) -> None:
    """Progress for the person waiting (stderr: stdout carries the rows)."""
    print(text, file=sys.stderr, flush=True)
