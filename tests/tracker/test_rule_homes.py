"""Each rule has one home, and every caller agrees with it.

A rule written twice drifts: the chart coloured a bar that the table did not call lagging, the
brief counted a cadre "in post at the period end" whom its own table of active cadres left out.
Each test here pins one rule at its boundary through its home *and* through a caller, so that a
second copy that disagrees, or a change made in one place only, fails here.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from reportlab.graphics.shapes import Rect  # type: ignore[import-untyped]

import tracker
import tracker.progress as progress_module
from tracker.alerts import Alert, alerts
from tracker.brief.blocks import Chart, ChartBar, Para
from tracker.brief.chart import LAG, scale_top
from tracker.brief.chart import drawing as chart_drawing
from tracker.brief.chart import geometry as chart_geometry
from tracker.brief.chart import png as chart_png
from tracker.brief.data import BriefOptions, build_brief
from tracker.brief.sections import indicator_blocks
from tracker.indicators import INDICATORS
from tracker.ledger import Ledger
from tracker.periods import Period, Scope
from tracker.progress import LAG_MARGIN, IndicatorProgress, is_lagging

ISSUED = date(2017, 12, 5)

# --- 8. modules are named for what they hold ----------------------------------------------


TRACKER = Path(tracker.__file__).parent


def test_alerts_live_in_tracker_alerts_only() -> None:
    # A file check, not an import: the editable install could still resolve an old module.
    assert not (TRACKER / "warnings.py").exists()
    assert alerts.__module__ == Alert.__module__ == "tracker.alerts"


# --- 1. the lag rule: tracker.progress.is_lagging ------------------------------------------

ELAPSED = Decimal("0.5")
AT_MARGIN = ELAPSED - Decimal("0.05")  # exactly five points behind: not yet lagging
JUST_BEHIND = AT_MARGIN - Decimal("0.0001")


def _row(completion: Decimal, elapsed: Decimal = ELAPSED) -> IndicatorProgress:
    # A target of 10000 makes ``actual`` the completion in ten-thousandths, exactly.
    return IndicatorProgress(INDICATORS[0], 10000, int(completion * 10000), elapsed)


def _chart(*completions: Decimal, elapsed: Decimal = ELAPSED) -> Chart:
    return Chart([ChartBar(f"指标{i}", c) for i, c in enumerate(completions)], elapsed)


def _pdf_bars_lagging(chart: Chart) -> list[bool]:
    drawn = chart_drawing(chart, 400, 200, "Helvetica")
    return [shape.fillColor == LAG for shape in drawn.contents if isinstance(shape, Rect)]


def _png_bars_lagging(chart: Chart) -> list[bool]:
    """Sample each bar low down (share 0.1), below any line drawn across it."""
    width, height, scale = 400.0, 200.0, 3
    image = Image.open(io.BytesIO(chart_png(chart, width, height, scale))).convert("RGB")
    g = chart_geometry(chart, width, height)
    slot = (g["right"] - g["left"]) / len(chart.bars)
    y = g["bottom"] + float(Decimal("0.1") / scale_top(chart)) * (g["top"] - g["bottom"])
    colours = [
        image.getpixel((int((g["left"] + (i + 0.5) * slot) * scale), int((height - y) * scale)))
        for i in range(len(chart.bars))
    ]
    assert set(colours) <= {(0xC0, 0x39, 0x2B), (0x4A, 0x78, 0xB5)}, colours
    return [colour == (0xC0, 0x39, 0x2B) for colour in colours]


def test_lagging_is_more_than_five_points_behind_the_elapsed_share() -> None:
    assert Decimal("0.05") == LAG_MARGIN
    assert not is_lagging(AT_MARGIN, ELAPSED)
    assert is_lagging(JUST_BEHIND, ELAPSED)
    assert not is_lagging(None, ELAPSED)  # no target: nothing to lag behind
    assert [_row(c).lagging for c in (AT_MARGIN, JUST_BEHIND)] == [False, True]
    assert [_row(c).status for c in (AT_MARGIN, JUST_BEHIND)] == ["正常", "滞后"]


def test_both_chart_renderers_colour_exactly_the_lagging_rows() -> None:
    completions = (AT_MARGIN, JUST_BEHIND, Decimal("0.3"), Decimal("1.3"))
    expected = [_row(c).lagging for c in completions]
    assert expected == [False, True, True, False]
    assert _pdf_bars_lagging(_chart(*completions)) == expected
    assert _png_bars_lagging(_chart(*completions)) == expected


def test_the_charts_follow_the_margin_wherever_it_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    # Were a renderer to keep its own 0.05, this bar (ten points behind) would disagree.
    monkeypatch.setattr(progress_module, "LAG_MARGIN", Decimal("0.2"))
    ten_behind = ELAPSED - Decimal("0.1")
    assert not _row(ten_behind).lagging
    assert _pdf_bars_lagging(_chart(ten_behind)) == [False]
    assert _png_bars_lagging(_chart(ten_behind)) == [False]


def test_the_brief_note_states_the_margin(ledger: Ledger) -> None:
    data = build_brief(ledger, BriefOptions(Period.year(2017), Scope.everything(), "", ISSUED))
    notes = [b.text for b in indicator_blocks(data) if isinstance(b, Para)]
    assert any(f"{LAG_MARGIN * 100:.0f} 个百分点" in n for n in notes), notes
