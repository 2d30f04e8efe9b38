"""The subcommands behind ``tracker.cli``: arguments and what each one does."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker import maintenance
from tracker.dates import parse_date
from tracker.errors import PairTrackError
from tracker.formatting import format_share, format_value
from tracker.ledger import Ledger
from tracker.paths import default_database
from tracker.periods import Period, Scope
from tracker.textable import render


def _open(args: argparse.Namespace) -> Ledger:
    return Ledger.open(args.db or default_database())


def _file_of(ledger: Ledger) -> Path:
    path = ledger.path
    if path is None:
        raise PairTrackError("内存数据库无法备份或恢复。")
    return path


# --- demo ---------------------------------------------------------------------------------
def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--records", type=int, default=0, metavar="N", help="另外生成 N 条明细记录")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="生成明细记录的随机种子")


def demo(args: argparse.Namespace) -> int:
    from tracker.demo.generate import add_records
    from tracker.demo.load import load_demo

    if args.records < 0:
        raise PairTrackError("--records 不能为负数。")
    ledger = _open(args)
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


# --- summary ------------------------------------------------------------------------------
def _period_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, required=True, help="年度")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--month", type=int, help="截至该月底（年初至今）")
    when.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="季度")
    when.add_argument("--from", dest="date_from", metavar="DATE", help="自定义起始日期")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="自定义结束日期")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--helper", metavar="地区", help="只看该帮扶方（名称或区划代码）")
    scope.add_argument("--assisted", metavar="地区", help="只看该受援方（名称或区划代码）")
    scope.add_argument("--pairing", metavar="ID", help="只看该结对关系")


def period_from(args: argparse.Namespace) -> Period:
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise PairTrackError("--from 和 --to 需要同时给出。")
        return Period.between(parse_date(args.date_from, "from"), parse_date(args.date_to, "to"))
    if args.month:
        return Period.through_month(args.year, args.month)
    if args.quarter:
        return Period.quarter(args.year, args.quarter)
    return Period.year(args.year)


def scope_from(ledger: Ledger, args: argparse.Namespace) -> Scope:
    from tracker.scopes import pairing_scope, region_scope

    if args.helper:
        return region_scope(ledger, "helper", args.helper)
    if args.assisted:
        return region_scope(ledger, "assisted", args.assisted)
    if args.pairing:
        return pairing_scope(ledger, args.pairing)
    return Scope.everything()


def summary(args: argparse.Namespace) -> int:
    from tracker.progress import progress

    ledger = _open(args)
    try:
        period, scope = period_from(args), scope_from(ledger, args)
        rows = progress(ledger, period, scope)
    finally:
        ledger.close()
    print(f"指标完成情况 · {period.label} · {scope.label}")
    table = [
        (
            p.indicator.label,
            p.indicator.unit,
            format_value(p.indicator, p.target),
            format_value(p.indicator, p.actual),
            format_share(p.completion),
            format_share(p.elapsed),
            p.status,
        )
        for p in rows
    ]
    headers = ("指标", "单位", "目标", "实际", "完成率", "序时进度", "状态")
    print(render(headers, table, right={2, 3, 4, 5}))
    lagging = [p.indicator.label for p in rows if p.lagging]
    if lagging:
        print(f"滞后指标 {len(lagging)} 项：" + "、".join(lagging))
    return 0


# --- backup, restore, check -----------------------------------------------------------
def _backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help="备份文件（默认放入数据库旁的 backups 文件夹）"
    )


def backup(args: argparse.Namespace) -> int:
    ledger = _open(args)
    try:
        dest = maintenance.backup(_file_of(ledger), Path(args.output) if args.output else None)
    finally:
        ledger.close()
    print(f"已备份到：{dest}")
    return 0


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="要恢复的备份文件")


def restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise PairTrackError(f"找不到备份文件「{source}」。")
    ledger = _open(args)
    try:
        target = _file_of(ledger)
    finally:
        ledger.close()
    saved = maintenance.restore(target, source)
    print(f"已从「{source}」恢复。恢复前的数据已备份到：{saved}")
    return 0


def check(args: argparse.Namespace) -> int:
    from tracker.check import run_checks

    ledger = _open(args)
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


COMMANDS = {
    "demo": ("装入演示数据（廊坊、济南的结对关系与 2017 年数据）", _demo_args, demo),
    "summary": ("打印指标完成情况（目标、实际、完成率、序时进度）", _period_args, summary),
    "backup": ("备份数据库", _backup_args, backup),
    "restore": ("从备份文件恢复数据库（恢复前自动备份当前数据）", _restore_args, restore),
    "check": ("检查数据库完整性、审计记录链和业务规则", lambda p: None, check),
}
