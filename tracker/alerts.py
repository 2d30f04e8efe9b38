"""Automatic findings for the dashboard and the brief's 七、存在问题 (DESIGN §6).

Each finding is one SQL query over live rows of live pairings in the scope; what comes out is
a plain ``Alert`` carrying one Chinese sentence and the ids of the rows behind it, so that a
view can list them through the table's service (``id_in=alert.row_ids``). The dashboard and
the brief print the same sentences, in the natural number style of ``tracker.formatting``
(「合计100.5万元」, 「有91名」: no thousands separators, no spaces around numbers).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from db.choices import DIRECTION
from db.models import Agreement, CadreExchange, FundTransfer
from tracker.as_of import agreement_status_at, cadre_overdue, intent_since, outstanding
from tracker.formatting import format_share, prose_money
from tracker.periods import Period, Scope, live_in_scope
from tracker.progress import IndicatorProgress, progress

if TYPE_CHECKING:
    from tracker.ledger import Ledger

FUNDS_DAYS = 30  # allocated more than this many days ago and still not arrived
INTENT_DAYS = 90  # an intention left unsigned for more than this many days


@dataclass(frozen=True)
class Alert:
    kind: str  # lagging | funds_not_arrived | cadre_overdue | intent_unsigned
    message: str  # one full Chinese sentence
    table: str | None  # the table of the rows behind it; None for lagging
    row_ids: tuple[str, ...]  # the rows behind it; empty for lagging
    indicator: str | None = None  # the indicator key, for lagging only


def alerts(
    ledger: Ledger,
    period: Period,
    scope: Scope,
    today: date | None = None,
    rows: list[IndicatorProgress] | None = None,
) -> list[Alert]:
    """Every finding for ``scope`` as of the end of ``period`` (or ``today`` if earlier):
    ``Period.as_of``, with the date rules of ``tracker.as_of``, so that records dated after
    the period never change its findings.

    ``rows``: the progress of the same period and scope, when the caller already has it.
    Order is stable: lagging indicators in indicator order, then funds, cadres, intentions.
    """
    as_of = period.as_of(today)
    rows = progress(ledger, period, scope, today) if rows is None else rows
    found = [_lagging(row) for row in rows if row.lagging]
    with ledger.read() as session:
        for check in _CHECKS:
            alert = check(session, scope, as_of)
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


def _behind(model: Any, scope: Scope, *conditions: ColumnElement[bool]) -> Select[Any]:
    """Ids of live rows of ``model`` in live pairings of ``scope`` that meet ``conditions``."""
    return live_in_scope(select(model.id), model, scope).where(*conditions)


def _funds_not_arrived(session: Session, scope: Scope, as_of: date) -> Alert | None:
    # "超过 30 天": allocated exactly 30 days before as_of is not yet over, 31 days is.
    cutoff = as_of - timedelta(days=FUNDS_DAYS)
    # The window sum puts the total on every row, so ids and total come back in one query
    # without summing amounts in Python.
    query = (
        _behind(
            FundTransfer,
            scope,
            outstanding(as_of),  # not arrived by as_of (a later arrival is "not yet")
            FundTransfer.allocated_on < cutoff,
        )
        .add_columns(func.sum(FundTransfer.amount_fen).over())
        .order_by(FundTransfer.allocated_on, FundTransfer.id)
    )
    rows = session.execute(query).all()
    if not rows:
        return None
    total = int(rows[0][1])
    message = f"有{len(rows)}笔帮扶资金已拨付超过{FUNDS_DAYS}天仍未到位，合计{prose_money(total)}。"
    return Alert("funds_not_arrived", message, "fund_transfer", tuple(r[0] for r in rows))


def _cadres_overdue(session: Session, scope: Scope, as_of: date) -> Alert | None:
    # The same people are counted as still in post on as_of (``tracker.as_of.in_post``).
    query = (
        _behind(CadreExchange, scope, cadre_overdue(as_of))
        .add_columns(CadreExchange.direction)
        .order_by(CadreExchange.end_on, CadreExchange.id)
    )
    rows = session.execute(query).all()
    if not rows:
        return None
    by_direction = Counter(direction for _, direction in rows)
    parts = "、".join(f"{label}{by_direction[code]}名" for code, label in DIRECTION.items()
                     if by_direction[code])  # fmt: skip
    message = f"有{len(rows)}名交流干部人才已超过计划结束日期仍未登记返回（{parts}）。"
    return Alert("cadre_overdue", message, "cadre_exchange", tuple(r[0] for r in rows))


def _intents_unsigned(session: Session, scope: Scope, as_of: date) -> Alert | None:
    # An intention on as_of (not signed by then, whatever happened later), known since its
    # start or since it was recorded (``tracker.as_of.intent_since``); dates compare as ISO
    # text, as they are stored.
    since = intent_since()
    cutoff = (as_of - timedelta(days=INTENT_DAYS)).isoformat()
    query = _behind(
        Agreement, scope, agreement_status_at(as_of) == "intent", since < cutoff
    ).order_by(since, Agreement.id)
    ids = tuple(session.scalars(query))
    if not ids:
        return None
    message = f"有{len(ids)}项合作意向超过{INTENT_DAYS}天仍未签约。"
    return Alert("intent_unsigned", message, "agreement", ids)


_CHECKS: tuple[Callable[[Session, Scope, date], Alert | None], ...] = (
    _funds_not_arrived,
    _cadres_overdue,
    _intents_unsigned,
)
