"""The brief (PDF) of the 100k-record database vs the same brief on 1k records.

Goal: ratio ≤ 1.5× (figures come from SQL aggregates, so the cost must not grow with rows).
Also prints the split between queries and layout, and the 附表 variant's rows per second
(that one lists every row behind every figure, so it grows linearly).

Also prints CPU time (``time.process_time``: SQLite runs in this process), which holds its
ratio on a machine shared with other work where wall time does not. On PostgreSQL the queries
run in the server's processes: the CPU time is then the program's side alone (layout, reading
the results), and the wall time the one to read.

Usage: python -m bench.bench_brief [BIG] [--small SMALL] [--no-appendix] [--quick] [--json]
[--engine E]
(e.g. ``1000000 --no-appendix`` for the 1M-record run: ``demo --records 1000000``)
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from bench.common import (
    Measure,
    Size,
    bench_main,
    demo_database,
    drop_database,
    log,
    median_seconds,
)
from pairtrack.tracker.brief import BriefOptions, build_brief, render_pdf
from pairtrack.tracker.brief.appendix import appendix_rows
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope

PERIOD = Period.through_month(2017, 11)
REPEAT = 5
SMALL = 1_000  # the baseline: the same brief on a small database


def options(ledger: Ledger, appendix: bool = False) -> BriefOptions:
    return BriefOptions(PERIOD, Scope.everything(), ledger.office_name, date(2017, 12, 5),
                        appendix=appendix)  # fmt: skip


def cpu_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def brief_times(
    records: int, repeat: int, appendix: bool = True, engine: str = "sqlite"
) -> dict[str, float]:
    target = demo_database(records, engine=engine)
    ledger = Ledger.open(target)
    try:
        opts = options(ledger)
        data = build_brief(ledger, opts)
        queries = median_seconds(lambda: build_brief(ledger, opts), repeat)
        queries_cpu = cpu_seconds(lambda: build_brief(ledger, opts), repeat)
        total_cpu = cpu_seconds(lambda: render_pdf(build_brief(ledger, opts), io.BytesIO()), repeat)
        layout = median_seconds(lambda: render_pdf(data, io.BytesIO()), repeat)
        out = io.BytesIO()
        render_pdf(data, out)
        total = median_seconds(lambda: render_pdf(build_brief(ledger, opts), io.BytesIO()), repeat)
        times = {"total": total, "queries": queries, "layout": layout,
                 "total_cpu": total_cpu, "queries_cpu": queries_cpu}  # fmt: skip
        line = (
            f"{records:>7} records: brief {total * 1000:7.0f} ms "
            f"(queries {queries * 1000:.0f} ms, layout {layout * 1000:.0f} ms), CPU "
            f"{total_cpu * 1000:.0f} ms (queries {queries_cpu * 1000:.0f} ms), "
            f"{len(out.getvalue()) / 1024:.0f} KB"
        )
        if not appendix:
            log(line)
            return times
        start = time.perf_counter()
        full = build_brief(ledger, options(ledger, appendix=True))
        appendix_queries = time.perf_counter() - start
        pages = render_pdf(full, buffer := io.BytesIO())
        appendix_total = time.perf_counter() - start
        rows = appendix_rows(full)
    finally:
        ledger.close()
        drop_database(target)
    log(f"{line}; 附表 {rows} rows, {pages} pages, {len(buffer.getvalue()) / 1024:.0f} KB in "
        f"{appendix_total:.1f} s (queries {appendix_queries:.1f} s) = "
        f"{rows / appendix_total:,.0f} rows/s")  # fmt: skip
    return {**times, "appendix_rows_per_s": rows / appendix_total, "appendix_rows": rows}


def measure(size: Size, small: int = SMALL, appendix: bool = True) -> list[Measure]:
    big, repeat = size.records, size.repeat(REPEAT)
    few = brief_times(small, repeat, appendix, size.engine)
    many = brief_times(big, repeat, appendix, size.engine)
    log(f"ratio {big} / {small} records: {many['total'] / few['total']:.2f}×; "
        f"queries {many['queries'] / few['queries']:.2f}×, "
        f"layout {many['layout'] / few['layout']:.2f}×; "
        f"CPU time {many['total_cpu'] / few['total_cpu']:.2f}× "
        f"(queries {many['queries_cpu'] / few['queries_cpu']:.2f}×)")  # fmt: skip
    rows = [
        Measure(f"简报 PDF：{big:,} 条 vs {small:,} 条记录（墙钟）", many["total"] * 1000, "ms",
                few["total"] * 1000, "ratio", 1.5),
        Measure(f"简报 PDF：{big:,} 条 vs {small:,} 条记录（CPU 时间）",
                many["total_cpu"] * 1000, "ms", few["total_cpu"] * 1000, "ratio", 1.5),
    ]  # fmt: skip
    if appendix:
        rows.append(
            Measure(f"附表：{many['appendix_rows']:,.0f} 行明细的排版速度",
                    many["appendix_rows_per_s"], "rows/s", note="线性即可")
        )  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--small", type=int, default=SMALL)
    parser.add_argument("--no-appendix", action="store_true")
    extra, rest = parser.parse_known_args()
    return bench_main(
        lambda size: measure(size, extra.small, not extra.no_appendix),
        rest,
        usage=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    sys.exit(main())
