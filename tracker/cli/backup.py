"""``pairtrack backup``: copy the database out (by default into the backups folder beside it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.backup import copy_database
from tracker import maintenance
from tracker.cli.args import database_file, force_arg, open_ledger
from tracker.outputs import write_file

NAME = "backup"
HELP = "备份数据库"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help="备份文件（默认放入数据库旁的 backups 文件夹）"
    )
    force_arg(p)


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args)
    try:
        db_path = database_file(ledger)
        if args.output:
            dest = write_file(
                Path(args.output),
                lambda temporary: copy_database(db_path, temporary),
                database=db_path,
                force=args.force,
            )
        else:
            dest = maintenance.backup(db_path)
    finally:
        ledger.close()
    print(f"已备份到：{dest}")
    return 0
