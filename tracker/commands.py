"""The subcommands behind ``tracker.cli``: arguments and what each one does."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker import maintenance
from tracker.brief import command as brief
from tracker.cli_args import open_ledger as _open
from tracker.cli_args import period_args as _period_args
from tracker.cli_args import period_from, scope_from
from tracker.errors import PairTrackError
from tracker.exchange import command as exchange
from tracker.formatting import INDICATOR_HEADERS, indicator_cells
from tracker.ledger import Ledger
from tracker.textable import render


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
def summary(args: argparse.Namespace) -> int:
    from tracker.progress import progress

    ledger = _open(args)
    try:
        period, scope = period_from(args), scope_from(ledger, args)
        rows = progress(ledger, period, scope)
    finally:
        ledger.close()
    print(f"指标完成情况 · {period.label} · {scope.label}")
    table = [indicator_cells(p) for p in rows]
    print(render(INDICATOR_HEADERS, table, right={2, 3, 4, 5}))
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
    "brief": ("生成进展简报（PDF 或 Word）", brief.configure, brief.run),
    "export": (
        "导出记录：Excel、CSV 或汇总包（--template 导出空白台账模板）",
        exchange.configure_export,
        exchange.run_export,
    ),
    "import": (
        "导入台账工作簿（.xlsx）或汇总包（.pairtrack.zip），可先用 --dry-run 预览",
        exchange.configure_import,
        exchange.run_import,
    ),
}
