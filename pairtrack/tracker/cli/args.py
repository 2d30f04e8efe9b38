"""Arguments shared by several subcommands (the database and its file, the period, the
scope) and the terminal progress bar of long commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pairtrack.tracker.dates import check_year, parse_date
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.jobs import Progress, no_progress
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.paths import default_database
from pairtrack.tracker.periods import Period, Scope


def open_ledger(args: argparse.Namespace, *, writes: bool = True) -> Ledger:
    """The ledger of ``--db``. A command that only reads (``writes=False``) also works where
    the file cannot be written (a disc, a write-protected folder): it opens it read-only;
    a command that writes is refused there, saying what still works."""
    target = args.db or default_database()
    if not writes:
        from pairtrack.tracker.maintenance import open_to_read

        return open_to_read(target)
    return Ledger.open(target)


def database_file(ledger: Ledger) -> Path:
    """The file behind ``--db``, for commands that copy it (backup, restore)."""
    from pairtrack.tracker.maintenance import ledger_file

    return ledger_file(ledger.engine.url)


MAX_RECORD_NUMBER = 2**63 - 1  # SQLite's largest integer


def record_number(text: str, what: str = "编号") -> int:
    """A record number typed on the command line (an import, a conflict): ASCII digits,
    1 … 2^63−1; anything else is refused in Chinese (not a traceback from SQLite)."""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_RECORD_NUMBER:
        raise PairTrackError(f"{what}应为正整数，而不是「{text}」。")
    return int(text)


def record_number_arg(text: str) -> int:
    """``record_number`` as an argparse ``type``: a bad value is a usage error (exit 2)."""
    try:
        return record_number(text)
    except PairTrackError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def force_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force",
        action="store_true",
        help="输出文件已存在时替换它（数据库文件本身和备份文件夹无论如何都不会被写入）",
    )


def check_code_of(ledger: Ledger) -> str:
    """The 数据校验码 now (the audit chain's head), as exports print it."""
    from pairtrack.tracker.audit import head

    with ledger.read() as session:
        return head(session).code


def period_args(p: argparse.ArgumentParser) -> None:
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
    check_year(args.year, "year", "--year 年度")
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise PairTrackError("--from 和 --to 需要同时给出。")
        return Period.between(parse_date(args.date_from, "from"), parse_date(args.date_to, "to"))
    # "is not None": --month 0 is a mistake to report, not "no month" (the whole year).
    if args.month is not None:
        return Period.through_month(args.year, args.month)
    if args.quarter is not None:
        return Period.quarter(args.year, args.quarter)
    return Period.year(args.year)


def scope_from(ledger: Ledger, args: argparse.Namespace) -> Scope:
    from pairtrack.tracker.scopes import pairing_scope, region_scope

    if args.helper:
        return region_scope(ledger, "helper", args.helper)
    if args.assisted:
        return region_scope(ledger, "assisted", args.assisted)
    if args.pairing:
        return pairing_scope(ledger, args.pairing)
    return Scope.everything()


def progress_bar(label: str) -> Progress:
    """A bar on stderr when it is a terminal; otherwise nothing is shown."""
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
