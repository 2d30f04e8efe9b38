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
