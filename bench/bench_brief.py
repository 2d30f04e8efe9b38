"""The brief (PDF) of the 100k-record database vs the same brief on 1k records.

Goal: ratio ≤ 1.5× (figures come from SQL aggregates, so the cost must not grow with rows).
Also prints the split between queries and layout, and the 附表 variant's rows per second
(that one lists every row behind every figure, so it grows linearly).

Also prints CPU time (``time.process_time``: SQLite runs in this process), which holds its
ratio on a machine shared with other work where wall time does not.

Usage: python -m bench.bench_brief [BIG] [SMALL] [--no-appendix]
(e.g. ``1000000 1000 --no-appendix`` for the 1M-record run: ``demo --records 1000000``)
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from bench.common import demo_database, median_seconds
from tracker.brief import BriefOptions, build_brief, render_pdf
from tracker.brief.appendix import appendix_rows
from tracker.ledger import Ledger
from tracker.periods import Period, Scope

PERIOD = Period.through_month(2017, 11)
REPEAT = 5


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


def measure(records: int, appendix: bool = True) -> dict[str, float]:
    ledger = Ledger.open(demo_database(records))
    try:
        opts = options(ledger)
        data = build_brief(ledger, opts)
        queries = median_seconds(lambda: build_brief(ledger, opts), REPEAT)
        queries_cpu = cpu_seconds(lambda: build_brief(ledger, opts), REPEAT)
        total_cpu = cpu_seconds(lambda: render_pdf(build_brief(ledger, opts), io.BytesIO()), REPEAT)
        layout = median_seconds(lambda: render_pdf(data, io.BytesIO()), REPEAT)
        out = io.BytesIO()
        render_pdf(data, out)
        total = median_seconds(lambda: render_pdf(build_brief(ledger, opts), io.BytesIO()), REPEAT)
        if not appendix:
            print(
                f"{records:>7} records: brief {total * 1000:7.0f} ms "
                f"(queries {queries * 1000:.0f} ms, layout {layout * 1000:.0f} ms), CPU "
                f"{total_cpu * 1000:.0f} ms (queries {queries_cpu * 1000:.0f} ms), "
                f"{len(out.getvalue()) / 1024:.0f} KB"
            )
            return {"total": total, "queries": queries, "layout": layout,
                    "total_cpu": total_cpu, "queries_cpu": queries_cpu}  # fmt: skip
        start = time.perf_counter()
        full = build_brief(ledger, options(ledger, appendix=True))
        appendix_queries = time.perf_counter() - start
        pages = render_pdf(full, buffer := io.BytesIO())
        appendix_total = time.perf_counter() - start
        rows = appendix_rows(full)
    finally:
        ledger.close()
    print(
        f"{records:>7} records: brief {total * 1000:7.0f} ms "
        f"(queries {queries * 1000:.0f} ms, layout {layout * 1000:.0f} ms), "
        f"{len(out.getvalue()) / 1024:.0f} KB; "
        f"附表 {rows} rows, {pages} pages, {len(buffer.getvalue()) / 1024:.0f} KB in "
        f"{appendix_total:.1f} s (queries {appendix_queries:.1f} s) = "
        f"{rows / appendix_total:,.0f} rows/s"
    )
    return {"total": total, "queries": queries, "layout": layout,
            "total_cpu": total_cpu, "queries_cpu": queries_cpu}  # fmt: skip


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    appendix = "--no-appendix" not in sys.argv
    big = int(args[0]) if args else 100_000
    small = int(args[1]) if len(args) > 1 else 1_000
    few, many = measure(small, appendix), measure(big, appendix)
    ratio = many["total"] / few["total"]
    cpu = many["total_cpu"] / few["total_cpu"]
    print(f"ratio {big} / {small} records: {ratio:.2f}× (goal ≤ 1.5×) "
          f"{'OK' if ratio <= 1.5 else 'OVER'}; queries {many['queries'] / few['queries']:.2f}×, "
          f"layout {many['layout'] / few['layout']:.2f}×; CPU time {cpu:.2f}× "
          f"(queries {many['queries_cpu'] / few['queries_cpu']:.2f}×)")  # fmt: skip
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
