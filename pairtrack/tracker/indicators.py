"""The indicator table (DESIGN §3): one entry per indicator, and nothing about it elsewhere.

Each entry says which rows of which table count for a period (``conditions``) and what each
row adds (``value``): the actual is the sum of ``value`` over those rows. Targets, the
dashboard, the brief and the exports all read this table, so adding an indicator is one entry
here. The date rules the conditions use ("as of" a day) live in ``tracker.as_of``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

from pairtrack.tracker.fields import Field

__all__ = ["BY_KEY", "INDICATORS", "LABELS", "Indicator", "indicator"]

# The entries name their table; its model, its columns and the date rules (``tracker.as_of``)
# are imported when a condition is first built. The 总览 draws its figures (labels, units,
# formats) before SQLAlchemy is loaded, which takes a quarter of a second at start-up.


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # 万元 | 人 | 人次 | 个
    table: str  # the table the actual is aggregated from
    value: Callable[[], Any]  # a column expression: what one counted row adds to the actual
    conditions: Callable[[date, date], list[ColumnElement[bool]]]  # rows counted in start–end
    rule: str  # Chinese description of how the actual is counted, printed in briefs
    short: str = ""  # a label that fits under a chart bar

    @property
    def is_money(self) -> bool:
        return self.unit == "万元"

    @property
    def model(self) -> Any:
        """The ORM model of ``table`` (imported on first use)."""
        return _model(self.table)


@cache
def _model(table: str) -> Any:
    from pairtrack.db import models  # noqa: F401  (importing it maps the tables)
    from pairtrack.db.base import Base

    return next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == table)


def _column(table: str, name: str) -> Callable[[], Any]:
    return lambda: getattr(_model(table), name)


def __getattr__(name: str) -> Any:
    # ``cadre_active`` was always importable from here; it lives in ``tracker.as_of``
    if name == "cadre_active":
        from pairtrack.tracker.as_of import cadre_active

        return cadre_active
    raise AttributeError(name)


def _arrived(kinds: tuple[str, ...]) -> Callable[[date, date], list[ColumnElement[bool]]]:
    def conditions(start: date, end: date) -> list[ColumnElement[bool]]:
        from pairtrack.tracker.as_of import arrived_between

        return [_model("fund_transfer").kind.in_(kinds), arrived_between(start, end)]

    return conditions


def _active_cadres(
    direction: str, categories: tuple[str, ...] | None = None, exclude: tuple[str, ...] = ()
) -> Callable[[date, date], list[ColumnElement[bool]]]:
    def conditions(start: date, end: date) -> list[ColumnElement[bool]]:
        from pairtrack.tracker.as_of import cadre_active

        cadres = _model("cadre_exchange")
        out = [cadres.direction == direction, cadre_active(start, end)]
        if categories:
            out.append(cadres.category.in_(categories))
        if exclude:
            out.append(cadres.category.not_in(exclude))
        return out

    return conditions


def _started(start: date, end: date) -> list[ColumnElement[bool]]:
    return [_model("training").start_on.between(start, end)]


def _ended(start: date, end: date) -> list[ColumnElement[bool]]:
    # A programme without an end date has not ended: it counts once its end is recorded.
    ended = _model("training").end_on
    return [ended.is_not(None), ended.between(start, end)]


def _signed(start: date, end: date) -> list[ColumnElement[bool]]:
    from pairtrack.tracker.as_of import newly_signed

    return [newly_signed(start, end)]


def _one() -> ColumnElement[Any]:
    from sqlalchemy import literal

    return literal(1)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "fiscal_funds",
        "财政援助资金（到位）",
        "万元",
        "fund_transfer",
        _column("fund_transfer", "amount_fen"),
        _arrived(("fiscal",)),
        "期内到位的财政援助资金合计",
        short="财政资金",
    ),
    Indicator(
        "social_funds",
        "社会帮扶资金",
        "万元",
        "fund_transfer",
        _column("fund_transfer", "amount_fen"),
        _arrived(("social", "in_kind")),
        "期内到位的社会帮扶资金与物资折款合计",
        short="社会资金",
    ),
    Indicator(
        "cadres_sent",
        "选派党政干部",
        "人",
        "cadre_exchange",
        _one,
        _active_cadres("to_assisted", categories=("party_gov",)),
        "期内在岗的派出党政干部人数",
        short="党政干部",
    ),
    Indicator(
        "professionals_sent",
        "选派专业技术人才",
        "人",
        "cadre_exchange",
        _one,
        _active_cadres("to_assisted", exclude=("party_gov",)),
        "期内在岗的派出专业技术人才人数",
        short="专技人才",
    ),
    Indicator(
        "cadres_received",
        "受援方来挂职跟岗",
        "人",
        "cadre_exchange",
        _one,
        _active_cadres("to_helper"),
        "期内在岗的受援方来挂职跟岗人数",
        short="来挂职",
    ),
    Indicator(
        "training_quota",
        "培训名额",
        "人次",
        "training",
        _column("training", "quota"),
        _started,
        "期内开班的培训项目名额合计",
        short="培训名额",
    ),
    Indicator(
        "trained",
        "完成培训",
        "人次",
        "training",
        _column("training", "completed"),
        _ended,
        "期内结业（结束日期在本期内）的培训项目完成人数合计",
        short="完成培训",
    ),
    Indicator(
        "agreements_signed",
        "签订合作协议",
        "个",
        "agreement",
        _one,
        _signed,
        "期内签订且期末未终止的合作协议个数",
        short="签约协议",
    ),
)

BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}
LABELS: dict[str, str] = {i.key: i.label for i in INDICATORS}


def indicator(key: str) -> Indicator:
    return BY_KEY[key]


def shown_as(f: Field, row: dict[str, Any]) -> Field:
    """The field as its value reads: a target's value is fen for a money indicator and a
    count otherwise (``tracker.services.targets``), so it is shown in 万元 or as a number."""
    if f.name == "value" and "indicator" in row:
        indicator = BY_KEY.get(row["indicator"])
        if indicator is not None and indicator.is_money:
            return replace(f, kind="money")
    return f
