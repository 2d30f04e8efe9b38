"""The blocks of a grouped summary (``summary --by``): per office, pairing, helper or assisted.

Each block is the normal progress table for the scope narrowed to one ``Group``
(``Scope.grouped``), so its figures come from the same rule code as the whole: the groups of a
grouping never share a row and together cover every row the scope counts, and the blocks'
actuals add up to the ungrouped ones exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select, union

from pairtrack.db.models import Pairing, Target
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.offices import offices
from pairtrack.tracker.periods import GROUPINGS, Group, Period, Scope, live_in_scope
from pairtrack.tracker.progress import IndicatorProgress, progress

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

SIDES = {"helper": "帮扶方", "assisted": "受援方"}


@dataclass(frozen=True)
class Block:
    group: Group
    scope: Scope  # the summary's scope narrowed to the group
    rows: list[IndicatorProgress]


def groups(ledger: Ledger, by: str, scope: Scope) -> list[Group]:
    """The groups of ``by`` that have rows in ``scope``, in the order a reader looks for them."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    with ledger.read() as session:
        if by == "origin":
            # every table an indicator or a target is counted from
            models = {i.model for i in INDICATORS} | {Target}
            codes = set(
                session.scalars(union(*(live_in_scope(select(m.origin), m, scope) for m in models)))
            )
            # ``offices`` lists every origin found in the rows: own office first, then by code
            found = [o for o in offices(session) if o.code in codes]
            return [Group("origin", o.code, f"来源单位：{o.label}") for o in found]
        pairings = live_in_scope(select(Pairing.id), Pairing, scope)
        if by == "pairing":
            labels = ledger.pairings.labels()
            ids = set(session.scalars(pairings))
            ordered = sorted(ids, key=lambda i: (labels.get(i, i), i))
            return [Group("pairing", i, f"结对：{labels.get(i, i)}") for i in ordered]
        column = Pairing.helper_id if by == "helper" else Pairing.assisted_id
        region_ids = set(session.scalars(pairings.with_only_columns(column).distinct()))
        names = ledger.regions.names()
        ordered = sorted(region_ids, key=lambda i: (names.get(i, i), i))
        return [Group(by, i, f"{SIDES[by]}：{names.get(i, i)}") for i in ordered]


def grouped_progress(
    ledger: Ledger, period: Period, scope: Scope, by: str, today: date | None = None
) -> list[Block]:
    """One block per group: the progress table of the scope narrowed to that group."""
    with ledger.read():  # every block from one snapshot
        return [
            Block(g, narrowed, progress(ledger, period, narrowed, today))
            for g in groups(ledger, by, scope)
            for narrowed in (scope.grouped(g),)
        ]
