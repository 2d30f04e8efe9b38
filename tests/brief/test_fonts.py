"""Every character in the database prints with an embedded glyph (DESIGN §6): the official
faces, then fallbacks for CJK Extensions A–F and emoji; nothing comes out as a box."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pairtrack.tracker.brief import fonts
from pairtrack.tracker.brief.blocks import Document, Para, Table
from pairtrack.tracker.brief.pdf import render_document

# The PDF's text as a reader copies it: poppler's pdftotext (Debian: poppler-utils).
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)

RARE_NAME = "刘䶮𬌗𠮷𪚥"  # Ext A U+4DAE, Ext E U+2C317, Ext B U+20BB7, Ext B U+2A6A5
EMOJI = "👍😀"


def render(*paras: str, header: str = "测试") -> bytes:
    table = Table(("姓名", "备注"), [(RARE_NAME, EMOJI)], (0.5, 0.5))
    doc = Document(f"{RARE_NAME}办公室简报", "2017年", "测试", header, "", "测试",
                   [*(Para(p) for p in paras), table])  # fmt: skip
    out = io.BytesIO()
    render_document(doc, out)
    return out.getvalue()


def text_of(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def embedded_fonts(data: bytes) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


def test_rare_name_characters_and_emoji_print(tmp_path: Path) -> None:
    data = render(f"受援方干部{RARE_NAME}表示感谢{EMOJI}。")
    text = text_of(data, tmp_path)
    for ch in RARE_NAME:
        assert text.count(ch) >= 3, ch  # title, paragraph, table cell
    for ch in EMOJI:
        assert text.count(ch) >= 2, ch  # paragraph, table cell
    names = embedded_fonts(data)
    assert all(names.values()), names  # every font in the PDF is embedded
    assert any("PairTrackSerifExt" in n for n in names)  # 䶮 𬌗 from fallback 1
    assert any("PairTrackHanExtB" in n for n in names)  # 𪚥 from fallback 2
    assert any("PairTrackSymbols" in n for n in names)  # emoji
    assert all("Helvetica" not in n for n in names)


def test_official_faces_are_used(tmp_path: Path) -> None:
    names = " ".join(embedded_fonts(render("正文。")))
    for face in ("PairTrackTitle", "PairTrackFang", "PairTrackSansSC-Bold"):
        assert face in names


def test_each_character_goes_to_the_first_font_that_has_it() -> None:
    assert fonts.font_for("文", "fang") == "PairTrackFang"
    assert fonts.font_for("䶮", "fang") == "PairTrackSerifExt"
    assert fonts.font_for("𪚥", "fang") == "PairTrackHanExtB"
    assert fonts.font_for("😀", "hei") == "PairTrackSymbols"
    assert [name for name, _ in fonts.runs("刘䶮先生", "fang")] == [
        "PairTrackFang", "PairTrackSerifExt", "PairTrackFang"]  # fmt: skip


def test_uncovered_characters_print_as_code_points_not_boxes(tmp_path: Path) -> None:
    # U+1FAE0 (an emoji of Unicode 14) is in no bundled font; U+FE0F only picks a variant.
    assert fonts.printable("好\U0001fae0\ufe0f", "fang") == "好〔U+1FAE0〕"
    text = text_of(render("融化\U0001fae0表情👍\ufe0f"), tmp_path)
    assert "〔U+1FAE0〕" in text and "\ufe0f" not in text


def test_user_text_prints_literally(tmp_path: Path) -> None:
    text = text_of(render('<font name="Helvetica">&amp;</font>'), tmp_path)
    assert '<font name="Helvetica">&amp;</font>' in text.replace("\n", "")
