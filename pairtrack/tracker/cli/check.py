"""``pairtrack check [--anchor CODE]``: integrity, foreign keys, the audit chain and the domain
rules; with ``--anchor``, also that the history printed as CODE (数据校验码, on a brief, an
export or a package) is still intact. Lists the packages received and their codes. Exit 1
when anything is found."""

from __future__ import annotations

import argparse

from pairtrack.tracker.cli.args import open_ledger

NAME = "check"
HELP = "检查数据库完整性、审计记录链和业务规则（--anchor 核对打印过的数据校验码）"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--anchor",
        metavar="CODE",
        help="数据校验码（如 1234-ABCD-EFGH，印在简报、导出文件和汇总包上）：核对此前的历史未被改写",
    )


def run(args: argparse.Namespace) -> int:
    from pairtrack.tracker.audit import head, parse_code
    from pairtrack.tracker.check import check_anchor, run_checks
    from pairtrack.tracker.received import received

    if args.anchor is not None:
        parse_code(args.anchor)  # a malformed code is refused before the long checks
    ledger = open_ledger(args, writes=False)
    try:
        findings = run_checks(ledger)
        if args.anchor is not None:
            findings += check_anchor(ledger, args.anchor)
        packages = received(ledger)
        with ledger.read() as session:
            now = head(session)
    finally:
        ledger.close()
    if packages:
        print(f"已收到的汇总包 {len(packages)} 个：")
        for package in packages:
            print(f"  {package}")
    print(f"当前数据校验码：{now.code}")
    if not findings:
        if args.anchor is not None:
            print(f"数据校验码 {args.anchor} 核对无误：此前的历史记录完整，此后的记录也逐条衔接。")
        print("检查完成：未发现问题。")
        return 0
    print(f"检查发现 {len(findings)} 个问题：")
    for number, finding in enumerate(findings, start=1):
        print(f"{number}. {finding.message}")
    if args.anchor is not None and any(f.kind in ("anchor", "audit_chain") for f in findings):
        print(f"数据校验码 {args.anchor} 所代表的历史记录未能证实完整。")
    return 1
