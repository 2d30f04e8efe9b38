"""The command line (DESIGN §5): one contract for users, tests and benchmarks.

This package holds the parser, the error handling and ``COMMANDS``, the one list of
subcommands; each subcommand is a module here with ``NAME``, ``HELP``, ``configure(parser)``
and ``run(args)``. Shared arguments live in ``tracker.cli.args``.

Exit status: 0 done, 1 bad input or data (one Chinese message on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import Protocol

from sqlalchemy.exc import DBAPIError

from pairtrack.db.diagnose import describe
from pairtrack.db.engine import database_path
from pairtrack.db.errors import DatabaseRefused
from pairtrack.tracker import __version__
from pairtrack.tracker.cli import (
    backup,
    brief,
    check,
    conflicts,
    demo,
    export,
    import_,
    imports,
    restore,
    settings,
    summary,
)
from pairtrack.tracker.errors import DatabaseBusy, PairTrackError, is_busy

Handler = Callable[[argparse.Namespace], int]


class Command(Protocol):
    """What a subcommand module exposes."""

    NAME: str
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# In the order ``pairtrack --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    demo,
    settings,
    summary,
    backup,
    restore,
    check,
    brief,
    export,
    import_,
    imports,
    conflicts,
)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="数据库文件或 SQLAlchemy URL（默认：用户数据文件夹中的 pairtrack.db）",
    )
    parser = argparse.ArgumentParser(
        prog="pairtrack",
        description="PairTrack 对口帮扶项目台账",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"PairTrack {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for command in COMMANDS:
        p = sub.add_parser(
            command.NAME, help=command.HELP, description=command.HELP, parents=[common]
        )
        command.configure(p)
        p.set_defaults(handler=command.run)
    return parser


def run(argv: Sequence[str], open_window: Callable[[str | None], int] | None = None) -> int:
    """Run a subcommand; without one, open the window (``open_window`` is given by main.py,
    since tracker/ itself never imports Qt)."""
    _tolerant_streams()
    parser = _parser()
    args = parser.parse_args(list(argv))
    if not hasattr(args, "db"):
        args.db = None
    if args.command is None:
        if open_window is None:
            parser.print_help()
            return 0
        return open_window(args.db)
    try:
        handler: Handler = args.handler
        return handler(args)
    except (PairTrackError, DatabaseRefused) as exc:
        return fail(str(exc))
    except (DBAPIError, sqlite3.Error) as exc:
        # A damaged page, a read-only place, a full disk, a lock held too long: what it is
        # and what to do (for a damaged file: the backups to restore, with their dates).
        return fail(_database_problem(exc, args.db))
    except BrokenPipeError:
        # The reader went away (``pairtrack summary | head``): nothing more to say to it, and
        # Python's own flush at exit would complain a second time (its documented remedy).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        return fail(f"无法访问文件「{exc.filename or ''}」：{exc.strerror or exc}")
    except KeyboardInterrupt:
        return fail("已取消，未写入任何内容。")


def _tolerant_streams() -> None:
    """Output redirected to a file on a Chinese Windows is written in the ANSI code page
    (cp936), which lacks some characters a ledger may hold (rare CJK extension characters in
    a name, say): those are written as "?" rather than ending the command with a
    UnicodeEncodeError. The file stays in the encoding the console and Notepad expect; a
    console window itself (not redirected) shows every character."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and encoding not in ("utf8", "utf8sig"):
            reconfigure(errors="replace")


def _database_problem(exc: BaseException, db: str | None) -> str:
    if is_busy(exc):
        return str(DatabaseBusy())
    try:
        from pairtrack.tracker.paths import default_database

        path = database_path(db or default_database())
    except (OSError, ValueError):
        path = None
    return describe(exc, path)


def fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 1
