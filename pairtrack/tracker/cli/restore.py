"""``pairtrack restore``: put a backup back in place of the database.

The backup is checked first (it opens, passes the integrity check, has a known schema and
passes ``check``); the current file is kept in the backups folder; a refused backup leaves
everything as it was. The current database is not opened: it may be the damaged one.

A database on a PostgreSQL server is restored from a pg_dump archive (``.dump``) in one server
transaction; its replaced state is kept as a dump, and ``check`` runs afterwards
(``tracker.maintenance.server_restore``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pairtrack.tracker import maintenance
from pairtrack.tracker.paths import default_database

NAME = "restore"
HELP = "从备份文件恢复数据库（先检查备份；当前文件另存到 backups 文件夹）"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", metavar="FILE", help="要恢复的备份文件（服务器数据库：pg_dump 备份 .dump）"
    )


def run(args: argparse.Namespace) -> int:
    from pairtrack.db.engine import is_server, shown_name

    source = Path(args.file)
    if is_server(args.db or ""):
        done = maintenance.server_restore(args.db, source)
        print(f"已从「{source}」恢复服务器数据库「{shown_name(args.db)}」（备份已通过检查）。")
        if done.upgraded:
            print(f"备份的结构版本 {done.revision} 已升级到当前版本。")
        print(f"恢复前的数据已备份到：{done.saved}")
        if not done.problems:
            print("恢复后检查：审计记录链完整，未发现问题。")
            return 0
        print(f"恢复后检查发现 {len(done.problems)} 个问题：")
        for number, problem in enumerate(done.problems, start=1):
            print(f"{number}. {problem}")
        print(f"如要撤销这次恢复，请从恢复前的备份恢复：pairtrack restore {done.saved}")
        return 1
    target = maintenance.ledger_file(args.db or default_database())
    saved = maintenance.restore(target, source)
    print(f"已从「{source}」恢复（备份已通过检查）。")
    if saved is not None:
        print(f"恢复前的数据已备份到：{saved}")
    return 0
