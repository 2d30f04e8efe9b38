"""The Word copy's page and paragraph styles, set the way official documents are typed.

Fonts are named as Windows PCs know them, each with fallbacks (DESIGN §6): Word takes East
Asian text from ``w:eastAsia`` in ``w:rFonts``, so every style sets it; the document's font
table names a fallback (``w:altName``) for each, and the GB2312 character set and family, so
a PC without 仿宋_GB2312 or 方正小标宋简体 substitutes the nearest face instead of a Latin one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml as serialize_for_storage
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor


@dataclass(frozen=True)
class Face:
    name: str  # the name Word looks for first
    fallbacks: tuple[str, ...]  # in order; the first goes into the font table's w:altName
    family: str  # w:family of the font table: roman (song/fangsong/kai) or modern (hei)
    panose: str


# 仿宋 (FangSong), 楷体 (KaiTi), 黑体 (SimHei) and 宋体 (SimSun) ship with every Chinese Windows
# since Vista; 仿宋_GB2312 and 方正小标宋简体 are what offices install for official documents,
# so they come first where they exist.
BODY = Face("仿宋_GB2312", ("FangSong", "仿宋"), "modern", "02010609030101010101")
HEI = Face("黑体", ("SimHei",), "modern", "02010609060101010101")
KAI = Face("楷体", ("KaiTi",), "modern", "02010609030101010101")
TITLE = Face("方正小标宋简体", ("华文中宋", "SimSun"), "roman", "02010600010101010101")
SONG = Face("宋体", ("SimSun",), "auto", "02010600030101010101")
FACES = (BODY, HEI, KAI, TITLE, SONG)

# GB/T 9704 margins and type sizes (二号 22 pt, 三号 16 pt, 五号 10.5 pt, 小五 9 pt).
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 210 - 28 - 26
BODY_PT, TABLE_PT, SMALL_PT = 16, 10.5, 9
LINE_PT = 28  # 22 lines on the 225 mm of a page's text height, as GB/T 9704 sets them

# style name → (face, size, bold, alignment, first-line indent in characters, keep with next)
PARAGRAPH_STYLES: dict[str, tuple[Face, float, bool, str, int, bool]] = {
    "Normal": (BODY, BODY_PT, False, "justify", 2, False),
    "Title": (TITLE, 22, False, "center", 0, True),
    "Subtitle": (KAI, BODY_PT, False, "center", 0, True),
    "Heading 1": (HEI, BODY_PT, False, "justify", 2, True),  # 一、
    "Heading 2": (KAI, BODY_PT, False, "justify", 2, True),  # （一）
    "Caption": (HEI, 12, False, "center", 0, True),  # 表1 …, 图1 …, 附表1 …
    "Issued": (BODY, 14, False, "center", 0, True),  # 编印单位 and date
    "Table Heading": (HEI, TABLE_PT, False, "center", 0, True),
    "Table Text": (BODY, TABLE_PT, False, "left", 0, False),
    "Table Small": (BODY, SMALL_PT, False, "left", 0, False),
    "Figure": (BODY, BODY_PT, False, "center", 0, True),  # the paragraph holding the chart
    "Header": (SONG, 10.5, False, "center", 0, False),
    "Footer": (SONG, 12, False, "center", 0, False),
}
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
RED = RGBColor(0xB2, 0x22, 0x22)


def set_fonts(r_pr: Any, face: Face) -> None:
    """Name ``face`` for every script of a run or style: Latin, East Asian and complex."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):  # theme fonts would win over the names set here
        del fonts.attrib[key]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), face.name)
    fonts.set(qn("w:hint"), "eastAsia")


def set_page(section: Any) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = Mm(24)  # the header sits inside the 37 mm top margin
    section.footer_distance = Mm(21)  # page numbers about 7 mm below the text


def set_styles(document: Any) -> None:
    styles = document.styles
    # The defaults of the template name a Japanese theme face for East Asian text.
    defaults = styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(r_pr, BODY)
    for name, (face, size, bold, align, indent, keep) in PARAGRAPH_STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        font = style.font
        font.size, font.bold, font.italic = Pt(size), bold, False
        font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element.get_or_add_rPr(), face)
        p_format = style.paragraph_format
        p_format.alignment = ALIGN[align]
        p_format.keep_with_next = keep
        p_format.space_before = p_format.space_after = Pt(0)
        if name in ("Normal", "Heading 1", "Heading 2", "Issued"):
            p_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            p_format.line_spacing = Pt(LINE_PT)
        elif name == "Title":
            p_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            p_format.line_spacing = Pt(36)
            p_format.space_after = Pt(8)
        else:
            p_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if name == "Caption":
            p_format.space_before, p_format.space_after = Pt(6), Pt(3)
        # First-line indent in characters (w:firstLineChars, as Chinese Word sets it), and
        # its width for programs that read only that.
        p_format.first_line_indent = Pt(indent * size)
        style.element.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(indent * 100))
    _font_table(document)


def _font_table(document: Any) -> None:
    """Declare each face with its fallback and the GB2312 character set in fontTable.xml."""
    part = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    table = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for face in FACES:
        for name, alt in ((face.name, face.fallbacks[0]), *((f, None) for f in face.fallbacks)):
            if name in known:
                continue
            known.add(name)
            entry = parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}">'
                + (f'<w:altName w:val="{alt}"/>' if alt else "")
                + f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="86"/>'
                + f'<w:family w:val="{face.family}"/><w:pitch w:val="fixed"/>'
                + "</w:font>"
            )
            table.append(entry)
    part._blob = serialize_for_storage(table)
