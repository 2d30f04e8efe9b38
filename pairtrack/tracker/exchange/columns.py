"""The columns of exported sheets and csv files, shared by the exports and the ledger import.

One sheet per record type. An export's columns are the service's fields, headed by their
Chinese labels, then 来源单位, then the internal ``id`` last (DESIGN §7); the template starts
with the ``id`` column (left blank for new records) and has no 来源单位. Money headers
say "（万元）" because the cells hold 万元. 来源单位 is written for people to read and ignored
when a workbook is imported: a row's origin is never taken from a cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import COMMON_FIELDS, ORIGIN_FIELD, Field
from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.money import fen_to_wan
from pairtrack.tracker.offices import office_names, origin_label

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

# (table, sheet title, attribute of ``Ledger``), in the order references need them.
SHEETS = tuple((k.table, k.sheet, k.attr) for k in KINDS)
# What an export holds (DESIGN §5): everything; only the rows this office created
# (``--own``); or only the reference data (``--reference``: the kinds marked ``reference``).
EXPORT_SCOPES = ("all", "own", "reference")


@dataclass(frozen=True)
class Selection:
    """The sheets an xlsx or csv export writes, and the origin its rows must have."""

    sheets: tuple[tuple[str, str, str], ...]
    origin: str | None  # None: rows of every office

    @classmethod
    def of(cls, ledger: Ledger, scope: str) -> Selection:
        if scope not in EXPORT_SCOPES:
            raise ValidationError("scope", f"未知的导出范围「{scope}」")
        sheets = tuple(s for s, k in zip(SHEETS, KINDS, strict=True) if k.reference)
        if scope == "reference":
            return cls(sheets, None)
        if scope == "own":
            code = ledger.office_code
            if not code:
                raise ValidationError(
                    "office_code",
                    "本单位尚未设置单位代码，无法区分本单位的记录"
                    "（请先运行 pairtrack settings --office-code 代码）",
                )
            return cls(SHEETS, code)
        return cls(SHEETS, None)


SUMMARY_SHEET = "汇总"
INSTRUCTIONS_SHEET = "说明"
LISTS_SHEET = "lists"
ID_HEADER = "id"
ORIGIN_HEADER = ORIGIN_FIELD.label  # 来源单位
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
    kind: str  # id | text | int | year | money | date | choice | region | pairing | agreement | target_value | origin
    field: Field | None
    width: int
    unit: str | None = (
        None  # money read from a sheet: the unit of a bare number (else the header's)
    )
    end: str | None = None  # a column holding a date range: the field its end goes to


def _kind(f: Field) -> str:
    if f.kind == "ref":
        return {"region": "region", "pairing": "pairing", "agreement": "agreement"}[
            f.ref_table or ""
        ]
    if f.name == "value":
        return "target_value"
    return f.kind


_WIDTHS = {"id": 38, "date": 12, "money": 16, "int": 10, "year": 10, "choice": 14, "origin": 24}


def columns_of(service: EntityService[Any]) -> list[Column]:
    """The template's columns: ``id`` (blank for a new record), then the fields."""
    out = [Column("id", ID_HEADER, "id", None, _WIDTHS["id"])]
    for f in (*service.fields, *COMMON_FIELDS):
        kind = _kind(f)
        header = f.label + ("（万元）" if kind == "money" else "")
        if kind == "target_value":
            header = TARGET_VALUE_HEADER
        width = _WIDTHS.get(kind, 24 if kind == "pairing" else min(40, max(12, f.max_length // 8)))
        out.append(Column(f.name, header, kind, f, width))
    return out


def export_columns(service: EntityService[Any]) -> list[Column]:
    """An export's columns (DESIGN §7): the fields, 来源单位, and the internal ``id`` last."""
    id_column, *fields = columns_of(service)
    origin = Column("origin", ORIGIN_HEADER, "origin", ORIGIN_FIELD, _WIDTHS["origin"])
    return [*fields, origin, id_column]


def header_map(service: EntityService[Any]) -> dict[str, Column | None]:
    """Header → column, for reading a workbook: every header an export or the template
    writes; 来源单位 maps to None (shown, never imported)."""
    return {c.header: (None if c.kind == "origin" else c) for c in export_columns(service)}


class Names:
    """Id → display name for references: regions by name, pairings "帮扶方→受援方", agreements by title."""

    def __init__(self, ledger: Ledger) -> None:
        self.regions = ledger.regions.names()
        self.pairings = ledger.pairings.labels()
        self.agreements = {i: t for i, (t, _p) in ledger.agreements.titles().items()}
        with ledger.read() as session:
            self.offices = office_names(session)


def cell_value(column: Column, value: Any, row: Any, names: Names) -> Any:
    """The plain value a sheet or csv shows for a stored value (``row`` gives context)."""
    if value is None and column.kind != "origin":
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
    if kind == "origin":
        return neutralise(origin_label(value, names.offices))
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
