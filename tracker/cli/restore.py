"""``pairtrack restore``: put a backup back in place of the database.

The backup is checked first (it opens, passes the integrity check, has a known schema and
passes ``check``); the current file is kept in the backups folder; a refused backup leaves
everything as it was. The current database is not opened: it may be the damaged one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker import maintenance
from tracker.paths import default_database

NAME = "restore"
HELP = "从备份文件恢复数据库（先检查备份；当前文件另存到 backups 文件夹）"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="要恢复的备份文件")


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = maintenance.ledger_file(args.db or default_database())
    saved = maintenance.restore(target, source)
    print(f"已从「{source}」恢复（备份已通过检查）。")
    if saved is not None:
        print(f"恢复前的数据已备份到：{saved}")
    return 0
