"""Plain records handed to the window, the CLI and reports; ORM objects never leave tracker/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    origin: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    note: str
    # The revision as read (``tracker.revisions``): an editor hands it back when it saves, so
    # that a record changed by someone else since is not overwritten (``services.opened``).
    rev: str

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True, slots=True)
class RegionRecord(Record):
    name: str
    province: str
    city: str
    level: str
    code: str | None


@dataclass(frozen=True, slots=True)
class PairingRecord(Record):
    helper_id: str
    assisted_id: str
    programme: str
    start_year: int
    end_year: int | None
    lead_unit: str
    contact: str


@dataclass(frozen=True, slots=True)
class AgreementRecord(Record):
    pairing_id: str
    title: str
    doc_number: str
    category: str
    status: str
    counterparty: str
    signed_on: date | None
    start_on: date | None
    end_on: date | None
    committed_fen: int | None
    summary: str


@dataclass(frozen=True, slots=True)
class TargetRecord(Record):
    pairing_id: str
    year: int
    indicator: str
    value: int
    agreement_id: str | None


@dataclass(frozen=True, slots=True)
class FundTransferRecord(Record):
    pairing_id: str
    agreement_id: str | None
    budget_year: int
    kind: str
    amount_fen: int
    purpose: str
    donor: str
    allocated_on: date
    arrived_on: date | None
    voucher: str


@dataclass(frozen=True, slots=True)
class CadreExchangeRecord(Record):
    pairing_id: str
    person_name: str
    gender: str | None
    direction: str
    category: str
    home_unit: str
    host_unit: str
    post: str
    start_on: date
    end_on: date | None
    returned_on: date | None


@dataclass(frozen=True, slots=True)
class TrainingRecord(Record):
    pairing_id: str
    agreement_id: str | None
    title: str
    category: str
    quota: int
    enrolled: int
    completed: int
    start_on: date
    end_on: date | None
    organizer: str
    place: str
