"""同比: the brief's key figures against the same period of the previous year (DESIGN §6).

The previous period is the same span one year earlier, up to the day one year before the
brief's as-of day: for a finished period that is the same months, evaluated as of the
previous year's period end (``tracker.as_of``), so records dated after it never change the
comparison; for a period still running it is the same stretch of days, like for like.
The figures compared are the indicator actuals (the same rule code as table 1) and the funds
allocated in the period. When the previous period has no data at all there is no 同比.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from pairtrack.db.models import FundTransfer
from pairtrack.tracker.formatting import format_share
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import actuals
from pairtrack.tracker.seek import in_scope

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger


@dataclass(frozen=True)
class YearOnYear:
    """The previous year's figures for the same span."""

    start: date
    end: date  # its as-of day: one year before the brief's
    actuals: dict[str, int]  # indicator key → actual then
    allocated: int  # fen allocated then

    @property
    def has_data(self) -> bool:
        return self.allocated > 0 or any(self.actuals.values())


def year_before(day: date) -> date:
    """The same day one year earlier; the last day of a month stays the last day (29 February
    → 28 February, and 28 February of a leap year's successor → 29 February)."""
    last = calendar.monthrange(day.year, day.month)[1]
    days = calendar.monthrange(day.year - 1, day.month)[1]
    return date(day.year - 1, day.month, days if day.day == last else min(day.day, days))


def previous_period(period: Period, as_of: date) -> Period:
    """The same span of the previous year, up to one year before ``as_of``."""
    start, end = year_before(period.start), year_before(min(period.end, as_of))
    return Period(start, end, f"{start.year}年同期")


def year_on_year(ledger: Ledger, period: Period, scope: Scope, as_of: date) -> YearOnYear | None:
    """The previous year's figures for ``period`` evaluated at ``as_of``; None when that span
    holds no data in ``scope`` (then a brief says nothing about 同比)."""
    before = previous_period(period, as_of)
    # a range per pairing and kind of a covering index (``tracker.seek``)
    allocated = (
        in_scope(select(func.coalesce(func.sum(FundTransfer.amount_fen), 0)), FundTransfer, scope)
        .where(FundTransfer.allocated_on.between(before.start, before.end))
    )  # fmt: skip
    with ledger.read() as session:
        found = YearOnYear(
            before.start,
            before.end,
            actuals(ledger, before, scope),
            int(session.scalar(allocated) or 0),
        )
    return found if found.has_data else None


def change(now: int, then: int, then_text: str) -> str:
    """How a figure compares with the same period of the previous year, as a clause to follow
    the figure: 「，同比增长12.5%」, 「，同比减少20.0%」, 「，与上年同期持平」, 「，上年同期无此项」
    (nothing then), 「，上年同期为``then_text``」 (nothing now); empty when both are nothing."""
    if then == 0:
        return "，上年同期无此项" if now else ""
    if now == 0:
        return f"，上年同期为{then_text}"
    if now == then:
        return "，与上年同期持平"
    ratio = (Decimal(now) - Decimal(then)) / Decimal(then)
    shown = format_share(abs(ratio))
    if shown == "0.0%":  # a change under 0.05 % reads as none
        return "，与上年同期基本持平"
    return f"，同比{'增长' if ratio > 0 else '减少'}{shown}"
