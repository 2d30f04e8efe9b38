"""The PDF brief's page and type (GB/T 9704), shared by the page layout and its tables."""

from __future__ import annotations

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from pairtrack.tracker.brief.typeset import TextStyle

TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
WIDTH = A4[0] - LEFT - RIGHT
RED = colors.HexColor("#b22222")
GREY = colors.HexColor("#444444")
# GB/T 9704: body 3号 (16 pt) 仿宋, 22 lines of 28 characters on the type area.
BODY, LEADING = 16.0, (A4[1] - TOP - BOTTOM) / 22

STYLES = {
    # 2号 小标宋 title, the period under it in 3号 楷体.
    "title": TextStyle("title", 22, 34, align="center", space_after=6),
    "subtitle": TextStyle("kai", BODY, LEADING, align="center"),
    "issued": TextStyle("fang", 14, 24, align="center", space_after=12),
    "h1": TextStyle("hei", BODY, LEADING, keep_with_next=True, space_before=4),
    "h2": TextStyle("kai", BODY, LEADING, indent=2 * BODY, keep_with_next=True),
    "caption": TextStyle(
        "hei", 12, 20, align="center", keep_with_next=True, space_before=6, space_after=3
    ),
    "body": TextStyle("fang", BODY, LEADING, indent=2 * BODY),
    "cell": TextStyle("fang", 10.5, 14, align="left"),
    "cell_right": TextStyle("fang", 10.5, 14, align="right"),
    "cell_bold": TextStyle("hei", 10.5, 14, align="left"),
    "cell_right_bold": TextStyle("hei", 10.5, 14, align="right"),
    "head": TextStyle("hei", 10.5, 14, align="center"),
    "small": TextStyle("fang", 9, 12, align="left"),
    "small_right": TextStyle("fang", 9, 12, align="right"),
    "small_bold": TextStyle("hei", 9, 12, align="left"),
    "small_right_bold": TextStyle("hei", 9, 12, align="right"),
    "note": TextStyle("fang", 10.5, 15),
    "chart_caption": TextStyle("hei", 10.5, 16, align="center"),
    "distribution": TextStyle("fang", 14, 22),  # 版记: 4号 仿宋
}
