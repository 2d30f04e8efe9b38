"""Names the window shows for ids and office codes, the choices its forms offer, and the
office settings.

One read gathers all of them, so the window can hold a plain snapshot and never query while it
paints. Deleted regions, pairings and agreements are kept: old records still point to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.records import AgreementRecord, PairingRecord, RegionRecord


@dataclass(frozen=True)
class Lookups:
    # regions and pairings in their natural order (``tracker.services.places``): pickers list them so
    regions: dict[str, RegionRecord] = field(default_factory=dict)
    pairings: dict[str, PairingRecord] = field(default_factory=dict)
    pairing_labels: dict[str, str] = field(default_factory=dict)  # "帮扶方→受援方"
    agreements: dict[str, AgreementRecord] = field(default_factory=dict)  # sorted by title
    settings: dict[str, str] = field(default_factory=dict)
    offices: dict[str, str] = field(default_factory=dict)  # origin code → 来源单位 name

    def live_pairings(self) -> dict[str, str]:
        """Pairing id → label of the pairings not deleted, in natural order."""
        return {
            pid: label
            for pid, label in self.pairing_labels.items()
            if pid in self.pairings and not self.pairings[pid].deleted
        }

    def live_regions(self) -> list[RegionRecord]:
        return [r for r in self.regions.values() if not r.deleted]

    def live_agreements(self, pairing_id: str | None = None) -> list[AgreementRecord]:
        return [
            a
            for a in self.agreements.values()
            if not a.deleted and (pairing_id is None or a.pairing_id == pairing_id)
        ]


def load_lookups(ledger: Ledger) -> Lookups:
    from pairtrack.tracker.offices import (
        office_names,  # SQLAlchemy: not needed to make an empty one
    )

    with ledger.read() as session:
        regions = ledger.regions.list(include_deleted=True)
        pairings = ledger.pairings.list(include_deleted=True)
        labels = ledger.pairings.labels()
        return Lookups(
            regions={r.id: r for r in regions},
            pairings={p.id: p for p in pairings},
            pairing_labels={p.id: labels[p.id] for p in pairings if p.id in labels},
            agreements={
                a.id: a for a in ledger.agreements.list(sort="title", include_deleted=True)
            },
            settings=ledger.settings(),
            offices=office_names(session),
        )
