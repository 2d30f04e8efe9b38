"""``pairtrack brief``: write the progress brief as PDF or .docx (DESIGN §5, §6)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pairtrack.tracker.cli.args import (
    force_arg,
    open_ledger,
    period_args,
    period_from,
    progress_bar,
    scope_from,
)
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.outputs import check_target, write_file

NAME = "brief"
HELP = "生成进展简报（PDF 或 Word）"
FORMATS = ("pdf", "docx")


def configure(p: argparse.ArgumentParser) -> None:
    period_args(p)
    p.add_argument("--appendix", action="store_true", help="附上各项指标的明细（附表）")
    p.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="输出文件（.pdf 或 .docx）"
    )
    p.add_argument("--format", choices=FORMATS, help="输出格式（默认按输出文件的扩展名）")
    force_arg(p)
    p.add_argument("--problems", metavar="TEXT", help="“存在问题”的补充文字（默认沿用上次保存的）")
    p.add_argument("--next-steps", metavar="TEXT", help="“下一步工作”的文字（默认沿用上次保存的）")


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise PairTrackError(f"无法从文件名「{args.output}」判断格式，请用 --format pdf 或 docx。")
    return suffix


def run(args: argparse.Namespace) -> int:
    from pairtrack.tracker.brief import (
        BriefOptions,
        build_brief,
        load_texts,
        render_docx,
        render_pdf,
    )
    from pairtrack.tracker.brief.appendix import estimate
    from pairtrack.tracker.brief.texts import save_texts

    kind = output_format(args)
    output = Path(args.output)
    ledger = open_ledger(args, writes=False)
    try:
        check_target(output, database=ledger.path, force=args.force)  # before the long work
        database = ledger.path
        period, scope = period_from(args), scope_from(ledger, args)
        problems, next_steps = load_texts(ledger, period, scope)
        if args.problems is not None or args.next_steps is not None:
            problems = problems if args.problems is None else args.problems
            next_steps = next_steps if args.next_steps is None else args.next_steps
            save_texts(ledger, period, scope, problems, next_steps)
            if ledger.read_only is not None:  # save_texts keeps nothing there
                print(f"注意：数据库{ledger.read_only}，所给文字只印在这份简报中，未保存。",
                      file=sys.stderr)  # fmt: skip
        options = BriefOptions(
            period=period,
            scope=scope,
            office_name=ledger.office_name,
            issued_on=date.today(),
            appendix=args.appendix,
            problems_text=problems,
            next_steps_text=next_steps,
        )
        if args.appendix:
            size = estimate(ledger, period, scope)
            if size.large:  # the question the window asks, as a note: nobody to answer here
                print(f"{size.notice}。", file=sys.stderr)
        data = build_brief(ledger, options, progress_bar("汇总数据"))
    finally:
        ledger.close()
    pages = 0

    def render(temporary: Path) -> None:
        nonlocal pages
        if kind == "pdf":
            pages = render_pdf(data, temporary, progress_bar("排版"))
        else:
            render_docx(data, temporary, progress_bar("排版"))

    # written beside the target and moved into place (tracker.outputs): no half file is left
    write_file(output, render, database=database, force=args.force)
    print(f"已生成简报：{output.resolve()}")
    if kind == "pdf":
        print(f"共 {pages} 页。")
    return 0
