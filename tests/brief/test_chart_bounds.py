"""The completion chart is bounded for any value (DESIGN §6, issue 12): a 1 分 target with a
normal actual gives billions of %, and the brief must still draw in bounded space and time."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from sqlalchemy import text

from pairtrack.tracker.brief.blocks import Chart, ChartBar
from pairtrack.tracker.brief.chart import (
    CAP,
    FONT,
    MAX_TICKS,
    MIN_LABEL,
    layout,
    png,
    scale,
    share_label,
)
from pairtrack.tracker.ledger import Ledger
from tests import engines

ROOT = Path(__file__).resolve().parents[2]
shares = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=3, places=3),
    st.integers(min_value=0, max_value=2**80).map(Decimal),
)


def chart(*values: Decimal | None, elapsed: str = "0.5") -> Chart:
    return Chart([ChartBar(f"指标{i}", v) for i, v in enumerate(values)], Decimal(elapsed))


def test_axis_maximum_is_rounded_up_not_down() -> None:
    top, step = scale(chart(Decimal("1.5")))
    assert top >= Decimal("1.5") and top % step == 0  # the 150 % bar was drawn at 140 %
    assert scale(chart(Decimal("0.9")))[0] == Decimal("1.2")
    assert scale(chart(Decimal("1.21")))[0] == Decimal("1.4")


def test_bar_above_the_cap_is_clipped_with_its_true_value() -> None:
    g = layout(chart(Decimal(60_000_000), Decimal("0.8")), 440, 200)
    assert scale(chart(Decimal(60_000_000)))[0] == CAP
    assert g.bars[0].clipped and not g.bars[1].clipped
    assert g.bars[0].height == g.top - g.bottom  # drawn to the top, not beyond
    labels = [t.text for t in g.texts]
    assert "60亿%" not in labels and "6000000000.0%" not in labels
    assert share_label(Decimal(60_000_000)) == "60.0亿%" and "60.0亿%" in labels


@settings(max_examples=60, deadline=None)
@given(st.lists(shares, min_size=1, max_size=12), st.decimals(min_value=0, max_value=1, places=3))
def test_layout_is_bounded_and_labels_do_not_collide(
    values: list[Decimal | None], elapsed: Decimal
) -> None:
    c = Chart([ChartBar(f"指标{i}", v) for i, v in enumerate(values)], elapsed)
    width, height = 440.0, 200.0
    g = layout(c, width, height)
    assert len(g.ticks) <= MAX_TICKS + 1
    assert len(g.texts) == 2 * len(values)  # a name and a value (or 未设目标) per bar
    slot = (g.right - g.left) / len(values)
    for bar in g.bars:
        assert 0 <= bar.height <= g.top - g.bottom + 1e-6
    values_texts = [t for t in g.texts if t.y > g.bottom]
    for t in values_texts:
        assert t.size >= MIN_LABEL
        # the label fits its slot (or is at the smallest size and short: 万/亿/×10^)
        assert stringWidth(t.text, FONT, t.size) <= slot or len(t.text) <= 12
        # the 序时进度 line never strikes through a label's glyphs
        assert not (t.y - 1 < g.elapsed_y < t.y + t.size * 0.8), (t, g.elapsed_y)
        assert t.y + t.size <= height
    # value labels of neighbouring bars do not overlap
    for a, b in pairwise(values_texts):
        wa = stringWidth(a.text, FONT, a.size) / 2
        wb = stringWidth(b.text, FONT, b.size) / 2
        assert a.x + wa <= b.x - wb + 1 or abs(a.y - b.y) > a.size


def test_png_of_an_absurd_chart_is_drawn() -> None:
    data = png(chart(Decimal(2**53), Decimal(10) ** 30, None, Decimal("0.823")), 440, 200)
    assert data.startswith(b"\x89PNG") and len(data) < 200_000


def test_brief_with_1_fen_targets_and_huge_actuals_finishes(
    demo: Ledger, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Before: one axis tick per 20 % up to 6,000,000,000 %: the PDF never finished (3.5 GB)."""
    db = engines.copy_of(demo, tmp_path)  # the demo is shared by the module: not changed
    request.addfinalizer(lambda: engines.drop_database(db))
    copy = Ledger.open(db)
    with copy.write() as session:
        session.execute(text("UPDATE target SET value = 1"))
        session.execute(text("UPDATE fund_transfer SET amount_fen = :huge"), {"huge": 2**53})
    copy.close()
    for out in (tmp_path / "huge.pdf", tmp_path / "huge.docx"):  # the .docx draws the PNG
        done = subprocess.run(
            [sys.executable, "main.py", "--db", str(db), "brief", "--year", "2017",
             "--month", "12", "-o", str(out)],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert 0 < out.stat().st_size < 2_000_000
