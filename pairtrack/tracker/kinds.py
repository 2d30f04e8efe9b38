"""The registry of record kinds: the one list of the seven kinds of record.

Models (through each service's ``model``), services, the ledger's attributes, the exchanged
sheets, csv files and package members, the window's pages, navigation and table columns are
all derived from ``KINDS``. Adding a kind of record is one entry here (plus its model and
service); nothing else lists them.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pairtrack.tracker.fields import Field
    from pairtrack.tracker.services.base import EntityService
    from pairtrack.tracker.store import Store


@dataclass(frozen=True)
class NaturalKey:
    """Fields that, equal in two records, make them look like the same thing entered twice
    (DESIGN §7 "No silent duplicates"). A key whose value is blank in one of ``nonblank``
    identifies nothing (two agreements without a 文号 are not alike for that)."""

    fields: tuple[str, ...]
    nonblank: tuple[str, ...] = ()

    def value(self, data: Any) -> tuple[Any, ...] | None:
        """The key of ``data`` (a mapping of typed values), or None when it has none."""
        values = tuple(data.get(f) for f in self.fields)
        if any(data.get(f) in (None, "") for f in self.nonblank):
            return None
        return values


@dataclass(frozen=True)
class Kind:
    table: str  # also the key of its page and of its change notifications
    attr: str  # the ledger attribute of its service: ``ledger.funds``
    # "module:Class" of its service, imported on first use: the window draws its navigation
    # from this registry before SQLAlchemy (which the services need, ~0.25 s) is loaded
    service_name: str
    title: str  # the page and navigation title
    sheet: str  # the sheet (and csv file) title in exchanged workbooks
    icon: str
    nav: int  # position in the navigation, after 总览
    # The fields shown as table columns on its page, in that order: what tells records apart
    # and the key figures and dates first, so that they are on screen at 1280×800.
    columns: tuple[str, ...]
    choice_filters: tuple[str, ...] = ()  # fields offered as drop-down filters
    by_pairing: bool = True
    by_year: bool = True
    page: str = "records"  # records: a lazy record table; grid: the year × indicator grid
    # Rows without an id that match a live record on one of these are 疑似重复 on import
    # (regions, pairings and targets have unique keys the database itself enforces).
    natural_keys: tuple[NaturalKey, ...] = ()
    # What a narrower consolidation package carries (DESIGN §5 export --own / --reference):
    # "frame" kinds (regions, pairings) go whole into every package, since records are placed
    # on them; "reference" kinds (targets) also go into a --reference package; "record"
    # kinds only into full and --own packages.
    exchange: str = "record"
    # How many of ``columns`` must be on screen at the default window size, in every
    # language (the page narrows wide text columns for them, never a header: ui.pages.
    # column_widths); 0: all of them.
    on_screen: int = 0

    @property
    def service(self) -> type[EntityService[Any]]:
        module, name = self.service_name.split(":")
        found: type[EntityService[Any]] = getattr(importlib.import_module(module), name)
        return found

    @property
    def model(self) -> Any:
        return self.service.model

    def column_fields(self) -> tuple[Field, ...]:
        """The fields shown as its page's table columns: ``columns``, then 来源单位."""
        from pairtrack.tracker.fields import ORIGIN_FIELD

        return (*(self.service.field(name) for name in self.columns), ORIGIN_FIELD)

    @property
    def reference(self) -> bool:
        """Reference data: what ``export --reference`` sends (regions, pairings, targets)."""
        return self.exchange in ("frame", "reference")

    @property
    def frame(self) -> bool:
        """Sent whole even in an ``--own`` package: the receiver places the records on it."""
        return self.exchange == "frame"


# In the order references need them: a region before the pairings that name it, and so on.
KINDS: tuple[Kind, ...] = (
    Kind(
        "region", "regions", "pairtrack.tracker.services.geography:RegionService", "地区", "地区", "region", 7,
        ("name", "province", "city", "level", "code"),
        choice_filters=("level",), by_pairing=False, by_year=False, exchange="frame",
    ),
    Kind(
        "pairing", "pairings", "pairtrack.tracker.services.geography:PairingService", "结对关系", "结对关系", "pairing", 1,
        ("helper_id", "assisted_id", "programme", "start_year", "end_year", "lead_unit", "contact"),
        choice_filters=("programme",), by_pairing=False, exchange="frame",
    ),
    Kind(
        "agreement", "agreements", "pairtrack.tracker.services.agreements:AgreementService", "合作协议", "合作协议", "agreement", 2,
        ("pairing_id", "title", "committed_fen", "signed_on", "status", "category",
         "counterparty", "doc_number"),
        choice_filters=("status", "category"), on_screen=5,
        natural_keys=(NaturalKey(("title",)), NaturalKey(("doc_number",), nonblank=("doc_number",))),
    ),
    Kind(
        "target", "targets", "pairtrack.tracker.services.targets:TargetService", "年度目标", "年度目标", "target", 6,
        ("pairing_id", "year", "indicator", "value", "agreement_id"),
        page="grid", exchange="reference",
    ),
    Kind(
        "fund_transfer", "funds", "pairtrack.tracker.services.delivery:FundService", "帮扶资金", "帮扶资金", "fund", 3,
        ("pairing_id", "purpose", "kind", "amount_fen", "allocated_on", "arrived_on", "voucher",
         "budget_year", "donor"),
        choice_filters=("kind",), on_screen=7,
        natural_keys=(NaturalKey(("pairing_id", "kind", "amount_fen", "allocated_on", "voucher")),),
    ),
    Kind(
        "cadre_exchange", "cadres", "pairtrack.tracker.services.delivery:CadreService", "干部人才交流", "干部交流", "cadre", 4,
        ("pairing_id", "person_name", "category", "direction", "start_on", "end_on",
         "returned_on", "post", "host_unit", "home_unit", "gender"),
        choice_filters=("direction", "category"), on_screen=7,
        natural_keys=(NaturalKey(("person_name", "start_on")),),
    ),
    Kind(
        "training", "trainings", "pairtrack.tracker.services.delivery:TrainingService", "培训", "培训", "training", 5,
        ("pairing_id", "title", "category", "quota", "enrolled", "completed", "start_on",
         "end_on", "organizer", "place"),
        choice_filters=("category",), on_screen=7,
        natural_keys=(NaturalKey(("title", "start_on")),),
    ),
)  # fmt: skip
BY_TABLE: dict[str, Kind] = {k.table: k for k in KINDS}
TABLES: tuple[str, ...] = tuple(k.table for k in KINDS)


def kind(table: str) -> Kind:
    return BY_TABLE[table]


class Services:
    """One service per kind, built on one store; ``services.funds`` or ``services["fund_transfer"]``.

    Each is built (and its module imported) when first asked for: the window's first read at
    start-up needs the regions' alone, and the seven modules take a few hundredths of a
    second to import."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_table: dict[str, EntityService[Any]] = {}
        self._lock = threading.Lock()  # the worker and a command may ask at once

    def all(self) -> tuple[EntityService[Any], ...]:
        return tuple(self[k.table] for k in KINDS)

    def __getitem__(self, table: str) -> EntityService[Any]:
        found = self._by_table.get(table)
        if found is None:
            with self._lock:
                found = self._by_table.get(table)
                if found is None:
                    found = self._by_table[table] = BY_TABLE[table].service(self._store)
        return found

    def __getattr__(self, attr: str) -> Any:
        table = _TABLE_OF_ATTR.get(attr)
        if table is None or attr.startswith("_"):
            raise AttributeError(attr)
        return self[table]


_TABLE_OF_ATTR: dict[str, str] = {k.attr: k.table for k in KINDS}
