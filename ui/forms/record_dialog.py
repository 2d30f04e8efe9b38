"""The form for one record of any type, built from the service's field list.

Meaning (end after start, completed ≤ enrolled, unique pairs) is judged by the service; a
``ValidationError`` is shown next to its field and the dialog stays open with the input intact.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import PairTrackError, ValidationError
from tracker.fields import COMMON_FIELDS, Field
from tracker.ledger import Ledger
from tracker.records import Record
from tracker.services.base import EntityService
from ui.display import tr
from ui.forms.editors import ComboEditor, DateEditor, Editor, LineEditor, TextEditor

ERROR_STYLE = "color: #c62828;"


def ref_items(ledger: Ledger, table: str | None) -> list[tuple[str, str]]:
    if table == "pairing":
        return list(ledger.pairings.labels(include_deleted=False).items())
    if table == "region":
        return [(r.id, r.name) for r in ledger.regions.list(sort="name")]
    if table == "agreement":
        return [(a.id, a.title) for a in ledger.agreements.list(sort="title")]
    return []


def make_editor(ledger: Ledger, f: Field) -> Editor:
    if f.kind == "choice":
        return ComboEditor(f, [(code, tr(label)) for code, label in (f.choices or {}).items()])
    if f.kind == "ref":
        return ComboEditor(f, ref_items(ledger, f.ref_table))
    if f.kind == "date":
        return DateEditor(f)
    if f.kind == "text" and f.max_length >= 1000:
        return TextEditor(f)
    return LineEditor(f)


class RecordDialog(QDialog):
    def __init__(
        self,
        ledger: Ledger,
        service: EntityService[Any],
        record: Record | None = None,
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ledger, self.service, self.record = ledger, service, record
        self.saved: Record | None = None
        verb = tr("编辑") if record else tr("新增")
        self.setWindowTitle(f"{verb}{tr(service.noun)}")
        self.setMinimumWidth(460)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        for f in (*service.fields, *COMMON_FIELDS):
            editor = make_editor(ledger, f)
            editor.setObjectName(f"editor_{f.name}")
            error = QLabel()
            error.setObjectName(f"error_{f.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            mark = "*" if f.required else ""
            form.addRow(f"{tr(f.label)}{mark}：", box)
            editor.changed.connect(error.hide)
            self.editors[f.name], self.errors[f.name] = editor, error
        self._link_agreements_to_pairing()
        values = {f: getattr(record, f) for f in self.editors} if record else (defaults or {})
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _link_agreements_to_pairing(self) -> None:
        """An agreement picker only offers the agreements of the chosen pairing."""
        pairing, agreement = self.editors.get("pairing_id"), self.editors.get("agreement_id")
        if not isinstance(pairing, ComboEditor) or not isinstance(agreement, ComboEditor):
            return
        every = ref_items(self.ledger, "agreement")
        owners = {a.id: a.pairing_id for a in self.ledger.agreements.list()}

        def narrow() -> None:
            chosen = pairing.value()
            agreement.set_items([(i, t) for i, t in every if owners.get(i) == chosen])

        pairing.changed.connect(narrow)
        narrow()

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def save(self) -> None:
        self.general_error.hide()
        for label in self.errors.values():
            label.hide()
        try:
            if self.record is None:
                self.saved = self.service.create(**self.values())
            else:
                self.saved = self.service.update(self.record.id, **self.values())
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except PairTrackError as exc:
            self.show_error(None, str(exc))
            return
        self.accept()

    def show_error(self, field: str | None, message: str) -> None:
        if field in self.errors:
            self.errors[field].setText(message)
            self.errors[field].show()
            self.editors[field].focus()
        else:
            self.general_error.setText(message)
            self.general_error.show()
