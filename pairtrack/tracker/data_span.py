"""Which years a ledger holds figures for, and so where a view opens when nothing else says.

A ledger kept for 2017 (the demo, an office's archive) opened in 2026 must not open on an
empty 2026: 总览 opens on the latest year with data, 年度目标 on the latest year with targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import extract, func, select

from pairtrack.db.models import Agreement, CadreExchange, FundTransfer, Target, Training

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

# The dates on which something happened (planned ends are not events).
EVENT_DATES: tuple[Any, ...] = (
    FundTransfer.allocated_on,
    FundTransfer.arrived_on,
    CadreExchange.start_on,
    Training.start_on,
    Agreement.signed_on,
)


@dataclass(frozen=True)
class DataSpan:
    latest: dict[int, date]  # year → its latest event up to today (years without any left out)
    target_years: tuple[int, ...]  # years with live targets, ascending


def data_span(ledger: Ledger, today: date | None = None) -> DataSpan:
    """The latest event of each year (a date after ``today`` is a plan or a typo: left out)
    and the years with targets."""
    today = today or date.today()
    latest: dict[int, date] = {}
    with ledger.read() as session:
        for column in EVENT_DATES:
            year = extract("year", column)
            rows = session.execute(
                select(year, func.max(column))
                .where(column <= today, column.class_.deleted_at.is_(None))
                .group_by(year)
            )
            for found_year, found in rows:
                if found is not None and found > latest.get(int(found_year), date.min):
                    latest[int(found_year)] = found
        return DataSpan(latest, target_years(ledger))


def target_years(ledger: Ledger) -> tuple[int, ...]:
    """The years with live targets, ascending."""
    query = select(Target.year).where(Target.deleted_at.is_(None)).distinct()
    with ledger.read() as session:
        return tuple(session.scalars(query.order_by(Target.year)))


def opening_month(span: DataSpan, today: date | None = None) -> tuple[int, int]:
    """(year, month) of 总览's 截至 N 月底 when no period is remembered for the ledger.

    This year up to this month when this year has events or targets (or nothing has any);
    else the latest earlier year with targets — progress needs them — or, without targets,
    with events; through the month of that year's last event (December if it has none).
    """
    today = today or date.today()
    this = today.year
    if this in span.latest or this in span.target_years:
        return this, today.month
    earlier = [y for y in span.target_years if y < this] or list(span.latest)
    if not earlier:
        return this, today.month
    year = max(earlier)
    last = span.latest.get(year)
    return year, 12 if last is None else last.month


def opening_target_year(span: DataSpan, today: date | None = None) -> int:
    """The year 年度目标 opens on: this year if it has targets (or no year has), else the
    latest year with targets up to this one, else the first one after it."""
    this = (today or date.today()).year
    years = span.target_years
    if not years or this in years:
        return this
    earlier = [y for y in years if y < this]
    return earlier[-1] if earlier else years[0]
