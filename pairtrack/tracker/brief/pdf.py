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

from pairtrack.tracker.brief.blocks import (
    Block,
    Chart,
    Distribution,
    Document,
    Heading,
    Para,
    Table,
)
from pairtrack.tracker.brief.chart import drawing
from pairtrack.tracker.brief.data import BRIEF_CANCELLED, BriefData
from pairtrack.tracker.brief.fonts import register_fonts
from pairtrack.tracker.brief.pdf_style import (
    BODY,
    BOTTOM,
    LEADING,
    LEFT,
    RED,
    RIGHT,
    STYLES,
    TOP,
    WIDTH,
)
from pairtrack.tracker.brief.pdf_tables import rows_of, table_flowable
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.brief.typeset import TextBlock, draw_centred
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

__all__ = ["STYLES", "register_fonts", "render_document", "render_pdf"]

SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")


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
        return [table_flowable(block, note), Spacer(1, 6)]
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


def work_of(flowable: Flowable) -> int:
    """The layout work a flowable stands for: its rows for a table (or a page of one), its
    content's for a block kept together, 1 for anything else."""
    if isinstance(flowable, KeepTogether):
        return sum(work_of(f) for f in flowable._content)
    return rows_of(flowable) or 1


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
    return _headings_kept_with_next(story)


def _headings_kept_with_next(story: list[Flowable]) -> list[Flowable]:
    """A heading's room check must not stand between it and what follows: reportlab keeps a
    ``keepWithNext`` flowable with the next one only, so 「二、…」 followed by the room check of
    「表1 …」 ended page 2 alone while the table moved on. The second check is folded into the
    first, which then asks for room for both."""
    out: list[Flowable] = []
    for flowable in story:
        if (
            isinstance(flowable, CondPageBreak)
            and len(out) >= 2
            and getattr(out[-1], "keepWithNext", False)
            and isinstance(out[-2], CondPageBreak)
        ):
            out[-2].height = max(out[-2].height, flowable.height + 2 * LEADING)
            continue
        out.append(flowable)
    return out


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
    # Progress counts the work of laying out: a table's rows (a 附表 of 20,000 rows is most of
    # an 800-page brief), one for any other flowable. It never reads 100 % before the file
    # is written.
    total = sum(work_of(f) for f in story)
    step = max(1, total // 200)
    target = str(path_or_file) if isinstance(path_or_file, Path) else path_or_file

    class Template(BaseDocTemplate):
        done = shown = 0

        def afterFlowable(self, flowable: Flowable) -> None:
            # Called for each part laid on a page (each page of a table), so it is also the
            # place to notice a cancel while reportlab lays out a long 附表.
            check_cancelled(cancelled, BRIEF_CANCELLED)
            self.done += work_of(flowable)
            if self.done - self.shown >= step:
                self.shown = self.done
                progress(min(self.done, total - 1), total)

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
