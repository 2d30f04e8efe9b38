"""How indicator figures read in tables, briefs and the terminal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pairtrack.tracker.indicators import Indicator
from pairtrack.tracker.money import format_wan

if TYPE_CHECKING:
    from pairtrack.tracker.progress import IndicatorProgress


def format_value(indicator: Indicator, value: int | None) -> str:
    if value is None:
        return "—"
    if indicator.is_money:
        return format_wan(value, unit=False)
    return f"{value:,}"


def format_share(share: Decimal | None) -> str:
    if share is None:
        return "—"
    percent = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{percent}%"


INDICATOR_HEADERS = ("指标", "单位", "目标", "实际", "完成率", "序时进度", "状态")


def indicator_cells(row: IndicatorProgress) -> tuple[str, ...]:
    """One indicator's progress as the cells of INDICATOR_HEADERS (summary, brief, dashboard)."""
    i = row.indicator
    return (
        i.label,
        i.unit,
        format_value(i, row.target),
        format_value(i, row.actual),
        format_share(row.completion),
        format_share(row.elapsed),
        row.status,
    )


# Prose (the brief's sentences) writes numbers as published reports do: 3000万元, 2350.3万元,
# 1.2亿元, 4730人次 — no thousands separators and no trailing zeros. Tables keep the fixed
# format above, with the unit in the header.
FEN_PER_YI = 10**10  # 1亿元 = 10^8 元
FEN_PER_WAN = 10**6


def _plain(value: Decimal, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, trailing zeros dropped."""
    text = f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def prose_money(fen: int) -> str:
    """Money in a sentence: ``1.2亿元`` from 1亿元 up, ``9178万元`` / ``2350.3万元`` from 1万元,
    ``3500元`` below (two decimals at most, trailing zeros dropped)."""
    wan = _plain(Decimal(fen) / FEN_PER_WAN, 2)
    if abs(Decimal(wan)) >= FEN_PER_YI // FEN_PER_WAN:  # 9999.999万 rounds to 1亿
        return f"{_plain(Decimal(fen) / FEN_PER_YI, 2)}亿元"
    if abs(fen) >= FEN_PER_WAN or fen == 0:
        return f"{wan}万元"
    return f"{_plain(Decimal(fen) / 100, 2)}元"


def prose_value(indicator: Indicator, value: int) -> str:
    """An indicator's figure in a sentence, with its unit: ``3.5亿元``, ``67人``, ``4730人次``."""
    if indicator.is_money:
        return prose_money(value)
    return f"{value}{indicator.unit}"
