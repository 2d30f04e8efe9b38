"""One service per record type; each call is one audited transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.services.agreements import AgreementService
from tracker.services.delivery import CadreService, FundService, TrainingService
from tracker.services.geography import PairingService, RegionService
from tracker.services.targets import TargetService

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService


@dataclass(frozen=True)
class Services:
    regions: RegionService
    pairings: PairingService
    agreements: AgreementService
    targets: TargetService
    funds: FundService
    cadres: CadreService
    trainings: TrainingService

    def all(self) -> tuple[EntityService[Any], ...]:
        return (
            self.regions,
            self.pairings,
            self.agreements,
            self.targets,
            self.funds,
            self.cadres,
            self.trainings,
        )


def build_services(ledger: Ledger) -> Services:
    return Services(
        regions=RegionService(ledger),
        pairings=PairingService(ledger),
        agreements=AgreementService(ledger),
        targets=TargetService(ledger),
        funds=FundService(ledger),
        cadres=CadreService(ledger),
        trainings=TrainingService(ledger),
    )
