"""The same brief as an editable .docx (python-docx), for offices that edit before printing.

Laid out from the same ``Document`` blocks as the PDF, with Word's own means: heading styles
(Title, Heading 1 for 一、, Heading 2 for （一）, Caption for table titles) in the fonts of
``docx_style``; tables with column widths set from their content, rows that do not split
across pages, the header row repeated, and the row before a 合计 (and a table's last row
before its 注) kept with the next; the chart as a PNG with a white margin; "第 X 页 共 Y 页"
from PAGE and NUMPAGES fields. Table rows are written as XML directly: python-docx's
``add_row().cells`` walks the whole table on every row, quadratic on a long 附表.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from pairtrack.tracker.brief.blocks import Chart, Distribution, Document, Heading, Para, Table
from pairtrack.tracker.brief.chart import png
from pairtrack.tracker.brief.colwidths import column_widths
from pairtrack.tracker.brief.data import BRIEF_CANCELLED, BriefData
from pairtrack.tracker.brief.docx_style import (
    SMALL_PT,
    TABLE_PT,
    TEXT_WIDTH_MM,
    set_page,
    set_styles,
)
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN_MM = 1.5  # left and right padding of a table cell
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")  # （一）: a second-level heading
CHART_HEIGHT_PT = 190
CHART_MARGIN_PT = 8  # white space around the chart, so no label or legend touches the edge
PROGRESS_ROWS = 500  # table rows between two progress reports


def render_docx(
    data: BriefData,
    path: str | Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> None:
    write_document(compose(data), path, progress, cancelled)


def write_document(
    doc: Document,
    path: str | Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> None:
    """Write ``doc``; ``progress`` counts table rows and blocks. Raises ``JobCancelled``."""
    out = new_docx()
    set_styles(out)
    section = out.sections[0]
    set_page(section)
    props = out.core_properties
    props.title, props.author, props.subject = doc.title, doc.author, doc.subject
    _header_footer(section, doc.header)

    # The period goes on a line of its own, as in the PDF.
    title = out.add_paragraph(style="Title")
    head, sep, tail = doc.title.partition("（")
    title.add_run(head)
    if sep:
        title.add_run().add_break()
        title.add_run(sep + tail)
    if doc.issue:
        out.add_paragraph(doc.issue, style="Subtitle")
    out.add_paragraph(doc.subtitle, style="Subtitle")
    out.add_paragraph(doc.issued, style="Issued")

    total = sum(len(b.rows) if isinstance(b, Table) else 1 for b in doc.blocks)
    done = 0
    for index, block in enumerate(doc.blocks):
        check_cancelled(cancelled, BRIEF_CANCELLED)
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        if isinstance(block, Heading):
            out.add_paragraph(block.text, style=heading_style(block))
        elif isinstance(block, Para):
            _para(out, block)
        elif isinstance(block, Table):
            noted = isinstance(following, Para) and following.text.startswith("注")
            _table(out, block, noted, partial(_offset, progress, done, total), cancelled)
        elif isinstance(block, Chart):
            _chart(out, block)
        elif isinstance(block, Distribution):
            _distribution(out, block)
        done += len(block.rows) if isinstance(block, Table) else 1
        progress(done, total)
    out.save(str(path))


def _offset(progress: Progress, before: int, total: int, rows: int) -> None:
    progress(before + rows, total)


def heading_style(block: Heading) -> str:
    if block.level == 1:
        return "Heading 1"
    return "Heading 2" if SUBHEADING.match(block.text) else "Caption"


def _para(out: Any, block: Para) -> None:
    if not block.literal:
        out.add_paragraph(block.text)
        return
    # Each line a user typed is a paragraph of its own, indented like the rest; typed
    # text stays literal (python-docx writes it as text, never as markup).
    for line in block.text.replace("\r\n", "\n").split("\n"):
        out.add_paragraph(line)


def _distribution(out: Any, block: Distribution) -> None:
    """版记: the lines without indent, a rule above the first and below the last, kept
    together on one page."""
    last = len(block.lines) - 1
    for i, line in enumerate(block.lines):
        paragraph = out.add_paragraph(line)
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.paragraph_format.keep_with_next = i < last
        borders = OxmlElement("w:pBdr")
        for side in ("top",) * (i == 0) + ("bottom",) * (i == last):
            rule = OxmlElement(f"w:{side}")
            for name, value in (
                ("val", "single"),
                ("sz", "8"),
                ("space", "1"),
                ("color", "000000"),
            ):
                rule.set(qn(f"w:{name}"), value)
            borders.append(rule)
        paragraph._p.get_or_add_pPr().append(borders)


def _chart(out: Any, block: Chart) -> None:
    from PIL import Image

    # Drawn narrower than the text width and set on a white margin: nothing the chart draws
    # at its edges (the legend at the top right, the axis labels) is cut off.
    width_pt = TEXT_WIDTH_MM / 25.4 * 72
    inner = width_pt - 2 * CHART_MARGIN_PT
    drawn = Image.open(io.BytesIO(png(block, inner, CHART_HEIGHT_PT)))
    scale = drawn.width / inner
    margin = round(CHART_MARGIN_PT * scale)
    framed = Image.new("RGB", (drawn.width + 2 * margin, drawn.height + 2 * margin), "white")
    framed.paste(drawn, (margin, margin))
    buffer = io.BytesIO()
    framed.save(buffer, format="PNG", optimize=True)
    picture = out.add_paragraph(style="Figure")
    picture.add_run().add_picture(io.BytesIO(buffer.getvalue()), width=Mm(TEXT_WIDTH_MM))
    if block.caption:
        out.add_paragraph(block.caption, style="Caption")
    else:
        picture.paragraph_format.keep_with_next = False


def _header_footer(section: Any, header_text: str) -> None:
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run(header_text)
    # The red rule under the running header, as in the PDF.
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "B22222")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    header._p.get_or_add_pPr().append(borders)
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    footer.add_run("第 ")
    _field(footer, "PAGE", "1")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES", "1")
    footer.add_run(" 页")


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, its last result, end, so
    Word counts pages as it lays them out and other readers show the placeholder."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} \\* MERGEFORMAT "
        elif kind == "result":
            element = OxmlElement("w:t")
            element.text = shown
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


# --- tables ------------------------------------------------------------------------------


def _table(
    out: Any, block: Table, noted: bool, progress: Callable[[int], None], cancelled: Cancelled
) -> None:
    size = SMALL_PT if block.small else TABLE_PT
    widths = column_widths(
        block.headers, block.rows, TEXT_WIDTH_MM, size, padding_mm=2 * CELL_MARGIN_MM
    )
    table = out.add_table(rows=0, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = table._tbl
    margin = round(CELL_MARGIN_MM * TWIPS_PER_MM)
    table.autofit = False  # w:tblLayout fixed: the widths set here, not Word's autofit
    look = tbl.tblPr.find(qn("w:tblLook"))  # the schema's order: cell margins before tblLook
    (look.addprevious if look is not None else tbl.tblPr.append)(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{margin}" w:type="dxa"/>'
            f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        )
    )
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    rows = _Rows(
        [round(w * TWIPS_PER_MM) for w in widths],
        out.styles["Table Small" if block.small else "Table Text"].style_id,
        block.right,
    )
    head = out.styles["Table Heading"].style_id
    chunk = [rows.xml(block.headers, style=head, head=True, keep=True)]
    last, group = len(block.rows) - 1, block.group
    total_from = len(block.rows) - group if block.total else len(block.rows)  # the 合计 rows
    for i, values in enumerate(block.rows):
        # A group's rows stay together; the row before the 合计, and the last row before a
        # 注, stay with what follows.
        keep = (
            i % group != group - 1 or (block.total and i == total_from - 1) or (noted and i == last)
        )
        bold = i >= total_from or i in block.marked
        merge = "" if group == 1 else ("restart" if i % group == 0 else "continue")
        chunk.append(rows.xml(values, bold=bold, red=i in block.marked, keep=keep, merge=merge))
        if len(chunk) >= PROGRESS_ROWS:
            _append(tbl, chunk)
            check_cancelled(cancelled, BRIEF_CANCELLED)
            progress(i + 1)
    _append(tbl, chunk)


def _append(tbl: Any, chunk: list[str]) -> None:
    """Parse a run of rows at once (far faster than building them element by element)."""
    if chunk:
        parsed = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(chunk)}</w:tbl>")
        tbl.extend(list(parsed))
        chunk.clear()


class _Rows:
    """The XML of table rows: fixed cell widths, rows that never split across pages."""

    def __init__(self, twips: list[int], style: str, right: frozenset[int]) -> None:
        self.twips, self.style, self.right = twips, style, right

    def xml(
        self,
        values: Sequence[str],
        *,
        style: str | None = None,
        head: bool = False,
        bold: bool = False,
        red: bool = False,
        keep: bool = False,
        merge: str = "",
    ) -> str:
        """``merge``: "restart" / "continue" merges the first cell with the rows below it."""
        # cantSplit: a row never breaks across two pages; tblHeader: the header row repeats
        # on every page the table runs over.
        parts = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if head else "", "</w:trPr>"]
        shading = '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if head else ""
        r_pr = ("<w:b/>" if bold else "") + ('<w:color w:val="B22222"/>' if red else "")
        r_pr = f"<w:rPr>{r_pr}</w:rPr>" if r_pr else ""
        for column, (value, width) in enumerate(zip(values, self.twips, strict=True)):
            p_pr = f'<w:pStyle w:val="{style or self.style}"/>'
            p_pr += "<w:keepNext/>" if keep else ""
            p_pr += '<w:jc w:val="right"/>' if column in self.right and not head else ""
            lines = str(value).replace("\r\n", "\n").split("\n")
            runs = "".join(
                f'<w:r>{r_pr}{"<w:br/>" if n else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                for n, line in enumerate(lines)
            )
            v_merge = ""
            if merge and column == 0:
                v_merge = '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v_merge}{shading}'
                f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>{p_pr}</w:pPr>{runs}</w:p></w:tc>'
            )
        parts.append("</w:tr>")
        return "".join(parts)
