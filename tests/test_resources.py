"""Bundled resources: the CJK fonts (TrueType outlines, coverage, licence), icons, the national
region code table (its columns, levels and source), and that setup.cfg packages all of them."""

from __future__ import annotations

import configparser
import csv
import fnmatch
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from pairtrack.db.choices import REGION_LEVEL
from pairtrack.resources import resource

FONTS_DIR = resource("fonts")
ICONS_DIR = resource("icons")

EXPECTED_FONTS = [
    "PairTrackSansSC-Regular.ttf",
    "PairTrackSansSC-Bold.ttf",
    "PairTrackSerifSC-Regular.ttf",
]
# The 简报's official faces and fallbacks (pairtrack/tracker/brief/fonts.py): partial coverage each.
BRIEF_FONTS = [
    "PairTrackTitleSC-Bold.ttf",
    "PairTrackFangSC-Regular.ttf",
    "PairTrackKaiSC-Regular.ttf",
    "PairTrackSerifExtSC-Regular.ttf",
    "PairTrackHanExtB-Regular.ttf",
    "PairTrackSymbols-Regular.ttf",
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
    assert present == sorted(EXPECTED_FONTS + BRIEF_FONTS)


@pytest.mark.parametrize("name", EXPECTED_FONTS + BRIEF_FONTS)
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


@pytest.mark.parametrize("name", EXPECTED_FONTS + BRIEF_FONTS)
def test_font_is_renamed(name: str) -> None:
    face = TTFont(name.removesuffix(".ttf"), str(FONTS_DIR / name)).face
    assert face.name.decode() == name.removesuffix(".ttf")
    family = face.familyName.decode("latin-1")
    for original in ("Noto", "LXGW", "Fandol", "Hana", "Symbola"):
        assert original not in family


def test_ofl_license_present() -> None:
    text = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text
    assert "Reserved Font Name" in text  # the full text, not just a pointer to it
    gpl = (FONTS_DIR / "GPL-3.txt").read_text(encoding="utf-8")  # FandolFang's licence
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "Version 3" in gpl
    readme = (FONTS_DIR / "README.md").read_text(encoding="utf-8")
    for name in BRIEF_FONTS:
        assert name in readme  # each face: source, version, licence
    assert "font exception" in readme and "Hanazono Font License" in readme


@pytest.mark.parametrize("name", EXPECTED_ICONS)
def test_icon_is_plain_svg(name: str) -> None:
    path = ICONS_DIR / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == ("0 0 64 64" if name == "app" else "0 0 24 24")
    # Qt's SVG renderer (SVG Tiny 1.2) does not resolve currentColor.
    assert "currentColor" not in path.read_text(encoding="utf-8")


REGIONS_DIR = resource("regions")
REGION_COLUMNS = [
    "code",
    "name",
    "level",
    "province",
    "city",
    "valid_from",
    "valid_to",
    "successor",
]


def test_region_table_columns_and_values() -> None:
    with (REGIONS_DIR / "gbt2260.csv").open(encoding="utf-8", newline="") as f:
        assert f.read(1) != "\ufeff", "plain UTF-8, no BOM"
        f.seek(0)
        reader = csv.DictReader(f)
        assert reader.fieldnames == REGION_COLUMNS
        rows = list(reader)
    assert 3000 < len(rows) < 5000  # every county-level code, a few thousand rows
    for row in rows:
        assert len(row["code"]) == 6 and row["code"].isdigit(), row
        assert row["level"] in REGION_LEVEL and row["level"] != "zone", row
        assert row["name"] and row["province"], row
        assert 1981 <= int(row["valid_from"]) <= 2100, row
        if row["valid_to"]:
            assert int(row["valid_to"]) >= max(2015, int(row["valid_from"])), row
        else:
            assert not row["successor"], row  # only an ended entry has successors
        assert all(len(c) == 6 and c.isdigit() for c in row["successor"].split(";") if c), row
    pairs = [(r["code"], r["valid_from"]) for r in rows]
    assert pairs == sorted(pairs) and len(set(pairs)) == len(pairs)


def test_region_table_names_its_source_edition_and_licence() -> None:
    text = (REGIONS_DIR / "SOURCE.md").read_text(encoding="utf-8")
    assert "https://github.com/yescallop/areacodes" in text
    assert "CC0 1.0" in text
    assert "2024" in text  # the edition
    assert "tools/make_regions.py" in text
    assert (Path(__file__).resolve().parents[1] / "tools" / "make_regions.py").is_file()


def test_package_data_covers_every_resource_file() -> None:
    """An installed program has the fonts, icons and code table: setup.cfg lists them all."""
    root = Path(__file__).resolve().parents[1]
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg", encoding="utf-8")
    patterns = [p.strip() for p in config["options.package_data"]["pairtrack.resources"].split(",")]
    files = [
        p.relative_to(resource()).as_posix()
        for p in resource().rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert any(f.startswith("regions/") for f in files)
    missed = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not missed, f"not in setup.cfg package_data: {missed}"
