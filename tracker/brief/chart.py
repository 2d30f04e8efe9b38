"""The completion bar chart: as reportlab graphics for the PDF, as a PNG for the .docx.

reportlab's own PNG renderer (renderPM) needs the optional rlPyCairo backend, which is not
installed; Pillow comes with reportlab anyway, so the PNG is drawn with it from the same
geometry and the same bundled font.
"""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]

from resources import resource
from tracker.brief.blocks import Chart
from tracker.formatting import format_share
from tracker.progress import is_lagging

BAR = colors.HexColor("#4a78b5")
LAG = colors.HexColor("#c0392b")
AXIS = colors.HexColor("#555555")
GRID = colors.HexColor("#dddddd")


def scale_top(chart: Chart) -> Decimal:
    """The axis maximum: 120%, or the largest completion rounded up to the next 20%."""
    top = max([Decimal("1.2"), *(b.completion for b in chart.bars if b.completion is not None)])
    steps = -(-top * 5 // 1)  # ceiling of top / 0.2
    return Decimal(steps) / 5


def geometry(chart: Chart, width: float, height: float) -> dict[str, float]:
    return {"left": 36.0, "bottom": 30.0, "right": width - 8, "top": height - 20}


def drawing(chart: Chart, width: float, height: float, font: str) -> Drawing:
    g = geometry(chart, width, height)
    top = scale_top(chart)
    d = Drawing(width, height)
    # The renderer starts each drawing in its default font (Helvetica) unless told otherwise,
    # which would put a non-embedded font in the PDF.
    d.initialFontName, d.initialFontSize = font, 7
    span = g["top"] - g["bottom"]

    def y_of(share: Decimal) -> float:
        return g["bottom"] + float(share / top) * span  # a drawing position on the page

    tick = Decimal(0)
    while tick <= top:
        y = y_of(tick)
        d.add(Line(g["left"], y, g["right"], y, strokeColor=GRID, strokeWidth=0.5))
        d.add(String(g["left"] - 4, y - 3, f"{int(tick * 100)}%", fontName=font,
                     fontSize=7, fillColor=AXIS, textAnchor="end"))  # fmt: skip
        tick += Decimal("0.2")
    n = max(1, len(chart.bars))
    slot = (g["right"] - g["left"]) / n
    for i, bar in enumerate(chart.bars):
        x = g["left"] + i * slot
        d.add(String(x + slot / 2, g["bottom"] - 12, bar.label, fontName=font, fontSize=7.5,
                     fillColor=colors.black, textAnchor="middle"))  # fmt: skip
        if bar.completion is None:
            d.add(String(x + slot / 2, g["bottom"] + 3, "未设目标", fontName=font, fontSize=6.5,
                         fillColor=AXIS, textAnchor="middle"))  # fmt: skip
            continue
        lagging = is_lagging(bar.completion, chart.elapsed)
        h = y_of(min(bar.completion, top)) - g["bottom"]
        d.add(Rect(x + slot * 0.2, g["bottom"], slot * 0.6, h, fillColor=LAG if lagging else BAR,
                   strokeColor=None))  # fmt: skip
        d.add(String(x + slot / 2, g["bottom"] + h + 3, format_share(bar.completion),
                     fontName=font, fontSize=7, textAnchor="middle"))  # fmt: skip
    y = y_of(chart.elapsed)
    d.add(Line(g["left"], y, g["right"], y, strokeColor=LAG, strokeWidth=1, strokeDashArray=[4, 2]))
    # The legend sits above the plot, where no bar label can run into it.
    legend = height - 6
    d.add(Line(g["right"] - 92, legend + 2, g["right"] - 72, legend + 2, strokeColor=LAG,
               strokeWidth=1, strokeDashArray=[4, 2]))  # fmt: skip
    d.add(String(g["right"], legend, f"序时进度 {format_share(chart.elapsed)}", fontName=font,
                 fontSize=7, fillColor=LAG, textAnchor="end"))  # fmt: skip
    d.add(Line(g["left"], g["bottom"], g["right"], g["bottom"], strokeColor=AXIS, strokeWidth=0.8))
    return d


def png(chart: Chart, width: float, height: float, scale: int = 3) -> bytes:
    """The same chart as a PNG, ``scale`` pixels per point, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    g = geometry(chart, width, height)
    top = scale_top(chart)
    image = Image.new("RGB", (int(width * scale), int(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    path = str(resource("fonts", "PairTrackSansSC-Regular.ttf"))
    fonts: dict[float, ImageFont.FreeTypeFont] = {}

    def font(size: float) -> ImageFont.FreeTypeFont:
        if size not in fonts:
            fonts[size] = ImageFont.truetype(path, int(size * scale))
        return fonts[size]

    def pt(x: float, y: float) -> tuple[float, float]:  # reportlab y runs upwards
        return x * scale, (height - y) * scale

    def text(x: float, y: float, s: str, size: float, fill: str, anchor: str) -> None:
        draw.text(pt(x, y), s, font=font(size), fill=fill, anchor=anchor)

    span = g["top"] - g["bottom"]

    def y_of(share: Decimal) -> float:
        return g["bottom"] + float(share / top) * span

    tick = Decimal(0)
    while tick <= top:
        y = y_of(tick)
        draw.line([pt(g["left"], y), pt(g["right"], y)], fill="#dddddd", width=max(1, scale // 2))
        text(g["left"] - 4, y, f"{int(tick * 100)}%", 7, "#555555", "rm")
        tick += Decimal("0.2")
    slot = (g["right"] - g["left"]) / max(1, len(chart.bars))
    for i, bar in enumerate(chart.bars):
        x = g["left"] + i * slot
        text(x + slot / 2, g["bottom"] - 6, bar.label, 7.5, "black", "mt")
        if bar.completion is None:
            text(x + slot / 2, g["bottom"] + 3, "未设目标", 6.5, "#555555", "mb")
            continue
        lagging = is_lagging(bar.completion, chart.elapsed)
        h = y_of(min(bar.completion, top)) - g["bottom"]
        box = [pt(x + slot * 0.2, g["bottom"] + h), pt(x + slot * 0.8, g["bottom"])]
        draw.rectangle(box, fill="#c0392b" if lagging else "#4a78b5")
        text(x + slot / 2, g["bottom"] + h + 3, format_share(bar.completion), 7, "black", "mb")
    y = y_of(chart.elapsed)
    x = g["left"]
    while x < g["right"]:  # dashed: Pillow has no dash pattern
        draw.line([pt(x, y), pt(min(x + 4, g["right"]), y)], fill="#c0392b", width=scale)
        x += 6
    legend = height - 6
    draw.line(
        [pt(g["right"] - 92, legend + 2), pt(g["right"] - 72, legend + 2)],
        fill="#c0392b",
        width=scale,
    )
    text(g["right"], legend, f"序时进度 {format_share(chart.elapsed)}", 7, "#c0392b", "rb")
    draw.line(
        [pt(g["left"], g["bottom"]), pt(g["right"], g["bottom"])], fill="#555555", width=scale
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
