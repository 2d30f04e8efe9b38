"""The indicator table (DESIGN §3): one entry per indicator, and nothing about it elsewhere.

Each entry says how its actual is aggregated in SQL for a period; targets, the dashboard, the
brief and the exports all read this table, so adding an indicator is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal

from db.models import Agreement, CadreExchange, FundTransfer, Training

FAR_FUTURE = date(9999, 12, 31)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # 万元 | 人 | 人次 | 个
    model: Any  # the table the actual is aggregated from
    aggregate: Callable[[], ColumnElement[Any]]
    conditions: Callable[[date, date], list[ColumnElement[bool]]]
    rule: str  # Chinese description of how the actual is counted, printed in briefs
    short: str = ""  # a label that fits under a chart bar

    @property
    def is_money(self) -> bool:
        return self.unit == "万元"


def _arrived(kinds: tuple[str, ...]) -> Callable[[date, date], list[ColumnElement[bool]]]:
    def conditions(start: date, end: date) -> list[ColumnElement[bool]]:
        return [FundTransfer.kind.in_(kinds), FundTransfer.arrived_on.between(start, end)]

    return conditions


def cadre_active(start: date, end: date) -> ColumnElement[bool]:
    """A cadre exchange is active from ``start`` to ``end`` when the secondment overlaps it.

    The secondment ends when the person returned, otherwise at the planned end, otherwise it
    is still running. The one home of the rule: the cadre indicators, the brief's tables,
    the cadre page's year filter use it, and "in post at the end of the period" is the same
    rule on the period's last day, ``cadre_active(end, end)``.
    """
    finish = func.coalesce(CadreExchange.returned_on, CadreExchange.end_on, FAR_FUTURE)
    return and_(CadreExchange.start_on <= end, finish >= start)


def _active_cadres(
    direction: str, categories: tuple[str, ...] | None = None, exclude: tuple[str, ...] = ()
) -> Callable[[date, date], list[ColumnElement[bool]]]:
    def conditions(start: date, end: date) -> list[ColumnElement[bool]]:
        out = [CadreExchange.direction == direction, cadre_active(start, end)]
        if categories:
            out.append(CadreExchange.category.in_(categories))
        if exclude:
            out.append(CadreExchange.category.not_in(exclude))
        return out

    return conditions


def _count() -> ColumnElement[Any]:
    return func.count(literal(1))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "fiscal_funds",
        "财政援助资金（到位）",
        "万元",
        FundTransfer,
        lambda: func.sum(FundTransfer.amount_fen),
        _arrived(("fiscal",)),
        "期内到位的财政援助资金合计",
        short="财政资金",
    ),
    Indicator(
        "social_funds",
        "社会帮扶资金",
        "万元",
        FundTransfer,
        lambda: func.sum(FundTransfer.amount_fen),
        _arrived(("social", "in_kind")),
        "期内到位的社会帮扶资金与物资折款合计",
        short="社会资金",
    ),
    Indicator(
        "cadres_sent",
        "选派党政干部",
        "人",
        CadreExchange,
        _count,
        _active_cadres("to_assisted", categories=("party_gov",)),
        "期内在岗的派出党政干部人数",
        short="党政干部",
    ),
    Indicator(
        "professionals_sent",
        "选派专业技术人才",
        "人",
        CadreExchange,
        _count,
        _active_cadres("to_assisted", exclude=("party_gov",)),
        "期内在岗的派出专业技术人才人数",
        short="专技人才",
    ),
    Indicator(
        "cadres_received",
        "受援方来挂职跟岗",
        "人",
        CadreExchange,
        _count,
        _active_cadres("to_helper"),
        "期内在岗的受援方来挂职跟岗人数",
        short="来挂职",
    ),
    Indicator(
        "training_quota",
        "培训名额",
        "人次",
        Training,
        lambda: func.sum(Training.quota),
        lambda start, end: [Training.start_on.between(start, end)],
        "期内开班的培训项目名额合计",
        short="培训名额",
    ),
    Indicator(
        "trained",
        "完成培训",
        "人次",
        Training,
        lambda: func.sum(Training.completed),
        lambda start, end: [func.coalesce(Training.end_on, Training.start_on).between(start, end)],
        "期内结业的培训项目完成人数合计",
        short="完成培训",
    ),
    Indicator(
        "agreements_signed",
        "签订合作协议",
        "个",
        Agreement,
        _count,
        lambda start, end: [
            and_(Agreement.signed_on.is_not(None), Agreement.signed_on.between(start, end)),
            Agreement.status != "intent",
        ],
        "期内签订的合作协议个数",
        short="签约协议",
    ),
)

BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}
LABELS: dict[str, str] = {i.key: i.label for i in INDICATORS}


def indicator(key: str) -> Indicator:
    return BY_KEY[key]
