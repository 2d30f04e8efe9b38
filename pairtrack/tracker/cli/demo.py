"""``pairtrack demo``: fill an empty database with the demo pairings and figures, and add
generated detail rows for benchmarks."""

from __future__ import annotations

import argparse

from pairtrack.tracker.cli.args import open_ledger
from pairtrack.tracker.errors import PairTrackError

NAME = "demo"
MAX_RECORDS = 10_000_000  # benchmarks use 100k; far more would only fill the disk
HELP = "装入演示数据（廊坊、济南的结对关系与 2017 年数据）"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--records", type=int, default=0, metavar="N", help="另外生成 N 条明细记录")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="生成明细记录的随机种子")


def run(args: argparse.Namespace) -> int:
    from pairtrack.tracker.demo.generate import add_records
    from pairtrack.tracker.demo.load import load_demo

    if not 0 <= args.records <= MAX_RECORDS:
        raise PairTrackError(f"--records 应在 0 到 {MAX_RECORDS:,} 之间，而不是 {args.records}。")
    ledger = open_ledger(args)
    try:
        if ledger.regions.count(include_deleted=True) == 0:
            counts = load_demo(ledger)
            print("已装入演示数据：" + "，".join(f"{k} {v} 条" for k, v in counts.items()))
        elif not args.records:
            raise PairTrackError(
                "数据库中已有数据：演示数据只能装入空数据库（可用 --db 指定新文件）。"
            )
        if args.records:
            added = add_records(ledger, args.records, args.seed)
            print("已生成明细记录：" + "，".join(f"{k} {v} 条" for k, v in added.items()))
    finally:
        ledger.close()
    return 0
