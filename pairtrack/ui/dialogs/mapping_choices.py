"""What the 「对应关系」 step offers and shows for a sheet, without widgets: the targets a column
can be imported as, whether a kind takes the default pairing or has money columns, sample
values under each header, and where an unrecognised sheet's header probably is.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pairtrack.tracker.exchange.columns import columns_of
from pairtrack.tracker.exchange.layout import HEADER_SEARCH_ROWS, Mapping, joined_headers
from pairtrack.tracker.exchange.ledger_words import HEADERS, range_fields
from pairtrack.tracker.exchange.workbook import RawSheet
from pairtrack.tracker.kinds import BY_TABLE
from pairtrack.ui.i18n import tr

SAMPLE_ROWS = 30  # rows below the header looked at for a column's sample values


def target_choices(table: str) -> list[tuple[str, str]]:
    """(label, target) a column of a ``table`` sheet can be imported as: each field (备注
    included), then the date ranges its ledgers write in one column."""
    service: Any = BY_TABLE[table].service  # the class: its columns need no database
    out = [(tr(c.field.label), c.name) for c in columns_of(service) if c.field is not None]
    labels = dict((name, text) for text, name in out)
    for target in HEADERS.get(table, {}):
        span = range_fields(target)
        if span and all(name in labels for name in span):
            out.append(
                (tr("起止日期（{a}—{b}）").format(a=labels[span[0]], b=labels[span[1]]), target)
            )
    return out


def has_pairing(table: str | None) -> bool:
    """Whether records of ``table`` belong to a pairing (the default pairing applies)."""
    return table is not None and any(f.name == "pairing_id" for f in BY_TABLE[table].service.fields)


def has_money(table: str | None) -> bool:
    if table is None:
        return False
    service: Any = BY_TABLE[table].service
    return any(c.kind in ("money", "target_value") for c in columns_of(service))


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().replace("\n", " ")


def samples(mapping: Mapping, rows: list[list[Any]]) -> list[str]:
    """Per column, the first values written under the header (section rows — one cell
    filled — left out), joined for a glance."""
    found: list[list[str]] = [[] for _ in mapping.headers]
    start = mapping.first_data_row
    for row in rows[start : start + SAMPLE_ROWS]:
        if sum(1 for v in row if v not in ("", None)) < 2:
            continue
        for c, seen in enumerate(found):
            value = row[c] if c < len(row) else ""
            text = _text(value) if value not in ("", None) else ""
            if text and text not in seen and len(seen) < 3:
                seen.append(text)
    return [tr("、").join(values) for values in found]


def first_header_row(raw: RawSheet) -> int:
    """The first row with two or more headers written (below a one-cell title), else 0."""
    rows = range(min(HEADER_SEARCH_ROWS, len(raw.rows)))
    return next((r for r in rows if joined_headers(raw, r)), 0)
