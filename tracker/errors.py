"""Errors the domain layer raises; each carries a Chinese message for the user."""

from __future__ import annotations


class PairTrackError(Exception):
    """An error whose message can be shown to the user as it is."""


class ValidationError(PairTrackError):
    """A value broke a rule; ``field`` names the offending field (``None`` when it is the whole record)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(PairTrackError):
    """The record asked for does not exist (or is deleted and was not asked for)."""


class DatabaseBusy(PairTrackError):
    """Another program held the database's write lock longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__(
            "数据库正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），未写入任何内容。请稍后再试。"
        )


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` says SQLite's lock could not be had in time ("database is locked").

    Checked by message, on the driver's error or on SQLAlchemy's wrapper of it, so that the
    command line and the window recognise the same thing.
    """
    import sqlite3

    original = getattr(exc, "orig", None) or exc
    if not isinstance(original, sqlite3.OperationalError):
        return False
    text = str(original)
    return "locked" in text or "busy" in text
