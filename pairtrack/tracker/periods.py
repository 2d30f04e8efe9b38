"""Reporting periods and scopes (DESIGN §3)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from pairtrack.tracker.dates import format_date_cn
from pairtrack.tracker.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select

# Periods and scopes are plain values the window holds before SQLAlchemy is loaded (the 总览
# of the last start is drawn at once); the conditions they make import it when first asked.

QUARTER_NAMES = ("一", "二", "三", "四")
Q = TypeVar("Q", bound="Select[*tuple[Any, ...]]")  # any select, whatever its columns


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValidationError("quarter", f"季度应为 1–4，而不是 {quarter}")
        first = 3 * quarter - 2
        end = date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        return cls(date(year, first, 1), end, f"{year}年第{QUARTER_NAMES[quarter - 1]}季度")

    @classmethod
    def through_month(cls, year: int, month: int) -> Period:
        """Year to date, "截至 N 月底": the form every published report uses."""
        if not 1 <= month <= 12:
            raise ValidationError("month", f"月份应为 1–12，而不是 {month}")
        end = date(year, month, calendar.monthrange(year, month)[1])
        return cls(date(year, 1, 1), end, f"截至{year}年{month}月底")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise ValidationError("to", f"结束日期（{end}）早于开始日期（{start}）")
        if start.year != end.year:
            # Targets are yearly and 序时进度 is the share of one year: a range across
            # New Year has neither, so it is refused rather than measured against two years.
            raise ValidationError(
                "to",
                f"自定义期间不能跨年：{format_date_cn(start)}至{format_date_cn(end)}"
                f"跨越了{start.year}年和{end.year}年，请分年度统计",
            )
        return cls(start, end, f"{format_date_cn(start)}至{format_date_cn(end)}")

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)

    def as_of(self, today: date | None = None) -> date:
        """The day a brief of this period is evaluated at: the period's last day, or today
        while the period is still running (nothing can be overdue tomorrow)."""
        return min(self.end, today or date.today())

    def elapsed_share(self, today: date | None = None) -> Decimal:
        """序时进度: the share of the year gone by at the period's last day (or today, if the
        period is still running), counted from 1 January whatever the period's start.

        Targets are yearly and 时间过半、任务过半 compares the cumulative completion with the
        year's elapsed share, so a quarter, a year-to-date period and a custom range are all
        measured from New Year: by 30 June 2017 (end of Q2) 181/365 = 49.6 % has elapsed.
        Periods never cross a year boundary (``between`` refuses it).
        """
        until = self.as_of(today)
        year = self.end.year
        total = 366 if calendar.isleap(year) else 365
        gone = max(0, (until - date(year, 1, 1)).days + 1)
        return Decimal(gone) / Decimal(total)


GROUPINGS = ("origin", "pairing", "helper", "assisted")  # summary --by


@dataclass(frozen=True)
class Group:
    """One block of a grouped summary: the rows of one office, one pairing, one helper or one
    assisted region (exactly that region, not the regions inside it, so that the blocks of a
    grouping never share a row and add up to the whole)."""

    by: str  # origin | pairing | helper | assisted
    key: str  # the office code, or the pairing / region id
    label: str

    def condition(self, model: Any) -> ColumnElement[bool]:
        """A condition on ``model`` (joined to ``Pairing``) selecting this group's rows."""
        from pairtrack.db.models import Pairing

        if self.by == "origin":
            return model.origin == self.key
        if self.by == "pairing":
            return Pairing.id == self.key
        if self.by == "helper":
            return Pairing.helper_id == self.key
        if self.by == "assisted":
            return Pairing.assisted_id == self.key
        raise ValueError(f"unknown grouping {self.by!r}")


@dataclass(frozen=True)
class Scope:
    kind: str  # all | helper | assisted | pairing
    label: str = "全部"
    region_id: str | None = None
    region_name: str = ""
    region_level: str = ""
    pairing_id: str | None = None
    group: Group | None = None  # one block of a grouped summary, within the scope

    @classmethod
    def everything(cls) -> Scope:
        return cls("all")

    def grouped(self, group: Group) -> Scope:
        """This scope narrowed to ``group``'s rows."""
        return replace(self, group=group, label=f"{self.label} · {group.label}")

    def condition(self) -> ColumnElement[bool]:
        """A condition on ``Pairing`` selecting the pairings in this scope."""
        from sqlalchemy import select, true

        from pairtrack.db.models import Pairing, Region

        if self.kind == "all":
            return true()
        if self.kind == "pairing":
            return Pairing.id == self.pairing_id
        column = Pairing.helper_id if self.kind == "helper" else Pairing.assisted_id
        return column.in_(select(Region.id).where(self._region_and_below()))

    def _region_and_below(self) -> ColumnElement[bool]:
        # A city scope takes in its counties and zones (廊坊市 → 开发区、三河…); a province
        # scope takes in every region recorded in that province.
        from sqlalchemy import and_, or_

        from pairtrack.db.models import Region

        clauses = [Region.id == self.region_id]
        if self.region_level == "city":
            clauses.append(Region.city == self.region_name)
        elif self.region_level == "province":
            clauses.append(Region.province == self.region_name)
        return and_(or_(*clauses), Region.deleted_at.is_(None))


def pairings_in_scope(scope: Scope) -> Select[str]:
    """Ids of the live pairings in ``scope`` (and in its group, when the group is one of
    pairings or regions): the pairing half of ``live_in_scope``."""
    from sqlalchemy import select

    from pairtrack.db.models import Pairing

    query = select(Pairing.id).where(Pairing.deleted_at.is_(None), scope.condition())
    if scope.group is not None and scope.group.by != "origin":
        query = query.where(scope.group.condition(Pairing))
    return query


def live_in_scope(query: Q, model: Any, scope: Scope, *, by_id: bool = False) -> Q:
    """``query`` narrowed to live rows of ``model`` in live pairings of ``scope``.

    The one home of "which rows count" for progress, alerts, the brief and the target grid:
    a row counts when neither it nor its pairing is deleted and the pairing is in the scope
    (and, for one block of a grouped summary, the row is in the scope's group). ``model`` is
    ``Pairing`` itself or a table with a ``pairing_id``; the join to ``Pairing`` is added here,
    so ``query`` must not join it already.

    ``by_id``: ask ``pairing_id IN (pairings_in_scope)`` instead of joining ``Pairing``, so that
    a read of a covering index does not look the pairing up for every row; the query then
    cannot use ``Pairing``'s columns. Only for reads that pin the leading columns of a covering
    index (``tracker.seek``): otherwise SQLite answers the IN through the pairing_id index and
    fetches every row of the scope.
    """
    from pairtrack.db.models import Pairing

    if model is Pairing:
        query = query.where(Pairing.deleted_at.is_(None), scope.condition())
        if scope.group is not None:
            query = query.where(scope.group.condition(model))
        return query
    if by_id:
        query = query.where(
            model.deleted_at.is_(None), model.pairing_id.in_(pairings_in_scope(scope))
        )
        if scope.group is not None and scope.group.by == "origin":
            query = query.where(scope.group.condition(model))
        return query
    query = query.join(Pairing, Pairing.id == model.pairing_id)
    query = query.where(model.deleted_at.is_(None), Pairing.deleted_at.is_(None), scope.condition())
    if scope.group is not None:
        query = query.where(scope.group.condition(model))
    return query
