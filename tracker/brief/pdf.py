"""Lay out a brief as an A4 PDF with reportlab (DESIGN §6).

Official-document margins (GB/T 9704), the bundled TrueType CJK fonts embedded as subsets
(reportlab's CID fonts embed nothing and must not be used), a running header, and a footer
"第 X 页 共 Y 页" whose total is known only after the last page: pages are kept and their
footers drawn when the document is saved.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from tracker.brief.blocks import Block, Chart, Distribution, Document, Heading, Para, Table
from tracker.brief.chart import drawing
from tracker.brief.data import BRIEF_CANCELLED, BriefData
from tracker.brief.fonts import register_fonts
from tracker.brief.sections import compose
from tracker.brief.typeset import TextBlock, TextStyle, draw_centred
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

__all__ = ["STYLES", "register_fonts", "render_document", "render_pdf"]

TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
WIDTH = A4[0] - LEFT - RIGHT
RED = colors.HexColor("#b22222")
GREY = colors.HexColor("#444444")
# GB/T 9704: body 3号 (16 pt) 仿宋, 22 lines of 28 characters on the type area.
BODY, LEADING = 16.0, (A4[1] - TOP - BOTTOM) / 22

STYLES = {
    # 2号 小标宋 title, the period under it in 3号 楷体.
    "title": TextStyle("title", 22, 34, align="center", space_after=6),
    "subtitle": TextStyle("kai", BODY, LEADING, align="center"),
    "issued": TextStyle("fang", 14, 24, align="center", space_after=12),
    "h1": TextStyle("hei", BODY, LEADING, keep_with_next=True, space_before=4),
    "h2": TextStyle("kai", BODY, LEADING, indent=2 * BODY, keep_with_next=True),
    "caption": TextStyle(
        "hei", 12, 20, align="center", keep_with_next=True, space_before=6, space_after=3
    ),
    "body": TextStyle("fang", BODY, LEADING, indent=2 * BODY),
    "cell": TextStyle("fang", 10.5, 14, align="left"),
    "cell_right": TextStyle("fang", 10.5, 14, align="right"),
    "cell_bold": TextStyle("hei", 10.5, 14, align="left"),
    "cell_right_bold": TextStyle("hei", 10.5, 14, align="right"),
    "head": TextStyle("hei", 10.5, 14, align="center"),
    "small": TextStyle("fang", 9, 12, align="left"),
    "small_right": TextStyle("fang", 9, 12, align="right"),
    "small_bold": TextStyle("hei", 9, 12, align="left"),
    "small_right_bold": TextStyle("hei", 9, 12, align="right"),
    "note": TextStyle("fang", 10.5, 15),
    "chart_caption": TextStyle("hei", 10.5, 16, align="center"),
    "distribution": TextStyle("fang", 14, 22),  # 版记: 4号 仿宋
}
SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")


class BriefTable(RLTable):
    """A table whose closing rows (合计, 注) never go to a page without a data row, and whose
    header rows repeat on every page."""

    def __init__(self, *args: Any, tail: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tail = tail  # closing rows that must keep a data row with them

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = self._carry(super().split(availWidth, availHeight))
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
        return self._carry(super().split(availWidth, height + 0.01))

    def _carry(self, parts: list[Flowable]) -> list[Flowable]:
        """reportlab makes the rest of a split table without ``tail``: the closing rows are
        still at its end, so a table over three pages or more keeps them with a row too."""
        if len(parts) == 2:
            parts[1]._tail = self._tail
        return parts


def _table(block: Table, note: str = "") -> RLTable:
    def cell(value: str, column: int, bold: bool) -> Flowable:
        name = ("small" if block.small else "cell") + ("_right" if column in block.right else "")
        return TextBlock(value, STYLES[name + "_bold" if bold else name])

    last, group = len(block.rows) - 1, block.group
    total_from = len(block.rows) - group if block.total else len(block.rows)  # the 合计 rows
    data: list[list[Any]] = [[TextBlock(h, STYLES["head"]) for h in block.headers]]
    for i, row in enumerate(block.rows):
        bold = i in block.marked or i >= total_from
        data.append([cell(v, c, bold) for c, v in enumerate(row)])
    note = note or block.note
    if note:
        data.append([TextBlock(note, STYLES["note"])] + [""] * (len(block.headers) - 1))
    grid_end = -2 if note else -1
    tail = (group if block.total and block.rows else 0) + (1 if note else 0)
    table = BriefTable(data, colWidths=[WIDTH * w for w in block.widths], repeatRows=1, tail=tail)
    commands: list[Any] = [
        # Tables set their cell font even for flowable cells; Helvetica by default.
        ("FONTNAME", (0, 0), (-1, -1), "PairTrackFang"),
        ("GRID", (0, 0), (-1, grid_end), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if note:
        commands += [
            ("SPAN", (0, -1), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 4),
        ]
    for i in block.marked:
        commands.append(("BACKGROUND", (0, i + 1), (-1, i + 1), colors.HexColor("#fbe3e3")))
    if block.total and block.rows:
        commands.append(
            ("BACKGROUND", (0, total_from + 1), (-1, last + 1), colors.HexColor("#f3f3f3"))
        )
    # A group's first cell spans its rows; reportlab never splits a table inside a span.
    for first in range(1, len(block.rows) + 1, group) if group > 1 else ():
        commands.append(("SPAN", (0, first), (0, min(first + group, len(block.rows) + 1) - 1)))
    table.setStyle(TableStyle(commands))
    return table


def is_note(block: Block) -> bool:
    """A paragraph "注：…" right after a table is that table's note and stays with it."""
    return isinstance(block, Para) and not block.literal and block.text.startswith("注：")


def flowables(block: Block, note: str = "") -> list[Flowable]:
    if isinstance(block, Heading):
        if block.level == 1:
            # A heading never ends a page alone: it needs room for a few lines after it.
            return [CondPageBreak(4 * LEADING), TextBlock(block.text, STYLES["h1"])]
        if block.level == 3 or SUB_HEADING.match(block.text):
            return [CondPageBreak(3 * LEADING), TextBlock(block.text, STYLES["h2"])]
        return [CondPageBreak(30 * mm), TextBlock(block.text, STYLES["caption"])]
    if isinstance(block, Para):
        if not block.literal:
            return [TextBlock(block.text, STYLES["body"])]
        # Each line the user typed is a paragraph of its own, indented like the rest.
        lines = block.text.replace("\r\n", "\n").split("\n")
        return [
            TextBlock(line, STYLES["body"]) if line.strip() else Spacer(1, LEADING / 2)
            for line in lines
        ]
    if isinstance(block, Table):
        return [_table(block, note), Spacer(1, 6)]
    if isinstance(block, Chart):
        parts: list[Flowable] = [drawing(block, WIDTH, 200, "PairTrackSans")]
        if block.caption:
            parts.append(TextBlock(block.caption, STYLES["chart_caption"]))
        return [KeepTogether(parts), Spacer(1, 6)]
    if isinstance(block, Distribution):
        # 版记: the lines between a rule above and a rule below, kept on one page.
        rows = [[TextBlock(line, STYLES["distribution"])] for line in block.lines]
        table = RLTable(rows, colWidths=[WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                    ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black),
                    ("LEFTPADDING", (0, 0), (-1, -1), BODY / 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [Spacer(1, LEADING), KeepTogether([table])]
    raise TypeError(block)


def story_of(blocks: list[Block]) -> list[Flowable]:
    story: list[Flowable] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Table) and i + 1 < len(blocks) and is_note(blocks[i + 1]):
            note = blocks[i + 1]
            assert isinstance(note, Para)
            story.extend(flowables(block, note.text))
            i += 2
            continue
        story.extend(flowables(block))
        i += 1
    return story


class _NumberedCanvas(Canvas):
    """Keeps each page until ``save`` so the footer can say how many pages there are."""

    header = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = A4
        self.saveState()
        draw_centred(self, width / 2, height - TOP + 16, self.header, "fang", 10.5)
        self.setStrokeColor(RED)
        self.setLineWidth(0.8)
        self.line(LEFT, height - TOP + 10, width - RIGHT, height - TOP + 10)
        self.setFillColor(colors.black)
        draw_centred(
            self, width / 2, BOTTOM - 24, f"第 {self._pageNumber} 页 共 {total} 页", "serif", 12
        )
        self.restoreState()


def render_pdf(
    data: BriefData,
    path_or_file: str | Path | IO[bytes],
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> int:
    """Write the brief; returns the number of pages. Raises ``JobCancelled`` if asked to."""
    register_fonts()
    document = compose(data)
    return render_document(document, path_or_file, progress, cancelled)


def render_document(
    document: Document,
    path_or_file: str | Path | IO[bytes],
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> int:
    register_fonts()
    story: list[Flowable] = [
        # The period goes on a line of its own rather than wherever the title happens to wrap.
        TextBlock(document.title.replace("（", "\n（", 1), STYLES["title"]),
        *([TextBlock(document.issue, STYLES["subtitle"])] if document.issue else []),
        TextBlock(document.subtitle, STYLES["subtitle"]),
        TextBlock(document.issued, STYLES["issued"]),
        *story_of(document.blocks),
    ]
    total = len(story)
    target = str(path_or_file) if isinstance(path_or_file, Path) else path_or_file

    class Template(BaseDocTemplate):
        laid = 0

        def afterFlowable(self, flowable: Flowable) -> None:
            # The one place to notice a cancel while reportlab lays out a long 附表.
            self.laid += 1
            check_cancelled(cancelled, BRIEF_CANCELLED)
            if self.laid % 20 == 0:
                progress(min(self.laid, total), total)

    doc = Template(
        target,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=document.title,
        author=document.author,
        subject=document.subject,
        creator="PairTrack",
        initialFontName="PairTrackFang",
        initialFontSize=BODY,
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        WIDTH,
        A4[1] - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = type("BriefCanvas", (_NumberedCanvas,), {"header": document.header})
    doc.build(story, canvasmaker=canvas_class)
    progress(total, total)
    return doc.page
