"""``pairtrack import``: read a ledger workbook or a consolidation package (DESIGN §5, §7) and
print what it did or would do.

The module is ``import_`` because ``import`` is a keyword; the command is ``import``. A
progress bar goes to stderr when it is a terminal; the report prints as a table. Bad input
raises ``PairTrackError``, which ``tracker.cli`` turns into one Chinese line and exit 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pairtrack.tracker.cli.args import open_ledger, progress_bar
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.importing import import_file
from pairtrack.tracker.exchange.report import ImportReport, conflicts_first, reading_lines

NAME = "import"
HELP = "导入台账工作簿（.xlsx、.xls、.ods）或汇总包（.pairtrack.zip），可先用 --dry-run 预览"
MAX_LISTED = 50


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", metavar="PATH", help="台账工作簿（.xlsx、.xls、.ods）或汇总包（.pairtrack.zip）"
    )
    parser.add_argument("--dry-run", action="store_true", help="只报告将要做什么，不写入")
    parser.add_argument(
        "--valid-only", action="store_true", help="只导入无误的行，错误行另存为新工作簿"
    )
    parser.add_argument(
        "--again", action="store_true", help="再次导入已导入过的同一文件（否则拒绝，以免重复）"
    )
    parser.add_argument(
        "--pairing",
        metavar="P",
        help="默认结对关系（「帮扶方→受援方」或编号）：用于表中没有结对关系列或该列为空的行",
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    ledger = open_ledger(args)
    try:
        report = import_file(
            ledger,
            path,
            dry_run=args.dry_run,
            valid_only=args.valid_only,
            again=args.again,
            pairing=args.pairing,
            progress=progress_bar("导入"),
        )
    finally:
        ledger.close()
    print(describe(report, dry_run=args.dry_run))
    if report.problems and not report.committed and not args.dry_run:
        first = report.problems[0]
        raise PairTrackError(
            f"发现 {len(report.problems)} 处问题，未导入任何内容（可用 --valid-only 只导入无误的行）。"
            f"第一处：{first}"
        )
    return 0


def describe(report: ImportReport, *, dry_run: bool) -> str:
    """The report as the terminal shows it: source, counts table, what each record becomes
    (conflicts first), the first problems."""
    lines = []
    if report.source:
        lines.append(f"来源：{report.source}")
    lines += reading_lines(report, MAX_LISTED)
    lines.append(report.table_text())
    changes = conflicts_first(report.changes)
    for change in changes[:MAX_LISTED]:
        lines += change.lines()
    # the report lists only the first new records of a table; the counts above have them all
    listed_inserts = sum(1 for c in changes if c.action.startswith("新增"))  # 新增, 新增地区…
    inserted = sum(t.inserted for t in report.tables.values())
    unlisted = len(changes[MAX_LISTED:]) + max(0, inserted - listed_inserts)
    if changes and unlisted:
        lines.append(f"……另有 {unlisted} 条记录的变化未列出")
    for problem in report.problems[:MAX_LISTED]:
        lines.append(str(problem))
    if len(report.problems) > MAX_LISTED:
        lines.append(f"……另有 {len(report.problems) - MAX_LISTED} 处问题未列出")
    if report.warnings:
        lines.append(f"警告：{len(report.warnings)} 处金额超过通常的上限，请核对：")
        lines += [str(w) for w in report.warnings[:MAX_LISTED]]
        if len(report.warnings) > MAX_LISTED:
            lines.append(f"……另有 {len(report.warnings) - MAX_LISTED} 处金额未列出")
    if report.duplicates:
        kept = report.kind == "package"  # package rows carry ids of their own: kept, listed
        lines.append(
            f"疑似重复 {len(report.duplicates)} 行（{'已导入，请核对' if kept else '未导入'}）："
        )
        lines += [str(d) for d in report.duplicates[:MAX_LISTED]]
        if len(report.duplicates) > MAX_LISTED:
            lines.append(f"……另有 {len(report.duplicates) - MAX_LISTED} 行疑似重复未列出")
    if report.history:
        lines.append(f"警告：{report.history}")
    for flag in report.cross_office[:MAX_LISTED]:
        lines.append(flag)
    if len(report.cross_office) > MAX_LISTED:
        lines.append(f"……另有 {len(report.cross_office) - MAX_LISTED} 处疑似跨单位重复未列出")
    if report.already_imported and dry_run:
        lines.append(f"注意：{report.already_imported}；实际导入时将被拒绝，除非加 --again。")
    if dry_run:
        lines.append("试运行：未写入任何内容。")
    elif report.committed:
        lines.append(f"已导入：共变更 {report.changed} 条记录。")
        if report.import_id is not None:
            lines.append(
                f"导入编号 {report.import_id}；如需整体撤销：pairtrack imports --undo {report.import_id}"
            )
    if report.rejected_path is not None:
        lines.append(f"未导入的行已另存为：{report.rejected_path}")
    return "\n".join(lines)
