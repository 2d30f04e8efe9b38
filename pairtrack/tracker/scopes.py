"""Resolve what a user names (a region, a pairing) into a reporting scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pairtrack.tracker.periods import Scope
from pairtrack.tracker.records import RegionRecord

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger


def region_scope(ledger: Ledger, kind: str, name_or_code: str) -> Scope:
    return scope_of_region(kind, ledger.regions.find(name_or_code))


def scope_of_region(kind: str, region: RegionRecord) -> Scope:
    """Everything where ``region`` (or a region inside it) is the helper / assisted side."""
    side = "帮扶方" if kind == "helper" else "受援方"
    return Scope(
        kind,
        label=f"{side}：{region.name}",
        region_id=region.id,
        region_name=region.name,
        region_level=region.level,
    )


def pairing_scope(ledger: Ledger, pairing_id: str) -> Scope:
    record = ledger.pairings.get(pairing_id)
    return scope_of_pairing(record.id, ledger.pairings.labels().get(record.id, record.id))


def scope_of_pairing(pairing_id: str, label: str) -> Scope:
    """One pairing, labelled "帮扶方→受援方"."""
    return Scope("pairing", label=f"结对：{label}", pairing_id=pairing_id)
