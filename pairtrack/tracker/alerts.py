"""Automatic findings for the dashboard and the brief's 七、存在问题 (DESIGN §6).

Each finding is an aggregate over live rows of live pairings in the scope; what comes out is
a plain ``Alert`` carrying one Chinese sentence and, when asked for, the ids of the rows
behind it, so that a view can list them through the table's service
(``id_in=alert.row_ids``). The dashboard and the brief print the same sentences, in the
natural number style of ``tracker.formatting`` (「合计100.5万元」, 「有91名」: no thousands
separators, no spaces around numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pairtrack.db.choices import DIRECTION
from pairtrack.db.models import Agreement, CadreExchange, FundTransfer
from pairtrack.tracker.as_of import agreement_status_at, cadre_overdue, intent_since, outstanding
from pairtrack.tracker.formatting import format_share, prose_money
from pairtrack.tracker.periods import Period, Scope, live_in_scope
from pairtrack.tracker.progress import IndicatorProgress, progress
from pairtrack.tracker.seek import in_scope

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

FUNDS_DAYS = 30  # allocated more than this many days ago and still not arrived
INTENT_DAYS = 90  # an intention left unsigned for more than this many days


@dataclass(frozen=True)
class Alert:
    kind: str  # lagging | funds_not_arrived | cadre_overdue | intent_unsigned
    message: str  # one full Chinese sentence
    table: str | None  # the table of the rows behind it; None for lagging
    row_ids: tuple[str, ...]  # the rows behind it; empty for lagging, or when not asked for
    indicator: str | None = None  # the indicator key, for lagging only


def alerts(
    ledger: Ledger,
    period: Period,
    scope: Scope,
    today: date | None = None,
    rows: list[IndicatorProgress] | None = None,
    *,
    ids: bool = True,
) -> list[Alert]:
    """Every finding for ``scope`` as of the end of ``period`` (or ``today`` if earlier):
    ``Period.as_of``, with the date rules of ``tracker.as_of``, so that records dated after
    the period never change its findings.

    ``rows``: the progress of the same period and scope, when the caller already has it.
    ``ids``: also list the rows behind each finding (``Alert.row_ids``), for a view that opens
    them; the brief prints only the sentences, which need counts and sums alone (fetching
    every id costs more than the rest of the finding on a large ledger).
    Order is stable: lagging indicators in indicator order, then funds, cadres, intentions.
    """
    as_of = period.as_of(today)
    rows = progress(ledger, period, scope, today) if rows is None else rows
    found = [_lagging(row) for row in rows if row.lagging]
    with ledger.read() as session:
        for check in _CHECKS:
            alert = check(session, scope, as_of, ids)
            if alert is not None:
                found.append(alert)
    return found


def _lagging(row: IndicatorProgress) -> Alert:
    # 「完成培训指标完成率为92.9%」, never 「完成培训完成 92.9%」 (the label may itself say 完成)
    message = (
        f"{row.indicator.label}指标完成率为{format_share(row.completion)}，"
        f"低于序时进度{format_share(row.elapsed)}，进度滞后。"
    )
    return Alert("lagging", message, None, (), row.indicator.key)


def _row_ids(
    session: Session, model: Any, scope: Scope, where: tuple[Any, ...], order: tuple[Any, ...]
) -> tuple[str, ...]:
    """Ids of live rows of ``model`` in live pairings of ``scope`` that meet ``where``."""
    query = live_in_scope(select(model.id), model, scope).where(*where).order_by(*order)
    return tuple(session.scalars(query))


def _funds_not_arrived(session: Session, scope: Scope, as_of: date, ids: bool) -> Alert | None:
    # "超过 30 天": allocated exactly 30 days before as_of is not yet over, 31 days is.
    cutoff = as_of - timedelta(days=FUNDS_DAYS)
    # not arrived by as_of (a later arrival is "not yet")
    where = (outstanding(as_of), FundTransfer.allocated_on < cutoff)
    # a range read per pairing and kind of a covering index (``tracker.seek``)
    totals = in_scope(
        select(func.count(), func.sum(FundTransfer.amount_fen)), FundTransfer, scope
    ).where(*where)
    count, total = session.execute(totals).one()
    if not count:
        return None
    message = (
        f"有{count}笔帮扶资金已拨付超过{FUNDS_DAYS}天仍未到位，合计{prose_money(int(total))}。"
    )
    order = (FundTransfer.allocated_on, FundTransfer.id)
    row_ids = _row_ids(session, FundTransfer, scope, where, order) if ids else ()
    return Alert("funds_not_arrived", message, "fund_transfer", row_ids)


def _cadres_overdue(session: Session, scope: Scope, as_of: date, ids: bool) -> Alert | None:
    # The same people are counted as still in post on as_of (``tracker.as_of.in_post``).
    where = (cadre_overdue(as_of),)
    # One sum per direction rather than GROUP BY direction, so that SQLite reads the range of
    # the covering index led by the planned end (ix_cadre_exchange_overdue_covering) instead
    # of every row of an index in direction order.
    counts = live_in_scope(
        select(*(func.count(case((CadreExchange.direction == code, 1))) for code in DIRECTION)),
        CadreExchange,
        scope,
    ).where(*where)
    by_direction = dict(zip(DIRECTION, map(int, session.execute(counts).one()), strict=True))
    total = sum(by_direction.values())
    if not total:
        return None
    parts = "、".join(f"{label}{by_direction[code]}名" for code, label in DIRECTION.items()
                     if by_direction.get(code))  # fmt: skip
    message = f"有{total}名交流干部人才已超过计划结束日期仍未登记返回（{parts}）。"
    order = (CadreExchange.end_on, CadreExchange.id)
    row_ids = _row_ids(session, CadreExchange, scope, where, order) if ids else ()
    return Alert("cadre_overdue", message, "cadre_exchange", row_ids)


def _intents_unsigned(session: Session, scope: Scope, as_of: date, ids: bool) -> Alert | None:
    # An intention on as_of (not signed by then, whatever happened later), known since its
    # start or since it was recorded (``tracker.as_of.intent_since``); dates compare as ISO
    # text, as they are stored.
    since = intent_since()
    cutoff = (as_of - timedelta(days=INTENT_DAYS)).isoformat()
    where = (agreement_status_at(as_of) == "intent", since < cutoff)
    counted = live_in_scope(select(func.count()).select_from(Agreement), Agreement, scope)
    count = session.scalar(counted.where(*where))
    if not count:
        return None
    message = f"有{count}项合作意向超过{INTENT_DAYS}天仍未签约。"
    row_ids = _row_ids(session, Agreement, scope, where, (since, Agreement.id)) if ids else ()
    return Alert("intent_unsigned", message, "agreement", row_ids)


_CHECKS: tuple[Callable[[Session, Scope, date, bool], Alert | None], ...] = (
    _funds_not_arrived,
    _cadres_overdue,
    _intents_unsigned,
)
