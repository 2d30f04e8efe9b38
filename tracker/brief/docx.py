"""The same brief as an editable .docx (python-docx), for offices that edit before printing.

Laid out from the same ``Document`` blocks as the PDF; the chart goes in as a PNG.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tracker.brief.blocks import Chart, Document, Heading, Para, Table
from tracker.brief.chart import png
from tracker.brief.data import BriefData
from tracker.brief.sections import compose

SERIF, SANS = "PairTrack Serif SC", "PairTrack Sans SC"
WIDTH_MM = 210 - 28 - 26


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word takes East Asian text from w:eastAsia, not from the font name python-docx sets.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) so the footer counts pages as Word lays them out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def render_docx(data: BriefData, path: str | Path) -> None:
    write_document(compose(data), path)


def write_document(doc: Document, path: str | Path) -> None:
    out = new_docx()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    props = out.core_properties
    props.title, props.author, props.subject = doc.title, doc.author, doc.subject
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(header.add_run(doc.header), SANS, 9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(footer.add_run("第 "), SERIF, 10.5)
    _field(footer, "PAGE")
    _font(footer.add_run(" 页 共 "), SERIF, 10.5)
    _field(footer, "NUMPAGES")
    _font(footer.add_run(" 页"), SERIF, 10.5)

    def paragraph(text: str, name: str, size: float, *, bold: bool = False,
                  center: bool = False, indent: bool = False) -> None:  # fmt: skip
        p = out.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size)
        lines = text.replace("\r\n", "\n").split("\n")
        for number, line in enumerate(lines):
            run = p.add_run(line)
            _font(run, name, size, bold)
            if number < len(lines) - 1:
                run.add_break()

    paragraph(doc.title, SANS, 19, bold=True, center=True)
    paragraph(doc.subtitle, SANS, 12, center=True)
    paragraph(doc.issued, SERIF, 11, center=True)
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                paragraph(block.text, SANS, 14, bold=True)
            else:
                paragraph(block.text, SANS, 10.5, center=True)
        elif isinstance(block, Para):
            paragraph(block.text, SERIF, 12, indent=not block.literal)
        elif isinstance(block, Table):
            _table(out, block)
        elif isinstance(block, Chart):
            out.add_picture(io.BytesIO(png(block, WIDTH_MM / 25.4 * 72, 190)), width=Mm(WIDTH_MM))
            if block.caption:
                paragraph(block.caption, SANS, 9, center=True)
    out.save(str(path))


def _table(out: Any, block: Table) -> None:
    table = out.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    # Repeat the header row on every page the table runs over.
    head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name in zip(head.cells, block.headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(name), SANS, 9, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    last = len(block.rows) - 1
    for i, row in enumerate(block.rows):
        bold = i in block.marked or (block.total and i == last)
        cells = table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, row, strict=True)):
            run = cell.paragraphs[0].add_run(value)
            _font(run, SERIF, 8 if block.small else 9, bold)
            if i in block.marked:
                run.font.color.rgb = RGBColor(0xB2, 0x22, 0x22)
            if column in block.right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for column, share in enumerate(block.widths):
        for cell in table.columns[column].cells:
            cell.width = Mm(WIDTH_MM * share)
