"""The completion bar chart: as reportlab graphics for the PDF, as a PNG for the .docx.

One ``layout`` decides every position for both renderers, in bounded work whatever the
values (DESIGN §6: a completion of 6,000,000,000 % draws in the same space and time as 95 %):

* the axis and the labels of bars beyond it follow ``tracker.completion_axis`` (the window's
  chart uses the same rule): the largest completion rounded *up* to a tick, 120–200 %;
* a bar above the axis is drawn to the top with a white break mark and its true value as label;
* a label is shrunk (down to ``MIN_LABEL`` pt) or written with 万/亿 until it fits its slot,
  and moved above the 序时进度 line when it would be struck by it.

reportlab's own PNG renderer (renderPM) needs the optional rlPyCairo backend, which is not
installed; Pillow comes with reportlab anyway, so the PNG is drawn with it from the same
layout and the same bundled font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from pairtrack.resources import resource
from pairtrack.tracker.brief.blocks import Chart
from pairtrack.tracker.brief.fonts import register_fonts
from pairtrack.tracker.completion_axis import CAP as CAP
from pairtrack.tracker.completion_axis import MAX_TICKS as MAX_TICKS
from pairtrack.tracker.completion_axis import axis, beyond, share_label
from pairtrack.tracker.formatting import format_share
from pairtrack.tracker.progress import is_lagging

BAR = colors.HexColor("#4a78b5")
LAG = colors.HexColor("#c0392b")
AXIS = colors.HexColor("#555555")
GRID = colors.HexColor("#dddddd")
FONT = "PairTrackSans"
LABEL, MIN_LABEL = 7.0, 5.0


def scale(chart: Chart) -> tuple[Decimal, Decimal]:
    """(axis maximum, tick step): the one axis rule (``tracker.completion_axis``)."""
    return axis(b.completion for b in chart.bars)


def scale_top(chart: Chart) -> Decimal:
    return scale(chart)[0]


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline, reportlab coordinates (upwards)
    text: str
    size: float
    color: str
    anchor: str  # start | middle | end


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    height: float
    color: str
    clipped: bool


@dataclass(frozen=True)
class Layout:
    left: float
    bottom: float
    right: float
    top: float
    ticks: list[tuple[float, str]]  # (y, label)
    bars: list[Bar]
    texts: list[Text]
    elapsed_y: float
    legend: Text


def _fit(text: str, room: float) -> float:
    """The largest label size (≤ LABEL, ≥ MIN_LABEL) at which ``text`` fits ``room``."""
    width = stringWidth(text, FONT, LABEL)
    if width <= room:
        return LABEL
    return max(MIN_LABEL, LABEL * room / width)


def layout(chart: Chart, width: float, height: float) -> Layout:
    register_fonts()
    left, bottom, right, top = 36.0, 30.0, width - 8, height - 22
    axis_top, step = scale(chart)
    span = top - bottom

    def y_of(share: Decimal) -> float:
        return bottom + float(min(share, axis_top) / axis_top) * span

    ticks = []
    for k in range(int(axis_top / step) + 1):
        tick = step * k
        ticks.append((y_of(tick), f"{(tick * 100).normalize():f}%"))
    elapsed_y = y_of(chart.elapsed)
    n = max(1, len(chart.bars))
    slot = (right - left) / n
    bars: list[Bar] = []
    texts: list[Text] = []
    for i, bar in enumerate(chart.bars):
        x = left + i * slot
        centre = x + slot / 2
        name_size = _fit(bar.label, slot * 0.96) + 0.5
        texts.append(Text(centre, bottom - 12, bar.label, name_size, "#000000", "middle"))
        if bar.completion is None:
            base = bottom + 3
            if base - 2 < elapsed_y < base + 6.5:
                base = elapsed_y + 2.5
            texts.append(Text(centre, base, "未设目标", 6.5, "#555555", "middle"))
            continue
        lagging = is_lagging(bar.completion, chart.elapsed)
        clipped = beyond(bar.completion, axis_top)
        h = max(0.0, y_of(max(bar.completion, Decimal(0))) - bottom)
        bars.append(
            Bar(x + slot * 0.2, slot * 0.6, h, "#c0392b" if lagging else "#4a78b5", clipped)
        )
        label = share_label(bar.completion)
        size = _fit(label, slot * 0.96)
        base = bottom + h + 3
        # Never struck by the 序时进度 line: a label whose glyphs would cross it goes above.
        if base - 2 < elapsed_y < base + size:
            base = elapsed_y + 2.5
        texts.append(Text(centre, base, label, size, "#000000", "middle"))
    legend = Text(right, height - 8, f"序时进度 {format_share(chart.elapsed)}", 7, "#c0392b", "end")
    return Layout(left, bottom, right, top, ticks, bars, texts, elapsed_y, legend)


def geometry(chart: Chart, width: float, height: float) -> dict[str, float]:
    """The plot area (left, bottom, right, top) of ``layout``, for callers that only need it."""
    g = layout(chart, width, height)
    return {"left": g.left, "bottom": g.bottom, "right": g.right, "top": g.top}


def drawing(chart: Chart, width: float, height: float, font: str = FONT) -> Drawing:
    g = layout(chart, width, height)
    d = Drawing(width, height)
    # The renderer starts each drawing in its default font (Helvetica) unless told otherwise,
    # which would put a non-embedded font in the PDF.
    d.initialFontName, d.initialFontSize = FONT, 7
    for y, label in g.ticks:
        d.add(Line(g.left, y, g.right, y, strokeColor=GRID, strokeWidth=0.5))
        d.add(
            String(
                g.left - 4,
                y - 2.5,
                label,
                fontName=FONT,
                fontSize=7,
                fillColor=AXIS,
                textAnchor="end",
            )
        )
    for bar in g.bars:
        fill = colors.HexColor(bar.color)
        d.add(Rect(bar.x, g.bottom, bar.width, bar.height, fillColor=fill, strokeColor=None))
        if bar.clipped:  # a white break across the top of a bar taller than the axis
            y = g.bottom + bar.height * 0.9
            d.add(Rect(bar.x - 1, y, bar.width + 2, 3, fillColor=colors.white, strokeColor=None))
    y = g.elapsed_y
    d.add(Line(g.left, y, g.right, y, strokeColor=LAG, strokeWidth=1, strokeDashArray=[4, 2]))
    for t in [*g.texts, g.legend]:
        d.add(
            String(
                t.x,
                t.y,
                t.text,
                fontName=FONT,
                fontSize=t.size,
                fillColor=colors.HexColor(t.color),
                textAnchor=t.anchor,
            )
        )
    # The legend sits above the plot, where no bar label can run into it.
    lx = g.right - stringWidth(g.legend.text, FONT, 7) - 4
    d.add(
        Line(
            lx - 20,
            g.legend.y + 2,
            lx,
            g.legend.y + 2,
            strokeColor=LAG,
            strokeWidth=1,
            strokeDashArray=[4, 2],
        )
    )
    d.add(Line(g.left, g.bottom, g.right, g.bottom, strokeColor=AXIS, strokeWidth=0.8))
    return d


def png(chart: Chart, width: float, height: float, scale: int = 3) -> bytes:
    """The same chart as a PNG, ``scale`` pixels per point, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    g = layout(chart, width, height)
    image = Image.new("RGB", (int(width * scale), int(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    path = str(resource("fonts", "PairTrackSansSC-Regular.ttf"))
    fonts: dict[float, ImageFont.FreeTypeFont] = {}

    def font(size: float) -> ImageFont.FreeTypeFont:
        if size not in fonts:
            fonts[size] = ImageFont.truetype(path, max(1, round(size * scale)))
        return fonts[size]

    def pt(x: float, y: float) -> tuple[float, float]:  # reportlab y runs upwards
        return x * scale, (height - y) * scale

    anchors = {"start": "ls", "middle": "ms", "end": "rs"}

    def text(t: Text) -> None:
        draw.text(pt(t.x, t.y), t.text, font=font(t.size), fill=t.color, anchor=anchors[t.anchor])

    for y, label in g.ticks:
        draw.line([pt(g.left, y), pt(g.right, y)], fill="#dddddd", width=max(1, scale // 2))
        text(Text(g.left - 4, y - 2.5, label, 7, "#555555", "end"))
    for bar in g.bars:
        draw.rectangle(
            [pt(bar.x, g.bottom + bar.height), pt(bar.x + bar.width, g.bottom)], fill=bar.color
        )
        if bar.clipped:
            y = g.bottom + bar.height * 0.9
            draw.rectangle([pt(bar.x - 1, y + 3), pt(bar.x + bar.width + 1, y)], fill="white")
    x = g.left
    while x < g.right:  # dashed: Pillow has no dash pattern; (right - left) / 6 dashes at most
        draw.line(
            [pt(x, g.elapsed_y), pt(min(x + 4, g.right), g.elapsed_y)], fill="#c0392b", width=scale
        )
        x += 6
    for t in [*g.texts, g.legend]:
        text(t)
    lx = g.right - stringWidth(g.legend.text, FONT, 7) - 4
    draw.line([pt(lx - 20, g.legend.y + 2), pt(lx, g.legend.y + 2)], fill="#c0392b", width=scale)
    draw.line([pt(g.left, g.bottom), pt(g.right, g.bottom)], fill="#555555", width=scale)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
