"""``pairtrack backup``: copy the database out (by default into the backups folder beside it).

A database on a PostgreSQL server is dumped with pg_dump (``tracker.maintenance.server_backup``)
to ``-o FILE.dump``, by default into the user's data folder (``server-backups``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pairtrack.db.backup import backup_dir, copy_database
from pairtrack.tracker import maintenance
from pairtrack.tracker.cli.args import database_file, force_arg, open_ledger
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.outputs import write_file
from pairtrack.tracker.paths import default_database

NAME = "backup"
HELP = "备份数据库"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="备份文件（默认放入数据库旁的 backups 文件夹；服务器数据库为 pg_dump 备份 .dump）",
    )
    force_arg(p)


def run(args: argparse.Namespace) -> int:
    from pairtrack.db.engine import is_server

    target = args.db or default_database()
    if is_server(target):  # nothing to open: the server database is dumped as it is
        output = Path(args.output) if args.output else None
        dest = maintenance.server_backup(target, output, force=args.force)
        print(f"已备份到：{dest}（pg_dump 备份，已检查可以恢复）")
        return 0
    ledger = open_ledger(args, writes=False)  # a copy only reads the ledger
    try:
        db_path = database_file(ledger)
        folder = backup_dir(db_path)
        writable = os.access(folder if folder.is_dir() else folder.parent, os.W_OK)
        if not args.output and not writable:
            raise PairTrackError(
                "数据库所在的文件夹不允许写入，无法在它旁边的 backups 文件夹中备份。"
                "请用 -o 指定放在可写位置的备份文件。"
            )
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
