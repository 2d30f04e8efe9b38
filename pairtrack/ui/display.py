"""How stored values read in tables and pickers: names for ids, 万元 for fen, labels for codes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from pairtrack.tracker.changes import Change
from pairtrack.tracker.lookups import Lookups as LookupsData
from pairtrack.tracker.lookups import load_lookups
from pairtrack.ui.bus import bus
from pairtrack.ui.i18n import tr, tr_message

if TYPE_CHECKING:
    from pairtrack.tracker.fields import Field

NUMERIC_KINDS = ("money", "int", "year")


class LookupCache(QObject):
    """The window's copy of ``tracker.lookups.Lookups``: names for ids, form choices, settings.

    Reloaded in the worker when a change touches regions, pairings, agreements or settings;
    ``reloaded`` tells the views. An id it does not know yet (written by an import a moment
    ago) shows as itself until the reload that the change brings.
    """

    reloaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = LookupsData()
        self.loading = False
        self._again = False
        self._unknown: set[str] = set()  # ids already asked about once
        bus().changed.connect(self._on_changed)

    def _on_changed(self, change: Change) -> None:
        if change.touches("pairing", "region", "agreement", "meta"):
            self.reload()

    def reload(self) -> None:
        from pairtrack.ui.ops import QueryOp, is_attached

        if not is_attached():  # the window let go of its database: nothing to read from
            self.loading = self._again = False
            return
        if self.loading:
            self._again = True
            return
        self.loading, self._again = True, False
        QueryOp(self, lambda ledger, _job: load_lookups(ledger), self._loaded).failure(
            self._failed
        ).run()

    def _loaded(self, data: LookupsData) -> None:
        self.loading = False
        self.data = data
        self.reloaded.emit()
        if self._again:
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        from pairtrack.ui.ops import show_failure

        show_failure(self.parent(), exc)

    @property
    def pairings(self) -> dict[str, str]:
        return self.data.pairing_labels

    def ref(self, table: str | None, ref_id: str | None) -> str:
        if ref_id is None:
            return ""
        name = self._name(table, ref_id)
        if name is None:
            if ref_id not in self._unknown:  # written elsewhere: look once more, in the worker
                self._unknown.add(ref_id)
                self.reload()
            return ref_id
        return name

    def office(self, code: str) -> str:
        """来源单位 for an origin code; a code not known yet is looked up once more."""
        from pairtrack.tracker.offices import origin_label  # loaded with the data by then

        if code and code not in self.data.offices and code not in self._unknown:
            self._unknown.add(code)
            self.reload()
        return origin_label(code, self.data.offices)

    def _name(self, table: str | None, ref_id: str) -> str | None:
        data = self.data
        if table == "pairing":
            return data.pairing_labels.get(ref_id)
        if table == "region":
            region = data.regions.get(ref_id)
            return None if region is None else region.name
        if table == "agreement":
            agreement = data.agreements.get(ref_id)
            return None if agreement is None else agreement.title
        return ref_id


Lookups = LookupCache  # what the views are handed


def display(f: Field, value: Any, lookups: Lookups) -> str:
    from pairtrack.tracker.money import format_wan  # loaded with the data by then

    if f.kind == "origin":
        return tr_message(lookups.office(value or ""))  # 未标注: a word, not a name
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
    return tr("{label}（万元）").format(label=label) if f.kind == "money" else label
