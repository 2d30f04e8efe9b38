"""The form for one record of any type, built from the service's field list.

Meaning (end after start, completed ≤ enrolled, unique pairs) is judged by the service; a
``ValidationError`` is shown next to its field and the dialog stays open with the input intact.
An edit saves against the revision it opened: if someone else changed the record since, the
save is refused and the form shows both versions and asks what to do (``record_changed``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.errors import PairTrackError, ValidationError
from pairtrack.tracker.fields import COMMON_FIELDS, Field
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.lookups import Lookups as LookupsData
from pairtrack.tracker.money import implausible
from pairtrack.tracker.records import Record
from pairtrack.tracker.services.base import EntityService
from pairtrack.tracker.services.opened import ChangedSinceOpened
from pairtrack.ui import colours, messages
from pairtrack.ui.accessible import prepare
from pairtrack.ui.dialogs.record_changed import ChangedPanel, who_and_when
from pairtrack.ui.display import Lookups
from pairtrack.ui.forms.editors import ComboEditor, DateEditor, Editor, LineEditor, TextEditor
from pairtrack.ui.forms.region_picker import RegionPicker
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job


def ref_items(lookups: LookupsData, table: str | None) -> list[tuple[str, str]]:
    """The live records a reference field may point to, as (id, name)."""
    if table == "pairing":
        return list(lookups.live_pairings().items())
    if table == "region":
        return [(r.id, r.name) for r in lookups.live_regions()]
    if table == "agreement":
        return [(a.id, a.title) for a in lookups.live_agreements()]
    return []


def make_editor(lookups: LookupsData, f: Field) -> Editor:
    if f.kind == "choice":
        return ComboEditor(f, [(code, tr(label)) for code, label in (f.choices or {}).items()])
    if f.kind == "ref":
        return ComboEditor(f, ref_items(lookups, f.ref_table))
    if f.kind == "date":
        return DateEditor(f)
    if f.kind == "text" and f.max_length >= 1000:
        return TextEditor(f)
    return LineEditor(f)


class RecordDialog(QDialog):
    def __init__(
        self,
        service: type[EntityService[Any]],
        lookups: Lookups,
        record: Record | None = None,
        defaults: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.record, self.lookups = service, record, lookups
        self.names = lookups.data  # the choices as they are when the form opens
        self.saved: Record | None = None
        self.saving = False
        # The revision the form was opened at, handed back on save (None: a new record),
        # and the version a save replaces (the other writer's, once overwritten knowingly).
        self.opened_rev = None if record is None else record.rev
        self.replaced = record
        self.discarded = False  # closed by 放弃我的修改: the page reads the record again
        title = tr("编辑{noun}") if record else tr("新增{noun}")
        self.setWindowTitle(title.format(noun=tr(service.noun)))
        self.setMinimumWidth(460)
        # Only an edit can be overtaken by someone else's save. Made before the fields, so
        # that Tab reaches it first, as it stands above them.
        self.changed_panel: ChangedPanel | None = None
        if record is not None:
            self.changed_panel = ChangedPanel(lookups, self)
            self.changed_panel.overwrite.connect(self.overwrite)
            self.changed_panel.discard.connect(self.discard)
            self.changed_panel.keep_editing.connect(self.keep_editing)
        self.general_error = QLabel()
        colours.warn(self.general_error)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        for f in (*service.fields, *COMMON_FIELDS):
            editor = make_editor(self.names, f)
            editor.setObjectName(f"editor_{f.name}")
            error = QLabel()
            error.setObjectName(f"error_{f.name}")
            colours.warn(error)
            error.setWordWrap(True)
            error.hide()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            mark = "*" if f.required else ""
            label = QLabel(tr("{label}：").format(label=tr(f.label) + mark))
            label.setBuddy(editor)  # a click on the label puts the cursor in the field
            form.addRow(label, box)
            editor.changed.connect(error.hide)
            self.editors[f.name], self.errors[f.name] = editor, error
        self._link_agreements_to_pairing()
        values = {f: getattr(record, f) for f in self.editors} if record else (defaults or {})
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
        # After the stored values are in, so that opening a region does not pop up a search.
        self.region_picker = (
            RegionPicker(self.editors, self) if service.model.__tablename__ == "region" else None
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.history_button: QPushButton | None = None
        self.history_dialog: QDialog | None = None
        if record is not None:  # a saved record has a history: who changed what, when
            from pairtrack.ui.dialogs.history import SHORTCUT

            self.history_button = QPushButton(tr("历史…"))
            self.history_button.setToolTip(
                SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
            )
            self.history_button.clicked.connect(self.show_history)
            buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.HelpRole)
            QShortcut(SHORTCUT, self).activated.connect(self.show_history)
        layout = QVBoxLayout(self)
        if self.changed_panel is not None:
            layout.addWidget(self.changed_panel)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        prepare(self)

    def show_history(self) -> None:
        from pairtrack.ui.dialogs.history import HistoryDialog, record_name

        if self.record is None:
            return
        table = self.service.model.__tablename__
        name = record_name(table, self.record, self.lookups)
        self.history_dialog = HistoryDialog(table, self.record.id, name, self.lookups, self)
        self.history_dialog.open()

    def _link_agreements_to_pairing(self) -> None:
        """An agreement picker only offers the agreements of the chosen pairing."""
        pairing, agreement = self.editors.get("pairing_id"), self.editors.get("agreement_id")
        if not isinstance(pairing, ComboEditor) or not isinstance(agreement, ComboEditor):
            return
        every = ref_items(self.names, "agreement")
        owners = {a.id: a.pairing_id for a in self.names.live_agreements()}

        def narrow() -> None:
            chosen = pairing.value()
            agreement.set_items([(i, t) for i, t in every if owners.get(i) == chosen])

        pairing.changed.connect(narrow)
        narrow()

    def values(self) -> dict[str, Any]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def save(self) -> None:
        """Save in the database worker; the dialog stays open (input intact) on an error."""
        if self.saving:
            return
        self.general_error.hide()
        for label in self.errors.values():
            label.hide()
        values, table = self.values(), self.service.model.__tablename__
        if not self._plausible(table):
            return
        record_id = None if self.record is None else self.record.id
        opened_rev = self.opened_rev

        def write(ledger: Ledger, _job: Job) -> Record:
            service = ledger.services[table]
            if record_id is None:
                return service.create(**values)
            return service.update(record_id, opened_rev=opened_rev, **values)

        self._set_saving(True)
        CollectionOp(self, write, self._saved).failure(self._failed).run()

    def _plausible(self, table: str) -> bool:
        """Amounts above their kind's plausibility bound are saved only once confirmed."""
        warnings = []
        for editor in self.editors.values():
            fen = editor.fen() if isinstance(editor, LineEditor) else None
            if fen is not None and (warning := implausible(table, fen, editor.field.label)):
                warnings.append(tr_message(warning))
        if not warnings:
            return True
        question = "\n".join([*warnings, tr("仍要保存吗？")])
        return messages.ask(self, tr("请确认金额"), question)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not saving)

    def _saved(self, record: Record) -> None:
        self._set_saving(False)
        self.saved = record
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ChangedSinceOpened):
            self.show_changed(exc)
        elif isinstance(exc, ValidationError):
            self.show_errors([(p.field, p.message) for p in exc.problems])
        elif isinstance(exc, PairTrackError):
            self.show_error(None, tr_message(exc))
        else:
            self.show_error(None, tr("保存失败：{error}").format(error=exc))

    # --- changed by someone else since it was opened -----------------------------------------
    def panel(self) -> ChangedPanel:
        assert self.changed_panel is not None, "only an edit is compared with what is stored"
        return self.changed_panel

    def show_changed(self, exc: ChangedSinceOpened) -> None:
        """Both versions side by side; 保存 waits until the user chooses what to do."""
        self.panel().show_refusal(exc)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def overwrite(self) -> None:
        """用我的内容覆盖: once confirmed, save again against the revision now stored (if it
        changes yet again before that save, the save is refused again and shown anew)."""
        exc = self.panel().refusal
        if exc is None or exc.deleted:
            return
        who, when = who_and_when(exc)
        question = tr("将用您填写的内容覆盖 {operator} 于 {time} 保存的修改。确定覆盖吗？")
        question = question.format(operator=who, time=when)
        if not messages.ask(self, tr("覆盖对方的修改"), question):
            return
        self.opened_rev, self.replaced = exc.current.rev, exc.current
        self.panel().hide()
        self.save()

    def discard(self) -> None:
        """放弃我的修改: close without saving; the page reads the record again."""
        self.discarded = True
        self.panel().hide()
        self.reject()

    def keep_editing(self) -> None:
        """返回继续编辑: back to the form as typed. The form still holds the revision it
        opened, so a later save is compared again (and shows what is stored by then)."""
        self.panel().hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        next(iter(self.editors.values())).focus()

    def show_error(self, field: str | None, message: str) -> None:
        self.show_errors([(field, message)])

    def show_errors(self, problems: list[tuple[str | None, str]]) -> None:
        """Every problem at once, each next to its field (the rest above the form); the first
        field in the form that has one takes the focus."""
        general = []
        for field, message in problems:
            if field in self.errors:
                self.errors[field].setText(tr_message(message))
                self.errors[field].show()
            else:
                general.append(tr_message(message))
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        named = {field for field, _message in problems}
        first = next((name for name in self.editors if name in named), None)
        if first is not None:
            self.editors[first].focus()
