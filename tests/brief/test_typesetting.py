"""Official typesetting of the PDF brief (DESIGN §6): 避头尾, numbers kept with their units,
Latin tokens kept whole, justified lines; tables keep 合计 and 注 with their rows."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from pairtrack.tracker.brief.blocks import Document, Para, Table
from pairtrack.tracker.brief.linebreak import (
    DIGITS,
    NO_END,
    NO_START,
    UNIT_CHARS,
    break_lines,
    glued,
)
from pairtrack.tracker.brief.pdf import render_document
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from tests.brief.conftest import pdf_bytes

# The PDF's text as a reader copies it: poppler's pdftotext (Debian: poppler-utils).
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)

# The characters the issue names: no line starts with these, none ends with those.
FORBIDDEN_START = "，。、；：？！）》”’"
FORBIDDEN_END = "（《“‘"

pieces = st.sampled_from(
    ["目标", "完成", "资金", "到位", "，", "。", "、", "；", "：", "？", "！", "（", "）",
     "《", "》", "“", "”", "‘", "’", "4个", "9178万元", "82.3%", "1.2亿元", "458.9亩",
     "2017年", "12月", "人次", "PZ-2017-000123", "A", " ", "——", "……"]
)  # fmt: skip
texts = st.lists(pieces, min_size=1, max_size=120).map(lambda p: "情况" + "".join(p) + "。")


def width(ch: str) -> float:
    return 0.5 if ch.isascii() else 1.0


def pdftotext(data: bytes, tmp_path: Path, layout: bool = False) -> list[str]:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(data)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", line) for line in out.splitlines()]


def check_lines(lines: list[str]) -> None:
    for k, line in enumerate(lines):
        if not line:
            continue
        assert line[0] not in FORBIDDEN_START, f"line starts with {line[0]!r}: {line!r}"
        assert line[-1] not in FORBIDDEN_END, f"line ends with {line[-1]!r}: {line!r}"
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if line[-1] in DIGITS and following and following[0] in UNIT_CHARS:
            raise AssertionError(f"number split from its unit: {line!r} / {following!r}")


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=8, max_value=30))
def test_break_lines_obeys_the_rules(text: str, columns: int) -> None:
    lines = break_lines(text, width, [columns - 2, columns])
    assert "".join(text[ln.start : ln.end] for ln in lines).replace(" ", "") == text.replace(
        " ", ""
    )
    for ln in lines:
        assert ln.width <= columns + 1e-9 or ln.end - ln.start == 1
        chunk = text[ln.start : ln.end]
        if not chunk:
            continue
        if ln.start > 0 and text[ln.start - 1] != " ":
            before, after = text[ln.start - 1], text[ln.start]
            if unit_width(text, ln.start) > columns:
                continue  # an unbreakable unit wider than a whole line is cut where it must
            assert after not in NO_START and before not in NO_END, (before, after)
            assert not (before in DIGITS and after in UNIT_CHARS), (before, after)
            assert not (before.isascii() and after.isascii()), (before, after)
            assert not (before == after and before in "—…")


def unit_width(text: str, at: int) -> float:
    """Width of the run of characters around ``at`` that no rule lets break."""
    glue = glued(text)
    j, k = at, at + 1
    while j > 0 and glue[j]:
        j -= 1
    while k < len(text) and glue[k]:
        k += 1
    return sum(width(ch) for ch in text[j:k])


def test_voucher_number_is_broken_only_when_longer_than_a_line() -> None:
    voucher = "PZ-2017-000123"
    text = "凭证号" * 5 + voucher + "，已到位。"
    lines = break_lines(text, width, [20])
    assert any(voucher in text[ln.start : ln.end] for ln in lines)
    long = "x" * 100
    lines = break_lines(long, width, [20])
    assert all(ln.width <= 20 for ln in lines) and len(lines) == 3


def test_demo_brief_obeys_line_rules(demo: Ledger, tmp_path: Path) -> None:
    data = pdf_bytes(demo, Period.through_month(2017, 11), appendix=True)
    check_lines(pdftotext(data, tmp_path))


def test_generated_texts_obey_line_rules(tmp_path: Path) -> None:
    @settings(max_examples=8, deadline=None)
    @given(st.lists(texts, min_size=1, max_size=6))
    def run(paragraphs: list[str]) -> None:
        doc = Document("测试简报", "2017年", "测试办公室", "测试", "", "测试",
                       [Para(p) for p in paragraphs])  # fmt: skip
        out = io.BytesIO()
        render_document(doc, out)
        check_lines(pdftotext(out.getvalue(), tmp_path))

    run()


def test_lines_are_justified(tmp_path: Path) -> None:
    """Both edges straight: every full line of a paragraph ends at the right margin."""
    text = "截至2017年12月底，到位财政援助资金9178万元，完成年度目标的82.3%；" * 8
    doc = Document("测试简报", "2017年", "测试", "测试", "", "测试", [Para(text)])
    out = io.BytesIO()
    render_document(doc, out)
    pdf = tmp_path / "j.pdf"
    pdf.write_bytes(out.getvalue())
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', xml)
    body = [(float(a), float(b)) for a, b in lines][4:-1]  # header, title lines; footer
    assert len(body) >= 5
    rights = [b for _, b in body[:-1]]
    assert max(rights) - min(rights) < 0.5, rights  # straight right edge
    assert body[-1][1] < min(rights) - 20  # the last line is left-aligned, not spread
    lefts = [a for a, _ in body[1:]]
    assert max(lefts) - min(lefts) < 0.5 and body[0][0] > min(lefts) + 20  # first-line indent


def _rows_table(n: int) -> Table:
    rows = [(f"行{k:03d}", "内容", str(k)) for k in range(n)] + [("合计", "", str(n))]
    return Table(("名称", "说明", "数"), rows, (0.4, 0.4, 0.2), right=frozenset({2}),
                 total=True)  # fmt: skip


def test_total_row_and_note_never_alone_header_repeats() -> None:
    for n in range(28, 52, 1):
        doc = Document("测试简报", "2017年", "测试", "测试", "", "测试",
                       [Para("说明" * 30), _rows_table(n), Para("注：合计含往期。")])  # fmt: skip
        out = io.BytesIO()
        render_document(doc, out)
        pages = [p.extract_text() for p in PdfReader(out).pages]
        for text in pages:
            flat = re.sub(r"\s+", "", text)
            if "合计" in flat:
                assert re.search(r"行\d{3}", flat), f"{n} rows: 合计 alone on a page"
                assert "注：合计含往期。" in flat, f"{n} rows: 注 separated from its table"
            if re.search(r"行\d{3}", flat):
                assert "名称说明数" in flat, f"{n} rows: header not repeated"
