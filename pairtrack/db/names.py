"""A database named for a person, from its text alone: no SQLAlchemy is imported here, so the
window can name what it opens (a ``--db`` URL, a recent database) before the database
modules are loaded in the worker (``ui.app``)."""

from __future__ import annotations

from pathlib import Path


def is_url(target: object) -> bool:
    """Whether ``target`` is written as a URL (``postgresql://…``) rather than a file path;
    a SQLAlchemy ``URL`` object counts as one."""
    return not isinstance(target, Path) and "://" in str(target)


def without_password(text: str) -> str:
    """The URL as typed, its password (if any) left out: what is shown, logged or remembered
    never holds one. A SQLAlchemy ``URL`` prints *** in its place already; this drops that too."""
    scheme, sep, rest = text.partition("://")
    userinfo, at, place = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return text
    return f"{scheme}://{userinfo.split(':', 1)[0]}@{place}"
