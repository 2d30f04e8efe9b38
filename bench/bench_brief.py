"""The brief (PDF) of the 100k-record database vs the same brief on 1k records.

Goal: ratio ≤ 1.5× (figures come from SQL aggregates, so the cost must not grow with rows).
Also prints the split between queries and layout, and the 附表 variant's rows per second
(that one lists every row behind every figure, so it grows linearly).

Usage: python bench/bench_brief.py [BIG] [SMALL]
"""

from __future__ import annotations

import io
import sys
import time
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


def measure(records: int) -> dict[str, float]:
    ledger = Ledger.open(demo_database(records))
    try:
        opts = options(ledger)
        data = build_brief(ledger, opts)
        queries = median_seconds(lambda: build_brief(ledger, opts), REPEAT)
        layout = median_seconds(lambda: render_pdf(data, io.BytesIO()), REPEAT)
        out = io.BytesIO()
        render_pdf(data, out)
        total = median_seconds(lambda: render_pdf(build_brief(ledger, opts), io.BytesIO()), REPEAT)
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
    return {"total": total, "queries": queries, "layout": layout}


def main() -> int:
    big = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    small = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    few, many = measure(small), measure(big)
    ratio = many["total"] / few["total"]
    print(f"ratio {big} / {small} records: {ratio:.2f}× (goal ≤ 1.5×) "
          f"{'OK' if ratio <= 1.5 else 'OVER'}; queries {many['queries'] / few['queries']:.2f}×, "
          f"layout {many['layout'] / few['layout']:.2f}×")  # fmt: skip
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
