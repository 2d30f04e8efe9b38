"""What ``tools/make_fonts.py`` builds: each bundled font's source face, new name, licence
and the characters it keeps (``unicodes_for``). The sources are Debian packages
(``pairtrack/resources/fonts/README.md`` lists them and their licences)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")

# (first, last) code points, inclusive.
UNICODE_RANGES: list[tuple[int, int, str]] = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (¥ × ÷ ± · °)"),
    (0x2000, 0x206F, "General Punctuation (— … ‘ ’ “ ” ‰ ※)"),
    (0x20A0, 0x20CF, "Currency Symbols (€)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ № ™)"),
    (0x2150, 0x218F, "Number Forms (Roman numerals Ⅰ–ⅿ U+2160–217F)"),
    (0x2190, 0x21FF, "Arrows (→)"),
    (0x2200, 0x22FF, "Mathematical Operators (≤ ≥ ≠ ≈ √ ∑)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (①–⑳ ⑴ ⒈)"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ □ ▲ ○ ●)"),
    (0x2605, 0x2606, "Black/White Star (★ ☆)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x30FB, 0x30FB, "Katakana Middle Dot (・)"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㊀)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎏ ㎞)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs (simplified and traditional)"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms (，：（） ￥)"),
    (0xFFFD, 0xFFFD, "Replacement Character"),
]


@dataclass(frozen=True)
class FontJob:
    ttc: str  # a .ttc in NOTO_DIR, or an absolute path to a .otf/.ttf/.ttc
    source_family: str  # name ID 1 (or 16) of the face to take from the collection
    source_style: str  # name ID 2 (or 17)
    family: str  # new family name
    out: str
    charset: str = "ranges"  # which characters to keep: see ``unicodes_for``
    licence: str = "OFL-1.1"  # the licence the output is distributed under

    @property
    def ps_name(self) -> str:
        return self.family.replace(" ", "") + "-" + self.source_style.replace(" ", "")


JOBS = [
    FontJob(
        "NotoSansCJK-Regular.ttc",
        "Noto Sans CJK SC",
        "Regular",
        "PairTrack Sans SC",
        "PairTrackSansSC-Regular.ttf",
    ),
    FontJob(
        "NotoSansCJK-Bold.ttc",
        "Noto Sans CJK SC",
        "Bold",
        "PairTrack Sans SC",
        "PairTrackSansSC-Bold.ttf",
    ),
    FontJob(
        "NotoSerifCJK-Regular.ttc",
        "Noto Serif CJK SC",
        "Regular",
        "PairTrack Serif SC",
        "PairTrackSerifSC-Regular.ttf",
    ),
]


# The official-type faces of the 简报 (DESIGN §6) and the fallbacks behind every face.
# Their sources are Debian packages too (see pairtrack/resources/fonts/README.md):
FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
SYMBOLA = Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")

BRIEF_JOBS = [
    # 小标宋 style title: the heaviest song face we can ship, cut to GB 2312 like the
    # 方正小标宋 it stands for; other characters fall back to PairTrack Serif SC.
    FontJob(
        "NotoSerifCJK-Bold.ttc",
        "Noto Serif CJK SC",
        "Bold",
        "PairTrack Title SC",
        "PairTrackTitleSC-Bold.ttf",
        charset="gb2312",
    ),
    # 仿宋 body (GPL with the font exception: embedding in a PDF is allowed).
    FontJob(
        str(FANDOL_DIR / "FandolFang-Regular.otf"),
        "FandolFang R",
        "Regular",
        "PairTrack Fang SC",
        "PairTrackFangSC-Regular.ttf",
        charset="all",
        licence="GPL-3+ with font exception",
    ),
    # 楷体 second-level headings: LXGW WenKai (OFL, Reserved Font Names "霞鹜", "LXGW").
    FontJob(
        str(WENKAI_DIR / "LXGWWenKai-Regular.ttf"),
        "LXGW WenKai",
        "Regular",
        "PairTrack Kai SC",
        "PairTrackKaiSC-Regular.ttf",
        charset="gb2312",
    ),
    # Fallback 1: CJK Extension A and the supplementary-plane ideographs Noto Serif SC has
    # (all of 通用规范汉字表, e.g. 䶮 U+4DAE, 𬌗 U+2C317), radicals and strokes.
    FontJob(
        "NotoSerifCJK-Regular.ttc",
        "Noto Serif CJK SC",
        "Regular",
        "PairTrack Serif Ext SC",
        "PairTrackSerifExtSC-Regular.ttf",
        charset="ext",
    ),
    # Fallback 2: every ideograph of Extensions B–F (GlyphWiki's HanaMinB, under the
    # Hanazono Font License, chosen from its dual licence).
    FontJob(
        str(HANAZONO_DIR / "HanaMinB.ttf"),
        "HanaMinB",
        "Regular",
        "PairTrack Han Ext B",
        "PairTrackHanExtB-Regular.ttf",
        charset="sip",
        licence="Hanazono Font License",
    ),
    # Fallback 3: monochrome emoji and symbols (Symbola 9.17, "free for any use").
    FontJob(
        str(SYMBOLA),
        "Symbola",
        "Regular",
        "PairTrack Symbols",
        "PairTrackSymbols-Regular.ttf",
        charset="symbols",
        licence="Symbola: free for any use",
    ),
]

# The characters of GB 2312 (what 仿宋_GB2312 / 楷体_GB2312 themselves cover), plus
# Latin and the punctuation blocks a 简报 uses.
BASIC_RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2460, 0x24FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]
EXT_RANGES = [(0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x20000, 0x3134F)]
SYMBOL_RANGES = [(0x2190, 0x2BFF), (0x1F000, 0x1FAFF)]


def gb2312() -> set[int]:
    chars: set[int] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def unicodes_for(job: FontJob, font: TTFont) -> list[int]:
    have = set(font.getBestCmap())
    spans = {
        "ranges": [(a, b) for a, b, _ in UNICODE_RANGES],
        "gb2312": BASIC_RANGES,
        "ext": EXT_RANGES,
        "symbols": SYMBOL_RANGES,
        "sip": [(0x20000, 0x3134F)],
        "all": [(0, 0x10FFFF)],
    }[job.charset]
    wanted = {cp for first, last in spans for cp in range(first, last + 1) if cp in have}
    if job.charset == "gb2312":
        wanted |= gb2312() & have
    return sorted(wanted)
