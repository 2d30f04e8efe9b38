"""The main window: navigation on the left, one page per record type, menus and status.

At start the window is shown before its database is open (``MainWindow()``, then
``attach(ledger)`` once the worker has opened it), so it imports nothing that needs
SQLAlchemy: pages, dialogs and services are imported when first used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from pairtrack.db.names import is_url, without_password
from pairtrack.tracker import __version__
from pairtrack.tracker.changes import Change
from pairtrack.tracker.kinds import BY_TABLE, KINDS
from pairtrack.ui import messages, ops
from pairtrack.ui.accessible import set_name
from pairtrack.ui.bus import bus
from pairtrack.ui.display import Lookups
from pairtrack.ui.i18n import noop, tr
from pairtrack.ui.icons import icon
from pairtrack.ui.read_only import mark_read_only
from pairtrack.ui.recent import RecentMenu
from pairtrack.ui.undo import UndoStack
from pairtrack.ui.window_exchange import Exchange
from pairtrack.ui.window_files import DatabaseFiles

if TYPE_CHECKING:
    from pairtrack.tracker.figures_cache import Figures
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.ui.dialogs.conflicts import ConflictIndicator, ConflictsDialog
    from pairtrack.ui.pages.dashboard import DashboardPage

# Navigation: (key, title, icon): 总览 first, then the record kinds in their registry order.
NAVIGATION: tuple[tuple[str, str, str], ...] = (
    ("dashboard", noop("总览"), "dashboard"),
    *((k.table, k.title, k.icon) for k in sorted(KINDS, key=lambda k: k.nav)),
)


class MainWindow(DatabaseFiles, Exchange):
    settings_requested = Signal()

    def __init__(self, ledger: Ledger | None = None, parent: QWidget | None = None) -> None:
        """The window for ``ledger``; without one, the frame alone, until ``attach``."""
        super().__init__(parent)
        self.path: Path | None = None
        self.db_name = ""
        self.attached = False  # pages are built once the database is there
        self.read_only_reason: str | None = None  # why it can only be read (None: writable)
        self.read_only = False
        self.status_read_only: QLabel | None = None  # 「只读：…」 (ui.read_only)
        self.backups_dialog: QWidget | None = None
        self.lookups = Lookups(self)
        self.lookups.reloaded.connect(self._update_status)
        self.undo_stack = UndoStack(self)
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(tr("PairTrack 对口帮扶项目台账"))
        self.setWindowIcon(icon("app"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        set_name(self.nav, tr("导航"))
        self.nav.setIconSize(QSize(20, 20))
        for key, title, icon_name in NAVIGATION:
            item = QListWidgetItem(icon(icon_name), tr(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setMaximumWidth(180)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self._show_row)

        self.status_db = QLabel()
        self.status_operator = QLabel()
        self.status_rows = QLabel()
        self.status_conflicts: ConflictIndicator | None = None  # made by ``attach``
        self.waiting: QLabel | None = None  # "正在打开数据库…" in the frame
        self.conflicts_dialog: ConflictsDialog | None = None
        for label in (self.status_db, self.status_operator, self.status_rows):
            self.statusBar().addPermanentWidget(label)
        self._build_actions()
        self._restore_geometry()
        if ledger is None:
            for action in self.actions_made:
                action.setEnabled(action is self.act_quit)  # nothing to work on yet
        else:
            self.attach(ledger)

    def opening(self, path: object) -> None:
        """Say which database is being opened while the frame waits for it (a server's URL
        without its password)."""
        shown = without_password(str(path)) if is_url(path) else path
        self.status_db.setText(tr("正在打开数据库：{path}…").format(path=shown))
        self._drop_preview()  # another file asked for (after a refusal): not its figures
        if self.waiting is None:
            self.waiting = QLabel(tr("正在打开数据库…"))
            self.waiting.setObjectName("waiting")
            self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(self.waiting)

    def preview(self, database: Path, kept: list[Figures]) -> None:
        """While the worker opens ``database``: its 总览 with the figures kept when it was
        last read, if some were kept for the period it opens on (``DashboardPage.show_kept``);
        its reads start once the ledger is attached."""
        if self.attached or "dashboard" in self.pages:
            return
        page = self._build_dashboard(database)
        self.pages["dashboard"] = page
        self.stack.addWidget(page)
        if page.show_kept(kept):
            self.stack.setCurrentWidget(page)

    def _drop_preview(self) -> None:
        page = self.pages.pop("dashboard", None) if not self.attached else None
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()

    def attach(self, ledger: Ledger) -> None:
        """Show ``ledger``. The window never queries: it hands the ledger to the ops, which
        run in the worker. The page (总览 at start) is built first, so that its figures are
        the first read, and the rest of the window is made while the worker reads them."""
        ops.attach(ledger)
        self.path = ledger.path
        self.db_name = ledger.name  # a database on a server has no path: its URL, no password
        self.read_only_reason = ledger.read_only
        self.read_only = ledger.read_only is not None
        for action in self.actions_made:
            action.setEnabled(True)  # then ``_update_actions`` narrows them to the page
        preview = self.pages.get("dashboard")  # built at start-up (``preview``)
        if preview is not None and getattr(preview, "database", None) != ledger.path:
            self._drop_preview()
        self.attached = True
        dashboard = self.pages.get("dashboard")
        if dashboard is not None:  # built at start-up: its first read, before all else
            dashboard.start()  # type: ignore[attr-defined]
        if self.waiting is not None:
            self.stack.removeWidget(self.waiting)
            self.waiting.deleteLater()
            self.waiting = None
        row = self.nav.currentRow()  # a page picked while the database was opening, or 总览
        if row >= 0:
            self._show_row(row)
        else:
            self.nav.setCurrentRow(0)
        from pairtrack.ui.dialogs.conflicts import ConflictIndicator

        self.recent_menu.set_current(self.path or self.db_name)
        # 「冲突 N」 while merge conflicts are open: a click opens 处理汇总冲突
        self.status_conflicts = ConflictIndicator()
        self.status_conflicts.clicked.connect(self.show_conflicts)
        self.statusBar().insertPermanentWidget(0, self.status_conflicts)
        self.setAcceptDrops(True)  # a dropped .xlsx or .pairtrack.zip starts an import
        self.lookups.reload()
        self.status_conflicts.refresh()
        self._update_status()
        self._update_actions()
        mark_read_only(self)  # after the actions: it turns the writing ones off

    # --- pages -----------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is shown (keeps start-up fast)."""
        if key not in self.pages:
            self.pages[key] = self._build_page(key)
            self.stack.addWidget(self.pages[key])
        return self.pages[key]

    def _build_page(self, key: str) -> QWidget:
        if key == "dashboard":
            return self._build_dashboard(self.path)
        if BY_TABLE[key].page == "grid":
            from pairtrack.ui.pages.targets import TargetPage

            return TargetPage(self.undo_stack, lookups=self.lookups)
        from pairtrack.ui.pages.record_page import RecordPage

        page = RecordPage(BY_TABLE[key], self.lookups, self.undo_stack)
        page.count_changed.connect(
            lambda count, shown=page: (
                self._rows_shown(count) if self.stack.currentWidget() is shown else None
            )
        )
        page.refresh()
        return page

    def _build_dashboard(self, database: Path | None) -> DashboardPage:
        from pairtrack.ui.pages.dashboard import DashboardPage

        dashboard = DashboardPage(self.lookups, database=database)
        dashboard.open_rows.connect(self.show_rows)
        dashboard.open_targets.connect(self.show_targets)
        return dashboard

    def show_targets(self, year: int) -> None:
        """年度目标 of ``year`` (from 总览 when the period shown has none)."""
        page = self.show_page("target")
        page.show_year(year)  # type: ignore[attr-defined]

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "dashboard"

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, (k, *_rest) in enumerate(NAVIGATION) if k == key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def _show_row(self, row: int) -> None:
        if not self.attached or row < 0:
            return
        key = NAVIGATION[row][0]
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        count = page.model.rowCount() if _is_records(key) else None  # type: ignore[attr-defined]
        self._rows_shown(count)
        self._update_actions()

    def show_rows(self, table: str, label: str, filters: dict[str, object]) -> None:
        """Open a record page showing only the rows behind a dashboard figure or warning."""
        page = self.show_page(table)
        page.show_focus(label, **filters)  # type: ignore[attr-defined]

    def record_page(self) -> QWidget | None:
        key = self.current_key()
        return self.pages.get(key) if _is_records(key) else None

    # --- actions -----------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str | None = None,
    ) -> QAction:  # fmt: skip
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        self.actions_made.append(action)
        return action

    def _on_page(self, method: str) -> Callable[[], None]:
        def call() -> None:
            page = self.record_page()
            if page is not None:
                getattr(page, method)()

        return call

    def _build_actions(self) -> None:
        self.actions_made: list[QAction] = []
        std = QKeySequence.StandardKey
        self.act_new_db = self._action(tr("新建数据库…"), self._new_database, "Ctrl+Shift+N")
        self.act_open_db = self._action(tr("打开数据库…"), self._open_database, std.Open, "open")
        self.act_server = self._action(tr("连接服务器数据库…"), self.connect_server)
        self.act_backup = self._action(tr("备份…"), self._backup, "Ctrl+Shift+B", "backup")
        self.act_restore = self._action(tr("备份与恢复…"), self.show_backups)
        self.act_settings = self._action(tr("单位与操作员…"), self.settings_requested.emit)
        self.act_brief = self._action(tr("生成简报…"), self._open_brief, std.Print, "brief")
        self.act_export = self._action(tr("导出…"), self._export, "Ctrl+Shift+E", "export")
        self.act_import = self._action(tr("导入…"), self._import, "Ctrl+Shift+I", "import")
        self.act_imports = self._action(tr("导入记录…"), self._imports)
        self.act_quit = self._action(tr("退出"), self.close, std.Quit)
        self.act_new = self._action(tr("新增"), self._on_page("new_record"), std.New, "new")
        self.act_edit = self._action(tr("编辑"), self._on_page("edit_selected"), "Ctrl+E", "edit")
        self.act_delete = self._action(
            tr("删除"), self._on_page("delete_selected"), std.Delete, "delete"
        )
        self.act_history = self._action(tr("历史…"), self._history, "Ctrl+H", "history")
        self.act_undo = self._action(tr("撤销"), self.undo_stack.undo, std.Undo, "undo")
        self.act_redo = self._action(tr("重做"), self.undo_stack.redo)
        # Ctrl+Y as on Windows, Ctrl+Shift+Z as elsewhere: both, whatever the platform
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_copy = self._action(tr("复制选中行"), self._on_page("copy_selected"), std.Copy)
        self.act_find = self._action(tr("查找"), self._on_page("focus_search"), std.Find)
        self.act_refresh = self._action(
            tr("刷新"), lambda: bus().announce(Change.everything()), std.Refresh, "refresh"
        )
        self.act_about = self._action(tr("关于 PairTrack"), self._about)
        self.act_conflicts = self._action(tr("处理汇总冲突…"), self.show_conflicts, "Ctrl+Shift+K")
        for signal in (self.undo_stack.indexChanged, self.undo_stack.busy_changed,
                       self.undo_stack.cleanChanged):  # fmt: skip
            signal.connect(self._update_actions)
        self.undo_stack.failed.connect(self._update_actions)

        menu = self.menuBar()
        file_menu = menu.addMenu(tr("文件(&F)"))
        file_menu.addActions([self.act_new_db, self.act_open_db, self.act_server])
        self.recent_menu = RecentMenu(self.path, self.open_requested.emit, self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_brief, self.act_export, self.act_import, self.act_imports])
        file_menu.addSeparator()
        file_menu.addActions([self.act_backup, self.act_restore, self.act_settings])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = menu.addMenu(tr("编辑(&E)"))
        edit_menu.addActions([self.act_new, self.act_edit, self.act_delete, self.act_history])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_copy, self.act_find])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_conflicts)
        view_menu = menu.addMenu(tr("视图(&V)"))
        for row, (_key, title, _icon) in enumerate(NAVIGATION):
            view_menu.addAction(self._action(tr(title), self._go_to(row), f"Ctrl+{row + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(self.act_refresh)
        help_menu = menu.addMenu(tr("帮助(&H)"))
        help_menu.addAction(self.act_about)

        toolbar = QToolBar(tr("工具栏"))
        toolbar.setObjectName("toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [self.act_new, self.act_edit, self.act_delete, self.act_history, self.act_undo]
        )
        toolbar.addSeparator()
        toolbar.addActions([self.act_refresh, self.act_brief, self.act_backup])
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _history(self) -> None:
        """历史 of the selected record, or of the target in the 年度目标 grid's current cell."""
        show = getattr(self.pages.get(self.current_key()), "show_history", None)
        if show is not None:
            show()

    def _go_to(self, row: int) -> Callable[[], None]:
        # its own function: ``triggered`` passes ``checked``, which a default argument would take
        return lambda: self.nav.setCurrentRow(row)

    def _update_actions(self) -> None:
        on_records = self.record_page() is not None
        writable = not self.read_only
        for action in (self.act_new, self.act_edit, self.act_delete):
            action.setEnabled(on_records and writable)
        for action in (self.act_copy, self.act_find):
            action.setEnabled(on_records)
        self.act_history.setEnabled(hasattr(self.pages.get(self.current_key()), "show_history"))
        stack, idle = self.undo_stack, writable and not self.undo_stack.busy
        self.act_undo.setEnabled(idle and stack.canUndo())
        self.act_redo.setEnabled(idle and stack.canRedo())
        undo, redo = stack.undoText(), stack.redoText()
        self.act_undo.setText(
            tr("撤销“{step}”").format(step=undo) if stack.canUndo() else tr("撤销")
        )
        self.act_redo.setText(
            tr("重做“{step}”").format(step=redo) if stack.canRedo() else tr("重做")
        )

    def _about(self) -> None:
        text = tr("PairTrack 对口帮扶项目台账\n版本 {version}\n数据库：{db}").format(
            version=__version__, db=self.db_name
        )
        messages.tell(self, tr("关于 PairTrack"), text)

    # --- status and settings ---------------------------------------------------------------
    def _update_status(self) -> None:
        operator = self.lookups.data.settings.get("operator", "")
        self.status_db.setText(tr("数据库：{path}").format(path=self.db_name))
        self.status_operator.setText(tr("操作员：{name}").format(name=operator or tr("未设置")))

    def _rows_shown(self, count: int | None) -> None:
        self.status_rows.setText("" if count is None else tr("本页 {n} 条").format(n=f"{count:,}"))

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([170, 1030])

    def save_layout(self) -> None:
        """Keep where the window is, its splitter and its columns for the next window: after
        a restart, and when another ledger (or the same one, restored) opens in its place."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        for page in self.pages.values():
            if hasattr(page, "save_columns"):
                page.save_columns()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)


def _is_records(key: str) -> bool:
    """Whether the page of ``key`` is a record page (a lazy table of one kind of record)."""
    kind = BY_TABLE.get(key)
    return kind is not None and kind.page == "records"
