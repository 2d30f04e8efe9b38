"""``export`` and ``import`` on the command line (DESIGN §5), registered in tracker.commands.

A progress bar goes to stderr when it is a terminal; the report prints as a table. Bad input
raises ``PairTrackError``, which ``tracker.cli`` turns into one Chinese line and exit 1.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import PairTrackError
from tracker.exchange.report import ImportReport
from tracker.jobs import Cancelled, Progress, never, no_progress

if TYPE_CHECKING:
    from tracker.ledger import Ledger

PACKAGE_SUFFIX = ".pairtrack.zip"
MAX_LISTED = 50


def progress_bar(label: str) -> Progress:
    if not sys.stderr.isatty():
        return no_progress

    def show(done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(share * 30)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("xlsx", "csv", "package"), default="xlsx", help="导出格式"
    )
    parser.add_argument("--template", action="store_true", help="导出空白台账模板（xlsx）")
    parser.add_argument("--year", type=int, help="汇总表的年度（默认今年）")
    parser.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="输出文件（csv：文件夹或 .zip）"
    )


def run_export(args: argparse.Namespace) -> int:
    from tracker.cli_args import open_ledger as _open

    target = Path(args.output)
    ledger = _open(args)
    try:
        bar = progress_bar("导出")
        if args.template:
            from tracker.exchange.template import export_template

            export_template(ledger, target)
            print(f"已导出台账模板：{target}")
            return 0
        if args.format == "xlsx":
            from tracker.exchange.xlsx_export import export_xlsx

            counts = export_xlsx(ledger, target, year=args.year, progress=bar)
        elif args.format == "csv":
            from tracker.exchange.csv_export import export_csv

            counts = export_csv(ledger, target, progress=bar)
        else:
            from tracker.exchange.package import export_package

            counts = export_package(ledger, target, progress=bar)
    finally:
        ledger.close()
    print(f"已导出到：{target}（" + "，".join(f"{k} {v} 条" for k, v in counts.items()) + "）")
    return 0


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", help="台账工作簿（.xlsx）或汇总包（.pairtrack.zip）"
    )
    parser.add_argument("--dry-run", action="store_true", help="只报告将要做什么，不写入")
    parser.add_argument(
        "--valid-only", action="store_true", help="只导入无误的行，错误行另存为新工作簿"
    )


def is_package(path: Path) -> bool:
    """A consolidation package has a manifest; anything else zip-shaped is read as xlsx."""
    if path.name.endswith(PACKAGE_SUFFIX):
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return "manifest.json" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def import_file(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool,
    valid_only: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> ImportReport:
    """The package or ledger import, whichever the file is (the window calls this too)."""
    if not path.is_file():
        raise PairTrackError(f"找不到文件「{path}」。")
    if is_package(path):
        from tracker.exchange.merge import import_package

        return import_package(ledger, path, dry_run=dry_run, progress=progress, cancelled=cancelled)
    from tracker.exchange.ledger_import import import_ledger

    return import_ledger(
        ledger,
        path,
        dry_run=dry_run,
        valid_only=valid_only,
        progress=progress,
        cancelled=cancelled,
    )


def run_import(args: argparse.Namespace) -> int:
    from tracker.cli_args import open_ledger as _open

    path = Path(args.path)
    ledger = _open(args)
    try:
        report = import_file(
            ledger,
            path,
            dry_run=args.dry_run,
            valid_only=args.valid_only,
            progress=progress_bar("导入"),
        )
    finally:
        ledger.close()
    print(describe(report, dry_run=args.dry_run))
    if report.problems and not report.committed and not args.dry_run:
        raise PairTrackError(
            f"发现 {len(report.problems)} 处问题，未导入任何内容（可用 --valid-only 只导入无误的行）。"
        )
    return 0


def describe(report: ImportReport, *, dry_run: bool) -> str:
    lines = []
    if report.source:
        lines.append(f"来源：{report.source}")
    lines.append(report.table_text())
    for problem in report.problems[:MAX_LISTED]:
        lines.append(str(problem))
    if len(report.problems) > MAX_LISTED:
        lines.append(f"……另有 {len(report.problems) - MAX_LISTED} 处问题未列出")
    if dry_run:
        lines.append("试运行：未写入任何内容。")
    elif report.committed:
        lines.append(f"已导入：共变更 {report.changed} 条记录。")
    if report.rejected_path is not None:
        lines.append(f"未导入的行已另存为：{report.rejected_path}")
    return "\n".join(lines)
