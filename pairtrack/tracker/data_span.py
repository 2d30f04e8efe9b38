"""Which years a ledger holds figures for, and so where a view opens when nothing else says.

A ledger kept for 2017 (the demo, an office's archive) opened in 2026 must not open on an
empty 2026: 总览 opens on the latest year with data, 年度目标 on the latest year with targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pairtrack.db.choices import DIRECTION
from pairtrack.db.models import Agreement, CadreExchange, FundTransfer, Target, Training

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.ledger import Ledger

# The dates on which something happened (planned ends are not events), each with the values
# of the column its index is led by, if any: a year's latest event is one step down that
# index (``_latest_before``). Grouping every row by year read the whole tables, the first
# 总览 read of a new ledger (100k records: 150 ms before its figures could be read).
EVENT_DATES: tuple[tuple[Any, tuple[Any, ...]], ...] = (
    (FundTransfer.allocated_on, ()),
    (FundTransfer.arrived_on, ()),
    (CadreExchange.start_on, tuple(CadreExchange.direction == d for d in DIRECTION)),
    (Training.start_on, ()),
    (Agreement.signed_on, ()),
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
        for column, leads in EVENT_DATES:
            for lead in leads or (None,):
                # the latest live date up to today, then the latest of each earlier year
                bound: date | None = today
                while bound is not None:
                    found = _latest_before(session, column, lead, bound)
                    if found is None:
                        break
                    if found > latest.get(found.year, date.min):
                        latest[found.year] = found
                    bound = date(found.year - 1, 12, 31) if found.year > date.min.year else None
        return DataSpan(latest, target_years(ledger))


def _latest_before(session: Session, column: Any, lead: Any, bound: date) -> date | None:
    """The latest live ``column`` on or before ``bound``: read down the index from ``bound``
    to the first row not deleted."""
    query = select(column).where(column <= bound, column.class_.deleted_at.is_(None))
    if lead is not None:
        query = query.where(lead)
    found: date | None = session.scalar(query.order_by(column.desc()).limit(1))
    return found


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
