"""Revisions of synced rows: how a row's revision id is made, and its history kept.

Offices merge by revision, never by clock (DESIGN §7). A revision id is a hash of the table,
the revision's parents and the row's content, so two offices that reach the same content from
the same parents (the same merge, or the first revision of a row both held before revisions
existed) reach the same id, and their next exchange has nothing to do.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from pairtrack.db.base import REV_LENGTH, REVISION_COLUMNS, utc_now
from pairtrack.db.dialects import insert_ignoring_duplicates
from pairtrack.db.models import RowHistory
from pairtrack.tracker.audit import canonical


def content_columns(columns: Iterable[str]) -> tuple[str, ...]:
    """The columns that make up a row's content: all but the revision bookkeeping."""
    return tuple(c for c in columns if c not in REVISION_COLUMNS)


def revision_id(table: str, parents: str, content: str) -> str:
    """The id of the revision of a row of ``table`` with this canonical ``content``.

    pairtrack/db/migrations/versions/0004 holds a frozen copy for rows with no parents."""
    return hashlib.sha256(f"{table}\x1f{parents}\x1f{content}".encode()).hexdigest()[:REV_LENGTH]


def join_parents(*revs: str) -> str:
    """Parents as stored: sorted, so that both sides of a merge write the same text."""
    return " ".join(sorted({r for r in revs if r}))


def split_parents(parents: str) -> list[str]:
    return parents.split() if parents else []


def stamp(table: str, columns: Iterable[str], row: dict[str, Any], parents: str) -> str:
    """Give ``row`` (stored or typed values) its revision made from ``parents``; returns the
    canonical content, which callers keep as history when the row later changes."""
    content = canonical(content_columns(columns), row)
    row["parents"] = parents
    row["rev"] = revision_id(table, parents, content)
    return content


def keep_history(
    session: Session,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    office: str,
    import_id: int | None = None,
) -> None:
    """Record revisions being replaced (or kept aside, for a conflict). ``rows`` carry
    ``rev``, ``row_id``, ``parents`` and ``data`` (canonical content)."""
    now = utc_now()
    values = [
        {
            "rev": r["rev"],
            "table_name": table,
            "row_id": r["row_id"],
            "parents": r["parents"],
            "data": r["data"],
            "office": office,
            "recorded_at": now,
            "import_id": import_id,
        }
        for r in rows
    ]
    if values:
        session.execute(insert_ignoring_duplicates(session, RowHistory), values)


def content_of(data: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data)
    return loaded
