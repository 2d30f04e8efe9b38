"""What the benchmarks share: the cached demo databases, a median timer, and the report.

Every benchmark module exposes ``measure(size) -> list[Measure]`` (its rows of the report)
and still runs alone (``python -m bench.bench_summary``), printing its details and then its
rows as a table; ``--json`` prints the rows as JSON on the last line instead, which is how
``bench/run_all.py`` collects them, one process per benchmark (peak memory, ``ru_maxrss``,
is a figure of the whole process).

``Size`` says how big a run is: the real one works on the 100k-record database; ``--quick``
on a small one, to check that every benchmark still runs (its figures mean little).
``Size.engine`` names the database engine: ``sqlite`` (a file in the temp folder) or
``postgresql`` on the server ``--pg URL`` or ``PAIRTRACK_BENCH_PG`` names. On a server every
benchmark makes databases of its own (``new_database``) and drops them when its process ends,
as ``tests/engines.py`` does; the generated demo databases are kept there between runs as
templates, as the files are kept in the temp folder (``run_all.py --drop-cache`` drops them).
The raw baselines go through the engine's own driver (``raw_connect``: sqlite3 or psycopg).
"""

from __future__ import annotations

import argparse
import atexit
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairtrack.tracker.textable import render

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

ENGINES = ("sqlite", "postgresql")
PG_ENV = "PAIRTRACK_BENCH_PG"  # the server the PostgreSQL runs make their databases on
ENGINE_TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# What a benchmark gets to open: a file, or a server database's URL (``--db`` takes both).
Target = Path | str


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


ENGINE_HEADERS = ("measure", "SQLite", "baseline", "ratio", "PostgreSQL", "baseline", "ratio",
                  "goal", "pass/fail")  # fmt: skip
SQLITE_ONLY = "仅 SQLite"


def engine_table(
    rows: Sequence[tuple[Measure | str, Measure | str]], *, markdown: bool = False
) -> str:
    """One table with a column group per engine: each row is SQLite's measure and
    PostgreSQL's, one of them perhaps a word saying why there is none (``SQLITE_ONLY``, or
    that it did not run). Each engine's ratio is against the raw baseline on that same engine."""
    lines = []
    for pair in rows:
        known = next(m for m in pair if isinstance(m, Measure))
        cells = [_engine_cells(m) for m in pair]
        name, goal = known.cells()[0], known.cells()[4]
        verdicts = " / ".join(verdict for *_figures, verdict in cells)
        lines.append((name, *cells[0][:3], *cells[1][:3], goal, verdicts))
    if not markdown:
        return render(ENGINE_HEADERS, lines, right={1, 2, 3, 4, 5, 6})
    out = ["| " + " | ".join(ENGINE_HEADERS) + " |", "|" + " --- |" * len(ENGINE_HEADERS)]
    out += ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join(out)


def _engine_cells(measure: Measure | str) -> tuple[str, str, str, str]:
    """PairTrack's figure, the baseline, the ratio and the verdict of one engine."""
    if isinstance(measure, str):
        return (measure, "—", "—", "—")
    _name, ours, base, ratio, _goal, verdict = measure.cells()
    return (ours, base, ratio, verdict)


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
    engines: Sequence[str] = ENGINES,
) -> int:
    """The command line every benchmark shares: ``[N] [--quick] [--json] [--engine E]
    [--pg URL]``; ``engines``: the ones it runs on (the window's benchmarks: SQLite alone)."""
    parser = argparse.ArgumentParser(description=usage or None)
    parser.add_argument(
        "records", nargs="?", type=int, help=f"records (default {default_records:,})"
    )
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (run_all)")
    parser.add_argument("--engine", choices=engines, default="sqlite")
    parser.add_argument("--pg", metavar="URL", help=f"the PostgreSQL server (or {PG_ENV})")
    args = parser.parse_args(argv)
    if args.pg:
        os.environ[PG_ENV] = args.pg
    records = args.records or (QUICK_RECORDS if args.quick else default_records)
    measures = measure(Size(records, args.quick, args.engine))
    if args.json:
        print(to_json(measures))
    else:
        print(table(measures))
    return 0


# --- databases ----------------------------------------------------------------------------
def fresh_demo(folder: Path, name: str, engine: str = "sqlite") -> Ledger:
    """A new database holding the demo data: ``folder / name``, or a database of this
    process's own on the server."""
    # imported here: a baseline case that imports this module stays free of SQLAlchemy
    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger

    ledger = Ledger.open(new_database(engine, folder / name))
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
    versions = Path(__file__).resolve().parents[1] / "pairtrack" / "db" / "migrations" / "versions"
    return "schema-" + max(p.name.split("_")[0] for p in versions.glob("[0-9]*_*.py"))


def cache_folder() -> Path:
    """Where generated databases and workbooks are kept between runs."""
    return Path(tempfile.gettempdir()) / "pairtrack-bench"


def demo_database(records: int, seed: int = 1, engine: str = "sqlite") -> Target:
    """A demo database with ``records`` generated rows, built once and reused: the cached file
    itself; on a server, a database of this process's own made from the cached template."""
    name = f"demo-{records}" + ("" if seed == 1 else f"-seed{seed}")
    if engine == "postgresql":
        template = f"{CACHE_PREFIX}{_schema().removeprefix('schema-')}_{name.replace('-', '_')}"
        if not _server_has(template):
            # built under a name of this process's own, then renamed: another run building
            # the same size at once never takes a half-built one for the template
            building = f"{template}_building_{os.getpid()}"
            _admin().execute(f'DROP DATABASE IF EXISTS "{building}"')
            _admin().execute(f'CREATE DATABASE "{building}"')
            _build_demo(server_url(building), records, seed)
            _admin().execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        return new_database(engine, template=template)
    # One folder per schema: a database built here is migrated to this code's newest schema,
    # which an older checkout (another branch) would refuse to open.
    path = cache_folder() / _schema() / f"{name}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of this process's own: two runs building the same size at once (another
        # checkout's benchmarks) must not delete each other's half-built file.
        building_file = path.with_name(f"{path.stem}.building-{os.getpid()}.db")
        for leftover in building_file.parent.glob(building_file.name + "*"):
            leftover.unlink()
        _build_demo(building_file, records, seed)
        building_file.replace(path)
    return path


def _build_demo(target: Target, records: int, seed: int) -> None:
    from pairtrack.tracker.demo.generate import add_records
    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger

    start = time.perf_counter()
    ledger = Ledger.open(target)
    load_demo(ledger)
    ledger.set_settings(operator="基准测试")
    add_records(ledger, records, seed)
    ledger.close()
    log(f"built the demo database with {records:,} generated records in "
        f"{time.perf_counter() - start:.0f} s: {target}")  # fmt: skip


# --- databases on a PostgreSQL server -------------------------------------------------------
_names = itertools.count()
CACHE_PREFIX = "pairtrack_bench_cache_"  # the demo templates kept between runs
_made: list[str] = []  # server databases this process made, dropped when it ends
_state: dict[str, Any] = {}


def server() -> str:
    """The server's URL (``--pg`` / ``PAIRTRACK_BENCH_PG``); without one, a PostgreSQL run
    cannot start."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        raise SystemExit(f"PostgreSQL: name the server with --pg URL or {PG_ENV}")
    return url


def server_url(name: str) -> str:
    """The URL of database ``name`` on the server, as ``--db`` takes it."""
    from sqlalchemy.engine import make_url

    return make_url(server()).set(database=name).render_as_string(hide_password=False)


def _admin() -> Any:
    """One autocommit connection to the server's maintenance database (CREATE/DROP)."""
    if "admin" not in _state:
        import psycopg

        _state["admin"] = psycopg.connect(_libpq(server()), autocommit=True)
        atexit.register(_drop_made)
    return _state["admin"]


def _libpq(url: str) -> str:
    """A SQLAlchemy-style URL as libpq reads it (no ``+psycopg``)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _server_has(name: str) -> bool:
    found = _admin().execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    return found.fetchone() is not None


def new_database(engine: str, path: Path | None = None, *, template: str | None = None) -> Target:
    """A database no one has used: ``path`` on SQLite (made by the first open); on the server a
    new one (a copy of ``template``'s when named), dropped when this process ends."""
    if engine == "sqlite":
        assert path is not None
        return path
    name = f"pairtrack_bench_{os.getpid()}_{next(_names)}"
    made = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    _admin().execute(made)
    _made.append(name)
    return server_url(name)


def copy_database(target: Target, path: Path) -> Target:
    """A copy of ``target`` (whose connections must be closed): the file copied to ``path``,
    or a new server database made from it as template."""
    if not is_server(target):
        import shutil

        shutil.copyfile(target, path)
        return path
    from sqlalchemy.engine import make_url

    return new_database("postgresql", template=make_url(str(target)).database)


def is_server(target: Target) -> bool:
    return isinstance(target, str) and "://" in target


def target_of(ledger: Ledger) -> Target:
    """What opens ``ledger``'s database again: its file, or its server URL."""
    if ledger.path is not None:
        return ledger.path
    return ledger.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def engine_of(target: Target) -> str:
    return "postgresql" if is_server(target) else "sqlite"


def drop_database(target: Target) -> None:
    """Done with a server database made here (a file is left to its folder)."""
    if not is_server(target):
        return
    from sqlalchemy.engine import make_url

    name = str(make_url(str(target)).database)
    _admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if name in _made:
        _made.remove(name)


def _drop_made() -> None:
    admin = _state.pop("admin")
    for name in _made:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def drop_cache() -> list[str]:
    """Drop the demo templates kept on the server; their names."""
    found = _admin().execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (CACHE_PREFIX,)
    )
    names = [name for (name,) in found.fetchall()]
    for name in names:
        _admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return names


def raw_connect(target: Target) -> Any:
    """A plain DB-API connection to ``target`` for the raw baselines: sqlite3 on the file,
    psycopg on the server (``raw_sql`` writes their placeholders)."""
    if is_server(target):
        import psycopg

        return psycopg.connect(_libpq(str(target)))
    import sqlite3

    connection = sqlite3.connect(target)
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def raw_sql(target: Target, sql: str) -> str:
    """``sql`` written with sqlite3's ``?`` placeholders, in the driver's style for ``target``."""
    return sql.replace("?", "%s") if is_server(target) else sql


def log(text: str) -> None:
    """Progress for the person waiting (stderr: stdout carries the rows)."""
    print(text, file=sys.stderr, flush=True)
