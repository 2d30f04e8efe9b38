"""表1-2: each pairing's target, actual and completion for the main indicators (DESIGN §6 "a
table per pairing"), in a brief over more than one pairing of a database that holds one
office's records (a consolidated database has the per-office table instead).

The figures come from the same rule code as table 1, grouped by pairing
(``tracker.progress.actuals_by_pairing``, ``targets_query``): every row counts in exactly one
pairing, so the pairings add up to table 1, whose figures the 合计 rows print. Cost: one query
per indicator shown and one for the targets, whatever the number of pairings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pairtrack.db.models import Pairing
from pairtrack.tracker.brief.blocks import Block, Heading, Para, Table
from pairtrack.tracker.formatting import format_share, format_value
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import IndicatorProgress, actuals_by_pairing, targets_query

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

# The indicators a breakdown table (per pairing, per office) shows: what fits across a
# portrait page beside its row labels — five columns of amounts such as 「35,500.00」 at the
# table type size, the money first, then people, training and agreements.
BREAKDOWN_INDICATORS = (
    "fiscal_funds",
    "social_funds",
    "cadres_sent",
    "trained",
    "agreements_signed",
)
ROW_NAMES = ("目标", "实际", "完成率")  # the rows of each pairing, in this order


@dataclass(frozen=True)
class PairingRow:
    pairing: str  # "帮扶方→受援方"
    progress: tuple[IndicatorProgress, ...]  # BREAKDOWN_INDICATORS, in indicator order


def pairing_rows(
    ledger: Ledger, period: Period, scope: Scope, today: date | None, labels: dict[str, str]
) -> list[PairingRow]:
    """Each pairing of ``labels`` (those in scope, in their order) with its progress."""
    shown = [i for i in INDICATORS if i.key in BREAKDOWN_INDICATORS]
    elapsed = period.elapsed_share(today)
    found = {i.key: actuals_by_pairing(ledger, i, period, scope) for i in shown}
    query = targets_query(period, scope).add_columns(Pairing.id).group_by(Pairing.id)
    targets: dict[tuple[str, str], int] = {}
    with ledger.read() as session:
        for key, value, pid in session.execute(query):
            targets[(pid, key)] = int(value)
    return [
        PairingRow(
            label,
            tuple(
                IndicatorProgress(i, targets.get((pid, i.key)), found[i.key].get(pid, 0), elapsed)
                for i in shown
            ),
        )
        for pid, label in labels.items()
    ]


def _cells(row: tuple[IndicatorProgress, ...]) -> list[tuple[str, ...]]:
    """The three rows of one pairing (or of the 合计) without their label."""
    return [
        tuple(format_value(p.indicator, p.target) for p in row),
        tuple(format_value(p.indicator, p.actual) for p in row),
        tuple(format_share(p.completion) for p in row),
    ]


def pairing_blocks(pairings: list[PairingRow], progress: list[IndicatorProgress]) -> list[Block]:
    """表1-2 from the ``pairings`` of a brief and its table 1 (``progress``), when there is
    more than one (a consolidated brief has none: ``BriefData.by_pairing``)."""
    if len(pairings) < 2:
        return []
    shown = [p.indicator for p in progress if p.indicator.key in BREAKDOWN_INDICATORS]
    whole = tuple(p for p in progress if p.indicator.key in BREAKDOWN_INDICATORS)
    rows: list[tuple[str, ...]] = []
    for label, values in [(r.pairing, r.progress) for r in pairings] + [("合计", whole)]:
        for n, (name, cells) in enumerate(zip(ROW_NAMES, _cells(values), strict=True)):
            rows.append((label if n == 0 else "", name, *cells))
    table = Table(
        ("结对关系", "项目", *(i.short or i.label for i in shown)),
        rows,
        (0.2, 0.09, *(0.71 / len(shown) for _ in shown)),
        right=frozenset(range(2, 2 + len(shown))),
        total=True,
        group=len(ROW_NAMES),
    )
    by_unit: dict[str, list[str]] = {}
    for i in shown:
        by_unit.setdefault(i.unit, []).append(i.short or i.label)
    units = "，".join(f"{'、'.join(names)}为{unit}" for unit, names in by_unit.items())
    note = (
        f"注：{units}；合计即表1的数字，各结对关系的目标、实际之和等于合计；未设目标的显示为“—”。"
    )
    return [Heading("表1-2  各结对关系主要指标完成情况", 2), table, Para(note)]
