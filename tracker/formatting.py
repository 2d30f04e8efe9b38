"""How indicator figures read in tables, briefs and the terminal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tracker.indicators import Indicator
from tracker.money import format_wan


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
