"""Helpers the benchmarks share: fresh demo databases and a median timer."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tracker.demo.load import load_demo
from tracker.ledger import Ledger


def fresh_demo(folder: Path, name: str) -> Ledger:
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


def demo_database(records: int, seed: int = 1) -> Path:
    """A demo database with ``records`` generated rows, built once and reused."""
    from tracker.demo.generate import add_records

    # One folder per schema: a database built here is migrated to this code's newest schema,
    # which an older checkout (another branch) would refuse to open.
    path = Path(tempfile.gettempdir()) / "pairtrack-bench" / _schema() / f"demo-{records}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_suffix(".building.db")
        for leftover in building.parent.glob(building.name + "*"):
            leftover.unlink()
        ledger = Ledger.open(building)
        load_demo(ledger)
        ledger.set_settings(operator="基准测试")
        add_records(ledger, records, seed)
        ledger.close()
        building.replace(path)
    return path
