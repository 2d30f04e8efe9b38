"""``pairtrack export``: records for Excel (xlsx, csv), a consolidation package, or the blank
ledger template (DESIGN §5, §7). A progress bar goes to stderr when it is a terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from pairtrack.tracker.cli.args import check_code_of, force_arg, open_ledger, progress_bar
from pairtrack.tracker.errors import PairTrackError

NAME = "export"
HELP = "导出记录：Excel、CSV 或汇总包（--template 导出空白台账模板）"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("xlsx", "csv", "package"), default="xlsx", help="导出格式"
    )
    parser.add_argument("--template", action="store_true", help="导出空白台账模板（xlsx）")
    parser.add_argument("--year", type=int, help="汇总表的年度（默认今年）")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--own", action="store_true", help="只导出本单位建立的记录")
    which.add_argument(
        "--reference", action="store_true", help="只导出地区、结对关系和年度目标（基础数据）"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="输出文件（csv：文件夹或 .zip）"
    )
    force_arg(parser)


def run(args: argparse.Namespace) -> int:
    target = Path(args.output)
    ledger = open_ledger(args, writes=False)
    try:
        bar = progress_bar("导出")
        scope = "own" if args.own else "reference" if args.reference else "all"
        if args.template:
            if scope != "all":
                raise PairTrackError("--template 导出空白模板，不能与 --own 或 --reference 同用。")
            from pairtrack.tracker.exchange.template import export_template

            export_template(ledger, target, force=args.force)
            print(f"已导出台账模板：{target}")
            return 0
        if args.format == "xlsx":
            from pairtrack.tracker.exchange.xlsx_export import export_xlsx

            counts = export_xlsx(
                ledger, target, year=args.year, scope=scope, force=args.force, progress=bar
            )
        elif args.format == "csv":
            from pairtrack.tracker.exchange.csv_export import export_csv

            counts = export_csv(ledger, target, scope=scope, force=args.force, progress=bar)
        else:
            from pairtrack.tracker.exchange.package_write import export_package

            counts = export_package(ledger, target, scope=scope, force=args.force, progress=bar)
        code = check_code_of(ledger)
    finally:
        ledger.close()
    print(f"已导出到：{target}（" + "，".join(f"{k} {v} 条" for k, v in counts.items()) + "）")
    print(f"数据校验码：{code}")
    return 0
