"""The columns of exported sheets and csv files, shared by the exports and the ledger import.

One sheet per record type; its columns are ``id`` then the service's fields, headed by their
Chinese labels. Money headers say "（万元）" because the cells hold 万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.fields import COMMON_FIELDS, Field
from tracker.indicators import BY_KEY
from tracker.kinds import KINDS
from tracker.money import fen_to_wan

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService

# (table, sheet title, attribute of ``Ledger``), in the order references need them.
SHEETS = tuple((k.table, k.sheet, k.attr) for k in KINDS)
SUMMARY_SHEET = "汇总"
INSTRUCTIONS_SHEET = "说明"
LISTS_SHEET = "lists"
ID_HEADER = "id"
MONEY_FORMAT = "#,##0.00####"  # six decimals of 万元 are exact to the 分
DATE_FORMAT = "yyyy-mm-dd"
TARGET_VALUE_HEADER = "目标值（金额为万元）"

# A spreadsheet runs text starting with these as a formula (or DDE): "=HYPERLINK(...)".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    # Text that already starts with "'" and a formula character is quoted once more, so that
    # the importer's "remove one quote" gives back exactly what the user typed.
    return text.startswith(FORMULA_STARTS) or (text.startswith("'") and _needs_quote(text[1:]))


def neutralise(text: str) -> str:
    return "'" + text if _needs_quote(text) else text


def unneutralise(text: str) -> str:
    """Remove exactly the quote ``neutralise`` added, and nothing a user typed."""
    return text[1:] if text.startswith("'") and _needs_quote(text[1:]) else text


@dataclass(frozen=True)
class Column:
    name: str  # the field name, or "id"
    header: str
    kind: str  # id | text | int | year | money | date | choice | region | pairing | agreement | target_value
    field: Field | None
    width: int


def _kind(f: Field) -> str:
    if f.kind == "ref":
        return {"region": "region", "pairing": "pairing", "agreement": "agreement"}[
            f.ref_table or ""
        ]
    if f.name == "value":
        return "target_value"
    return f.kind


_WIDTHS = {"id": 38, "date": 12, "money": 16, "int": 10, "year": 10, "choice": 14}


def columns_of(service: EntityService[Any]) -> list[Column]:
    out = [Column("id", ID_HEADER, "id", None, _WIDTHS["id"])]
    for f in (*service.fields, *COMMON_FIELDS):
        kind = _kind(f)
        header = f.label + ("（万元）" if kind == "money" else "")
        if kind == "target_value":
            header = TARGET_VALUE_HEADER
        width = _WIDTHS.get(kind, 24 if kind == "pairing" else min(40, max(12, f.max_length // 8)))
        out.append(Column(f.name, header, kind, f, width))
    return out


class Names:
    """Id → display name for references: regions by name, pairings "帮扶方→受援方", agreements by title."""

    def __init__(self, ledger: Ledger) -> None:
        self.regions = ledger.regions.names()
        self.pairings = ledger.pairings.labels()
        self.agreements = {i: t for i, (t, _p) in ledger.agreements.titles().items()}


def cell_value(column: Column, value: Any, row: Any, names: Names) -> Any:
    """The plain value a sheet or csv shows for a stored value (``row`` gives context)."""
    if value is None:
        return None
    kind = column.kind
    if kind in ("text", "id"):
        return neutralise(value) if isinstance(value, str) else value
    if kind == "money":
        return fen_to_wan(value)
    if kind == "target_value":
        indicator = BY_KEY.get(getattr(row, "indicator", ""))
        return fen_to_wan(value) if indicator is not None and indicator.is_money else value
    if kind == "choice":
        assert column.field is not None and column.field.choices is not None
        return column.field.choices.get(value, value)
    if kind == "region":
        return neutralise(names.regions.get(value, value))
    if kind == "pairing":
        return neutralise(names.pairings.get(value, value))
    if kind == "agreement":
        return neutralise(names.agreements.get(value, value))
    return value


def converters(columns: list[Column], names: Names) -> list[Any]:
    """One function per column, ``(value, row) -> shown``, chosen once per sheet rather than
    dispatched per cell (the exports' inner loop)."""

    def plain(value: Any, _row: Any) -> Any:
        return value

    def text(value: Any, _row: Any) -> Any:
        return neutralise(value) if isinstance(value, str) and value else value

    def money(value: Any, _row: Any) -> Any:
        return None if value is None else fen_to_wan(value)

    out: list[Any] = []
    for column in columns:
        if column.kind in ("text", "id"):
            out.append(text)
        elif column.kind == "money":
            out.append(money)
        elif column.kind in ("int", "year", "date"):
            out.append(plain)
        else:
            out.append(lambda value, row, c=column: cell_value(c, value, row, names))
    return out


def is_money_cell(column: Column, value: Any) -> bool:
    return column.kind in ("money", "target_value") and isinstance(value, Decimal)
