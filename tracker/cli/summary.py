"""``pairtrack summary``: print the indicator progress table for a period and scope."""

from __future__ import annotations

import argparse

from tracker.cli.args import open_ledger, period_args, period_from, scope_from
from tracker.formatting import INDICATOR_HEADERS, indicator_cells
from tracker.textable import render

NAME = "summary"
HELP = "打印指标完成情况（目标、实际、完成率、序时进度）"


def configure(p: argparse.ArgumentParser) -> None:
    period_args(p)


def run(args: argparse.Namespace) -> int:
    from tracker.progress import progress

    ledger = open_ledger(args)
    try:
        period, scope = period_from(args), scope_from(ledger, args)
        rows = progress(ledger, period, scope)
    finally:
        ledger.close()
    print(f"指标完成情况 · {period.label} · {scope.label}")
    table = [indicator_cells(p) for p in rows]
    print(render(INDICATOR_HEADERS, table, right={2, 3, 4, 5}))
    lagging = [p.indicator.label for p in rows if p.lagging]
    if lagging:
        print(f"滞后指标 {len(lagging)} 项：" + "、".join(lagging))
    return 0
