"""Gather every figure of a brief (DESIGN §6) with SQL aggregates; no layout here.

``build_brief`` returns plain values only, so the PDF and the .docx are laid out from the
same figures, and the benchmark can time the queries apart from the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from db.choices import AGREEMENT_STATUS, FUND_KIND
from db.models import Agreement, CadreExchange, FundTransfer, Pairing, Training
from tracker.alerts import Alert, alerts
from tracker.audit import head as audit_head
from tracker.dates import format_date
from tracker.indicators import INDICATORS, cadre_active
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from tracker.periods import Period, Scope, live_in_scope
from tracker.progress import IndicatorProgress, RowsBehind, progress
from tracker.records import AgreementRecord, CadreExchangeRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tracker.ledger import Ledger

# Lists in the body of the brief stay readable whatever the size of the ledger; the full
# lists are in the 附表, and the body says how many more there are.
LIST_LIMIT = 40


BRIEF_CANCELLED = "已取消生成简报。"  # the ``JobCancelled`` message of a cancelled brief


@dataclass(frozen=True)
class BriefOptions:
    period: Period
    scope: Scope
    office_name: str
    issued_on: date
    appendix: bool = False
    problems_text: str = ""
    next_steps_text: str = ""
    today: date | None = None  # "now" for 序时进度 and findings; None: the real today


@dataclass(frozen=True)
class FundRow:
    pairing: str
    kind: str  # fiscal | social | in_kind
    allocated: int  # fen allocated in the period
    arrived: int  # fen arrived in the period


@dataclass(frozen=True)
class CountRow:
    first: str  # a code: direction, category or status
    second: str
    count: int


@dataclass(frozen=True)
class TrainingRow:
    category: str
    programmes: int
    quota: int
    enrolled: int
    completed: int


@dataclass(frozen=True)
class AppendixPart:
    behind: RowsBehind
    rows: list[Any]


@dataclass(frozen=True)
class OfficeRow:
    """One office's figures in a consolidated brief (DESIGN §7 "per-office view")."""

    office: str  # name and code
    as_of: str  # the date of its latest package here, 本单位 for this one
    progress: list[IndicatorProgress]


@dataclass
class BriefData:
    options: BriefOptions
    pairing_labels: dict[str, str]  # pairings in scope, id → "帮扶方→受援方"
    progress: list[IndicatorProgress]
    alerts: list[Alert]
    funds: list[FundRow]
    cadres: list[CountRow]  # (direction, category, people active in the period)
    seconded: list[CadreExchangeRecord]  # at most LIST_LIMIT
    seconded_total: int
    trainings: list[TrainingRow]
    signed: list[AgreementRecord]  # at most LIST_LIMIT
    signed_total: int
    statuses: list[CountRow]  # (status, "", agreements)
    appendix: list[AppendixPart] = field(default_factory=list)
    offices: list[OfficeRow] = field(default_factory=list)  # only in a consolidated database
    check_code: str = ""  # 数据校验码: the audit chain's head when the figures were read

    @property
    def period(self) -> Period:
        return self.options.period

    @property
    def scope(self) -> Scope:
        return self.options.scope

    def row(self, key: str) -> IndicatorProgress:
        return next(p for p in self.progress if p.indicator.key == key)


def _sum_if(condition: Any, value: Any) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def build_brief(
    ledger: Ledger,
    options: BriefOptions,
    progress_cb: Progress = no_progress,
    cancelled: Cancelled = never,
) -> BriefData:
    """Every figure of the brief from one read block: one snapshot, so the figures agree with
    each other even while another window or program saves."""
    with ledger.read():
        return _gather(ledger, options, progress_cb, cancelled)


def _gather(
    ledger: Ledger, options: BriefOptions, progress_cb: Progress, cancelled: Cancelled
) -> BriefData:
    period, scope = options.period, options.scope
    steps = 7 + (len(INDICATORS) if options.appendix else 0)

    def step(done: int) -> None:
        check_cancelled(cancelled, BRIEF_CANCELLED)
        progress_cb(done, steps)

    step(0)
    with ledger.read() as session:
        ids = set(session.scalars(live_in_scope(select(Pairing.id), Pairing, scope)))
    labels = {k: v for k, v in ledger.pairings.labels().items() if k in ids}
    step(1)
    rows = progress(ledger, period, scope, options.today)
    found = alerts(ledger, period, scope, options.today, rows=rows)
    per_office = _per_office(ledger, period, scope, options.today)
    step(2)
    start, end = period.start, period.end
    with ledger.read() as session:
        # One pass over the transfers of the period: allocated and arrived are summed side
        # by side (tried as two indexed queries: slower, since a period holds many rows).
        in_period = (
            FundTransfer.allocated_on.between(start, end),
            FundTransfer.arrived_on.between(start, end),
        )
        funds = [
            FundRow(labels.get(pid, pid), kind, int(a), int(b))
            for pid, kind, a, b in session.execute(
                live_in_scope(
                    select(
                        FundTransfer.pairing_id,
                        FundTransfer.kind,
                        _sum_if(in_period[0], FundTransfer.amount_fen),
                        _sum_if(in_period[1], FundTransfer.amount_fen),
                    ),
                    FundTransfer,
                    scope,
                )
                .where(or_(*in_period))
                .group_by(FundTransfer.pairing_id, FundTransfer.kind)
            )
        ]
        kinds = list(FUND_KIND)  # fiscal, social, in kind: the order of the code table
        funds.sort(key=lambda r: (r.pairing, kinds.index(r.kind)))
        step(3)
        cadres = [
            CountRow(d, c, int(n))
            for d, c, n in session.execute(
                live_in_scope(
                    select(CadreExchange.direction, CadreExchange.category, func.count()),
                    CadreExchange,
                    scope,
                )
                .where(cadre_active(start, end))
                .group_by(CadreExchange.direction, CadreExchange.category)
                .order_by(CadreExchange.direction, CadreExchange.category)
            )
        ]
        step(4)
        # Still seconded at the end of the period: the same "active" rule as the table
        # above, on the period's last day (a later return date counts as "not yet back").
        seconded = and_(CadreExchange.direction == "to_assisted", cadre_active(end, end))
        seconded_total, seconded_ids = _count_and_first(
            session,
            CadreExchange,
            scope,
            seconded,
            (CadreExchange.start_on, CadreExchange.person_name, CadreExchange.id),
        )
        step(5)
        trained_on = func.coalesce(Training.end_on, Training.start_on).between(start, end)
        started = Training.start_on.between(start, end)
        trainings = [
            TrainingRow(cat, int(n), int(q), int(e), int(c))
            for cat, n, q, e, c in session.execute(
                live_in_scope(
                    select(
                        Training.category,
                        _sum_if(started, 1),
                        _sum_if(started, Training.quota),
                        _sum_if(started, Training.enrolled),
                        _sum_if(trained_on, Training.completed),
                    ),
                    Training,
                    scope,
                )
                .where(or_(started, trained_on))
                .group_by(Training.category)
                .order_by(Training.category)
            )
        ]
        step(6)
        signed_filter = and_(
            Agreement.status != "intent",
            Agreement.signed_on.between(start, end),
        )
        signed_total, signed_ids = _count_and_first(
            session,
            Agreement,
            scope,
            signed_filter,
            (Agreement.signed_on, Agreement.title, Agreement.id),
        )
        by_status = live_in_scope(select(Agreement.status, func.count()), Agreement, scope)
        statuses = [
            CountRow(status, "", int(n))
            for status, n in session.execute(by_status.group_by(Agreement.status))
        ]
    order = list(AGREEMENT_STATUS)
    statuses.sort(key=lambda r: order.index(r.first) if r.first in order else 99)
    step(7)
    data = BriefData(
        options=options,
        pairing_labels=labels,
        progress=rows,
        alerts=found,
        funds=funds,
        cadres=cadres,
        seconded=ledger.cadres.rows(seconded_ids),
        seconded_total=seconded_total,
        trainings=trainings,
        signed=ledger.agreements.rows(signed_ids),
        signed_total=signed_total,
        statuses=statuses,
        offices=per_office,
        check_code=audit_head(session).code,
    )
    if options.appendix:
        services = {s.table: s for s in ledger.services.all()}
        for number, ind in enumerate(INDICATORS, start=8):
            behind = RowsBehind(ind, period, scope)
            data.appendix.append(AppendixPart(behind, services[behind.table].list(behind=behind)))
            step(number)
    return data


def _per_office(
    ledger: Ledger, period: Period, scope: Scope, today: date | None
) -> list[OfficeRow]:
    """Each office's figures, when the database holds more than one office's records: the
    same progress rule narrowed to each origin (``tracker.groups``), so they add up."""
    from tracker.groups import grouped_progress
    from tracker.offices import is_consolidated, offices

    with ledger.read() as session:
        found = offices(session)
    if not is_consolidated(found):
        return []
    by_code = {o.code: o for o in found}
    out = []
    for block in grouped_progress(ledger, period, scope, "origin", today):
        office = by_code.get(block.group.key)
        if office is None or office.own:
            as_of = "本单位"
        elif office.latest_package is None:
            as_of = "—"
        else:
            as_of = format_date(office.latest_package.astimezone().date())
        label = office.label if office is not None else block.group.label
        out.append(OfficeRow(label, as_of, block.rows))
    return out


def _count_and_first(
    session: Session,
    model: Any,
    scope: Scope,
    where: ColumnElement[bool],
    order: tuple[Any, ...],
) -> tuple[int, list[str]]:
    """How many live rows in ``scope`` match, and the ids of the first LIST_LIMIT in ``order``."""
    joined = live_in_scope(select(model.id), model, scope).where(where)
    total = session.scalar(select(func.count()).select_from(joined.subquery()))
    return int(total or 0), list(session.scalars(joined.order_by(*order).limit(LIST_LIMIT)))
