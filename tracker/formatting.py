"""How indicator figures read in tables, briefs and the terminal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from tracker.indicators import Indicator
from tracker.money import format_wan

if TYPE_CHECKING:
    from tracker.progress import IndicatorProgress


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
