"""``pairtrack summary``: print the indicator progress table for a period and scope; with
``--by``, one such table per office, pairing, helper or assisted region."""

from __future__ import annotations

import argparse

from pairtrack.tracker.cli.args import open_ledger, period_args, period_from, scope_from
from pairtrack.tracker.formatting import INDICATOR_HEADERS, indicator_cells
from pairtrack.tracker.periods import GROUPINGS, Period, Scope
from pairtrack.tracker.progress import IndicatorProgress
from pairtrack.tracker.textable import render

NAME = "summary"
HELP = "打印指标完成情况（目标、实际、完成率、序时进度）"
BY_HELP = "分组：origin 来源单位、pairing 结对关系、helper 帮扶方、assisted 受援方（每组一张表）"


def configure(p: argparse.ArgumentParser) -> None:
    period_args(p)
    p.add_argument("--by", choices=GROUPINGS, help=BY_HELP)


def run(args: argparse.Namespace) -> int:
    from pairtrack.tracker.groups import grouped_progress
    from pairtrack.tracker.progress import progress

    ledger = open_ledger(args, writes=False)
    try:
        period, scope = period_from(args), scope_from(ledger, args)
        if args.by is None:
            blocks = [(scope, progress(ledger, period, scope))]
        else:
            blocks = [(b.scope, b.rows) for b in grouped_progress(ledger, period, scope, args.by)]
    finally:
        ledger.close()
    if not blocks:
        print(f"指标完成情况 · {period.label} · {scope.label}：没有可分组的记录。")
    for number, (narrowed, rows) in enumerate(blocks):
        if number:
            print()
        print_block(period, narrowed, rows)
    return 0


def print_block(period: Period, scope: Scope, rows: list[IndicatorProgress]) -> None:
    print(f"指标完成情况 · {period.label} · {scope.label}")
    table = [indicator_cells(p) for p in rows]
    print(render(INDICATOR_HEADERS, table, right={2, 3, 4, 5}))
    lagging = [p.indicator.label for p in rows if p.lagging]
    if lagging:
        print(f"滞后指标 {len(lagging)} 项：" + "、".join(lagging))
