"""The import's 「对应关系」 step: how each sheet of an office's own workbook will be read.

One tab per sheet: the kind of record it holds, the row its header is on, and per column the
header as written, a sample of its values and what it is imported as. Columns the reader
recognised are marked ✓; the others are marked 未导入 and highlighted, so nothing is dropped
unseen. A sheet the reader could not place opens as 「不导入」 with a red note — never skipped
silently. One default pairing serves the rows of sheets without a 结对关系 column. The step only
shows and edits ``Mapping`` values (``tracker.exchange.layout``); the dialog reads the workbook
and runs the preview.
"""

from __future__ import annotations

from dataclasses import replace

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # no stubs
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.exchange.layout import (
    IGNORE,
    Mapping,
    at_row,
    remap,
)
from pairtrack.tracker.exchange.ledger_import import HOW, SheetReading
from pairtrack.tracker.exchange.ledger_words import range_fields
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.money import UNITS
from pairtrack.ui import colours
from pairtrack.ui.accessible import label_for, prepare, set_name
from pairtrack.ui.dialogs.mapping_choices import (
    first_header_row,
    has_money,
    has_pairing,
    samples,
    target_choices,
)
from pairtrack.ui.i18n import noop, tr, tr_message

COLUMN_HEADERS = (noop("列"), noop("表头"), noop("示例"), noop("导入为"), "")
NO_KIND = noop("不导入")
UNRECOGNISED = noop("未能识别表头，请选择记录类型和表头所在行")


class _Combo(QComboBox):
    """A combo box in a scrolling list: the wheel scrolls the list unless the box has focus
    (a turn of the wheel must not change a column's mapping unseen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class SheetMapper(QWidget):
    """One sheet's mapping, as read and as the person corrects it."""

    changed = Signal()

    def __init__(self, reading: SheetReading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = reading
        self.raw = reading.raw
        original = reading.mapping
        if not original.headers:  # nothing recognised: offer the first row that looks like one
            original = at_row(self.raw, first_header_row(self.raw), None)
        self.original = original
        self.current = original
        self.how = QLabel(self._how_text())
        self.how.setWordWrap(True)
        self.note = QLabel(tr(UNRECOGNISED))
        colours.warn(self.note)
        self.note.setVisible(reading.how == "none")
        self.kind = QComboBox()
        self.kind.addItem(tr(NO_KIND), None)
        for k in KINDS:
            self.kind.addItem(tr(k.title), k.table)
        self.kind.setCurrentIndex(max(0, self.kind.findData(original.table)))
        self.header_row = QSpinBox()
        self.header_row.setRange(1, max(1, len(self.raw.rows)))
        self.header_row.setValue(original.header_row + 1)
        self.header_row.setToolTip(tr("表头（列名）所在的行号，与 Excel 中看到的行号相同"))
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(tr(unit), unit)
        self.unit.setToolTip(tr("金额列的表头没有写单位时，数字按此单位读"))
        self.problem_label = QLabel()
        colours.warn(self.problem_label)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.table = QTableWidget(0, len(COLUMN_HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in COLUMN_HEADERS])
        set_name(self.table, tr("「{sheet}」各列的对应关系").format(sheet=self.raw.name))
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(3, 200)

        row = QHBoxLayout()
        form = QFormLayout()
        form.addRow(tr("记录类型"), self.kind)
        row.addLayout(form)
        form = QFormLayout()
        form.addRow(tr("表头所在行"), self.header_row)
        row.addLayout(form)
        form = QFormLayout()
        form.addRow(tr("金额单位"), self.unit)
        row.addLayout(form)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.how)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        prepare(self)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.header_row.valueChanged.connect(self._row_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._show(original)

    # --- what the person chose ------------------------------------------------------------
    @property
    def table_name(self) -> str | None:
        data = self.kind.currentData()
        return str(data) if data else None

    def mapping(self) -> Mapping:
        """The mapping as shown (without the default pairing: the step adds it)."""
        combos = [self._combo(r) for r in range(self.table.rowCount())]
        targets = [None if c is None else c.currentData() for c in combos]
        mapping = replace(
            self.current, table=self.table_name, targets=targets, unit=self.unit.currentData()
        )
        # the program's own layout stays "read exactly" only while nothing was changed
        same = (self.table_name, targets, mapping.header_row) == (
            self.original.table,
            self.original.targets,
            self.original.header_row,
        )
        return replace(mapping, template=self.original.template and same)

    def needs_pairing(self) -> bool:
        """Records of this sheet need the default pairing: none of its columns names one."""
        return has_pairing(self.table_name) and "pairing_id" not in self.mapping().fields()

    def problem(self) -> str:
        """Why this sheet cannot be previewed as mapped ("" when it can)."""
        if self.table_name is None:
            return ""
        mapping = self.mapping()
        if not any(t not in (None, IGNORE) for t in mapping.targets):
            return tr("「{sheet}」：请为至少一列选择导入为哪一项").format(sheet=self.raw.name)
        clash = self._clashes(mapping)
        if clash:
            headers = tr("、").join(
                tr("「{name}」").format(name=mapping.headers[c] or get_column_letter(1 + c))
                for c in clash
            )
            return tr("「{sheet}」：{headers}导入为同一项，请只保留一列").format(
                sheet=self.raw.name, headers=headers
            )
        return ""

    @staticmethod
    def _clashes(mapping: Mapping) -> list[int]:
        """The columns whose targets overlap another column's (two columns into 金额)."""
        owner: dict[str, int] = {}
        out: set[int] = set()
        for c, target in enumerate(mapping.targets):
            if target in (None, IGNORE):
                continue
            for name in range_fields(target) or (target,):
                if name in owner:
                    out.update((owner[name], c))
                owner.setdefault(name, c)
        return sorted(out)

    def first_input(self) -> QWidget:
        return self.kind

    # --- reacting ---------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        table = self.table_name
        row = self.header_row.value() - 1
        if table == self.original.table and row == self.original.header_row:
            mapping = self.original
        elif table is None:
            mapping = replace(self.current, table=None, targets=[None] * len(self.current.headers))
        elif self.current.headers:
            mapping = remap(self.raw, self.current, table)
        else:
            mapping = at_row(self.raw, row, table)
        self._show(mapping)

    def _row_changed(self, value: int) -> None:
        table, row = self.table_name, value - 1
        if table == self.original.table and row == self.original.header_row:
            self._show(self.original)
        else:
            self._show(at_row(self.raw, row, table))

    def _unit_changed(self) -> None:
        self.changed.emit()

    def _show(self, mapping: Mapping) -> None:
        """Fill the column list from ``mapping`` (targets preset; a column's mark follows)."""
        self.current = mapping
        for widget in (self.header_row, self.unit):
            widget.blockSignals(True)
        self.header_row.setValue(mapping.header_row + 1)
        self.unit.setCurrentIndex(max(0, self.unit.findData(mapping.unit)))
        self.unit.setEnabled(has_money(mapping.table))
        for widget in (self.header_row, self.unit):
            widget.blockSignals(False)
        choices = target_choices(mapping.table) if mapping.table else []
        shown = samples(mapping, self.raw.rows)
        self.table.setRowCount(len(mapping.headers))
        for r, (header, target) in enumerate(zip(mapping.headers, mapping.targets, strict=True)):
            letter = QTableWidgetItem(get_column_letter(1 + r))
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, 0, letter)
            self.table.setItem(r, 1, QTableWidgetItem(header or tr("（无表头）")))
            sample = QTableWidgetItem(shown[r])
            sample.setToolTip(shown[r])
            self.table.setItem(r, 2, sample)
            combo = _Combo()
            # 不导入: a column the reader knows needs no reading (序号) keeps that meaning
            combo.addItem(tr(NO_KIND), IGNORE if target == IGNORE else None)
            for text, name in choices:
                combo.addItem(text, name)
            if target not in (None, IGNORE) and combo.findData(target) < 0:
                combo.addItem(target, target)  # a target this list does not offer (id)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.setEnabled(mapping.table is not None)
            combo.setAccessibleName(
                tr("「{h}」导入为").format(h=header or get_column_letter(1 + r))
            )
            combo.currentIndexChanged.connect(self._target_changed)
            self.table.setCellWidget(r, 3, combo)
            self.table.setItem(r, 4, QTableWidgetItem())
        self._mark()
        self.changed.emit()

    def _target_changed(self) -> None:
        self._mark()
        self.changed.emit()

    def _combo(self, row: int) -> QComboBox | None:
        widget = self.table.cellWidget(row, 3)
        return widget if isinstance(widget, QComboBox) else None

    def _mark(self) -> None:
        """Each column's mark: ✓ recognised or chosen; 未导入 highlighted; 重复 in red."""
        mapping = self.mapping()
        clash = set(self._clashes(mapping))
        detected = self.current.targets
        for r, target in enumerate(mapping.targets):
            if r in clash:
                text, colour = tr("重复"), None
            elif target is None:
                text, colour = tr("未导入"), colours.tint(self.table.palette())
            elif r < len(detected) and target == detected[r]:
                text, colour = tr("✓ 已识别"), None
            else:
                text, colour = tr("✓ 已选择"), None
            mark = self.table.item(r, 4)
            if mark is None:
                continue
            mark.setText(text)
            clash_colour = colours.warning(self.table.palette())
            mark.setForeground(QBrush(clash_colour) if r in clash else QBrush())
            for c in (0, 1, 2, 4):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(colour) if colour is not None else QBrush())
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))

    def _how_text(self) -> str:
        how = self.reading.how
        said = HOW.get(how, HOW["given"])
        text = tr("读取方式：{how}").format(how=tr_message(said))
        if how != "none":
            mapping = self.reading.mapping
            text += tr("，表头在第 {row} 行").format(row=mapping.header_row + 1)
            if mapping.header_rows == 2:
                text += tr("—第 {row} 行").format(row=mapping.header_row + 2)
        return text


class MappingStep(QWidget):
    """Every sheet's mapping and the default pairing; ``problem()`` says what still blocks
    the preview."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheets: list[SheetMapper] = []
        self.pairing = QComboBox()
        self.pairing.setMinimumContentsLength(16)
        self.pairing.currentIndexChanged.connect(self._changed)
        self.pairing_label = label_for(tr("默认结对关系"), self.pairing)
        self.pairing_hint = QLabel()
        self.pairing_hint.setWordWrap(True)
        self.others = QLabel()  # sheets not shown as tabs: the program's own, blank ones
        self.others.setWordWrap(True)
        self.others.hide()
        self.tabs = QTabWidget()
        set_name(self.tabs.tabBar(), tr("工作表"))
        row = QHBoxLayout()
        row.addWidget(self.pairing_label)
        row.addWidget(self.pairing)
        row.addWidget(self.pairing_hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.others)
        self.live_pairings = 0

    def show_readings(self, readings: list[SheetReading], pairings: dict[str, str]) -> None:
        """One tab per sheet that may hold records; ``pairings``: the live ones, id → label."""
        self.tabs.clear()
        self.sheets = []
        others = []
        for reading in readings:
            if reading.how == "ignored":
                others.append(tr("「{s}」（程序生成的说明或汇总页）").format(s=reading.raw.name))
                continue
            if reading.how == "none" and not any(
                any(v not in ("", None) for v in row) for row in reading.raw.rows
            ):
                others.append(tr("「{s}」（空白工作表）").format(s=reading.raw.name))
                continue
            mapper = SheetMapper(reading)
            mapper.changed.connect(self._changed)
            self.sheets.append(mapper)
            index = self.tabs.addTab(mapper, reading.raw.name)
            if reading.how == "none":
                self.tabs.tabBar().setTabTextColor(index, colours.warning(self.palette()))
                self.tabs.setTabToolTip(index, tr(UNRECOGNISED))
        self.others.setText(tr("不导入：{sheets}").format(sheets=tr("、").join(others)))
        self.others.setVisible(bool(others))
        self.pairing.blockSignals(True)
        self.pairing.clear()
        self.pairing.addItem(tr("（请选择）"), None)
        for pid, text in sorted(pairings.items(), key=lambda p: p[1]):
            self.pairing.addItem(text, pid)
        self.live_pairings = len(pairings)
        remembered = {
            r.mapping.defaults.get("pairing_id") for r in readings if r.how == "remembered"
        } - {None}
        if len(remembered) == 1:
            preset = remembered.pop()
        else:
            preset = next(iter(pairings)) if len(pairings) == 1 else None
        self.pairing.setCurrentIndex(max(0, self.pairing.findData(preset)))
        self.pairing.blockSignals(False)
        self._changed()

    def chosen_pairing(self) -> str | None:
        data = self.pairing.currentData()
        return str(data) if data else None

    def mappings(self) -> dict[str, Mapping]:
        """Sheet → mapping for the import: every sheet shown (those turned to 不导入
        included, so that nothing is read that the person turned off); the default pairing
        goes with the sheets that need it, and is remembered with them."""
        pairing = self.chosen_pairing()
        out = {}
        for sheet in self.sheets:
            mapping = sheet.mapping()
            if mapping.table is None and sheet.reading.how == "none":
                continue  # left unread: the report says the reader could not place it
            defaults = {k: v for k, v in mapping.defaults.items() if k != "pairing_id"}
            if pairing and sheet.needs_pairing():
                defaults["pairing_id"] = pairing
            out[sheet.raw.name] = replace(mapping, defaults=defaults)
        return out

    def problem(self) -> str:
        """What blocks the preview, in one sentence ("" when nothing does)."""
        if not self.sheets:
            return tr("工作簿中没有可导入的工作表（只有空白工作表或程序生成的说明页）")
        if not any(s.table_name for s in self.sheets):
            return tr(
                "请至少为一个工作表选择记录类型（未能识别的工作表请选择记录类型和表头所在行）"
            )
        for sheet in self.sheets:
            if problem := sheet.problem():
                return problem
        needing = [s.raw.name for s in self.sheets if s.needs_pairing()]
        if needing and self.chosen_pairing() is None and self.live_pairings != 1:
            names = tr("、").join(tr("「{name}」").format(name=n) for n in needing)
            if self.live_pairings == 0:
                return tr("{names}没有结对关系列，而本库还没有结对关系：请先建立结对关系").format(
                    names=names
                )
            return tr("{names}没有结对关系列：请选择默认结对关系").format(names=names)
        return ""

    def first_input(self) -> QWidget | None:
        return self.sheets[0].first_input() if self.sheets else None

    def _changed(self) -> None:
        needing = any(s.needs_pairing() for s in self.sheets)
        shown = any(has_pairing(s.table_name) for s in self.sheets)
        for widget in (self.pairing_label, self.pairing, self.pairing_hint):
            widget.setVisible(shown)
        self.pairing_hint.setText(
            tr("用于表中没有「结对关系」列的工作表")
            if needing
            else tr("表中已有「结对关系」列；该列为空的行用此结对关系")
        )
        self.changed.emit()
