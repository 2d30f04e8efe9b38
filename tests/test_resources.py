"""Bundled resources: the CJK fonts (TrueType outlines, coverage, licence) and icons."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from resources import resource

FONTS_DIR = resource("fonts")
ICONS_DIR = resource("icons")

EXPECTED_FONTS = [
    "PairTrackSansSC-Regular.ttf",
    "PairTrackSansSC-Bold.ttf",
    "PairTrackSerifSC-Regular.ttf",
]

# Characters the ledger, the window and the PDF briefs use.
NEEDED_CHARS = (
    "廊坊開發區对口帮扶康保县張家口（）：、。“”①→￥"
    "开发区财政援助资金財政援助資金万元年月日№℃㎡Ⅲ②⑳—…·¥×÷±%,.-0123456789"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "，；！？《》【】「」『』〔〕％＋－＝　"
)

EXPECTED_ICONS = [
    "new",
    "edit",
    "delete",
    "undo",
    "open",
    "backup",
    "dashboard",
    "pairing",
    "agreement",
    "fund",
    "cadre",
    "training",
    "target",
    "region",
    "brief",
    "export",
    "import",
    "refresh",
    "app",
]


def sfnt_tables(path: Path) -> dict[str, tuple[int, int]]:
    """Table tag -> (offset, length) from an sfnt file's table directory."""
    data = path.read_bytes()
    version, num_tables = struct.unpack(">4sH", data[:6])
    assert version in (b"\x00\x01\x00\x00", b"true", b"OTTO"), f"{path.name}: not an sfnt"
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack(">4sLLL", data[12 + 16 * i : 28 + 16 * i])
        assert offset + length <= len(data), f"{path.name}: table {tag!r} runs past the end"
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def test_expected_fonts_present() -> None:
    present = sorted(p.name for p in FONTS_DIR.glob("*.ttf"))
    assert present == sorted(EXPECTED_FONTS)


@pytest.mark.parametrize("name", EXPECTED_FONTS)
def test_font_has_truetype_outlines(name: str) -> None:
    path = FONTS_DIR / name
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00", "sfntVersion must be TrueType"
    tables = sfnt_tables(path)
    assert "glyf" in tables and "loca" in tables, "reportlab embeds only glyf outlines"
    assert "CFF " not in tables and "CFF2" not in tables


@pytest.mark.parametrize("name", EXPECTED_FONTS)
def test_font_covers_needed_chars(name: str) -> None:
    face = TTFont(name.removesuffix(".ttf"), str(FONTS_DIR / name)).face
    missing = sorted({ch for ch in NEEDED_CHARS if ord(ch) not in face.charToGlyph})
    assert not missing, f"{name} lacks {''.join(missing)!r}"


@pytest.mark.parametrize("name", EXPECTED_FONTS)
def test_font_is_renamed(name: str) -> None:
    face = TTFont(name.removesuffix(".ttf"), str(FONTS_DIR / name)).face
    assert face.name.decode() == name.removesuffix(".ttf")
    assert "Noto" not in face.familyName.decode("latin-1")


def test_ofl_license_present() -> None:
    text = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text
    assert "Reserved Font Name" in text  # the full text, not just a pointer to it


@pytest.mark.parametrize("name", EXPECTED_ICONS)
def test_icon_is_plain_svg(name: str) -> None:
    path = ICONS_DIR / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == ("0 0 64 64" if name == "app" else "0 0 24 24")
    # Qt's SVG renderer (SVG Tiny 1.2) does not resolve currentColor.
    assert "currentColor" not in path.read_text(encoding="utf-8")
