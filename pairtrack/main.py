"""PairTrack entry point: ``python main.py``, ``python -m pairtrack``, and the installed
``pairtrack`` (the window) and ``pairtrack-cli`` (the commands).

Without a subcommand the window opens; with one, the command line runs without loading Qt.
"""

from __future__ import annotations

import os
import sys


def _windowed_streams() -> None:
    """A windowed start (PairTrack.exe, the ``pairtrack`` of gui_scripts on Windows) has no
    stdout or stderr: a command run that way writes its output nowhere instead of failing on
    the first progress bar or message."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def open_window(db: str | None) -> int:
    from pairtrack.ui.app import run_window

    return run_window(db)


def window_only(argv: list[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` asks for nothing but the window (no arguments, or ``--db PATH``), and
    the database it names. The command line's parser loads every subcommand, SQLAlchemy among
    them (a third of a second), which the window does not need before it shows; anything else
    goes to that parser, which also reports usage errors."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return True, argv[0][len("--db=") :]
    return False, None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    window, db = window_only(args)
    if window:
        return open_window(db)
    from pairtrack.tracker.cli import run

    _windowed_streams()
    return run(args, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
