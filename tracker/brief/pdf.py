"""Lay out a brief as an A4 PDF with reportlab (DESIGN §6).

Official-document margins (GB/T 9704), the bundled TrueType CJK fonts embedded as subsets
(reportlab's CID fonts embed nothing and must not be used), a running header, and a footer
"第 X 页 共 Y 页" whose total is known only after the last page: pages are kept and their
footers drawn when the document is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from resources import resource
from tracker.brief.blocks import Block, Chart, Document, Heading, Para, Table
from tracker.brief.chart import drawing
from tracker.brief.data import BRIEF_CANCELLED, BriefData
from tracker.brief.sections import compose
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

SERIF, SANS, BOLD = "PairTrackSerif", "PairTrackSans", "PairTrackSansBold"
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
WIDTH = A4[0] - LEFT - RIGHT
RED = colors.HexColor("#b22222")


def register_fonts() -> None:
    if SERIF in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((SERIF, "PairTrackSerifSC-Regular.ttf"),
                       (SANS, "PairTrackSansSC-Regular.ttf"),
                       (BOLD, "PairTrackSansSC-Bold.ttf")):  # fmt: skip
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=BOLD, italic=SERIF, boldItalic=BOLD)


def _style(name: str, **kw: Any) -> ParagraphStyle:
    # wordWrap="CJK": Chinese may break between any two characters (and so may a very long
    # unbroken line a user typed), with the usual rules against a line starting with "，".
    base: dict[str, Any] = {"fontName": SERIF, "fontSize": 12, "leading": 21, "wordWrap": "CJK"}
    return ParagraphStyle(name, **{**base, **kw})


STYLES = {
    "title": _style("title", fontName=BOLD, fontSize=19, leading=28, alignment=TA_CENTER),
    "subtitle": _style("subtitle", fontName=SANS, fontSize=12, alignment=TA_CENTER),
    "issued": _style("issued", fontName=SERIF, fontSize=11, alignment=TA_CENTER, spaceAfter=10),
    "h1": _style("h1", fontName=BOLD, fontSize=14, leading=22, spaceBefore=10, spaceAfter=4),
    "h2": _style(
        "h2",
        fontName=SANS,
        fontSize=10.5,
        leading=16,
        alignment=TA_CENTER,
        spaceBefore=6,
        spaceAfter=3,
    ),
    "body": _style("body", firstLineIndent=24, spaceAfter=2),
    "cell": _style("cell", fontSize=9, leading=12),
    "cell_right": _style("cell_right", fontSize=9, leading=12, alignment=TA_RIGHT),
    "cell_small": _style("cell_small", fontSize=8, leading=10.5),
    "cell_right_small": _style("cell_right_small", fontSize=8, leading=10.5, alignment=TA_RIGHT),
    "head": _style("head", fontName=BOLD, fontSize=9, leading=12, alignment=TA_CENTER),
    "caption": _style("caption", fontName=SANS, fontSize=9, leading=14, alignment=TA_CENTER),
}


def text(value: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(value).replace("\r\n", "\n").replace("\n", "<br/>")


def _table(block: Table) -> RLTable:
    def cell(value: str, column: int, bold: bool) -> Paragraph:
        name = "cell_right" if column in block.right else "cell"
        style = STYLES[name + "_small" if block.small else name]
        markup = text(value)
        return Paragraph(f"<b>{markup}</b>" if bold else markup, style)

    last = len(block.rows) - 1
    data: list[list[Any]] = [[Paragraph(text(h), STYLES["head"]) for h in block.headers]]
    for i, row in enumerate(block.rows):
        bold = i in block.marked or (block.total and i == last)
        data.append([cell(v, c, bold) for c, v in enumerate(row)])
    table = RLTable(data, colWidths=[WIDTH * w for w in block.widths], repeatRows=1)
    commands: list[Any] = [
        # Tables set their cell font even for Paragraph cells; Helvetica by default.
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in block.marked:
        commands.append(("BACKGROUND", (0, i + 1), (-1, i + 1), colors.HexColor("#fbe3e3")))
    if block.total and block.rows:
        commands.append(("BACKGROUND", (0, last + 1), (-1, last + 1), colors.HexColor("#f3f3f3")))
    table.setStyle(TableStyle(commands))
    return table


def flowables(block: Block) -> list[Flowable]:
    if isinstance(block, Heading):
        if block.level == 1:
            # A heading never ends a page alone: it needs room for a few lines after it.
            return [CondPageBreak(50 * mm), Paragraph(text(block.text), STYLES["h1"])]
        return [CondPageBreak(30 * mm), Paragraph(text(block.text), STYLES["h2"])]
    if isinstance(block, Para):
        if not block.literal:
            return [Paragraph(text(block.text), STYLES["body"])]
        # Each line the user typed is a paragraph of its own, indented like the rest.
        lines = block.text.replace("\r\n", "\n").split("\n")
        return [
            Paragraph(text(line), STYLES["body"]) if line.strip() else Spacer(1, 10)
            for line in lines
        ]
    if isinstance(block, Table):
        return [_table(block), Spacer(1, 4)]
    if isinstance(block, Chart):
        parts: list[Flowable] = [drawing(block, WIDTH, 190, SANS)]
        if block.caption:
            parts.append(Paragraph(text(block.caption), STYLES["caption"]))
        return [KeepTogether(parts), Spacer(1, 4)]
    raise TypeError(block)


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
        self.setFont(SANS, 9)
        self.setFillColor(colors.HexColor("#444444"))
        self.drawCentredString(width / 2, height - TOP + 16, self.header)
        self.setStrokeColor(RED)
        self.setLineWidth(0.8)
        self.line(LEFT, height - TOP + 10, width - RIGHT, height - TOP + 10)
        self.setFillColor(colors.black)
        self.setFont(SERIF, 10.5)
        self.drawCentredString(width / 2, BOTTOM - 22, f"第 {self._pageNumber} 页 共 {total} 页")
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
        Paragraph(text(document.title).replace("（", "<br/>（", 1), STYLES["title"]),
        Paragraph(text(document.subtitle), STYLES["subtitle"]),
        Paragraph(text(document.issued), STYLES["issued"]),
    ]
    for block in document.blocks:
        story.extend(flowables(block))
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
        initialFontName=SERIF,
        initialFontSize=12,
    )
    frame = Frame(LEFT, BOTTOM, WIDTH, A4[1] - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = type("BriefCanvas", (_NumberedCanvas,), {"header": document.header})
    doc.build(story, canvasmaker=canvas_class)
    progress(total, total)
    return doc.page
