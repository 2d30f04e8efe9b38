"""A page for one record type: filters, a lazy table, totals, and the edit actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.changes import Change
from pairtrack.tracker.kinds import Kind
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import format_wan
from pairtrack.tracker.records import Record
from pairtrack.tracker.services.opened import ChangedSinceOpened
from pairtrack.ui import colours, messages, ops
from pairtrack.ui.accessible import set_name
from pairtrack.ui.bus import bus
from pairtrack.ui.dialogs.record import RecordDialog
from pairtrack.ui.dialogs.record_changed import who_and_when
from pairtrack.ui.display import Lookups, display, header
from pairtrack.ui.focus_return import return_focus
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.models.record_model import PAGE_SIZE, RecordModel
from pairtrack.ui.ops import CollectionOp, Job, QueryOp, is_attached
from pairtrack.ui.pages.column_widths import restore_columns, save_columns, size_columns
from pairtrack.ui.pages.filter_bar import FilterBar
from pairtrack.ui.undo import UndoStack


class RecordPage(QWidget):
    count_changed = Signal(int)
    loaded = Signal()  # a query finished and the table shows its result
    copied = Signal(int)  # rows put on the clipboard

    def __init__(
        self, kind: Kind, lookups: Lookups, undo: UndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{kind.table}")
        self.spec, self.lookups, self.undo_stack = kind, lookups, undo
        self.service = kind.service  # field descriptions only; the work runs in ops
        self.table = kind.table
        self.sort: tuple[str | None, bool] = (None, False)
        self.focus: dict[str, Any] = {}  # rows behind a dashboard figure, shown in a banner
        self._busy = self._again = False
        self._sized = False  # columns sized to their contents once

        self.filters = FilterBar(kind, self.service)
        self.filters.set_pairings(lookups.pairings)
        self.filters.set_offices(lookups.data.offices)
        self.filters.changed.connect(self.refresh)
        self.banner = QLabel()
        self.banner.setContentsMargins(4, 4, 4, 4)
        colours.banner(self.banner)
        self.banner_clear = QPushButton(tr("清除筛选(&X)"))
        self.banner_clear.clicked.connect(self.clear_focus)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_clear)
        self.banner.hide()
        self.banner_clear.hide()

        columns = list(kind.column_fields())
        self.model = RecordModel(self.service, columns, lookups, self)
        self.model.sort_requested.connect(self._sort)
        self.view = QTableView()
        self.view.setObjectName("table")
        set_name(self.view, tr("{title}列表").format(title=tr(kind.title)))
        self.view.setTabKeyNavigation(False)  # arrows move in the table; Tab leaves it
        self.view.setModel(self.model)
        header_view = self.view.horizontalHeader()
        header_view.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        header_view.setSortIndicatorShown(True)
        header_view.setResizeContentsPrecision(PAGE_SIZE)  # size columns from one page
        header_view.setStretchLastSection(True)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.history_dialog: QWidget | None = None
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        # The row's menu from the keyboard where there is no menu key (Qt maps only that one)
        menu_key = QShortcut(QKeySequence("Shift+F10"), self.view)
        menu_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        menu_key.activated.connect(self._keyboard_menu)
        self.totals = QLabel()
        self.totals.setObjectName("totals")

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(banner_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        self._restore_columns()
        bus().changed.connect(self._on_changed)
        lookups.reloaded.connect(self._names_reloaded)

    # --- querying ----------------------------------------------------------------------------
    def query_filters(self) -> dict[str, Any]:
        return {**self.filters.values(), **self.focus}

    def refresh(self) -> None:
        """Re-run the id query in the worker; while one runs, only the latest request waits."""
        if not is_attached():  # the window let go of its database (a change arrived late)
            self._busy = self._again = False
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        filters, (sort, descending), table = self.query_filters(), self.sort, self.table

        def work(ledger: Ledger, _job: Job) -> tuple[list[str], dict[str, int], list[Record]]:
            service = ledger.services[table]
            ids = service.ids(sort=sort, descending=descending, **filters)
            # the first page comes with the ids, from the same snapshot
            return ids, service.totals(**filters), service.rows(ids[:PAGE_SIZE])

        QueryOp(self, work, self._show).failure(self._failed).run()

    def _show(self, result: tuple[list[str], dict[str, int], list[Record]]) -> None:
        self._busy = False
        if self._again:
            self.refresh()
            return
        ids, totals, first_page = result
        selected = set(self.selected_ids())
        current = self._current_cell()
        self.model.set_ids(ids, first_page)
        if not self._sized and ids:
            self._sized = True
            self._size_columns()
        self.totals.setText(self._totals_text(totals))
        self._reselect(selected)
        self._restore_current(current)
        self.count_changed.emit(len(ids))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        messages.tell(self, tr("查询失败"), tr_message(exc), error=True)

    def _totals_text(self, totals: dict[str, int]) -> str:
        parts = [tr("共 {n} 条").format(n=f"{totals['count']:,}")]
        for name, value in totals.items():
            if name == "count":
                continue
            f = self.service.field(name)
            if f.kind == "money":
                shown = tr("{amount}万元").format(amount=format_wan(value, unit=False))
            else:
                shown = f"{value:,}"
            parts.append(tr("{label}合计 {total}").format(label=tr(f.label), total=shown))
        return " · ".join(parts)

    def _sort(self, field: str, descending: bool) -> None:
        self.sort = (field, descending)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches(self.table):
            self.refresh()

    def _names_reloaded(self) -> None:
        self.filters.set_pairings(self.lookups.data.live_pairings())
        self.filters.set_offices(self.lookups.data.offices)
        if is_attached():  # the names may arrive after the window let go of the database
            self.model.refetch()

    # --- focus on the rows behind a figure -------------------------------------------------
    def show_focus(self, label: str, **filters: Any) -> None:
        """Show only some rows (``behind=RowsBehind`` or ``id_in=ids``), named in a banner."""
        self.focus = filters
        self.banner.setText(tr("仅显示：{what}").format(what=tr_message(label)))
        self.banner.show()
        self.banner_clear.show()
        self.filters.clear()  # emits changed → refresh

    def clear_focus(self) -> None:
        self.focus = {}
        self.banner.hide()
        self.banner_clear.hide()
        self.refresh()

    # --- actions ---------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected rows, from the selection's ranges (the view selects whole rows):
        ``selectedRows`` asks the model about every cell of each selected row, 2,000 rows
        held the window for a fifth of a second."""
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        for selected in (selection.at(i) for i in range(selection.size())):
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[str]:
        ids = self.model.ids
        return [ids[row] for row in self.selected_rows() if 0 <= row < len(ids)]

    def selected_records(self) -> list[Record]:
        """The selected records whose pages have arrived (all of them, for what is on screen)."""
        rows = self.selected_rows()
        return [r for r in (self.model.record(row) for row in rows) if r is not None]

    def _reselect(self, ids: set[str]) -> None:
        """Select the rows of ``ids`` again after a reload, in one selection change."""
        rows = sorted(r for r in (self.model.row_of(i) for i in ids) if r >= 0)
        if not rows:
            return
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = previous = rows[0]
        for row in [*rows[1:], None]:
            if row is not None and row == previous + 1:
                previous = row
                continue
            selection.select(self.model.index(start, 0), self.model.index(previous, last))
            if row is not None:
                start = previous = row
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def _current_cell(self) -> tuple[str, int] | None:
        """The record and column of the keyboard's current cell (where the arrows move from)."""
        index = self.view.currentIndex()
        if not index.isValid() or not 0 <= index.row() < len(self.model.ids):
            return None
        return self.model.ids[index.row()], index.column()

    def _restore_current(self, cell: tuple[str, int] | None) -> None:
        """The same cell current again after a reload (a sort, a search): it was lost, and
        the next arrow key started from the top-left."""
        row = -1 if cell is None else self.model.row_of(cell[0])
        if cell is not None and row >= 0:
            flag = QItemSelectionModel.SelectionFlag.NoUpdate  # the selection is kept apart
            self.view.selectionModel().setCurrentIndex(self.model.index(row, cell[1]), flag)

    def new_record(self) -> None:
        if ops.read_only() is not None:
            return
        defaults = {k: v for k, v in self.filters.values().items() if k == "pairing_id" and v}
        dialog = RecordDialog(self.service, self.lookups, defaults=defaults, parent=self)
        if dialog.exec() and dialog.saved is not None:
            saved_id, table = dialog.saved.id, self.table
            self.undo_stack.done(
                tr("新增{noun}").format(noun=tr(self.service.noun)),
                undo=lambda ledger: ledger.services[table].delete(saved_id),
                redo=lambda ledger: ledger.services[table].restore(saved_id),
            )

    def edit_selected(self) -> None:
        """Read the record afresh (another window may have changed it), then edit it."""
        ids = self.selected_ids()
        if not ids or ops.read_only() is not None:
            return
        table, record_id = self.table, ids[0]
        QueryOp(self, lambda ledger, _job: ledger.services[table].get(record_id), self._edit).run()

    def _edit(self, before: Record) -> None:
        dialog = RecordDialog(self.service, self.lookups, record=before, parent=self)
        accepted = dialog.exec()
        if dialog.discarded:
            # 放弃我的修改 after another PC changed the record: that write was never
            # announced in this window, so read the list (and the names it shows) again.
            self.reload_after_change()
        if accepted and dialog.saved is not None and dialog.replaced is not None:
            names = list(dialog.editors)
            # undo puts back the version this save replaced (the other writer's, if the
            # user overwrote it knowingly), not necessarily the one the form opened
            old = {name: getattr(dialog.replaced, name) for name in names}
            new = {name: getattr(dialog.saved, name) for name in names}
            table, record_id = self.table, before.id
            # Undo and redo act on the record as this window last wrote it: if another PC
            # changed it since, they are refused (and the step stays) rather than overwrite.
            last = {"rev": dialog.saved.rev}

            def put(ledger: Ledger, values: dict[str, Any]) -> Record:
                written = ledger.services[table].update(record_id, opened_rev=last["rev"], **values)
                last["rev"] = written.rev
                return written

            self.undo_stack.done(
                tr("编辑{noun}").format(noun=tr(self.service.noun)),
                undo=lambda ledger: put(ledger, old),
                redo=lambda ledger: put(ledger, new),
            )

    def reload_after_change(self) -> None:
        self.refresh()
        self.lookups.reload()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or ops.read_only() is not None:
            return
        noun = tr(self.service.noun)
        question = tr("确定删除选中的 {n} 条{noun}吗？删除后可用“撤销”（Ctrl+Z）恢复。")
        if not messages.ask(self, tr("删除"), question.format(n=len(ids), noun=noun)):
            return
        # Each record as the list read it: one changed since (on another PC) is not deleted
        # unasked. A row whose page has not been read yet has no revision to compare.
        revs = {r.id: r.rev for r in self.selected_records()}
        self._delete(ids, revs)

    def _delete(self, ids: list[str], revs: dict[str, str]) -> None:
        noun, table = tr(self.service.noun), self.table
        text = tr("删除 {n} 条{noun}").format(n=len(ids), noun=noun)

        def deleted(_records: object) -> None:
            self.undo_stack.done(
                text,
                undo=lambda ledger: ledger.services[table].restore_many(ids),
                redo=lambda ledger: ledger.services[table].delete_many(ids),
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ChangedSinceOpened):
                self._changed_before_delete(exc, ids, revs)
            else:
                messages.tell(self, tr("无法删除"), tr_message(exc), error=True)

        CollectionOp(
            self, lambda ledger, _job: ledger.services[table].delete_many(ids, revs), deleted
        ).failure(failed).with_progress(tr("正在删除…"), cancellable=False).run()

    def _changed_before_delete(
        self, exc: ChangedSinceOpened, ids: list[str], revs: dict[str, str]
    ) -> None:
        """A record was changed (or deleted) since the list was read: say by whom, and
        delete it only if the user still wants to, as it is now."""
        from pairtrack.ui.dialogs.history import record_name

        self.reload_after_change()
        who, when = who_and_when(exc)
        name = record_name(self.table, exc.current, self.lookups)
        changed = tr("、").join(header(d.field) for d in exc.differences if d.changed_by_them)
        if exc.deleted:
            text = tr("「{name}」在列表读取后已被 {operator} 于 {time} 删除，未删除任何记录。")
            text = text.format(name=name, operator=who, time=when)
            messages.tell(self, tr("无法删除"), text, error=True)
            return
        text = tr("「{name}」在列表读取后已被 {operator} 于 {time} 修改（{fields}）。仍要删除吗？")
        text = text.format(name=name, operator=who, time=when, fields=changed or tr("内容"))
        if messages.ask(self, tr("删除"), text):
            self._delete(ids, {**revs, exc.current.id: exc.current.rev})

    def _context_menu(self, point: QPoint) -> None:
        """Right-click on a row: what the 编辑 menu offers for it, 历史 among them."""
        if not self.view.indexAt(point).isValid() or not self.selected_ids():
            return
        # popped up, not exec()'d: the window's event loop goes on (and a test can drive it)
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per request
        return_focus(menu)
        menu.popup(self.view.viewport().mapToGlobal(point))

    def _keyboard_menu(self) -> None:
        """Shift+F10: the menu of the current cell, where the menu key would open it."""
        self._context_menu(self.view.visualRect(self.view.currentIndex()).center())

    def _sort_by(self, column: int, order: Qt.SortOrder) -> Callable[[], None]:
        # its own function: ``triggered`` passes ``checked``, which a default argument takes
        return lambda: self.view.sortByColumn(column, order)

    def context_menu(self) -> QMenu:
        from pairtrack.ui.dialogs.history import SHORTCUT

        menu = QMenu(self)
        # Sorting by the current cell's column: a header click needs the mouse
        column = self.view.currentIndex().column()
        if 0 <= column < len(self.model.columns):
            name = header(self.model.columns[column])
            for text, order in (
                (tr("按“{column}”升序排列"), Qt.SortOrder.AscendingOrder),
                (tr("按“{column}”降序排列"), Qt.SortOrder.DescendingOrder),
            ):
                menu.addAction(text.format(column=name), self._sort_by(column, order))
            menu.addSeparator()
        menu.addAction(tr("编辑…"), self.edit_selected).setShortcut(QKeySequence("Ctrl+E"))
        menu.addAction(tr("历史…"), self.show_history).setShortcut(SHORTCUT)
        menu.addAction(tr("复制选中行"), self.copy_selected).setShortcut(
            QKeySequence.StandardKey.Copy
        )
        menu.addSeparator()
        menu.addAction(tr("删除"), self.delete_selected).setShortcut(
            QKeySequence.StandardKey.Delete
        )
        return menu

    def show_history(self) -> None:
        """历史 of the (first) selected record: who changed what, and when."""
        from pairtrack.ui.dialogs.history import HistoryDialog, record_name

        ids = self.selected_ids()
        if not ids:
            return
        record = self.model.record(self.model.row_of(ids[0]))
        name = "" if record is None else record_name(self.table, record, self.lookups)
        dialog = HistoryDialog(self.table, ids[0], name, self.lookups, self)
        self.history_dialog = dialog
        dialog.open()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def copy_selected(self) -> None:
        """Selected rows as tab-separated text with a header line; pastes into Excel."""
        ids, table = self.selected_ids(), self.table
        if not ids:
            return
        QueryOp(self, lambda ledger, _job: ledger.services[table].rows(ids), self._copy).run()

    def _copy(self, records: list[Record]) -> None:
        columns = self.model.columns
        lines = ["\t".join(header(f) for f in columns)]
        for record in records:
            cells = (display(f, getattr(record, f.name), self.lookups) for f in columns)
            lines.append("\t".join(c.replace("\t", " ") for c in cells))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.copied.emit(len(records))

    # --- column widths (ui.pages.column_widths) ----------------------------------------------
    def _size_columns(self) -> None:
        size_columns(self.view, self.spec.on_screen)

    def _restore_columns(self) -> None:
        self._sized = restore_columns(self.view, self.table)  # else sized on first load

    def save_columns(self) -> None:
        save_columns(self.view, self.table)
