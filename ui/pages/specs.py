"""What each record page shows: its service, columns and filters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str  # also the table name, so bus notifications find their page
    title: str
    icon: str
    service: str  # attribute of Ledger
    columns: tuple[str, ...]
    choice_filters: tuple[str, ...] = ()  # fields offered as drop-down filters
    by_pairing: bool = True
    by_year: bool = True


PAGES = (
    PageSpec(
        "pairing", "结对关系", "pairing", "pairings",
        ("helper_id", "assisted_id", "programme", "start_year", "end_year", "lead_unit", "contact"),
        choice_filters=("programme",), by_pairing=False,
    ),
    PageSpec(
        "agreement", "合作协议", "agreement", "agreements",
        ("pairing_id", "title", "category", "status", "counterparty", "signed_on",
         "committed_fen", "doc_number"),
        choice_filters=("status", "category"),
    ),
    PageSpec(
        "fund_transfer", "帮扶资金", "fund", "funds",
        ("pairing_id", "budget_year", "kind", "amount_fen", "purpose", "donor", "allocated_on",
         "arrived_on", "voucher"),
        choice_filters=("kind",),
    ),
    PageSpec(
        "cadre_exchange", "干部人才交流", "cadre", "cadres",
        ("pairing_id", "person_name", "gender", "direction", "category", "home_unit",
         "host_unit", "post", "start_on", "end_on", "returned_on"),
        choice_filters=("direction", "category"),
    ),
    PageSpec(
        "training", "培训", "training", "trainings",
        ("pairing_id", "title", "category", "quota", "enrolled", "completed", "start_on",
         "end_on", "organizer", "place"),
        choice_filters=("category",),
    ),
    PageSpec(
        "region", "地区", "region", "regions",
        ("name", "province", "city", "level", "code"),
        choice_filters=("level",), by_pairing=False, by_year=False,
    ),
)  # fmt: skip
BY_KEY = {spec.key: spec for spec in PAGES}
