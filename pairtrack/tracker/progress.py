"""Progress against targets for a scope and period, aggregated in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pairtrack.tracker.indicators import INDICATORS, Indicator
from pairtrack.tracker.periods import Period, Scope

if TYPE_CHECKING:
    from sqlalchemy import Select

    from pairtrack.tracker.ledger import Ledger

# The rows (``IndicatorProgress``) are plain values the 总览 draws before SQLAlchemy is
# loaded at start-up; the queries below import it when they are built.

LAG_MARGIN = Decimal("0.05")  # "时间过半、任务过半", with five points of slack


def is_lagging(completion: Decimal | None, elapsed: Decimal) -> bool:
    """The lag rule (DESIGN §3): completion more than ``LAG_MARGIN`` below the elapsed share.

    The one place the rule is written: the progress rows, the brief's chart (PDF and PNG) and
    its note all ask here, so a table row and its bar cannot disagree. No target, no lag.
    """
    return completion is not None and completion < elapsed - LAG_MARGIN


# A completion is shown (table, chart) up to this share and flagged beyond it: a typo such as
# a target of 1 分 gives billions of percent, which no layout should try to draw to scale.
COMPLETION_CAP = Decimal(10)  # 1000 %


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator's figures for a period and scope: plain values for any view.

    ``target``: None when no target is set; 0 is a target (met by any actual). ``completion``
    is exact (``actual / target``), None without a target or with a target of 0 (nothing to
    divide: shown as 「—」). ``shown_completion`` is the completion bounded by
    ``COMPLETION_CAP`` for drawing, ``beyond_cap`` says it was bounded.
    """

    indicator: Indicator
    target: int | None  # fen for money indicators, a count otherwise; None: no target set
    actual: int
    elapsed: Decimal  # 序时进度: share of the year gone by at the period's last day

    @property
    def has_target(self) -> bool:
        return self.target is not None

    @property
    def completion(self) -> Decimal | None:
        if not self.target:  # None (no target) or 0 (no share of nothing)
            return None
        return Decimal(self.actual) / Decimal(self.target)

    @property
    def beyond_cap(self) -> bool:
        completion = self.completion
        return completion is not None and completion > COMPLETION_CAP

    @property
    def shown_completion(self) -> Decimal | None:
        """The completion bounded to ``COMPLETION_CAP`` (the exact value stays in
        ``completion``)."""
        completion = self.completion
        return None if completion is None else min(completion, COMPLETION_CAP)

    @property
    def lagging(self) -> bool:
        return is_lagging(self.completion, self.elapsed)

    @property
    def status(self) -> str:
        if self.target is None:
            return "未设目标"
        completion = self.completion
        if completion is None or completion >= 1:  # a target of 0 is met by any actual
            return "已完成"
        return "滞后" if self.lagging else "正常"


def _behind(query: Select[Any], indicator: Indicator, period: Period, scope: Scope) -> Select[Any]:
    """``query`` narrowed to the rows an indicator's actual is made of, read as a range of a
    covering index where the table has one (``tracker.seek``)."""
    from pairtrack.tracker.seek import in_scope

    return in_scope(query, indicator.model, scope).where(
        *indicator.conditions(period.start, period.end)
    )


def actual_query(indicator: Indicator, period: Period, scope: Scope) -> Select[Any]:
    from sqlalchemy import func, select

    query = select(func.coalesce(func.sum(indicator.value()), 0)).select_from(indicator.model)
    return _behind(query, indicator, period, scope)


@dataclass(frozen=True)
class RowsBehind:
    """The rows an indicator's actual is made of, usable as a filter of its table's service."""

    indicator: Indicator
    period: Period
    scope: Scope

    @property
    def table(self) -> str:
        return str(self.indicator.model.__tablename__)

    @property
    def label(self) -> str:
        return f"{self.indicator.label} · {self.period.label} · {self.scope.label}"

    def id_query(self) -> Select[Any]:
        from sqlalchemy import select

        return _behind(select(self.indicator.model.id), self.indicator, self.period, self.scope)


def actuals_by_pairing(
    ledger: Ledger, indicator: Indicator, period: Period, scope: Scope
) -> dict[str, int]:
    """Pairing id → actual, for the breakdown tables of briefs and the dashboard."""
    pairing = indicator.model.pairing_id
    query = actual_query(indicator, period, scope).add_columns(pairing).group_by(pairing)
    with ledger.read() as session:
        return {pid: int(value) for value, pid in session.execute(query)}


def targets_query(period: Period, scope: Scope) -> Select[str, int]:
    from sqlalchemy import func, select

    from pairtrack.db.models import Target
    from pairtrack.tracker.periods import live_in_scope

    return (
        live_in_scope(select(Target.indicator, func.sum(Target.value)), Target, scope)
        .where(Target.year.in_(list(period.years)))
        .group_by(Target.indicator)
    )


def actuals(ledger: Ledger, period: Period, scope: Scope) -> dict[str, int]:
    """Indicator key → actual, in one statement: a subquery per indicator, each a range read
    of a covering index (``tracker.seek``) that visits only that indicator's rows. (One
    query per table summing each indicator under CASE reads every row of the table's
    indicators for each of them; measured, it also made SQLite split the OR of the conditions
    into row lookups: 1.6× slower.)"""
    from sqlalchemy import select

    query = select(
        *(actual_query(i, period, scope).scalar_subquery().label(i.key) for i in INDICATORS)
    )
    with ledger.read() as session:
        row = session.execute(query).one()
    return {i.key: int(value or 0) for i, value in zip(INDICATORS, row, strict=True)}


def progress(
    ledger: Ledger, period: Period, scope: Scope | None = None, today: date | None = None
) -> list[IndicatorProgress]:
    scope = scope or Scope.everything()
    elapsed = period.elapsed_share(today)
    with ledger.read() as session:
        targets = {key: int(v) for key, v in session.execute(targets_query(period, scope))}
        found = actuals(ledger, period, scope)
    return [IndicatorProgress(i, targets.get(i.key), found[i.key], elapsed) for i in INDICATORS]
