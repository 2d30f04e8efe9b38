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
    from ui.app import run_window

    return run_window(db)


def main(argv: list[str] | None = None) -> int:
    from tracker.cli import run

    _windowed_streams()
    return run(sys.argv[1:] if argv is None else argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
