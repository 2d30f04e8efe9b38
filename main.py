"""PairTrack entry point: ``python main.py`` or the installed ``pairtrack`` command.

Without a subcommand the window opens; with one, the command line runs without loading Qt.
"""

from __future__ import annotations

import sys


def open_window(db: str | None) -> int:
    from ui.app import run_window

    return run_window(db)


def main(argv: list[str] | None = None) -> int:
    from tracker.cli import run

    return run(sys.argv[1:] if argv is None else argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
