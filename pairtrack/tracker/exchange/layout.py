"""Where a sheet's records are and what its columns mean: header detection and the mapping.

``detect`` looks for the header row below merged titles and 填报单位 lines (the row whose
cells name the most fields of one kind of record), joins a second header row written under
merged cells (挂职时间 / 起 · 止 → 挂职时间起), reads the money unit from a ``单位：万元`` line,
and maps each column by the words of ``ledger_words`` (the template's and exports' own
headers always included). The result is a ``Mapping`` a person can correct in the window;
``signature`` names a layout so the correction is remembered for the next workbook with the
same headers.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from pairtrack.tracker.exchange.columns import SHEETS, columns_of, header_map
from pairtrack.tracker.exchange.ledger_words import (
    HEADERS,
    IGNORED,
    SHEET_HINTS,
    UNIT_LINE,
    normal_header,
    range_fields,
)
from pairtrack.tracker.exchange.workbook import RawSheet
from pairtrack.tracker.kinds import BY_TABLE, KINDS
from pairtrack.tracker.money import DEFAULT_UNIT

if TYPE_CHECKING:
    from pairtrack.tracker.services.base import EntityService

HEADER_SEARCH_ROWS = 30  # a header further down than this is not looked for
IGNORE = "-"  # a column known and read by nobody (序号, 来源单位)
_TEMPLATE_TITLES = {title: table for table, title, _attr in SHEETS}
_SUBHEADER_MAX = 12  # characters: 起, 止, 计划, 实际 … not data


@dataclass
class Mapping:
    """How one sheet is read: which kind of record, where its header is, each column's
    target (a field, a date range ``start_on~end_on``, ``IGNORE``, or None: not read), the unit
    of money columns whose header gives none, and values for fields the sheet lacks."""

    table: str | None
    header_row: int  # 0-based index of the (first) header row
    header_rows: int  # 1, or 2 when a second row is written under merged cells
    headers: list[str]  # per column, as written (two rows joined)
    targets: list[str | None]
    unit: str = DEFAULT_UNIT
    defaults: dict[str, str] = field(default_factory=dict)  # field → value as typed
    template: bool = False  # the program's own template or export: read exactly

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_rows

    def unmapped(self) -> list[str]:
        """The headers of columns that will not be read (for the report)."""
        return [h for h, t in zip(self.headers, self.targets, strict=True) if h and t is None]

    def fields(self) -> set[str]:
        out: set[str] = set()
        for target in self.targets:
            if target and target != IGNORE:
                out.update(range_fields(target) or (target,))
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        return cls(**json.loads(text))


def signature(headers: list[str]) -> str:
    """A layout's name: its normalised headers, hashed (the key a mapping is remembered by)."""
    text = "\x1f".join(normal_header(h) for h in headers)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


@cache
def _words(table: str) -> dict[str, str]:
    """Normalised header → target, for one kind: its own words, then the template's."""
    out: dict[str, str] = {}
    for target, words in HEADERS.get(table, {}).items():
        for word in words:
            out.setdefault(normal_header(word), target)
    for word in IGNORED:
        out.setdefault(normal_header(word), IGNORE)
    return out


@cache
def _exact(table: str) -> dict[str, str]:
    """The template's and exports' headers exactly as the program writes them (a service's
    columns come from its class: no database is needed to name them)."""
    service = cast("EntityService[Any]", BY_TABLE[table].service)
    out = {h: (IGNORE if c is None else c.name) for h, c in header_map(service).items()}
    for column in columns_of(service):
        out.setdefault(normal_header(column.header), column.name)
    return out


def target_of(table: str, header: str) -> str | None:
    if not header:
        return None
    exact = _exact(table)
    if header in exact:
        return exact[header]
    normal = normal_header(header)
    return exact.get(normal) or _words(table).get(normal)


def _text(value: Any) -> str:
    """A header cell as the report names it: a line break typed to narrow a column (拨付↵时间)
    is dropped, so that every message names the column on one line."""
    return re.sub(r"\s*[\r\n]+\s*", "", value.strip()) if isinstance(value, str) else ""


def _trimmed(headers: list[str]) -> list[str]:
    out = list(headers)
    while out and not out[-1]:
        out.pop()
    return out


def joined_headers(sheet: RawSheet, row: int) -> list[tuple[list[str], int]]:
    """The ways ``row`` can be a header: joined with a second header row below it (when the
    row below is one), then alone; each with its depth (2 or 1)."""
    single = _trimmed([_text(v) for v in sheet.rows[row]])
    if sum(1 for h in single if h) < 2:
        return []
    joined = _trimmed(_joined(sheet, row))
    return ([(joined, 2)] if joined else []) + [(single, 1)]


def _joined(sheet: RawSheet, row: int) -> list[str]:
    """The headers of ``row`` with the row below joined in where it is a second header row
    (起/止 under a merged 挂职时间); [] when row+1 is not one."""
    rows = sheet.rows
    if row + 1 >= len(rows):
        return []
    top, below = rows[row], rows[row + 1]
    cells = [(c, v) for c, v in enumerate(below) if v != "" and v is not None]
    if not cells or any(
        not isinstance(v, str) or len(v.strip()) > _SUBHEADER_MAX for _c, v in cells
    ):
        return []
    parents = _parents(sheet, row, len(below))
    if not any(
        _text(top[c]) == "" or parents[c] != _text(top[c]) or _spans(sheet, row, c)
        for c, _v in cells
    ):
        return []
    out = []
    for c in range(max(len(top), len(below))):
        parent = parents[c] if c < len(parents) else ""
        child = _text(below[c]) if c < len(below) else ""
        out.append(parent + child if child and parent != child else parent or child)
    return out


def _spans(sheet: RawSheet, row: int, column: int) -> bool:
    """Whether the header cell at (row, column) is merged across more than one column."""
    return any(r0 == row and c0 <= column <= c1 and c1 > c0 for (r0, c0), (_r1, c1) in sheet.merged)


def _parents(sheet: RawSheet, row: int, width: int) -> list[str]:
    """The header row's text per column, a merged cell's text repeated across its columns
    (and, without merge information, an empty cell taking the text on its left)."""
    top = sheet.rows[row]
    out = [_text(top[c]) if c < len(top) else "" for c in range(max(width, len(top)))]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= row <= r1:
            for c in range(c0, min(c1 + 1, len(out))):
                out[c] = _text(sheet.rows[r0][c0]) if c0 < len(sheet.rows[r0]) else ""
    if not sheet.merged:
        for c in range(1, len(out)):
            if not out[c]:
                out[c] = out[c - 1]
    return out


def _score(table: str, headers: list[str]) -> tuple[int, list[str | None]]:
    targets = [target_of(table, h) for h in headers]
    fields = {t for t in targets if t and t != IGNORE}
    return sum(2 if range_fields(t) else 1 for t in fields), targets


def unit_of(sheet: RawSheet, header_row: int) -> str:
    """The money unit a line above the header (or the title) gives: 单位：万元."""
    for row in sheet.rows[:header_row]:
        for value in row:
            if isinstance(value, str):
                found = UNIT_LINE.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)))
                if found:
                    return found[1]
    return DEFAULT_UNIT


def _hint(table: str, name: str) -> int:
    if _TEMPLATE_TITLES.get(name) == table:
        return 100
    words = (BY_TABLE[table].title, *SHEET_HINTS.get(table, ()))
    return 2 if any(word in name for word in words) else 0


def detect(sheet: RawSheet, table: str | None = None) -> Mapping:
    """The best reading of ``sheet``: the kind (or ``table`` when given), header rows and
    column targets. ``Mapping.table`` is None when no row names two fields of any kind."""
    tables = [table] if table else [k.table for k in KINDS]
    best: tuple[int, int, Mapping] | None = None
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        ways = joined_headers(sheet, row)
        for candidate in tables:
            for headers, depth in ways:
                score, targets = _score(candidate, headers)
                if score < 2:
                    continue
                rank = score * 10 + _hint(candidate, sheet.name) + (depth - 1)
                if best is None or rank > best[0]:
                    mapping = Mapping(candidate, row, depth, headers, targets)
                    best = (rank, score, mapping)
    if best is None:
        return Mapping(table, 0, 1, [], [])
    mapping = best[2]
    mapping.unit = unit_of(sheet, mapping.header_row)
    exact = _exact(mapping.table or "")
    mapping.template = _TEMPLATE_TITLES.get(sheet.name) == mapping.table and all(
        h in exact or not h for h in mapping.headers
    )
    return mapping


def remap(sheet: RawSheet, mapping: Mapping, table: str) -> Mapping:
    """``mapping`` read as another kind of record (the user chose it): same header rows,
    targets looked up again."""
    if mapping.headers:
        targets = _score(table, mapping.headers)[1]
        return Mapping(
            table,
            mapping.header_row,
            mapping.header_rows,
            mapping.headers,
            targets,
            mapping.unit,
            {},
            False,
        )
    return detect(sheet, table)


def at_row(sheet: RawSheet, row: int, table: str | None = None) -> Mapping:
    """``sheet`` read with its header at ``row`` (0-based; a person chose it): that row alone
    or joined with a second header row below it, whichever names more fields of ``table``;
    columns mapped by their words, the unit from a 单位 line above. Without ``table`` every
    column is left unmapped (the person has not said what the sheet holds)."""
    if not 0 <= row < len(sheet.rows):
        return Mapping(table, max(row, 0), 1, [], [], unit_of(sheet, max(row, 0)))
    ways = joined_headers(sheet, row) or [(_trimmed([_text(v) for v in sheet.rows[row]]), 1)]
    if table is None:
        headers, depth = ways[0]
        return Mapping(None, row, depth, headers, [None] * len(headers), unit_of(sheet, row))
    scored = [(_score(table, headers), depth, headers) for headers, depth in ways]
    (_points, targets), depth, headers = max(scored, key=lambda s: (s[0][0], s[1]))
    return Mapping(table, row, depth, headers, targets, unit_of(sheet, row))
