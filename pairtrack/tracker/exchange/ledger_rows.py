"""A sheet's rows sorted into records and the rest, and a record's cells into field values.

Under the header a ledger has more than records: 序号-only rows, 合计 / 小计 rows, blank rows,
a 填表人 footer, and section rows (「一、财政帮扶资金」) whose words apply to the rows below them
(``ledger_words.section_values``). Each row that is not a record is named in the report with
the reason it was skipped; each record keeps its spreadsheet row number and what its section
(or the mapping's defaults) implies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange import cells
from pairtrack.tracker.exchange.columns import Column, columns_of
from pairtrack.tracker.exchange.layout import IGNORE, Mapping
from pairtrack.tracker.exchange.ledger_words import (
    FOOTER_ROW,
    SECTION_ROW,
    TOTAL_ROW,
    hinted,
    normal_header,
    range_fields,
    section_values,
)
from pairtrack.tracker.exchange.report import RowProblem
from pairtrack.tracker.exchange.workbook import RawSheet
from pairtrack.tracker.ledger_dates import loose_range
from pairtrack.tracker.money import unit_in_header

if TYPE_CHECKING:
    from pairtrack.tracker.services.base import EntityService


@dataclass
class Record:
    number: int  # the spreadsheet's row number (1-based)
    values: tuple[Any, ...]  # the cells under the headers
    implied: dict[str, Any]  # field → value its section row or the mapping's defaults give


@dataclass
class LedgerSheet:
    table: str
    title: str
    service: EntityService[Any]
    mapping: Mapping
    columns: list[Column | None]  # per header position
    records: list[Record] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # (row number, column index)

    @property
    def headers(self) -> list[str]:
        return self.mapping.headers


def sheet_columns(service: EntityService[Any], mapping: Mapping) -> list[Column | None]:
    """The column each header position is read as: a field (money with its unit), a date
    range into two fields, or None."""
    by_name = {c.name: c for c in columns_of(service)}
    out: list[Column | None] = []
    for header, target in zip(mapping.headers, mapping.targets, strict=True):
        span = range_fields(target) if target else None
        base = by_name.get(span[0] if span else target or "")
        if base is None or target == IGNORE:
            out.append(None)
        elif span:
            out.append(replace(base, header=header, kind="range", end=span[1]))
        elif base.kind in ("money", "target_value"):
            out.append(replace(base, header=header, unit=unit_in_header(header, mapping.unit)))
        else:
            out.append(replace(base, header=header))
    return out


def sort_rows(
    raw: RawSheet, service: EntityService[Any], mapping: Mapping, skipped: list[RowProblem]
) -> LedgerSheet:
    """The sheet's records under ``mapping``; every other row goes to ``skipped`` with why."""
    assert mapping.table is not None
    columns = sheet_columns(service, mapping)
    sheet = LedgerSheet(mapping.table, raw.name, service, mapping, columns)
    width = len(mapping.headers)
    header_words = [normal_header(h) for h in mapping.headers]
    section: dict[str, Any] = {}
    for index in range(mapping.first_data_row, len(raw.rows)):
        number = index + 1
        values = tuple(_cell(v) for v in raw.rows[index][:width])
        filled = [(c, v) for c, v in enumerate(values) if v is not None]

        def skip(reason: str, number: int = number) -> None:
            skipped.append(RowProblem(raw.name, number, "", reason))

        if not filled:
            skip("空行")
            continue
        texts = [v.strip() for _c, v in filled if isinstance(v, str)]
        first = texts[0].replace(" ", "") if texts else ""
        if texts and any(TOTAL_ROW.match(t.replace(" ", "")) for t in texts[:2]):
            skip(f"合计行（{texts[0]}），不是记录")
        elif FOOTER_ROW.match(first):
            skip(f"表尾（{texts[0][:20]}），不是记录")
        elif (
            normal_header(values[0]) == header_words[0]
            and [normal_header(v) for v in values] == header_words
        ):
            skip("重复的表头")
        elif _is_section(raw, index, filled, columns):
            title = next(t for t in texts if t)
            section = section_values(mapping.table, title)
            said = "、".join(
                f"{service.field(f).label}「{service.field(f).choices.get(code, code)}」"  # type: ignore[union-attr]
                for f, code in section.items()
            )
            skip(f"分组行「{title}」" + (f"：其下各行的{said}" if said else "，不是记录"))
        elif all(mapping.targets[c] in (IGNORE, None) for c, _v in filled):
            skip("只有序号或未导入的列，没有内容")
        else:
            implied = {**mapping.defaults, **section}
            sheet.records.append(Record(number, values, implied))
    sheet.uncached = {(r + 1, c) for r, c in raw.uncached}
    return sheet


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _is_section(
    raw: RawSheet, index: int, filled: list[tuple[int, Any]], columns: list[Column | None]
) -> bool:
    """A row naming a group of the rows below: 「一、选派挂职干部」 (numbered, at most two cells
    filled), or a lone text in the first columns or across merged cells."""
    texts = [(c, v) for c, v in filled if isinstance(v, str)]
    if not texts or len(filled) > 2 or sum(1 for c in columns if c is not None) < 3:
        return False
    if any(SECTION_ROW.match(v.strip()) for _c, v in texts):
        return True
    if len(filled) != 1:
        return False
    column = filled[0][0]
    merged = any(r0 == index and c1 > c0 and c0 == column for (r0, c0), (_r1, c1) in raw.merged)
    return merged or column <= 1


class Notes:
    """What a row's reading noticed without refusing it (a date written to the month)."""

    def __init__(self) -> None:
        self.month_only: list[str] = []  # headers


def row_values(
    session: Session, sheet: LedgerSheet, record: Record, notes: Notes
) -> tuple[str | None, dict[str, Any]]:
    """The record's id (None for a new record) and the values for its service."""
    resolver = cells.Resolver.of(session)
    raw: dict[str, Any] = {}
    by_name: dict[str, Column] = {}
    for position, (column, value) in enumerate(zip(sheet.columns, record.values, strict=False)):
        if column is None:
            continue
        if (record.number, position) in sheet.uncached:
            raise ValidationError(
                column.name,
                "是公式，但文件中没有保存计算结果（请在 Excel 或 WPS 中打开、保存后再导入）",
            )
        if column.kind == "range":
            _range(column, value, raw, by_name, notes)
            continue
        raw[column.name] = cells.cell_to_value(column, value, notes.month_only)
        by_name[column.name] = column
    for name, value in record.implied.items():
        if raw.get(name) is None:
            raw[name] = value
    row_id = raw.pop("id", None)
    _choices(sheet, raw)
    _implied(sheet.table, raw)
    data: dict[str, Any] = {}
    for name, value in raw.items():
        column = by_name.get(name) or _template_column(sheet, name)
        if value is not None and column.kind == "region":
            value = resolver.region(value, column)
        elif value is not None and column.kind == "pairing":
            value = resolver.pairing(value, column)
        data[name] = value
    for name, value in list(data.items()):
        column = by_name.get(name) or _template_column(sheet, name)
        if column.kind == "agreement" and value is not None:
            data[name] = resolver.agreement(value, data.get("pairing_id"), column)
        if column.kind == "target_value" and value is not None:
            data[name] = cells.target_value(value, data.get("indicator"), column)
    return (None if row_id is None else str(row_id)), data


def _range(
    column: Column, value: Any, raw: dict[str, Any], by_name: dict[str, Column], notes: Notes
) -> None:
    assert column.end is not None
    if value is None:
        return
    if isinstance(value, str):
        value = value.strip()
    start, end = loose_range(value, column.name)
    raw[column.name], by_name[column.name] = start.day, column
    if start.month_only or (end is not None and end.month_only):
        notes.month_only.append(column.header)
    if end is not None and raw.get(column.end) is None:
        raw[column.end] = end.day


def _choices(sheet: LedgerSheet, raw: dict[str, Any]) -> None:
    """A choice written in the office's words (财政资金 for 财政援助资金) → its code, when the
    words point to exactly one."""
    fields = {f.name: f for f in sheet.service.fields}
    for name, value in raw.items():
        f = fields.get(name)
        if not isinstance(value, str) or f is None or f.kind != "choice" or f.choices is None:
            continue
        if value in f.choices or value in f.choices.values():
            continue
        code = hinted(sheet.table, name, value)
        if code is not None:
            raw[name] = code


def _implied(table: str, raw: dict[str, Any]) -> None:
    """What a ledger leaves unsaid because it is plain: a funds ledger without a 资金年度
    column means the year of the allocation; a training ledger that counts only the people
    trained (培训人数) had them all enrolled."""
    if table == "fund_transfer" and raw.get("budget_year") is None:
        allocated = raw.get("allocated_on")
        if allocated is not None and hasattr(allocated, "year"):
            raw["budget_year"] = allocated.year
    if table == "training" and "enrolled" not in raw and raw.get("completed") is not None:
        raw["enrolled"] = raw["completed"]


def _template_column(sheet: LedgerSheet, name: str) -> Column:
    """The column a field has in the template (for values the sheet implies)."""
    by_name = _TEMPLATE_COLUMNS.get(type(sheet.service))
    if by_name is None:  # made once per kind: every row of every sheet asks
        by_name = {c.name: c for c in columns_of(sheet.service)}
        _TEMPLATE_COLUMNS[type(sheet.service)] = by_name
    if name in by_name:
        return by_name[name]
    return next(c for c in columns_of(sheet.service) if c.name == name)


_TEMPLATE_COLUMNS: dict[type, dict[str, Column]] = {}
