"""Highlights of 一、总体情况: the period's largest agreements and social funds, by name.

Published reviews name a few deals one by one after the totals (the 廊坊 review: 「与康保县政府
签订委托补充耕地协议，廊坊开发区委托康保县补充耕地458.9亩，补充耕地指标款9178万元；与京东物流
签订《农村电商精准扶贫战略合作协议》，康保老窖酒京东项目众筹发展资金12.6万元」). The rule that
picks them is here and only here:

- **Agreements** signed in the period (the 签订合作协议 rule, ``tracker.as_of.newly_signed``),
  largest first: by money — the committed amount, or without one the transfers recorded
  against the agreement that arrived by the as-of day — then by the training seats of the
  programmes recorded against it that started by then. An agreement with neither says nothing
  worth naming and is left to table 6.
- **Funds**: social funds and goods in kind (社会帮扶资金, 物资折款) arrived in the period (the
  社会帮扶资金 rule), largest first, leaving out those recorded against an agreement named
  above. Fiscal funds are planned batches that the totals already state.
- ``HIGHLIGHTS`` of each: a paragraph a reader takes in at once, as the reviews do; the rest
  is in the tables of 三、 and 六、.

What users typed (titles, counterparties, summaries, purposes, donors, a fund's 备注) prints
literally; only the brackets around a title are added when the title has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select

from pairtrack.db.models import Agreement, FundTransfer, Pairing, Region, Training
from pairtrack.tracker.as_of import arrived_between, newly_signed
from pairtrack.tracker.formatting import prose_money
from pairtrack.tracker.periods import Period, Scope, live_in_scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

HIGHLIGHTS = 3  # of agreements, and of funds
SOCIAL_KINDS = ("social", "in_kind")  # the kinds the 社会帮扶资金 indicator counts


@dataclass(frozen=True)
class AgreementHighlight:
    helper: str  # the helper region's name: who signed
    party: str  # the counterparty, or the assisted region's name when none is recorded
    title: str
    summary: str
    committed: int  # fen; 0: none recorded
    funds: int  # fen recorded against it and arrived by the as-of day
    seats: int  # training seats recorded against it, of programmes started by then


@dataclass(frozen=True)
class FundHighlight:
    purpose: str
    donor: str
    amount: int  # fen
    note: str


@dataclass(frozen=True)
class Highlights:
    agreements: tuple[AgreementHighlight, ...] = ()
    funds: tuple[FundHighlight, ...] = ()


def _region_name(column: Any) -> Any:
    return select(Region.name).where(Region.id == column).scalar_subquery()


def highlights(session: Session, period: Period, scope: Scope, as_of: date) -> Highlights:
    """The highlights of ``period`` in ``scope``, as of ``as_of`` (the rule: the module's text)."""
    linked = (
        select(func.coalesce(func.sum(FundTransfer.amount_fen), 0))
        .where(FundTransfer.agreement_id == Agreement.id, FundTransfer.deleted_at.is_(None))
        .where(FundTransfer.arrived_on <= as_of)
        .scalar_subquery()
    )
    seats = (
        select(func.coalesce(func.sum(Training.quota), 0))
        .where(Training.agreement_id == Agreement.id, Training.deleted_at.is_(None))
        .where(Training.start_on <= as_of)
        .scalar_subquery()
    )
    committed = func.coalesce(Agreement.committed_fen, 0)
    money = func.coalesce(func.nullif(Agreement.committed_fen, 0), linked)
    query = (
        live_in_scope(
            select(
                Agreement.id,
                _region_name(Pairing.helper_id),
                func.coalesce(func.nullif(Agreement.counterparty, ""), _region_name(Pairing.assisted_id)),
                Agreement.title,
                Agreement.summary,
                committed,
                linked,
                seats,
            ),
            Agreement,
            scope,
        )
        .where(newly_signed(period.start, period.end), or_(money > 0, seats > 0))
        .order_by(money.desc(), seats.desc(), Agreement.signed_on, Agreement.id)
        .limit(HIGHLIGHTS)
    )  # fmt: skip
    rows = session.execute(query).all()
    agreements = tuple(
        AgreementHighlight(helper or "", party or "", title, summary or "", *map(int, figures))
        for _, helper, party, title, summary, *figures in rows
    )
    return Highlights(agreements, _funds(session, period, scope, [r[0] for r in rows]))


def _funds(
    session: Session, period: Period, scope: Scope, named: list[str]
) -> tuple[FundHighlight, ...]:
    """The largest social funds arrived in the period, less those recorded against the
    ``named`` agreements; ties in amount by arrival date, kind, pairing, then record.

    Two reads, so that the cost stays flat as the period fills up: the keys of the leading
    rows from the covering index (kind, arrival, amount, pairing: no row is fetched), then
    the rows with those keys. The first read takes as many more rows as the named agreements
    have transfers, so that enough remain once those are left out.
    """
    linked = 0
    if named:
        count = select(func.count()).where(FundTransfer.agreement_id.in_(named))
        linked = int(session.scalar(count) or 0)
    order = (FundTransfer.amount_fen.desc(), FundTransfer.arrived_on, FundTransfer.kind,
             FundTransfer.pairing_id)  # fmt: skip
    keys = (FundTransfer.kind, FundTransfer.arrived_on, FundTransfer.amount_fen,
            FundTransfer.pairing_id)  # fmt: skip
    leading = session.execute(
        live_in_scope(select(*keys), FundTransfer, scope)
        .where(FundTransfer.kind.in_(SOCIAL_KINDS), arrived_between(period.start, period.end))
        .order_by(*order)
        .limit(HIGHLIGHTS + linked)
    ).all()
    if not leading:
        return ()
    with_keys = or_(*(and_(*(c == v for c, v in zip(keys, row, strict=True))) for row in leading))
    not_named = or_(FundTransfer.agreement_id.is_(None), FundTransfer.agreement_id.not_in(named))
    query = live_in_scope(
        select(
            FundTransfer.purpose, FundTransfer.donor, FundTransfer.amount_fen, FundTransfer.note
        ),
        FundTransfer,
        scope,
    ).where(with_keys, not_named)
    found = session.execute(query.order_by(*order, FundTransfer.id).limit(HIGHLIGHTS))
    return tuple(FundHighlight(p or "", d or "", int(a), n or "") for p, d, a, n in found)


# --- how they read -------------------------------------------------------------------------


def _clean(text: str) -> str:
    """User text inside a sentence: as typed, less the closing punctuation the sentence adds."""
    return text.strip().rstrip("。；;，,、 ")


def agreement_clause(a: AgreementHighlight) -> str:
    """「廊坊开发区与康保县人民政府签订《委托补充耕地协议》（廊坊开发区委托康保县补充耕地458.9亩，
    补充耕地指标款9178万元）」: the summary as typed; the amount only when it does not say it."""
    title = a.title.strip()
    if not title.startswith("《"):
        title = f"《{title}》"
    text = f"{a.helper}与{a.party}签订{title}"
    summary = _clean(a.summary)
    if summary:
        text += f"（{summary}）"
    if a.committed:
        measure, figure = f"协议金额{prose_money(a.committed)}", prose_money(a.committed)
    elif a.funds:
        measure, figure = f"已到位资金{prose_money(a.funds)}", prose_money(a.funds)
    elif a.seats:
        measure, figure = f"安排培训名额{a.seats}人次", f"{a.seats}人"
    else:
        return text
    return text if figure in summary else f"{text}，{measure}"


def fund_clause(f: FundHighlight) -> str:
    """「湘西州产业扶贫项目到位1500万元（济南市社会各界）」, then the 备注 as typed."""
    text = f"{_clean(f.purpose) or '社会帮扶资金'}到位{prose_money(f.amount)}"
    if f.donor.strip():
        text += f"（{f.donor.strip()}）"
    note = _clean(f.note)
    return f"{text}，{note}" if note else text


def highlight_paragraph(found: Highlights) -> str:
    """The paragraph of 一、总体情况 naming the highlights; empty when there are none."""
    parts = []
    if found.agreements:
        parts.append("在合作协议方面，" + "；".join(map(agreement_clause, found.agreements)) + "。")
    if found.funds:
        parts.append("在社会帮扶方面，" + "；".join(map(fund_clause, found.funds)) + "。")
    return "".join(parts)
