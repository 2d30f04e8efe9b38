"""Gather every figure of a brief (DESIGN §6) with SQL aggregates; no layout here.

``build_brief`` returns plain values only, so the PDF and the .docx are laid out from the
same figures, and the benchmark can time the queries apart from the layout.

Point in time: every figure is evaluated as of the period's last day (``Period.as_of``: the
last day, or today while the period runs), with the date rules of ``tracker.as_of``, so that
records dated after the period never change its brief. Cost: one aggregate query per table
per section (never one per pairing or per indicator), each read as ranges of a covering index
(``tracker.seek``: no lookup of each row, no sort), so the time grows with the rows of the
period at most, and slowly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, select

from pairtrack.db.choices import AGREEMENT_STATUS, FUND_KIND
from pairtrack.db.models import Agreement, CadreExchange, FundTransfer, Pairing, Training
from pairtrack.tracker.alerts import Alert, alerts
from pairtrack.tracker.as_of import (
    agreement_known_by,
    agreement_status_at,
    arrived_between,
    cadre_active,
    in_post,
    newly_signed,
    outstanding,
)
from pairtrack.tracker.audit import head as audit_head
from pairtrack.tracker.brief.frame import Frame
from pairtrack.tracker.brief.highlights import Highlights, highlights
from pairtrack.tracker.brief.pairings import PairingRow, pairing_rows
from pairtrack.tracker.brief.yoy import YearOnYear, year_on_year
from pairtrack.tracker.dates import format_date
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.periods import Period, Scope, live_in_scope
from pairtrack.tracker.progress import IndicatorProgress, RowsBehind, progress
from pairtrack.tracker.records import AgreementRecord, CadreExchangeRecord
from pairtrack.tracker.seek import in_scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.ledger import Ledger

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
    today: date | None = None  # caps the as-of day of a running period; None: the real today


@dataclass(frozen=True)
class FundRow:
    pairing: str
    kind: str  # fiscal | social | in_kind
    allocated: int  # fen allocated in the period
    arrived: int  # fen arrived in the period (whenever allocated)
    pending: int = 0  # fen allocated in the period and not arrived by its as-of day


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
    cadres: list[CountRow]  # (direction, category, people 在岗 in the period)
    seconded: list[CadreExchangeRecord]  # 派出 people in post on the as-of day, ≤ LIST_LIMIT
    seconded_total: int  # 期末仍在岗的派出干部人才 (direction to_assisted)
    trainings: list[TrainingRow]  # started in the period; completed: ended in the period
    signed: list[AgreementRecord]  # at most LIST_LIMIT
    signed_total: int  # signed in the period and not terminated by its end
    statuses: list[CountRow]  # (status on the as-of day, "", agreements existing then)
    appendix: list[AppendixPart] = field(default_factory=list)
    offices: list[OfficeRow] = field(default_factory=list)  # only in a consolidated database
    # 期末仍在岗, both directions: direction → people in post on the as-of day. Every person
    # the 未登记返回 finding lists is counted here (``tracker.as_of.cadre_overdue``).
    in_post: dict[str, int] = field(default_factory=dict)
    as_of: date | None = None  # the day the brief is evaluated at (``Period.as_of``)
    check_code: str = ""  # 数据校验码: the audit chain's head when the figures were read
    frame: Frame = field(default_factory=Frame)  # the office's 简报 frame (``tracker.brief.frame``)
    # 同比: the previous year's figures for the same span (``tracker.brief.yoy``); None when
    # that span holds no data
    previous: YearOnYear | None = None
    highlights: Highlights = field(default_factory=Highlights)  # ``tracker.brief.highlights``
    by_pairing: list[PairingRow] = field(default_factory=list)  # ``tracker.brief.pairings``

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
        data = _gather(ledger, options, progress_cb, cancelled)
        check_cancelled(cancelled, BRIEF_CANCELLED)
        _compare_and_name(ledger, data)
        return data


def _compare_and_name(ledger: Ledger, data: BriefData) -> None:
    """同比, the highlights and the per-pairing table: each from its own module, on the same
    snapshot as the rest."""
    period, scope = data.period, data.scope
    as_of = data.as_of or period.as_of(data.options.today)
    data.previous = year_on_year(ledger, period, scope, as_of)
    with ledger.read() as session:
        data.highlights = highlights(session, period, scope, as_of)
    if not data.offices and len(data.pairing_labels) > 1:
        data.by_pairing = pairing_rows(
            ledger, period, scope, data.options.today, data.pairing_labels
        )


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
    found = alerts(ledger, period, scope, options.today, rows=rows, ids=False)
    per_office = _per_office(ledger, period, scope, options.today)
    step(2)
    start, end = period.start, period.end
    as_of = period.as_of(options.today)
    with ledger.read() as session:
        # Two reads, each a range per pairing and kind of a covering index (``tracker.seek``):
        # what was allocated in the period (and of it, what had not arrived by the as-of
        # day), and what arrived in it.
        sums: dict[tuple[str, str], list[int]] = {}
        allocated = _by_pairing_and_kind(
            FundTransfer.allocated_on.between(start, end),
            func.sum(FundTransfer.amount_fen),
            _sum_if(outstanding(as_of), FundTransfer.amount_fen),
        )
        arrived = _by_pairing_and_kind(
            arrived_between(start, end), func.sum(FundTransfer.amount_fen)
        )
        reads: tuple[tuple[Any, tuple[int, ...]], ...] = (
            (allocated, (0, 2)),
            (arrived, (1,)),
        )
        for query, slots in reads:
            for pid, kind, *values in session.execute(in_scope(query, FundTransfer, scope)):
                row = sums.setdefault((pid, kind), [0, 0, 0])
                for slot, value in zip(slots, values, strict=True):
                    row[slot] = int(value)
        funds = [
            FundRow(labels.get(pid, pid), kind, a, b, c) for (pid, kind), (a, b, c) in sums.items()
        ]
        kinds = list(FUND_KIND)  # fiscal, social, in kind: the order of the code table
        funds.sort(key=lambda r: (r.pairing, kinds.index(r.kind)))
        step(3)
        # One read, a range per direction and category of a covering index: the people 在岗
        # in the period, and of them those in post on the as-of day (期末仍在岗: the same
        # 在岗 rule on that one day, so that everyone the 未登记返回 finding counts is here
        # too). The range starts early enough to hold both (as_of precedes the start of a
        # period not begun yet).
        cadres: list[CountRow] = []
        in_post_by: dict[str, int] = {}
        read = in_scope(
            select(
                CadreExchange.direction,
                CadreExchange.category,
                _sum_if(cadre_active(start, end), 1),
                _sum_if(in_post(as_of), 1),
            ),
            CadreExchange,
            scope,
        ).where(cadre_active(min(start, as_of), end))
        groups = (CadreExchange.direction, CadreExchange.category)
        for direction, category, active, posted in session.execute(
            read.group_by(*groups).order_by(*groups)
        ):
            if active:
                cadres.append(CountRow(direction, category, int(active)))
            if posted:
                in_post_by[direction] = in_post_by.get(direction, 0) + int(posted)
        step(4)
        seconded = and_(CadreExchange.direction == "to_assisted", in_post(as_of))
        _, seconded_ids = _count_and_first(
            session,
            CadreExchange,
            scope,
            seconded,
            (CadreExchange.start_on, CadreExchange.person_name, CadreExchange.id),
            count=False,
        )
        seconded_total = in_post_by.get("to_assisted", 0)
        step(5)
        # Two range reads as well: programmes started in the period (开班, 名额, 报名) and
        # programmes ended in it (结业; no end date: not ended).
        per_category: dict[str, list[int]] = {}
        started = select(
            Training.category,
            func.count(),
            func.sum(Training.quota),
            func.sum(Training.enrolled),
        ).where(Training.start_on.between(start, end))
        ended = select(Training.category, func.sum(Training.completed)).where(
            Training.end_on.is_not(None), Training.end_on.between(start, end)
        )
        parts: tuple[tuple[Any, tuple[int, ...]], ...] = (
            (started, (0, 1, 2)),
            (ended, (3,)),
        )
        for query, slots in parts:
            grouped = live_in_scope(query, Training, scope).group_by(Training.category)
            for category, *values in session.execute(grouped):
                row = per_category.setdefault(category, [0, 0, 0, 0])
                for slot, value in zip(slots, values, strict=True):
                    row[slot] = int(value or 0)
        trainings = [TrainingRow(c, *per_category[c]) for c in sorted(per_category)]
        step(6)
        signed_filter = newly_signed(start, end)
        signed_total, signed_ids = _count_and_first(
            session,
            Agreement,
            scope,
            signed_filter,
            (Agreement.signed_on, Agreement.title, Agreement.id),
        )
        # Status on the as-of day, of the agreements that existed then (``tracker.as_of``).
        status_then = agreement_status_at(as_of)
        by_status = live_in_scope(select(status_then, func.count()), Agreement, scope).where(
            agreement_known_by(as_of)
        )
        statuses = [
            CountRow(status, "", int(n))
            for status, n in session.execute(by_status.group_by(status_then))
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
        in_post=in_post_by,
        as_of=as_of,
        check_code=audit_head(session).code,
        frame=Frame.from_settings(ledger.settings()),
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
    from pairtrack.tracker.groups import grouped_progress
    from pairtrack.tracker.offices import is_consolidated, offices

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


def _by_pairing_and_kind(where: ColumnElement[bool], *sums: Any) -> Any:
    """Transfers meeting ``where``, by pairing and kind, with the aggregates ``sums``."""
    return (
        select(FundTransfer.pairing_id, FundTransfer.kind, *sums)
        .where(where)
        .group_by(FundTransfer.pairing_id, FundTransfer.kind)
    )


def _count_and_first(
    session: Session,
    model: Any,
    scope: Scope,
    where: ColumnElement[bool],
    order: tuple[Any, ...],
    count: bool = True,
) -> tuple[int, list[str]]:
    """How many live rows in ``scope`` match (when ``count``), and the ids of the first
    LIST_LIMIT in ``order``."""
    joined = live_in_scope(select(model.id), model, scope).where(where)
    total = session.scalar(select(func.count()).select_from(joined.subquery())) if count else 0
    return int(total or 0), list(session.scalars(joined.order_by(*order).limit(LIST_LIMIT)))
