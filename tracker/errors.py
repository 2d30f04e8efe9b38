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
