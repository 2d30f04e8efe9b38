"""Build the bundled CJK fonts in ``pairtrack/resources/fonts/`` from Debian's Noto CJK.

Why this script exists
----------------------
PairTrack shows and prints Chinese text, but a stock Linux (or a bare Windows
VM) may have no CJK font at all, so the Qt window and the reportlab PDF briefs
must use a font that ships with the app.

* reportlab embeds only TrueType (``glyf``) outlines; the Noto CJK fonts are
  CFF-flavoured OpenType inside ``.ttc`` collections, which reportlab cannot
  embed.  So we convert the cubic CFF outlines to quadratic TrueType ones
  (the fontTools "otf2ttf" recipe: ``Cu2QuPen`` + ``TTGlyphPen``).
* The full fonts have 65,535 glyphs (Japanese, Korean, Traditional and
  Hong Kong variants, Hangul, ...).  We keep only the Simplified Chinese face
  and the Unicode ranges a Chinese ledger needs (see ``UNICODE_RANGES``), drop
  hinting and the OpenType features that would pull in other-locale glyphs
  (``locl``, ``aalt``, ``fwid``, ...).
* The family is renamed to "PairTrack Sans SC" / "PairTrack Serif SC": a
  Modified Version should not present itself under the original primary
  name (OFL 1.1 condition 3 for any Reserved Font Name; "Noto" is also a Google
  trademark), and a distinct name cannot clash with a system Noto install in
  Qt's font database.  Copyright, trademark and licence name records are kept.

Usage (build-time only; fontTools is not a runtime dependency)::

    apt-get install -y fonts-noto-cjk
    .venv/bin/pip install fonttools brotli
    .venv/bin/python tools/make_fonts.py            # writes pairtrack/resources/fonts/*

The OFL text is taken from Debian's ``/usr/share/doc/fonts-noto-cjk/copyright``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

# run as a script: tools/ is on the path
from font_jobs import (
    BRIEF_JOBS,
    FANDOL_DIR,
    JOBS,
    NOTO_DIR,
    UNICODE_RANGES,
    FontJob,
    unicodes_for,
)
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
OUT_DIR = Path(__file__).resolve().parent.parent / "pairtrack" / "resources" / "fonts"

# OpenType layout features kept.  Horizontal: ccmp/liga/calt/kern/mark plus the
# CJK proportional/half-width spacing features; vertical: vert/vrt2 and their
# GPOS counterparts.  Dropped on purpose: locl (would drag in the JP/KR/TC/HK
# glyph variants), aalt, dlig, fwid, hwid, pwid, hist, ruby and Hangul jamo.
LAYOUT_FEATURES = [
    "ccmp",
    "liga",
    "calt",
    "kern",
    "mark",
    "palt",
    "halt",
    "vert",
    "vrt2",
    "vkrn",
    "vpal",
    "vhal",
]

# cu2qu tolerance in font units (1000 upm); 1.0 is the otf2ttf default.
MAX_ERR = 1.0


def _name(font: TTFont, name_id: int) -> str | None:
    rec = font["name"].getName(name_id, 3, 1, 0x409)
    return rec.toUnicode() if rec is not None else None


def pick_face(ttc_path: Path, family: str, style: str) -> TTFont:
    """Return the face of a collection whose (typographic) family and style match."""
    if ttc_path.suffix.lower() != ".ttc":
        return TTFont(str(ttc_path))
    collection = TTCollection(str(ttc_path))
    found = []
    for font in collection.fonts:
        fam = _name(font, 16) or _name(font, 1)
        sty = _name(font, 17) or _name(font, 2)
        found.append(f"{fam} / {sty}")
        if fam == family and sty == style:
            return font
    raise SystemExit(f"{ttc_path}: no face {family!r} / {style!r}; faces: {found}")


def subset_font(font: TTFont, unicodes: list[int] | None = None) -> None:
    if unicodes is None:
        unicodes = [cp for first, last, _ in UNICODE_RANGES for cp in range(first, last + 1)]
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.hinting = False  # --no-hinting
    options.desubroutinize = True  # simpler CFF charstrings, also faster to draw
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.drop_tables += ["VORG"]  # VORG is CFF-only; glyf fonts use vmtx + bbox
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, post_format: float = 2.0) -> None:
    """Replace the CFF table by quadratic glyf/loca (fontTools otf2ttf recipe)."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours are counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        quad[name] = tt_pen.glyph(dropImpliedOnCurves=True)

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    # TrueType wants lsb == xMin.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(getattr(g, "components", None) or []) for g in glyf.glyphs.values()
    )
    maxp.compile(font)

    post = font["post"]
    post.formatType = post_format
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    try:
        post.compile(font)
    except OverflowError:
        post.formatType = 3.0

    # Unhinted: ask rasterizers for symmetric grey-scale smoothing at all sizes.
    font["gasp"] = gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000A}

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, job: FontJob) -> None:
    """Give the font its own family name; keep copyright/trademark/licence records."""
    name = font["name"]
    version = _name(font, 5) or ""
    original = f"{_name(font, 1)} {_name(font, 2)}"
    style = job.source_style
    full = job.family if style == "Regular" else f"{job.family} {style}"
    ver_num = re.search(r"\d+\.\d+", version)
    ver = ver_num.group(0) if ver_num else "0"
    new = {
        1: job.family,
        2: style,
        3: f"{ver};PairTrack;{job.ps_name}",
        4: full,
        5: f"{version}; PairTrack subset (TrueType outlines)",
        6: job.ps_name,
        16: job.family,
        17: style,
    }
    drop = set(new) | {18, 21, 22, 25}
    name.names = [rec for rec in name.names if rec.nameID not in drop]
    for name_id, text in new.items():
        name.setName(text, name_id, 3, 1, 0x409)
    name.setName(
        f"Modified Version of {original} ({version.split(';')[0]}): subset to the "
        "Unicode ranges PairTrack needs, converted from CFF to TrueType outlines, "
        "hinting removed and renamed; see pairtrack/resources/fonts/README.md.",
        10,
        3,
        1,
        0x409,
    )
    if job.licence != "OFL-1.1":  # the source names no licence: say which one applies
        name.setName(f"{job.licence}; see LICENSES.md", 13, 3, 1, 0x409)
        name.setName("pairtrack/resources/fonts/LICENSES.md", 14, 3, 1, 0x409)
    for required in (0, 13, 14):
        if _name(font, required) is None:
            raise SystemExit(f"{job.out}: name ID {required} (copyright/licence) is missing")


def build(job: FontJob, out_dir: Path) -> Path:
    font = pick_face(NOTO_DIR / job.ttc, job.source_family, job.source_style)
    subset_font(font, unicodes_for(job, font) if job.charset != "ranges" else None)
    if font.sfntVersion == "OTTO":
        cff_to_glyf(font)
    else:
        font["post"].formatType = 3.0  # no glyph names needed (HanaMinB has 60,000)
    rename(font, job)
    out = out_dir / job.out
    font.recalcTimestamp = False  # keep head.modified from the source: same input, same bytes
    font.save(str(out))
    return out


def ofl_text() -> str:
    """The full OFL 1.1 text from Debian's copyright file, with the fonts' notices."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", text, re.MULTILINE)
    if not match:
        raise SystemExit(f"{DEBIAN_COPYRIGHT}: no 'License: SIL-1.1' paragraph")
    body = []
    for line in match.group(1).splitlines():
        line = line[1:]  # Debian's continuation indent
        body.append("" if line == "." else line)
    license_text = "\n".join(body).strip("\n") + "\n"
    if "SIL OPEN FONT LICENSE Version 1.1" not in license_text:
        raise SystemExit("unexpected licence text in the Debian copyright file")
    notices = []
    for job in JOBS:
        font = pick_face(NOTO_DIR / job.ttc, job.source_family, job.source_style)
        line = f"{job.out}: derived from {job.source_family} {job.source_style}, {_name(font, 0)}"
        notices.append(line + " " + (_name(font, 7) or ""))
    header = (
        "The fonts in this folder are Modified Versions of Noto Sans CJK SC and\n"
        "Noto Serif CJK SC (https://github.com/notofonts/noto-cjk).\n\n"
        + "\n".join(notices)
        + "\n\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below.\n\n"
    )
    return header + license_text


def debian_version() -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "fonts-noto-cjk"],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument(
        "--brief", action="store_true", help="build only the 简报 faces and fallbacks (BRIEF_JOBS)"
    )
    parser.add_argument(
        "--fandol",
        type=Path,
        default=FANDOL_DIR,
        help="folder of FandolFang-Regular.otf (texlive-lang-chinese)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"fonts-noto-cjk {debian_version()}")
    brief = [
        replace(job, ttc=str(args.fandol / Path(job.ttc).name)) if "Fandol" in job.ttc else job
        for job in BRIEF_JOBS
    ]
    for job in brief if args.brief else JOBS + brief:
        path = build(job, args.out)
        print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")
    if not args.brief:
        (args.out / "OFL.txt").write_text(ofl_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
