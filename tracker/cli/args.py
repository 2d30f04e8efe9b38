"""Arguments shared by several subcommands (the database and its file, the period, the
scope) and the terminal progress bar of long commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.dates import check_year, parse_date
from tracker.errors import PairTrackError
from tracker.jobs import Progress, no_progress
from tracker.ledger import Ledger
from tracker.paths import default_database
from tracker.periods import Period, Scope


def open_ledger(args: argparse.Namespace) -> Ledger:
    return Ledger.open(args.db or default_database())


def database_file(ledger: Ledger) -> Path:
    """The file behind ``--db``, for commands that copy it (backup, restore)."""
    path = ledger.path
    if path is None:
        raise PairTrackError("内存数据库无法备份或恢复。")
    return path


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
