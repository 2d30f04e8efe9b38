"""The Word copy read back with python-docx: styles and their Windows fonts (w:eastAsia, with
fallbacks in the font table), A4 and the GB/T 9704 margins, column widths from content, rows
that do not split, repeated header rows, keep-with-next, the chart's margin and the footer's
PAGE / NUMPAGES fields."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from PIL import Image

from pairtrack.tracker.brief import build_brief, render_docx
from pairtrack.tracker.brief.blocks import Document, Heading, Para, Table
from pairtrack.tracker.brief.docx import write_document
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from tests.brief.conftest import options

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def demo_docx(demo: Ledger, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "brief.docx"
    render_docx(build_brief(demo, options(demo, Period.through_month(2017, 12))), out)
    return out


def east_asia(style: Any) -> str:
    return str(style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")))


def test_styles_name_windows_fonts_for_chinese(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    styles = document.styles
    assert east_asia(styles["Normal"]) == "仿宋_GB2312"
    assert east_asia(styles["Title"]) == "方正小标宋简体"
    assert east_asia(styles["Heading 1"]) == "黑体"
    assert east_asia(styles["Heading 2"]) == "楷体"
    assert styles["Normal"].font.size.pt == 16  # 三号
    assert styles["Title"].font.size.pt == 22  # 二号
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert not any("Theme" in key for key in fonts.attrib), "a theme font would win"
    # the document's defaults no longer name the template's Japanese theme face
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    for name in ("Title", "Heading 1", "Heading 2", "Caption"):
        assert styles[name].paragraph_format.keep_with_next, name

    used = {(p.style.name, p.text) for p in document.paragraphs}
    assert ("Heading 1", "一、总体情况") in used
    assert ("Caption", "表1  主要指标完成情况") in used
    assert any(s == "Title" and "进展简报" in t for s, t in used)


def test_font_table_names_fallbacks_in_the_gb2312_character_set(demo_docx: Path) -> None:
    with zipfile.ZipFile(demo_docx) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    fonts = {f.get(f"{W}name"): f for f in table.findall(f"{W}font")}

    def alt(name: str) -> str | None:
        found = fonts[name].find(f"{W}altName")
        return None if found is None else found.get(f"{W}val")

    assert alt("仿宋_GB2312") == "FangSong"
    assert alt("黑体") == "SimHei"
    assert alt("楷体") == "KaiTi"
    assert alt("方正小标宋简体") == "华文中宋"
    assert "SimSun" in fonts and "华文中宋" in fonts
    for name in ("仿宋_GB2312", "FangSong", "黑体", "楷体", "方正小标宋简体", "华文中宋"):
        assert fonts[name].find(f"{W}charset").get(f"{W}val") == "86", name


def test_page_is_a4_with_official_margins(demo_docx: Path) -> None:
    section = docx.Document(str(demo_docx)).sections[0]
    sizes = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in sizes.items():  # stored in twips: within a twip of the millimetres
        assert getattr(section, name).mm == pytest.approx(mm, abs=0.02), name


def test_footer_counts_pages_with_fields(demo_docx: Path) -> None:
    footer = docx.Document(str(demo_docx)).sections[0].footer
    xml = footer._element
    codes = [t.text.split()[0] for t in xml.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    kinds = [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    text = "".join(t.text for t in xml.iter(qn("w:t")))
    assert text == "第 1 页 共 1 页"  # the fields' shown results before Word updates them


def widths_mm(table: Any) -> list[float]:
    return [c.width.mm for c in table.columns]


def test_column_widths_follow_content(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    text_width = 210 - 28 - 26
    for table in document.tables:
        widths = widths_mm(table)
        assert sum(widths) == pytest.approx(text_width, abs=0.5)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:  # each cell carries its column's width
            cells = row._tr.findall(qn("w:tc"))
            twips = [int(c.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for c in cells]
            assert twips == [round(w * 1440 / 25.4) for w in widths]
    indicators = document.tables[0]
    widths = dict(
        zip([c.text for c in indicators.rows[0].cells], widths_mm(indicators), strict=True)
    )
    # the long indicator names get room; the unit column (人, 万元) stays narrow
    assert widths["指标"] > 2 * widths["单位"]
    assert len({round(w) for w in widths.values()}) > 2, "not equal widths"


def test_rows_do_not_split_and_headers_repeat(demo_docx: Path) -> None:
    for table in docx.Document(str(demo_docx)).tables:
        rows = table._tbl.findall(qn("w:tr"))
        for i, row in enumerate(rows):
            properties = row.find(qn("w:trPr"))
            assert properties.find(qn("w:cantSplit")) is not None
            assert (properties.find(qn("w:tblHeader")) is not None) == (i == 0)


def keeps(row: Any) -> bool:
    return all(p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None for p in row.iter(qn("w:p")))


def write(blocks: list[Any], path: Path, **kw: Any) -> Any:
    write_document(
        Document("标题（期间）", "范围", "编印", "页眉", "主题", "作者", blocks), path, **kw
    )
    return docx.Document(str(path))


def test_the_row_before_a_total_and_before_a_note_keep_with_next(tmp_path: Path) -> None:
    rows = [(f"第{i}行", f"{i}") for i in range(30)] + [("合计", "435")]
    document = write(
        [
            Heading("表2  示例", 2),
            Table(("名称", "数"), rows, (0.5, 0.5), right=frozenset({1}), total=True),
            Table(("名称", "数"), rows[:3], (0.5, 0.5)),
            Para("注：说明文字。"),
        ],
        tmp_path / "keep.docx",
    )
    first, second = (t._tbl.findall(qn("w:tr")) for t in document.tables)
    assert keeps(first[0])  # the header row stays with the first row
    assert keeps(first[-2])  # the row before 合计 goes to the next page with it
    assert not keeps(first[-3]) and not keeps(first[-1])
    total = first[-1].find(qn("w:tc")).find(qn("w:p")).find(qn("w:r"))
    assert total.find(qn("w:rPr")).find(qn("w:b")) is not None
    assert keeps(second[-1])  # the table's last row stays with its 注
    assert not keeps(second[-2])
    right = first[1].findall(qn("w:tc"))[1].find(qn("w:p")).find(qn("w:pPr")).find(qn("w:jc"))
    assert right.get(qn("w:val")) == "right"


def test_second_level_headings_use_heading_2(tmp_path: Path) -> None:
    document = write(
        [Heading("一、总体情况"), Heading("（一）资金", 2), Heading("表1  资金", 2)],
        tmp_path / "h.docx",
    )
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "一、总体情况") in styles
    assert ("Heading 2", "（一）资金") in styles
    assert ("Caption", "表1  资金") in styles


def test_typed_text_stays_literal(tmp_path: Path) -> None:
    document = write([Para("<w:b/>&amp;\n第二行", literal=True)], tmp_path / "t.docx")
    texts = [p.text for p in document.paragraphs]
    assert "<w:b/>&amp;" in texts and "第二行" in texts
    table = write(
        [Table(("名称", "数"), [("<b>&\n下一行", "1")], (0.5, 0.5))], tmp_path / "t2.docx"
    ).tables[0]
    assert table.rows[1].cells[0].text == "<b>&\n下一行"


def test_chart_has_a_white_margin(demo_docx: Path) -> None:
    document = docx.Document(str(demo_docx))
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(io.BytesIO(document.part.related_parts[blob].blob)).convert("L")
    width, height = image.size
    pixels = image.load()
    edge = 12  # pixels: less than the 8 pt margin at the chart's scale
    border = [(x, y) for x in range(width) for y in (*range(edge), *range(height - edge, height))]
    border += [(x, y) for y in range(height) for x in (*range(edge), *range(width - edge, width))]
    assert all(pixels[p] > 245 for p in border), "something drawn touches the image's edge"
    shape = document.inline_shapes[0]
    assert shape.width == Mm(210 - 28 - 26)


def test_long_tables_report_progress_and_cancel(tmp_path: Path) -> None:
    rows = [(f"凭证{i}", f"{i}") for i in range(2_000)]
    seen: list[tuple[int, int]] = []
    write(
        [Table(("凭证号", "数"), rows, (0.5, 0.5))],
        tmp_path / "p.docx",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (2_000, 2_000)
    assert len(seen) >= 4 and [d for d, _ in seen] == sorted(d for d, _ in seen)
    calls = iter(range(100))
    with pytest.raises(JobCancelled):
        write(
            [Table(("凭证号", "数"), rows, (0.5, 0.5))],
            tmp_path / "c.docx",
            cancelled=lambda: next(calls) >= 2,
        )
    assert not (tmp_path / "c.docx").exists()
