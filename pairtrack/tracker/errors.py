"""Errors the domain layer raises; each carries a Chinese message for the user."""

from __future__ import annotations

from collections.abc import Sequence


class PairTrackError(Exception):
    """An error whose message can be shown to the user as it is."""


class ValidationError(PairTrackError):
    """A value broke a rule; ``field`` names the offending field (``None`` when it is the whole record).

    A record with several problems raises one error that stands for all of them
    (``ValidationError.of``): ``field`` and ``message`` are the first's, ``problems`` holds
    every one, so that a form can show each next to its field in one go.
    """

    def __init__(
        self, field: str | None, message: str, problems: Sequence[ValidationError] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.problems: tuple[ValidationError, ...] = tuple(problems) or (self,)

    @classmethod
    def of(cls, problems: Sequence[ValidationError]) -> ValidationError:
        """One error for ``problems`` (at least one), keeping the first of each field."""
        kept: list[ValidationError] = []
        fields: set[str] = set()
        for problem in problems:
            for one in problem.problems:
                if one.field is None or one.field not in fields:
                    kept.append(one)
                    if one.field is not None:
                        fields.add(one.field)
        if len(kept) == 1:
            return kept[0]
        return cls(kept[0].field, kept[0].message, kept)

    def __str__(self) -> str:
        return "；".join(p.message for p in self.problems)


class NotFound(PairTrackError):
    """The record asked for does not exist (or is deleted and was not asked for)."""


class DatabaseBusy(PairTrackError):
    """Another program held the database's write lock longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__(
            "数据库正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），未写入任何内容。请稍后再试。"
        )


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` says the write lock could not be had in time: SQLite's "database is
    locked", or on PostgreSQL the writers' lock waited past ``lock_timeout`` (SQLSTATE 55P03).

    Checked on the driver's error or on SQLAlchemy's wrapper of it, so that the command line
    and the window recognise the same thing.
    """
    import sqlite3

    original = getattr(exc, "orig", None) or exc
    if getattr(original, "sqlstate", None) == "55P03":  # lock_not_available
        return True
    if not isinstance(original, sqlite3.OperationalError):
        return False
    text = str(original)
    return "locked" in text or "busy" in text
