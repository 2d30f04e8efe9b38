"""编辑 → 处理汇总冲突…: the open merge conflicts, and the status bar's 「冲突 N」 (DESIGN §7).

A conflict is a field that this office and another changed to different values; the merge
kept the local value. The dialog lists them (记录, 字段, 本地值, 对方的值, 来自, 发现时间) and
resolves the selected ones: 保留本地值, 采用对方的值, or 改为 a value typed as everywhere else
(money in 万元: a bare number means 万元). Listing and resolving run in the database worker
(``QueryOp`` / ``CollectionOp``); what a resolution wrote is announced on the bus, so the pages
refresh themselves.

A resolution is not an undo step: it gives the record a revision made from both sides, which
the other office accepts on its next import, and undoing that would need the merge to reopen
the conflict. The dialog asks before it applies one instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TypeVar

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker import conflicts
from pairtrack.tracker.changes import Change
from pairtrack.tracker.conflicts import ConflictRecord
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import format_wan, implausible, parse_money
from pairtrack.ui import colours, messages, ops
from pairtrack.ui.accessible import label_for, prepare, set_name
from pairtrack.ui.bus import bus
from pairtrack.ui.forms.editors import MONEY_SYNTAX, wan_number
from pairtrack.ui.i18n import noop, tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job, QueryOp, show_failure

HEADERS = (
    noop("记录"),
    noop("字段"),
    noop("本地值"),
    noop("对方的值"),
    noop("来自"),
    noop("发现时间"),
)
DELETED = "deleted_at"  # the pseudo-field of a deletion against an edit
T = TypeVar("T")


@dataclass(frozen=True)
class ConflictRow:
    """One open conflict and how a person types a value for its field."""

    conflict: ConflictRecord
    kind: str  # the field's kind (money, date, choice, int, year, text); "" cannot be typed
    typed_local: str  # the local value as a person types it: where 改为 starts
    choices: tuple[str, ...] = ()  # the labels a choice field takes

    @property
    def id(self) -> int:
        return self.conflict.id


def load_rows(ledger: Ledger, _job: Job) -> list[ConflictRow]:
    """The open conflicts with what the dialog needs to type a value (runs in the worker)."""
    return [_row(ledger, c) for c in conflicts.list_conflicts(ledger)]


def _row(ledger: Ledger, c: ConflictRecord) -> ConflictRow:
    if c.field == DELETED:
        return ConflictRow(c, "", "")
    try:
        f = ledger.services[c.table].field(c.field)
    except KeyError:
        return ConflictRow(c, "", "")
    kind = f.kind
    if c.table == "target" and c.field == "value":
        # a target's value is money or a count depending on its indicator
        target = ledger.targets.get(c.row_id, include_deleted=True)
        if BY_KEY[target.indicator].is_money:
            kind = "money"
            c = replace(c, local_text=_wan(c.local_value), incoming_text=_wan(c.incoming_value))
    if kind == "ref":  # an id: the record's own form picks it by name
        return ConflictRow(c, "", "")
    value = c.local_value
    if value is None or value == "":
        typed = ""
    elif kind == "money":
        typed = wan_number(value)  # beside the 万元 label, as in the grid
    elif kind == "choice":
        typed = c.local_text
    else:
        typed = str(value)
    choices = tuple(f.choices.values()) if kind == "choice" and f.choices else ()
    return ConflictRow(c, kind, typed, choices)


def _wan(value: object) -> str:
    return format_wan(value) if isinstance(value, int) else noop("（空）")


def _when(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class Reads:
    """Reads that may be asked for again before the last answered: each runs (the single
    worker answers them in order) and only the newest answer is shown. Nothing is started
    from an answer, so no read is asked for after the window has let go of its database."""

    def __init__(self) -> None:
        self.asked = self.answered = 0

    @property
    def pending(self) -> bool:
        return self.answered < self.asked

    def run(
        self,
        parent: QWidget,
        op: Callable[[Ledger, Job], T],
        success: Callable[[T], None],
        failure: Callable[[BaseException], None],
    ) -> None:
        self.asked += 1
        number = self.asked

        def answered(result: T) -> None:
            self.answered = number
            if number == self.asked:
                success(result)

        def failed(exc: BaseException) -> None:
            self.answered = number
            if number == self.asked:
                failure(exc)

        QueryOp(parent, op, answered).failure(failed).run()


class ConflictsDialog(QDialog):
    """Not modal: the pages stay usable beside it, to look at the records in question."""

    resolved = Signal(int)  # how many conflicts a resolution closed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("处理汇总冲突"))
        self.resize(900, 460)
        self.rows: list[ConflictRow] = []
        self.working = False
        self._reads = Reads()
        self.status = QLabel(tr("正在读取冲突…"))
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("conflicts")
        set_name(self.table, tr("汇总冲突列表"))
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.keep_button = QPushButton(tr("保留本地值(&L)"))
        self.take_button = QPushButton(tr("采用对方的值(&T)"))
        self.keep_button.clicked.connect(lambda: self._resolve(conflicts.LOCAL))
        self.take_button.clicked.connect(lambda: self._resolve(conflicts.INCOMING))
        self.value = QLineEdit()
        self.value.setObjectName("typed_value")
        self.value.returnPressed.connect(self._resolve_typed)
        self.unit = QLabel()
        self.unit.setMinimumWidth(self.unit.fontMetrics().horizontalAdvance(tr("万元")) + 6)
        self.change_button = QPushButton(tr("改为此值(&C)"))
        self.change_button.clicked.connect(self._resolve_typed)
        choose = QHBoxLayout()
        choose.addWidget(self.keep_button)
        choose.addWidget(self.take_button)
        choose.addSpacing(24)
        choose.addWidget(label_for(tr("改为(&V)："), self.value))
        choose.addWidget(self.value, 1)
        choose.addWidget(self.unit)
        choose.addWidget(self.change_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addLayout(choose)
        layout.addWidget(buttons)
        prepare(self)
        self._update_buttons()
        bus().changed.connect(self._on_changed)
        self.reload()

    # --- listing -------------------------------------------------------------------------
    def _on_changed(self, _change: Change) -> None:
        if not self.working and self.isVisible():
            self.reload()  # a record edited or an import undone elsewhere

    @property
    def loading(self) -> bool:
        return self._reads.pending

    def reload(self) -> None:
        self._reads.run(self, load_rows, self._loaded, self._load_failed)

    def _loaded(self, rows: list[ConflictRow]) -> None:
        selected = {r.id for r in self.selected()}
        self.rows = rows
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            c = row.conflict
            # words composed in tracker (a record's label, a choice, 本单位) in the UI's language
            cells = (*map(tr_message, (c.record, c.field_label, c.local_text, c.incoming_text,
                                       c.office)), _when(c.found_at))  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, column, item)
        for r, row in enumerate(rows):
            if row.id in selected:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):  # a long purpose stays readable
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))
        if rows:
            self.status.setText(
                tr(
                    "共 {n} 个冲突待处理。本地值一直保留，直到这里作出选择；选中一行或多行后处理。"
                ).format(n=len(rows))
            )
        else:
            self.status.setText(tr("没有待处理的冲突。"))
        self._selection_changed()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText(tr("无法读取冲突：{error}").format(error=tr_message(exc)))
        show_failure(self, exc)

    def selected(self) -> list[ConflictRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    def select(self, conflict_id: int) -> None:
        """Select the conflict ``conflict_id`` (as a click on its row would)."""
        for r, row in enumerate(self.rows):
            if row.id == conflict_id:
                self.table.selectRow(r)

    # --- typing a value ------------------------------------------------------------------
    def typed_kind(self) -> str:
        """The kind of value 改为 takes for the selection: "" unless every selected conflict
        is the same field of the same kind of record, and that field can be typed."""
        rows = self.selected()
        fields = {(r.conflict.table, r.conflict.field, r.kind) for r in rows}
        if len(fields) != 1:
            return ""
        return rows[0].kind

    def _selection_changed(self) -> None:
        rows, kind = self.selected(), self.typed_kind()
        self.value.setValidator(None)  # type: ignore[arg-type]  # None removes it
        self.value.setCompleter(None)  # type: ignore[arg-type]
        self.unit.setText(tr("万元") if kind == "money" else "")
        if kind == "money":
            self.value.setValidator(QRegularExpressionValidator(QRegularExpression(MONEY_SYNTAX)))
            self.value.setPlaceholderText(tr("如 825、12.6万、800元（不写单位即万元）"))
        elif kind in ("int", "year"):
            self.value.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"[0-9０-９,]{0,12}"))
            )  # i18n: not shown
            self.value.setPlaceholderText("")
        elif kind == "date":
            self.value.setPlaceholderText(tr("如 2017-03-01"))
        elif kind == "choice":
            shown = [tr(label) for label in rows[0].choices]
            completer = QCompleter(QStringListModel(shown, self.value), self)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            self.value.setCompleter(completer)
            self.value.setPlaceholderText(
                tr("可选：{choices}").format(choices=tr("、").join(shown))
            )
        else:
            self.value.setPlaceholderText("" if kind else tr("选中同一字段的冲突后可输入新值"))
        typed = rows[0].typed_local if kind else ""
        self.value.setText(tr(typed) if kind == "choice" else typed)
        self._update_buttons()

    def _update_buttons(self) -> None:
        some = bool(self.selected()) and not self.working
        some = some and ops.read_only() is None  # opened read-only: nothing is resolved
        self.keep_button.setEnabled(some)
        self.take_button.setEnabled(some)
        typed = some and bool(self.typed_kind())
        self.value.setEnabled(typed)
        self.change_button.setEnabled(typed)

    # --- resolving -----------------------------------------------------------------------
    def _resolve_typed(self) -> None:
        kind = self.typed_kind()
        if not kind or self.working:
            return
        text = self.value.text()
        if kind == "choice":  # typed as shown (translated): tracker reads the Chinese label
            labels = {tr(label): label for label in self.selected()[0].choices}
            text = labels.get(text.strip(), text)
        self._resolve(conflicts.VALUE, text)  # money: a bare number is 万元, as shown

    def _implausible(self, rows: list[ConflictRow], typed: str | None) -> str:
        """The warning for a typed amount above its kind's plausibility bound, or ""."""
        if typed is None or rows[0].kind != "money":
            return ""
        try:
            fen = parse_money(typed, rows[0].conflict.field)  # beside the 万元 label
        except ValidationError:
            return ""  # the service names the problem
        warning = implausible(rows[0].conflict.table, fen)
        return "" if warning is None else tr_message(warning) + "\n"

    def _resolve(self, how: str, typed: str | None = None) -> None:
        rows = self.selected()
        if not rows or self.working:
            return
        if how == conflicts.LOCAL:
            what = tr("保留本地值")
        elif how == conflicts.INCOMING:
            what = tr("采用对方的值")
        else:
            what = tr("改为「{value}」").format(value=(typed or "").strip() or tr("（空）"))
        question = self._implausible(rows, typed) + tr(
            "对选中的 {n} 个冲突{what}？\n处理后不能撤销（之后仍可在记录页修改该记录）。"
        ).format(n=len(rows), what=what)
        if not messages.ask(self, tr("处理汇总冲突"), question):
            return
        choices = {row.id: (how, typed) for row in rows}

        def work(ledger: Ledger, _job: Job) -> int:
            return conflicts.resolve(ledger, choices)

        self.working = True
        self._update_buttons()
        CollectionOp(self, work, self._resolved).failure(self._failed).run()

    def _resolved(self, count: int) -> None:
        self.working = False
        self.value.clear()
        self.resolved.emit(count)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.working = False
        show_failure(self, exc)
        self.reload()  # e.g. resolved meanwhile by someone else: show what is open now


class ConflictIndicator(QLabel):
    """「冲突 N」 in the status bar while conflicts are open; a click opens the dialog."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_indicator")
        self.count = 0
        self._reads = Reads()
        colours.warn(self)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
        bus().changed.connect(self._on_changed)

    @property
    def loading(self) -> bool:
        return self._reads.pending

    def _on_changed(self, _change: Change) -> None:
        if self.window().isVisible():  # a closed window may have let go of its database
            self.refresh()

    def refresh(self) -> None:
        self._reads.run(
            self, lambda ledger, _job: conflicts.open_count(ledger), self._counted, self._failed
        )

    def _counted(self, count: int) -> None:
        self.count = count
        self.setText(tr("冲突 {n}").format(n=count))
        self.setToolTip(tr("有 {n} 个汇总冲突待处理，点击处理").format(n=count))
        self.setVisible(count > 0)

    def _failed(self, exc: BaseException) -> None:
        show_failure(self.window(), exc)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
