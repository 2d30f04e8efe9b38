"""The region form picks from the national code table: type a name, choose, the form is filled.

The table is a file read once into memory (``tracker.region_codes``), not the database, so the
search runs on the GUI thread: measured over typed sequences (offscreen, popup open), a
keystroke costs 0.9 ms median, 1.7 ms at the 95th percentile, 3 ms at worst, search included
(tests/tracker/test_region_codes.py holds the search under 5 ms). The table itself is read
when the form opens (~40 ms, once per run), not on the first keystroke.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QWidget

from pairtrack.tracker import region_codes
from pairtrack.tracker.region_codes import RegionCode
from pairtrack.ui import colours
from pairtrack.ui.forms.editors import Editor, LineEditor
from pairtrack.ui.i18n import tr, tr_message

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN = 12  # completions offered at a time


class RegionPicker(QObject):
    """Completion on the name field; choosing fills code, name, province, city and level.
    A code typed by hand fills the blank fields and corrects a level of another tier.

    Beside the code field a note says which place the code stands for, and, for a code no
    longer current, what became of it (the service accepts old codes: old ledgers use them).
    """

    def __init__(self, editors: Mapping[str, Editor], parent: QWidget) -> None:
        super().__init__(parent)
        self.editors = editors
        name = editors["name"]
        assert isinstance(name, LineEditor)
        self.name_edit = name.edit
        self.shown: list[RegionCode] = []
        self.filling = False
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SHOWN)
        # setWidget, not QLineEdit.setCompleter: choosing fills the whole form (below), and
        # the line edit must not paste the picker's label into the name.
        self.completer.setWidget(self.name_edit)
        # The QModelIndex overload of the overloaded signal (the stubs do not index signals).
        self.completer.activated[QModelIndex].connect(self._chosen)  # type: ignore[index]
        self.name_edit.textChanged.connect(self._search)
        self.note = QLabel()
        self.note.setObjectName("region_code_note")
        self.note.setWordWrap(True)
        code = editors["code"]
        assert isinstance(code, LineEditor)
        self.code_edit = code.edit
        code.layout_.addWidget(self.note, 1)
        self.code_edit.textChanged.connect(self._code_typed)
        self._describe()
        region_codes.table()  # read now (~40 ms, once), not on the first keystroke

    def _search(self, text: str) -> None:
        if self.filling:
            return
        self.shown = region_codes.search(text, SHOWN)
        self.model.setRowCount(len(self.shown))
        for row, entry in enumerate(self.shown):
            item = self.model.item(row)
            if item is None:
                item = QStandardItem()
                item.setEditable(False)
                self.model.setItem(row, item)
            item.setText(tr_message(entry.label()))
            item.setData(row, ROW_ROLE)
        if self.shown and self.name_edit.isVisible():
            self.completer.complete()
        else:
            self._hide_popup()

    def _chosen(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is None or not 0 <= row < len(self.shown):
            return
        entry = self.shown[row]
        self.filling = True
        try:
            for field in ("name", "province", "city", "level", "code"):
                self.editors[field].set_value(getattr(entry, field))
        finally:
            self.filling = False
        self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def _code_typed(self) -> None:
        """A known code typed by hand fills what is still blank, and a level of another tier."""
        self._describe()
        entry = None if self.filling else region_codes.find(self.code_edit.text())
        if entry is None or not region_codes.normalise(self.code_edit.text()).isdigit():
            return
        self.filling = True
        try:
            for field in ("name", "province", "city"):
                if not str(self.editors[field].value() or "").strip():
                    self.editors[field].set_value(getattr(entry, field))
            if region_codes.TIER.get(self.editors["level"].value()) != entry.tier:
                self.editors["level"].set_value(entry.level)
        finally:
            self.filling = False

    def _describe(self) -> None:
        code = region_codes.normalise(self.code_edit.text())
        if len(code) != 6:
            self.note.setText("")
            return
        entry = region_codes.find(code)
        if entry is None:
            colours.paint_text(self.note, colours.caution(self.note.palette()))
            self.note.setText(tr("代码表中没有此代码"))
        else:
            shade = colours.muted if entry.current else colours.caution
            colours.paint_text(self.note, shade(self.note.palette()))
            self.note.setText(tr_message(region_codes.status(code)))
