"""Start the window: the Qt application, fonts, translation, and the open-database flow.

At start the window's frame is shown at once and the database is opened in the worker:
SQLAlchemy and the services (a quarter of a second to import) load there, after the frame
has painted. Meanwhile the 总览 shows the figures kept when the same database, unchanged
since, was last read (``tracker.figures_cache``), marked as being checked; its first read
replaces them. Nothing here imports SQLAlchemy at module level.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QFileDialog

from pairtrack.db.names import is_url
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.paths import default_database
from pairtrack.ui import messages, ops, recent, server_login, smoke
from pairtrack.ui.fonts import install_fonts
from pairtrack.ui.i18n import chosen_language, install_translators, tr, tr_message
from pairtrack.ui.icons import icon
from pairtrack.ui.main_window import MainWindow
from pairtrack.ui.opening import Fresh, Opened, open_ledger, with_kept_password
from pairtrack.ui.ops import CollectionOp, QueryOp
from pairtrack.ui.worker import freeze_start_up, pool, run_job

if TYPE_CHECKING:
    from pairtrack.db.engine import Target
    from pairtrack.db.lock import DatabaseLock
    from pairtrack.db.reach import ServerUnreachable
    from pairtrack.tracker.figures_cache import Figures
    from pairtrack.tracker.ledger import Ledger

log = logging.getLogger(__name__)

START_FALLBACK_MS = 300  # open the database at start even if the frame is not painted


def create_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("PairTrack")
    QCoreApplication.setApplicationName("PairTrack")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setWindowIcon(icon("app"))
    install_fonts(app)
    install_translators(app, chosen_language())  # Qt's own strings too (是/否, 取消)
    return app


class Controller(QObject):
    """Owns the open ledger and its window; switching databases swaps both.

    Opening runs in the database worker (migrations and all); ``finished`` says how it ended:
    True when a window shows the database, False when it was refused or the user cancelled.
    """

    finished = Signal(bool)
    backed_up = Signal(str)  # the day's first backup is done: "" or why it could not be made

    def __init__(self) -> None:
        super().__init__()
        self.ledger: Ledger | None = None
        self.window: MainWindow | None = None  # the window showing ``ledger``
        self.frame: MainWindow | None = None  # shown at start, before its database is open
        self.lock: DatabaseLock | None = None
        self.opening = False
        self._start_path: Target | None = None  # opened once the frame has painted
        self._after_paint: Callable[[], None] | None = None

    def start(self, path: Target, after_paint: Callable[[], None] | None = None) -> None:
        """Show the window's frame at once, then open ``path`` into it.

        The opening starts once the frame has painted (``after_paint`` first): it imports the
        database modules in the worker, which would otherwise hold the interpreter while the
        frame paints."""
        self._after_paint = after_paint
        frame = MainWindow()
        frame.opening(path)
        self._connect(frame)
        self.frame, self._start_path = frame, path
        frame.installEventFilter(self)
        frame.show()
        QTimer.singleShot(START_FALLBACK_MS, self._open_at_start)  # if it is never painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.frame and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._open_at_start)  # after this paint has been drawn
        return False

    def _open_at_start(self) -> None:
        path, self._start_path = self._start_path, None
        if path is None:
            return
        if self.frame is not None:
            self.frame.removeEventFilter(self)
        self._preview(path, then=lambda: self._open_after_preview(path))

    def _open_after_preview(self, path: Target) -> None:
        if self._after_paint is not None:  # the log file, before the opening is logged
            self._after_paint()
        self.open(path)

    def _preview(self, path: Target, then: Callable[[], None]) -> None:
        """The figures kept for ``path`` (in the worker: it reads the file's audit head),
        drawn in the frame; ``then`` (the opening) follows, so that the worker's imports do
        not hold the interpreter while they are drawn. A server's database keeps none."""
        frame = self.frame
        if is_url(path) or not isinstance(path, (str, Path)):
            then()
            return

        def kept(_progress: object, _cancelled: object) -> tuple[Path | None, list[Figures]]:
            from pairtrack.tracker import figures_cache

            return figures_cache.database_file(path), figures_cache.lookup(path)

        def found(result: tuple[Path | None, list[Figures]]) -> None:
            database, figures = result
            if database is None or frame is None or frame is not self.frame:
                then()
            elif figures:
                frame.preview(database, figures)
                QTimer.singleShot(0, then)  # once they are painted
            else:  # nothing to draw: the page is built while the worker opens the ledger
                then()
                frame.preview(database, [])

        def failed(exc: BaseException) -> None:
            log.info("总览数字未能读出：%s", exc)  # i18n: not shown (the log)
            then()

        run_job(self, kept, found, failed)

    def _connect(self, window: MainWindow) -> None:
        window.open_requested.connect(self.open)
        window.settings_requested.connect(self.edit_settings)

    def open(self, path: Target, read_only: str = "") -> None:
        """Open ``path`` (a file, or a server's URL); ``read_only``: why it is opened only to
        be read (shown and said). A server database without a password of its own gets the
        one remembered for it, if any (``ui.server_login``)."""
        self.opening = True
        if (
            self.ledger is not None
            and not is_url(path)
            and self.ledger.path == Path(str(path)).resolve()
        ):
            # reopening the same ledger (after a restore): this window's lock is not another's
            self._release(self.lock)
            self.lock = None
        kept = server_login.kept() if is_url(path) else {}

        def opening(_progress: object, _cancelled: object) -> Opened | Fresh:
            return open_ledger(with_kept_password(path, kept), read_only)

        run_job(self, opening, self._opened, lambda exc: self._open_failed(exc, path))

    def _open_failed(self, exc: BaseException, target: Target | None = None) -> None:
        from pairtrack.db.errors import DatabaseRefused, ReadOnlyLocation
        from pairtrack.db.locations import READ_ONLY_LOCATION
        from pairtrack.db.lock import LockHeld
        from pairtrack.db.reach import PASSWORD_CAUSES, ServerUnreachable

        self.opening = False
        log.info("未能打开数据库：%s", exc)  # i18n: not shown (the log)
        if isinstance(exc, ServerUnreachable) and exc.cause in PASSWORD_CAUSES and target:
            self._ask_password(target, exc)
            return
        if isinstance(exc, (LockHeld, ReadOnlyLocation)):  # another window has it, or a disc
            held = isinstance(exc, LockHeld)
            answer = messages.choose(
                self.window or self.frame,
                tr("数据库已被打开") if held else tr("数据库所在位置只读"),
                tr_message(exc),
                tr("以只读方式打开时可以查看、打印和导出，不能修改。"),
                [tr("以只读方式打开"), tr("不打开")],
            )
            if answer != 0:
                self.finished.emit(False)
            elif isinstance(exc, LockHeld):
                holder = exc.holder.describe()
                self.open(exc.path, read_only=tr("已被 {holder} 打开").format(holder=holder))
            else:
                self.open(exc.path, read_only=READ_ONLY_LOCATION)
            return
        if isinstance(exc, (DatabaseRefused, PairTrackError)):
            self._refused(tr_message(exc))
        else:  # a damaged file must not end in a traceback
            self._refused(tr("无法打开数据库：{error}").format(error=exc))

    def _ask_password(self, target: Target, exc: ServerUnreachable) -> None:
        """The server wants a password (none was found, or the one given was wrong): asked,
        then opened again with it; cancelled, as any refusal."""
        from pairtrack.db.engine import shown_name, with_password

        name = shown_name(target)
        wrong = exc.cause == "password_wrong"
        password = server_login.ask(self.window or self.frame, name, tr_message(exc), wrong=wrong)
        if password is None:
            if self.window is None:  # at start: another database, or quit
                self._refused(tr_message(exc))
            else:
                self.finished.emit(False)
            return
        self.open(with_password(name, password))

    def _opened(self, opened: Opened | Fresh) -> None:
        self.opening = False
        if isinstance(opened, Fresh):
            self._welcome(opened.path)
            return
        ledger = opened.ledger
        read_only = "（只读）" if ledger.read_only is not None else ""  # i18n: not shown (the log)
        log.info("打开数据库 %s%s", ledger.name, read_only)  # i18n: not shown
        settings, demo = opened.settings, False
        # an existing file that was never set up (a read-only one cannot be)
        if not settings.get("office_name") and ledger.read_only is None:
            from pairtrack.ui.dialogs.settings import SettingsDialog

            dialog = SettingsDialog(
                settings, first_run=True, empty=opened.empty, parent=self.window or self.frame
            )
            if not dialog.exec():
                # Cancelled: the unconfigured ledger is not opened; the old one stays.
                run_job(None, lambda _p, _c: ledger.close(), lambda _r: None, lambda _e: None)
                self._release(opened.lock)
                self.finished.emit(False)
                return
            settings, demo = dialog.values, dialog.demo.isChecked()
            ops.attach(ledger)
            CollectionOp(self.window, lambda led, _job: led.set_settings(**settings)).run()
        self._shown(opened, demo)

    def _welcome(self, path: Path) -> None:
        """欢迎使用 for a new file: created with the settings once confirmed; cancelled, the
        file is not made and the ledger open before (if any) stays."""
        from pairtrack.ui.dialogs.settings import SettingsDialog

        parent = self.window or self.frame
        dialog = SettingsDialog({}, first_run=True, empty=True, parent=parent)
        if not dialog.exec():
            self.finished.emit(False)
            return
        settings, demo = dialog.values, dialog.demo.isChecked()
        self.opening = True

        def created(opened: Opened | Fresh) -> None:
            self.opening = False
            assert isinstance(opened, Opened)  # given settings, open_ledger creates the file
            self._shown(opened, demo)

        run_job(
            self, lambda _p, _c: open_ledger(path, settings=settings), created, self._open_failed
        )

    def _shown(self, opened: Opened, demo: bool) -> None:
        self._show(opened.ledger, opened.lock)
        freeze_start_up()  # what start-up made lives as long as the program
        if opened.lock is not None:
            self._daily_backup(opened.ledger)
        if demo:
            self._load_demo()
        self.finished.emit(True)

    def _show(self, ledger: Ledger, lock: DatabaseLock | None) -> None:
        old_window, old_ledger, old_lock = self.window, self.ledger, self.lock
        self.ledger, self.lock = ledger, lock
        if old_window is not None:  # the new window opens where the old one is, as it is
            old_window.save_layout()
        recent.remember(ledger.path or ledger.name)  # a server's: its URL, no password
        if self.frame is not None:  # the window shown at start: its database is here
            self.window, self.frame = self.frame, None
            self.window.attach(ledger)
        else:
            self.window = MainWindow(ledger)  # read-only when the ledger is (ui.read_only)
            self._connect(self.window)
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ledger is not None and old_ledger is not ledger:
            # after every op still queued for it
            run_job(None, lambda _p, _c: old_ledger.close(), lambda _r: None, lambda _e: None)
        if old_lock is not lock:
            self._release(old_lock)

    def _daily_backup(self, ledger: Ledger) -> None:
        """The day's first copy of the ledger, in the worker after the 总览's first read: the
        figures do not wait for a copy of the whole file, and any write started meanwhile
        waits for the copy in the worker's queue."""
        window = self.window

        def backup(_progress: object, _cancelled: object) -> str:
            from pairtrack.tracker import maintenance

            return maintenance.daily_backup_problem(ledger)

        def done(problem: str) -> None:
            if problem:  # the ledger itself is fine; the user is told why there is no copy
                messages.tell(window, tr("自动备份"), tr_message(problem), error=True)
            self.backed_up.emit(problem)

        def failed(exc: BaseException) -> None:
            ops.show_failure(window, exc)
            self.backed_up.emit(str(exc))

        run_job(window, backup, done, failed)

    @staticmethod
    def _release(lock: DatabaseLock | None) -> None:
        if lock is not None:  # after the ledger's close, which is queued before it
            run_job(None, lambda _p, _c: lock.release(), lambda _r: None, lambda _e: None)

    def _refused(self, message: str) -> None:
        answer = messages.choose(
            self.window or self.frame,
            tr("无法打开数据库"),
            message,
            tr("可以打开其他数据库文件，或从 backups 文件夹中的备份恢复。"),
            [tr("打开其他数据库…"), tr("取消") if self.window else tr("退出")],
        )
        if answer == 0:
            path, _ = QFileDialog.getOpenFileName(
                self.window or self.frame,
                tr("打开数据库"),
                "",
                tr("PairTrack 数据库 (*.db);;所有文件 (*)"),
            )
            if path:
                if self.frame is not None:
                    self.frame.opening(path)
                self.open(path)
                return
        self.finished.emit(False)

    def _load_demo(self) -> None:
        from pairtrack.tracker.demo.load import load_demo

        def loaded(_counts: object) -> None:
            if self.window is not None:  # the demo's figures are for 2017, up to November
                self.window.page("dashboard").picker.set_period(2017, 11)  # type: ignore[attr-defined]

        CollectionOp(self.window, lambda ledger, _job: load_demo(ledger), loaded).failure(
            lambda exc: messages.tell(self.window, tr("演示数据"), tr_message(exc), error=True)
        ).with_progress(tr("正在装入演示数据…"), cancellable=False).run()

    def shut_down(self) -> None:
        """Destroy the window while the QApplication still exists, then close the ledger.

        Left to Python's exit, widgets may be destroyed after the application object,
        which crashes Qt.
        """
        pool().waitForDone()
        for window in (self.window, self.frame):
            if window is not None:
                window.close()
                shiboken6.delete(window)
        self.window = self.frame = None
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        ops.attach(None)

    def edit_settings(self) -> None:
        """Read the settings as stored now, then edit them; saved as one undoable step."""
        window = self.window
        if window is None:
            return
        QueryOp(window, lambda ledger, _job: ledger.settings(), self._edit_settings).run()

    def _edit_settings(self, before: dict[str, str]) -> None:
        window = self.window
        if window is None:
            return
        from pairtrack.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(before, first_run=False, parent=window)
        if not dialog.exec():
            return
        after = dialog.values
        old = {key: before.get(key, "") for key in after}

        def saved(_result: object) -> None:
            if old != after:
                window.undo_stack.done(
                    tr("修改单位与操作员"),
                    undo=lambda ledger: ledger.set_settings(**old),
                    redo=lambda ledger: ledger.set_settings(**after),
                )

        CollectionOp(window, lambda ledger, _job: ledger.set_settings(**after), saved).run()


def run_window(db: str | None) -> int:
    from pairtrack.ui.support import start_log, start_support

    start_support()
    app = create_app()
    controller = Controller()

    def finished(ok: bool) -> None:
        if not ok and controller.window is None:
            app.exit(1)

    controller.finished.connect(finished)
    picture = smoke.picture_requested()
    if picture is not None:
        smoke.arm(app, controller, picture)
    try:
        controller.start(recent.start_database(db, default_database), after_paint=start_log)
        return app.exec()
    finally:
        controller.shut_down()
