"""The PDF brief's tables (DESIGN §6): column widths from their content, the header on every
page, closing rows (合计, 注) never on a page without a data row, and long tables laid out
one page at a time.

Widths follow ``colwidths.column_widths`` (the Word copy's rule) measured with the fonts the
PDF embeds, so a date, an amount or a voucher number (2017-KB-000123456) is never broken
inside. A long table (the 附表) is handed to reportlab a window of rows at a time
(``PagedTable``): reportlab's ``Table`` measures and copies every remaining row at each page
break, which on an 800-page 附表 cost a third of its time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, TableStyle  # type: ignore[import-untyped]
from reportlab.platypus import Table as RLTable

from pairtrack.tracker.brief.blocks import Table
from pairtrack.tracker.brief.colwidths import PT_PER_MM, column_widths
from pairtrack.tracker.brief.fonts import advance
from pairtrack.tracker.brief.pdf_style import STYLES, WIDTH
from pairtrack.tracker.brief.typeset import TextBlock

PADDING = 3.0  # left and right padding of a cell, points
# Rows offered to reportlab for one page of a long table: a page of the 附表's 9 pt rows holds
# at most 37 (a taller page only takes more windows).
WINDOW = 45


class BriefTable(RLTable):
    """A table whose closing rows (合计, 注) never go to a page without a data row, and whose
    header rows repeat on every page."""

    def __init__(self, *args: Any, tail: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tail = tail  # closing rows that must keep a data row with them

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self._split(availWidth, availHeight)
        if len(parts) == 2:
            # reportlab makes the rest with this class but not its closing rows: a third page
            # would otherwise leave 合计 alone
            parts[1]._tail = self._tail
        return parts

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2 or not self._tail:
            return parts
        body_rows = len(parts[1]._cellvalues) - self.repeatRows
        if body_rows > self._tail:
            return parts
        # Move data rows down until the last page has one besides its closing rows.
        keep = len(parts[0]._cellvalues) - (self._tail + 1 - body_rows)
        if keep <= self.repeatRows:
            return []  # the whole table goes to the next page
        height = sum(self._rowHeights[:keep])
        return list(super().split(availWidth, height + 0.01))


@dataclass(frozen=True)
class _Cells:
    """A table's cells, made once and shared by the pages it is laid out on."""

    head: list[Flowable]
    body: list[list[Any]]  # the data rows, then the 合计 rows when ``total``
    note: Flowable | None
    widths: list[float]  # points
    marked: frozenset[int]  # data rows to stress
    total: bool
    # Rows come in groups of this many (a pairing's 目标, 实际, 完成率): the first cell spans
    # the group, and reportlab never splits a table inside a span. The last group is the
    # 合计 when ``total``.
    group: int = 1

    def rows(self, start: int, end: int) -> BriefTable:
        """The header and rows ``start``–``end`` (whole groups) as one reportlab table, with
        the 注 when the last row is in."""
        count, group = len(self.body), self.group
        total_from = count - group if self.total else count  # the 合计 rows
        noted = self.note is not None and end == count
        data: list[list[Any]] = [self.head, *self.body[start:end]]
        if noted:
            data.append([self.note] + [""] * (len(self.head) - 1))
        closing = (group if self.total and end == count else 0) + (1 if noted else 0)
        table = BriefTable(data, colWidths=self.widths, repeatRows=1, tail=closing)
        commands: list[Any] = [
            # Tables set their cell font even for flowable cells; Helvetica by default.
            ("FONTNAME", (0, 0), (-1, -1), "PairTrackFang"),
            ("GRID", (0, 0), (-1, -2 if noted else -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if noted:
            commands += [
                ("SPAN", (0, -1), (-1, -1)),
                ("LEFTPADDING", (0, -1), (-1, -1), 0),
                ("TOPPADDING", (0, -1), (-1, -1), 4),
            ]
        for i in sorted(self.marked):
            if start <= i < end:
                row = i - start + 1
                commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#fbe3e3")))
        if self.total and end > total_from:
            first, last = max(total_from, start) - start + 1, end - start
            commands.append(("BACKGROUND", (0, first), (-1, last), colors.HexColor("#f3f3f3")))
        for first in range(1, end - start + 1, group) if group > 1 else ():
            commands.append(("SPAN", (0, first), (0, min(first + group, end - start + 1) - 1)))
        table.setStyle(TableStyle(commands))
        return table


class PagedTable(Flowable):
    """Rows ``start``… of a long table, given to reportlab a page at a time: each page is laid
    out from a window of ``WINDOW`` rows, so a break costs a page of rows, not the rest of the
    table. Splits into the page's table and a ``PagedTable`` of the rows after it."""

    def __init__(self, cells: _Cells, start: int = 0) -> None:
        super().__init__()
        self.cells = cells
        self.start = start
        count, group = len(cells.body), cells.group
        # The window reaches the end once the rows left are few, so that the table's own
        # split keeps its closing rows with a data row; it holds whole groups.
        window = max(group, WINDOW - WINDOW % group)
        self.end = count if count - start <= window + 2 * group + 1 else start + window
        self._window: BriefTable | None = None

    @property
    def rows_left(self) -> int:
        """The rows still to lay out, 注 included: the work left, for progress."""
        return len(self.cells.body) - self.start + (1 if self.cells.note is not None else 0)

    def window(self) -> BriefTable:
        if self._window is None:
            self._window = self.cells.rows(self.start, self.end)
        return self._window

    @property
    def _more(self) -> bool:
        """Rows follow the window."""
        return self.end < len(self.cells.body)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.window().wrap(availWidth, availHeight)
        if self._more:  # never laid out whole: reportlab splits it, as it would the table
            self.height = max(self.height, availHeight + 1)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = self.window().split(availWidth, availHeight)
        if not self._more or not parts:
            return parts
        # the page holds part of the window, or all of it (a page taller than the window)
        laid = len(parts[0]._cellvalues) - parts[0].repeatRows if len(parts) == 2 else None
        end = self.end if laid is None else self.start + laid
        return [parts[0], PagedTable(self.cells, end)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.window().drawOn(canvas, x, y, _sW)


def table_flowable(block: Table, note: str = "") -> Flowable:
    """A table block as a flowable: widths from its content, long ones laid out by page."""
    size = "small" if block.small else "cell"
    style = STYLES[size]

    # A cell is set in the regular face or, in a 合计 or stressed row, the bold one (wider
    # digits): a character is measured in the wider of the two.
    roles = {style.role, STYLES[size + "_bold"].role}
    advances: dict[str, float] = {}  # a 附表 has 100,000 cells but few distinct characters

    def ems(text: str) -> float:
        total = 0.0
        for ch in text:
            em = advances.get(ch)
            if em is None:
                em = advances[ch] = max(advance(ch, role, 1.0) for role in roles)
            total += em
        return total

    widths = column_widths(
        block.headers,
        block.rows,
        WIDTH / PT_PER_MM,
        style.size,
        padding_mm=2 * PADDING / PT_PER_MM,
        measure=ems,
    )
    total_from = len(block.rows) - block.group if block.total else len(block.rows)

    def cell(value: str, column: int, bold: bool) -> Flowable:
        name = size + ("_right" if column in block.right else "")
        return TextBlock(value, STYLES[name + "_bold" if bold else name])

    cells = _Cells(
        head=[TextBlock(h, STYLES["head"]) for h in block.headers],
        body=[
            [cell(v, c, i in block.marked or i >= total_from) for c, v in enumerate(row)]
            for i, row in enumerate(block.rows)
        ],
        note=TextBlock(note or block.note, STYLES["note"]) if note or block.note else None,
        widths=[w * PT_PER_MM for w in widths],
        marked=frozenset(block.marked),
        total=block.total and bool(block.rows),
        group=block.group,
    )
    paged = PagedTable(cells)
    return paged if paged.end < len(block.rows) else cells.rows(0, len(block.rows))


def rows_of(flowable: Flowable) -> int:
    """How many of a table's rows (注 included) a laid-out flowable holds: a whole table, one
    page of it, or the rest of a long one; 0 for anything else."""
    if isinstance(flowable, PagedTable):
        return flowable.rows_left
    if isinstance(flowable, BriefTable):
        return len(flowable._cellvalues) - flowable.repeatRows
    return 0
