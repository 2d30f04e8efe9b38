"""Choose a reporting period (DESIGN §3) and a scope; shared by the dashboard and the brief."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.periods import Period, Scope
from pairtrack.ui.accessible import label_for, set_name
from pairtrack.ui.display import Lookups
from pairtrack.ui.forms.date_edit import DateEdit
from pairtrack.ui.i18n import noop, tr, tr_message

KINDS = (
    ("month", noop("截至月底")),
    ("quarter", noop("季度")),
    ("year", noop("全年")),
    ("range", noop("自定义")),
)
QUARTERS = (noop("第一季度"), noop("第二季度"), noop("第三季度"), noop("第四季度"))


def affixes(template: str, placeholder: str) -> tuple[str, str]:
    """A spin box's prefix and suffix from one translated phrase (「截至 {month} 月底」), so
    that a language with nothing before or after the number needs no empty string."""
    prefix, _, suffix = template.partition(placeholder)
    return prefix, suffix


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        today = date.today()
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        prefix, suffix = affixes(tr("{year}年"), "{year}")
        self.year.setPrefix(prefix)
        self.year.setSuffix(suffix)
        self.kind = QComboBox()
        self.kind.setObjectName("period_kind")
        for code, label in KINDS:
            self.kind.addItem(tr(label), code)
        self.month = QSpinBox()
        self.month.setObjectName("month")
        self.month.setRange(1, 12)
        prefix, suffix = affixes(tr("截至 {month} 月底"), "{month}")
        self.month.setPrefix(prefix)
        self.month.setSuffix(suffix)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(tr(QUARTERS[q - 1]), q)
        self.start, self.end = DateEdit(), DateEdit()
        self.start.setObjectName("range_start")
        self.end.setObjectName("range_end")
        self.scope = QComboBox()
        self._wanted_scope = ""  # a remembered scope, chosen once the names have loaded
        self.scope.setObjectName("scope")
        self.scope.setMinimumContentsLength(14)
        for field, text in ((self.year, tr("年度")), (self.kind, tr("期间")),
                            (self.month, tr("截至月份")), (self.quarter, tr("季度")),
                            (self.start, tr("开始日期")), (self.end, tr("结束日期"))):  # fmt: skip
            set_name(field, text)
        self.dash = QLabel("—")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.year, self.kind, self.month, self.quarter, self.start,
                       self.dash, self.end):  # fmt: skip
            layout.addWidget(widget)
        layout.addWidget(label_for(tr("范围："), self.scope))
        layout.addWidget(self.scope, 1)
        self.year.setValue(today.year)
        self.month.setValue(today.month)
        self.start.set_date(date(today.year, 1, 1))
        self.end.set_date(today)
        self.load_scopes()
        lookups.reloaded.connect(self.load_scopes)
        for signal in (self.year.valueChanged, self.kind.currentIndexChanged,
                       self.month.valueChanged, self.quarter.currentIndexChanged,
                       self.start.date_changed, self.end.date_changed,
                       self.scope.currentIndexChanged):  # fmt: skip
            signal.connect(self._changed)
        self._show_fields()

    def load_scopes(self) -> None:
        """Everything, each helper and assisted region in a live pairing, each pairing."""
        current = self.scope.currentText()  # tuple item data does not round-trip findData
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(tr("全部"), ("all", None))
        data = self.lookups.data
        pairings = [p for p in data.pairings.values() if not p.deleted]
        names = {r.id: r for r in data.live_regions()}
        helpers = sorted({p.helper_id for p in pairings if p.helper_id in names},
                         key=lambda i: names[i].name)  # fmt: skip
        assisted = sorted({p.assisted_id for p in pairings if p.assisted_id in names},
                          key=lambda i: names[i].name)  # fmt: skip
        cities = sorted({names[i].city for i in helpers if names[i].city} - {""})
        for city in cities:  # a city scope takes in its zones and counties
            city_region = next((r for r in names.values() if r.name == city), None)
            if city_region is not None and city_region.id not in helpers:
                self.scope.addItem(
                    tr("帮扶方：{name}").format(name=city), ("helper", city_region.id)
                )
        for region_id in helpers:
            name = names[region_id].name
            self.scope.addItem(tr("帮扶方：{name}").format(name=name), ("helper", region_id))
        for region_id in assisted:
            name = names[region_id].name
            self.scope.addItem(tr("受援方：{name}").format(name=name), ("assisted", region_id))
        for pairing_id, label in data.live_pairings().items():
            self.scope.addItem(tr("结对：{name}").format(name=label), ("pairing", pairing_id))
        wanted = self.scope.findText(self._wanted_scope) if self._wanted_scope else -1
        if wanted >= 0:
            self._wanted_scope = ""
        self.scope.setCurrentIndex(wanted if wanted >= 0 else max(0, self.scope.findText(current)))
        self.scope.blockSignals(False)
        if wanted >= 0 and self.scope.currentText() != current:
            self._changed()

    def _changed(self) -> None:
        if not self.signalsBlocked():  # the person chose: a remembered scope no longer applies
            self._wanted_scope = ""
        self._show_fields()
        self.changed.emit()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        self.month.setVisible(kind == "month")
        self.quarter.setVisible(kind == "quarter")
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(kind == "range")
        self.year.setEnabled(kind != "range")

    def period(self) -> Period:
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "month":
            return Period.through_month(year, self.month.value())
        if kind == "quarter":
            return Period.quarter(year, self.quarter.currentData())
        if kind == "year":
            return Period.year(year)
        return Period.between(
            _day(self.start, "from", tr("起始日期")), _day(self.end, "to", tr("截止日期"))
        )

    def set_period(self, year: int, month: int, *, quiet: bool = False) -> None:
        """Year to date through ``month``; ``quiet`` when that period has been read already."""
        self.blockSignals(True)
        self.year.setValue(year)
        self.kind.setCurrentIndex(0)
        self.month.setValue(month)
        self.blockSignals(False)
        if not quiet:
            self.changed.emit()

    def state(self) -> dict[str, object]:
        """The choice as plain values (kept per database between runs)."""
        return {
            "kind": self.kind.currentData(),
            "year": self.year.value(),
            "month": self.month.value(),
            "quarter": self.quarter.currentData(),
            "start": self.start.text(),
            "end": self.end.text(),
            "scope": self.scope.currentText(),
        }

    def intended_state(self) -> dict[str, object]:
        """``state()``, with a remembered scope whose name has not loaded yet in place of the
        scope shown meanwhile: the choice the figures will be read for."""
        state = self.state()
        if self._wanted_scope:
            state["scope"] = self._wanted_scope
        return state

    def set_state(self, state: dict[str, object]) -> None:
        """Take a choice made by ``state`` (values that no longer fit are left as they are);
        a scope whose name has not loaded yet is chosen when it arrives."""
        self.blockSignals(True)
        kind = self.kind.findData(state.get("kind"))
        if kind >= 0:
            self.kind.setCurrentIndex(kind)
        for box, key in ((self.year, "year"), (self.month, "month")):
            value = state.get(key)
            if isinstance(value, int) and box.minimum() <= value <= box.maximum():
                box.setValue(value)
        quarter = self.quarter.findData(state.get("quarter"))
        if quarter >= 0:
            self.quarter.setCurrentIndex(quarter)
        for edit, key in ((self.start, "start"), (self.end, "end")):
            if isinstance(state.get(key), str):
                edit.line.setText(str(state[key]))
        scope = str(state.get("scope") or "")
        found = self.scope.findText(scope)
        if found >= 0:
            self.scope.setCurrentIndex(found)
        else:
            self._wanted_scope = scope
        self.blockSignals(False)
        self._show_fields()
        self.changed.emit()

    def copy_from(self, other: PeriodPicker) -> None:
        """Take over another picker's choice (the brief starts from what the dashboard shows)."""
        self.blockSignals(True)
        self.year.setValue(other.year.value())
        self.kind.setCurrentIndex(other.kind.currentIndex())
        self.month.setValue(other.month.value())
        self.quarter.setCurrentIndex(other.quarter.currentIndex())
        self.start.line.setText(other.start.text())  # as typed, a half-typed date too
        self.end.line.setText(other.end.text())
        self.scope.setCurrentIndex(max(0, self.scope.findText(other.scope.currentText())))
        self.blockSignals(False)
        self._show_fields()
        self.changed.emit()

    def scope_value(self) -> Scope:
        from pairtrack.tracker.scopes import scope_of_pairing, scope_of_region

        kind, ref = self.scope.currentData() or ("all", None)
        data = self.lookups.data
        if kind == "pairing" and ref in data.pairing_labels:
            return scope_of_pairing(ref, data.pairing_labels[ref])
        if kind in ("helper", "assisted") and ref in data.regions:
            return scope_of_region(kind, data.regions[ref])
        return Scope.everything()


def _day(edit: DateEdit, field: str, label: str) -> date:
    """The date in ``edit``, or the reason it has none, naming the field."""
    day = edit.date()
    if day is None:
        problem = edit.problem() or tr("不能为空")
        raise ValidationError(
            field, tr("「{label}」{problem}").format(label=label, problem=tr_message(problem))
        )
    return day
