"""How stored values read in tables and pickers: names for ids, 万元 for fen, labels for codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from tracker.fields import Field
from tracker.ledger import Ledger
from tracker.money import format_wan

NUMERIC_KINDS = ("money", "int", "year")


def tr(text: str, context: str = "PairTrack") -> str:
    """Qt's translation for strings that come from tracker/ (field labels, choices)."""
    return QCoreApplication.translate(context, text)


@dataclass
class Lookups:
    """Names for the ids that records point to. Reloaded when the bus says regions, pairings
    or agreements changed, and when asked for an id it does not know (written elsewhere)."""

    ledger: Ledger | None = None
    pairings: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    agreements: dict[str, str] = field(default_factory=dict)
    agreement_pairing: dict[str, str] = field(default_factory=dict)
    _unknown: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, ledger: Ledger) -> Lookups:
        lookups = cls(ledger)
        lookups.reload()
        return lookups

    def reload(self) -> None:
        if self.ledger is None:
            return
        titles = self.ledger.agreements.titles()
        self.pairings = self.ledger.pairings.labels()
        self.regions = self.ledger.regions.names()
        self.agreements = {i: title for i, (title, _pid) in titles.items()}
        self.agreement_pairing = {i: pid for i, (_title, pid) in titles.items()}
        self._unknown.clear()

    def ref(self, table: str | None, ref_id: str | None) -> str:
        if ref_id is None:
            return ""
        names = {"pairing": "pairings", "region": "regions", "agreement": "agreements"}
        attribute = names.get(table or "")
        if attribute is None:
            return ref_id
        known = getattr(self, attribute)
        if ref_id not in known and ref_id not in self._unknown:
            self.reload()  # written elsewhere (another window, an import): look once more
            known = getattr(self, attribute)
            if ref_id not in known:
                self._unknown.add(ref_id)
        return str(known.get(ref_id, ref_id))


def display(f: Field, value: Any, lookups: Lookups) -> str:
    if value is None or value == "":
        return ""
    if f.kind == "money":
        return format_wan(value, unit=False)
    if f.kind == "int":
        return f"{value:,}"
    if f.kind == "year":
        return str(value)
    if f.kind == "date" and isinstance(value, date):
        return value.isoformat()
    if f.kind == "choice" and f.choices:
        return tr(f.choices.get(value, str(value)))
    if f.kind == "ref":
        return lookups.ref(f.ref_table, value)
    return str(value).replace("\n", " ")


def alignment(f: Field) -> Qt.AlignmentFlag:
    if f.kind in NUMERIC_KINDS:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def header(f: Field) -> str:
    label = tr(f.label)
    return f"{label}（万元）" if f.kind == "money" else label
