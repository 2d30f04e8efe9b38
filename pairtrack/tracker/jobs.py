"""The progress and cancel protocol of long work (STYLE habit 3, after Orange's ``run``).

A long function takes ``progress(done, total)`` and ``cancelled()`` and calls
``check_cancelled`` where stopping is safe; it raises ``JobCancelled`` inside its transaction
(or before its file is moved into place), so a cancel writes nothing. The window runs such a
function off the GUI thread; the command line passes a text progress bar, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from pairtrack.tracker.errors import PairTrackError

Progress = Callable[[int, int], None]  # done, total
Cancelled = Callable[[], bool]


class Job(NamedTuple):
    """Both callbacks together, as the window's ops hand them to a long function."""

    progress: Progress
    cancelled: Cancelled


NOTHING_WRITTEN = "已取消，未写入任何内容。"


class JobCancelled(PairTrackError):
    """The user cancelled; nothing was written. The message says what was given up."""

    def __init__(self, message: str = NOTHING_WRITTEN) -> None:
        super().__init__(message)


def no_progress(_done: int, _total: int) -> None:
    """A ``progress`` for callers that do not show one."""


def never() -> bool:
    """A ``cancelled`` for callers that cannot cancel."""
    return False


def check_cancelled(cancelled: Cancelled, message: str = NOTHING_WRITTEN) -> None:
    """Raise ``JobCancelled(message)`` if the user asked to stop."""
    if cancelled():
        raise JobCancelled(message)
