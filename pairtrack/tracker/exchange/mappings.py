"""Mappings a person confirmed, remembered for the next workbook with the same headers.

Kept in ``meta`` (one row per layout, key ``ledger_mapping.<signature>``), so they travel with
the database and its backups, and every change is in the audit trail like any setting.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from pairtrack.db.models import Meta
from pairtrack.tracker.audit import append_event
from pairtrack.tracker.exchange.layout import (
    HEADER_SEARCH_ROWS,
    Mapping,
    joined_headers,
    signature,
    unit_of,
)
from pairtrack.tracker.exchange.workbook import RawSheet
from pairtrack.tracker.money import DEFAULT_UNIT
from pairtrack.tracker.store import operator_in

PREFIX = "ledger_mapping."


def remembered(session: Session) -> dict[str, Mapping]:
    """Signature → the mapping last confirmed for it."""
    rows = session.execute(select(Meta.key, Meta.value).where(Meta.key.startswith(PREFIX)))
    out = {}
    for key, value in rows:
        try:
            out[key.removeprefix(PREFIX)] = Mapping.from_json(value)
        except (TypeError, ValueError, json.JSONDecodeError):
            continue  # written by a later version: detection reads the sheet instead
    return out


def remember(session: Session, mapping: Mapping) -> None:
    """Keep ``mapping`` for workbooks whose headers are the same (in the caller's transaction)."""
    key = PREFIX + signature(mapping.headers)
    value = mapping.to_json()
    row = session.get(Meta, key)
    before = None if row is None else row.value
    if before == value:
        return
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
    session.flush()
    append_event(
        session,
        operator=operator_in(session),
        action="setting",
        table_name="meta",
        row_id=key,
        before=before,
        after=value,
    )


def find(sheet: RawSheet, known: dict[str, Mapping]) -> Mapping | None:
    """The remembered mapping of a header row of ``sheet`` (wherever it now stands), placed
    at that row; the unit a 单位 line of this sheet gives wins over the remembered one."""
    if not known:
        return None
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        for headers, depth in joined_headers(sheet, row):
            found = known.get(signature(headers))
            if found is not None and len(found.headers) == len(headers):
                said = unit_of(sheet, row)
                unit = found.unit if said == DEFAULT_UNIT else said
                return replace(found, header_row=row, header_rows=depth, headers=headers, unit=unit)
    return None
