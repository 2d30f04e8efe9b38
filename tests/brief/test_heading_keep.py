"""A first-level heading never ends a page while what it introduces (a table's caption and the
table) starts the next one (issue 12: 「二、主要指标完成情况」 stood alone at the foot of page 2)."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from pairtrack.tracker.brief.blocks import Document, Heading, Para, Table
from pairtrack.tracker.brief.pdf import render_document

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def page_of(texts: list[str], needle: str) -> int:
    return next(i for i, text in enumerate(texts) if needle in text.replace(" ", ""))


@pytest.mark.parametrize("filler", range(14, 30))
def test_a_heading_stays_on_the_page_of_the_table_it_introduces(filler: int) -> None:
    # ``filler`` paragraphs push the heading down the first page line by line, so that for
    # some of them it falls where only the heading (not the table) still fits
    rows = [(f"行{i}", str(i)) for i in range(12)]
    doc = Document(title="测试简报", subtitle="", issued="", header="测试", subject="", author="")
    doc.blocks.extend(Para(f"第{i}段，用来占位的正文。") for i in range(filler))
    doc.blocks.append(Heading("二、主要指标完成情况"))
    doc.blocks.append(Heading("表1  主要指标完成情况", 2))
    doc.blocks.append(Table(("指标", "数值"), rows, (0.5, 0.5), right=frozenset({1})))
    out = io.BytesIO()
    render_document(doc, out)
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    assert page_of(texts, "二、主要指标完成情况") == page_of(texts, "表1主要指标完成情况")
