"""Refusals raised while opening a database; messages are for the user, in Chinese."""

from __future__ import annotations


class DatabaseRefused(Exception):
    """The file was left untouched because PairTrack must not open or change it."""
