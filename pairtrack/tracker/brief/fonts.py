"""The 简报's faces and the fallback behind each, split into runs by coverage (DESIGN §6).

Official documents are set in a heavy song face for the title (小标宋), 仿宋 for the body, 黑体
for 一、 headings and 楷体 for （一） headings. Each role is a chain of bundled TrueType fonts:
its own face first, then the full-coverage serif or sans, then the fallbacks for CJK Extensions
A–G and for emoji/symbols, so every character in the database prints with a real glyph.
A character no bundled font has (an unassigned code point, an emoji newer than Unicode 9)
prints as its code point, e.g. 〔U+1FAE0〕, never as a box; variation selectors and joiners
(which only pick a glyph variant) are dropped. The fallbacks are registered with reportlab
only when a character needs them: the 31 MB Extension B font is not read for ordinary text.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics, ttfonts  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from pairtrack.resources import resource

# reportlab name -> file in pairtrack/resources/fonts
FILES = {
    "PairTrackSerif": "PairTrackSerifSC-Regular.ttf",
    "PairTrackSans": "PairTrackSansSC-Regular.ttf",
    "PairTrackSansBold": "PairTrackSansSC-Bold.ttf",
    "PairTrackTitle": "PairTrackTitleSC-Bold.ttf",
    "PairTrackFang": "PairTrackFangSC-Regular.ttf",
    "PairTrackKai": "PairTrackKaiSC-Regular.ttf",
    "PairTrackSerifExt": "PairTrackSerifExtSC-Regular.ttf",
    "PairTrackHanExtB": "PairTrackHanExtB-Regular.ttf",
    "PairTrackSymbols": "PairTrackSymbols-Regular.ttf",
}
FALLBACKS = ("PairTrackSerifExt", "PairTrackHanExtB", "PairTrackSymbols")

# role -> fonts tried in order
CHAINS: dict[str, tuple[str, ...]] = {
    "title": ("PairTrackTitle", "PairTrackSerif", *FALLBACKS),  # 小标宋 style
    "fang": ("PairTrackFang", "PairTrackSerif", *FALLBACKS),  # 仿宋: body, tables
    "kai": ("PairTrackKai", "PairTrackSerif", *FALLBACKS),  # 楷体: （一） headings
    "hei": ("PairTrackSansBold", *FALLBACKS),  # 黑体: 一、 headings, table heads
    "sans": ("PairTrackSans", *FALLBACKS),  # captions, running header, chart
    "serif": ("PairTrackSerif", *FALLBACKS),
}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with code points above U+FFFF written as UTF-16
    surrogate pairs: reportlab 5.1 writes ``<2C317>`` (an odd number of hex digits), so a
    PDF reader copies 𬌗 and every Extension B character as garbage."""

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

# Characters that only select a variant or join others: no glyph of their own.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\U000e0000-\U000e01ef]")
_lock = threading.Lock()


def _load(name: str) -> object:
    """The reportlab face of a bundled font, registering it on first use."""
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", FILES[name]))))
    return pdfmetrics.getFont(name).face


@cache
def _cmap(name: str) -> frozenset[int]:
    if name in FALLBACKS and not resource("fonts", FILES[name]).exists():
        return frozenset()  # a fallback left out of a build: its characters print as U+…
    return frozenset(_load(name).charToGlyph)  # type: ignore[attr-defined]


@cache
def _widths(name: str) -> tuple[dict[int, float], float]:
    face = _load(name)
    return face.charWidths, face.defaultWidth  # type: ignore[attr-defined]


def register_fonts() -> None:
    """Register the primary faces (the fallbacks are registered when first needed)."""
    for chain in CHAINS.values():
        _load(chain[0])
    for name in ("PairTrackSerif", "PairTrackSans", "PairTrackSansBold"):
        _load(name)


@lru_cache(maxsize=65536)
def font_for(ch: str, role: str) -> str | None:
    """The first font of ``role``'s chain that has a glyph for ``ch``; None if none has."""
    cp = ord(ch)
    for name in CHAINS[role]:
        if cp in _cmap(name):
            return name
    return None


def placeholder(ch: str) -> str:
    return f"〔U+{ord(ch):04X}〕"


def printable(text: str, role: str) -> str:
    """``text`` with invisible selectors dropped and characters no font has spelt out."""
    text = _INVISIBLE.sub("", text)
    if all(font_for(ch, role) for ch in set(text)):
        return text
    return "".join(ch if font_for(ch, role) else placeholder(ch) for ch in text)


def advance(ch: str, role: str, size: float) -> float:
    name = font_for(ch, role) or CHAINS[role][0]
    widths, default = _widths(name)
    return widths.get(ord(ch), default) * size / 1000


def runs(text: str, role: str) -> list[tuple[str, str]]:
    """Split printable ``text`` into (font, text) runs by coverage."""
    out: list[tuple[str, str]] = []
    primary = CHAINS[role][0]
    current, start = None, 0
    for i, ch in enumerate(text):
        name = font_for(ch, role) or primary
        if name != current:
            if current is not None and i > start:
                out.append((current, text[start:i]))
            current, start = name, i
    if current is not None:
        out.append((current, text[start:]))
    return out


def text_width(text: str, role: str, size: float) -> float:
    return sum(advance(ch, role, size) for ch in text)
