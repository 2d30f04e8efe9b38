"""``pairtrack imports [--undo ID]``: the record of past imports (DESIGN §5), and undoing
one of them as a whole."""

from __future__ import annotations

import argparse

from pairtrack.tracker.cli.args import open_ledger, record_number_arg
from pairtrack.tracker.dates import local_time
from pairtrack.tracker.import_undo import undo_import
from pairtrack.tracker.imports import ImportRecord, list_imports
from pairtrack.tracker.textable import render

NAME = "imports"
HELP = "列出导入记录（时间、操作人、文件及其 sha256、数量），或用 --undo 整体撤销一次导入"
HEADERS = ("编号", "时间", "操作人", "类型", "文件", "sha256", "来源单位", "数量", "已撤销")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--undo", type=record_number_arg, metavar="ID", help="整体撤销该编号的导入")


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args, writes=args.undo is not None)
    try:
        if args.undo is not None:
            print(undo_import(ledger, args.undo).describe())
            return 0
        records = list_imports(ledger)
    finally:
        ledger.close()
    if not records:
        print("还没有导入记录。")
        return 0
    print(render(HEADERS, [cells(r) for r in records], right={0}))
    return 0


def cells(record: ImportRecord) -> tuple[str, ...]:
    return (
        str(record.id),
        local_time(record.at),
        record.operator or "—",
        record.kind_title,
        record.file_name,
        record.sha256[:12],
        record.origin or "—",
        record.counts_text(),
        local_time(record.undone_at) if record.undone_at else "",
    )
