"""Helpers the services' rules share: the type of a rule, an order of two dates, and a
lookup that keeps what it found for the rest of the transaction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy.orm import Session

from pairtrack.tracker.errors import ValidationError

Rules = Iterator[ValidationError]  # a rule yields the problems it finds


def lookup(session: Session, model: Any, row_id: str) -> Any:
    """``session.get`` that keeps what it found for the rest of the transaction.

    The identity map holds objects weakly, so validating 100k bulk rows against the same few
    pairings would otherwise load each pairing again for every row.
    """
    cache: dict[tuple[Any, str], Any] = session.info.setdefault("lookup", {})
    key = (model, row_id)
    if key not in cache:
        cache[key] = session.get(model, row_id)
    return cache[key]


def date_order(
    data: Mapping[str, Any], first: str, last: str, first_label: str, last_label: str
) -> Rules:
    """A rule: ``last`` may not fall before ``first`` when both are set."""
    start, end = data.get(first), data.get(last)
    if start is not None and end is not None and end < start:
        yield ValidationError(last, f"{last_label}（{end}）早于{first_label}（{start}）")
