"""Brief fixtures: one demo ledger shared by the module (briefs only read it), helpers to
render a brief and read its text back."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from pairtrack.tracker.brief import BriefOptions, build_brief, render_pdf
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from tests import engines

ISSUED = date(2017, 12, 5)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory, db_engine: str) -> Iterator[Ledger]:
    with engines.database(db_engine, tmp_path_factory.mktemp("brief"), "demo.db") as target:
        ledger = Ledger.open(target)
        load_demo(ledger)
        yield ledger
        ledger.close()


@pytest.fixture
def empty(db_target: Path | str) -> Iterator[Ledger]:
    ledger = Ledger.open(db_target)
    ledger.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    yield ledger
    ledger.close()


def options(ledger: Ledger, period: Period, scope: Scope | None = None, **kw: Any) -> BriefOptions:
    return BriefOptions(
        period=period,
        scope=scope or Scope.everything(),
        office_name=ledger.office_name,
        issued_on=ISSUED,
        **kw,
    )


def pdf_bytes(ledger: Ledger, period: Period, scope: Scope | None = None, **kw: Any) -> bytes:
    out = io.BytesIO()
    render_pdf(build_brief(ledger, options(ledger, period, scope, **kw)), out)
    return out.getvalue()


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text without the line breaks and spaces layout puts in (wrapping, table cells)."""
    return re.sub(r"\s+", "", text)


def body(texts: list[str]) -> str:
    """The pages' text without the running header and footer (the last two lines of each
    page as pypdf extracts them), so text running over a page break reads as one."""
    return "\n".join("\n".join(t.splitlines()[:-2]) for t in texts)


def pdftotext(data: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The PDF's text as a reader copies it: poppler's pdftotext (Debian: poppler-utils);
    ``layout`` keeps each table row on one line."""
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdftotext_body(data: bytes, tmp_path: Path) -> str:
    """``pdftotext -layout`` without each page's running header and footer (its first and
    last lines), so text running over a page break reads as one."""
    out = []
    for page in pdftotext(data, tmp_path, layout=True).split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        out.extend(lines[1:-1])
    return "\n".join(out)


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)
