"""``pairtrack backup``: copy the database out (by default into the backups folder beside it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker import maintenance
from tracker.cli.args import database_file, open_ledger

NAME = "backup"
HELP = "备份数据库"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help="备份文件（默认放入数据库旁的 backups 文件夹）"
    )


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args)
    try:
        dest = maintenance.backup(database_file(ledger), Path(args.output) if args.output else None)
    finally:
        ledger.close()
    print(f"已备份到：{dest}")
    return 0
