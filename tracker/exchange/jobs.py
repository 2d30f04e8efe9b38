"""The progress protocol of long exchange work (the same shape as ``ui.worker.Job``)."""

from __future__ import annotations

from collections.abc import Callable

from tracker.errors import PairTrackError

Progress = Callable[[int, int], None]  # done, total
Cancelled = Callable[[], bool]


class ImportCancelled(PairTrackError):
    """The user cancelled; raised inside the transaction, so nothing is written."""

    def __init__(self) -> None:
        super().__init__("已取消，未写入任何内容。")


def no_progress(_done: int, _total: int) -> None:
    """A ``progress`` for callers that do not show one."""


def never() -> bool:
    """A ``cancelled`` for callers that cannot cancel."""
    return False


def check_cancelled(cancelled: Cancelled) -> None:
    if cancelled():
        raise ImportCancelled()
