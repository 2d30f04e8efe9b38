"""The row of filters above a record table: search, pairing, year, choice fields, and the
office a record came from (shown once the database holds more than one office's rows)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.kinds import Kind
from pairtrack.tracker.offices import origin_label
from pairtrack.tracker.services.base import EntityService
from pairtrack.ui.accessible import set_name
from pairtrack.ui.i18n import tr, tr_message


class FilterBar(QWidget):
    changed = Signal()

    def __init__(
        self, spec: Kind, service: type[EntityService[Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("搜索（名称、地区、单位、备注…）"))
        self.search.setClearButtonEnabled(True)
        set_name(self.search, tr("搜索"))
        self.search.textChanged.connect(self.changed)
        layout.addWidget(self.search, 2)
        self.pairing: QComboBox | None = None
        if spec.by_pairing:
            self.pairing = self._combo("pairing_filter", tr("全部结对关系"), [])
            set_name(self.pairing, tr("按结对关系筛选"))
            layout.addWidget(self.pairing, 2)
        self.year: QComboBox | None = None
        if spec.by_year:
            latest = min(date.today().year + 1, MAX_YEAR)
            years = [(y, tr("{year}年").format(year=y)) for y in range(latest, MIN_YEAR - 1, -1)]
            self.year = self._combo("year_filter", tr("全部年度"), years)
            set_name(self.year, tr("按年度筛选"))
            layout.addWidget(self.year)
        self.choices: dict[str, QComboBox] = {}
        for name in spec.choice_filters:
            f = service.field(name)
            items = [(code, tr(label)) for code, label in (f.choices or {}).items()]
            everything = tr("全部{label}").format(label=tr(f.label))
            combo = self._combo(f"{name}_filter", everything, items)
            set_name(combo, tr("按{label}筛选").format(label=tr(f.label)))
            self.choices[name] = combo
            layout.addWidget(combo)
        self.origin = self._combo("origin_filter", tr("全部来源单位"), [])
        set_name(self.origin, tr("按来源单位筛选"))
        self.origin.hide()
        layout.addWidget(self.origin)

    def _combo(self, name: str, everything: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for value, label in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def set_pairings(self, labels: dict[str, str]) -> None:
        if self.pairing is None:
            return
        current = self.pairing.currentData()
        self.pairing.blockSignals(True)
        while self.pairing.count() > 1:
            self.pairing.removeItem(1)
        for pid, label in labels.items():
            self.pairing.addItem(label, pid)
        self.pairing.setCurrentIndex(max(0, self.pairing.findData(current)))
        self.pairing.blockSignals(False)

    def set_offices(self, names: dict[str, str]) -> None:
        """Origin code → 来源单位 name; the filter shows only when there is a choice."""
        current = self.origin.currentData()
        self.origin.blockSignals(True)
        while self.origin.count() > 1:
            self.origin.removeItem(1)
        for code in names:
            self.origin.addItem(tr_message(origin_label(code, names)), code)
        self.origin.setCurrentIndex(max(0, self.origin.findData(current)))
        self.origin.blockSignals(False)
        self.origin.setVisible(len(names) > 1)

    def select(self, name: str, value: Any) -> None:
        combo = {
            "pairing_id": self.pairing,
            "year": self.year,
            "origin": self.origin,
            **self.choices,
        }.get(name)
        if combo is not None:
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.search.text()}
        if self.pairing is not None:
            out["pairing_id"] = self.pairing.currentData()
        if self.year is not None:
            out["year"] = self.year.currentData()
        for name, combo in self.choices.items():
            out[name] = combo.currentData()
        out["origin"] = self.origin.currentData()
        return out

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        for combo in (self.pairing, self.year, self.origin, *self.choices.values()):
            if combo is not None:
                combo.setCurrentIndex(0)
        self.blockSignals(False)
        self.changed.emit()
