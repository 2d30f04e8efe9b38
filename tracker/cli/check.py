"""``pairtrack check``: integrity, foreign keys, the audit chain and the domain rules; exit 1
when anything is found."""

from __future__ import annotations

import argparse

from tracker.cli.args import open_ledger

NAME = "check"
HELP = "检查数据库完整性、审计记录链和业务规则"


def configure(p: argparse.ArgumentParser) -> None:
    """No arguments beyond ``--db``."""


def run(args: argparse.Namespace) -> int:
    from tracker.check import run_checks

    ledger = open_ledger(args)
    try:
        findings = run_checks(ledger)
    finally:
        ledger.close()
    if not findings:
        print("检查完成：未发现问题。")
        return 0
    print(f"检查发现 {len(findings)} 个问题：")
    for number, finding in enumerate(findings, start=1):
        print(f"{number}. {finding.message}")
    return 1
