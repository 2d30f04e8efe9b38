"""Refusals raised while opening a database; messages are for the user, in Chinese."""

from __future__ import annotations

from pathlib import Path


class DatabaseRefused(Exception):
    """The file was left untouched because PairTrack must not open or change it."""


class ReadOnlyLocation(DatabaseRefused):
    """The file or its folder cannot be written: it can only be opened to read."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
