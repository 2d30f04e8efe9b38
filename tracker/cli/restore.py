"""``pairtrack restore``: put a backup back in place of the database (which is backed up first;
a backup that fails its checks is refused)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker import maintenance
from tracker.cli.args import database_file, open_ledger
from tracker.errors import PairTrackError

NAME = "restore"
HELP = "从备份文件恢复数据库（恢复前自动备份当前数据）"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="要恢复的备份文件")


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise PairTrackError(f"找不到备份文件「{source}」。")
    ledger = open_ledger(args)
    try:
        target = database_file(ledger)
    finally:
        ledger.close()
    saved = maintenance.restore(target, source)
    print(f"已从「{source}」恢复。恢复前的数据已备份到：{saved}")
    return 0
