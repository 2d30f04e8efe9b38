"""The main window's database files: 新建 and 打开 (the controller switches), 备份 (asking
where) and 备份与恢复 with its restore. ``ui.main_window.MainWindow`` builds on this class."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from ui import messages
from ui.i18n import tr, tr_message
from ui.ops import Job, QueryOp

if TYPE_CHECKING:
    from tracker.ledger import Ledger


class DatabaseFiles(QMainWindow):
    # a database the app controller should switch to: a file's path, or a server's URL (a
    # SQLAlchemy URL object when it carries a password: it prints *** in its place)
    open_requested = Signal(object)
    path: Path | None
    read_only: bool
    backups_dialog: QWidget | None
    database_dialog: QWidget | None = None
    db_name: str

    def _new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("新建数据库"), "pairtrack.db", tr("PairTrack 数据库 (*.db)")
        )
        if path:
            self.open_requested.emit(path)

    def _open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("打开数据库"), "", tr("PairTrack 数据库 (*.db);;所有文件 (*)")
        )
        if path:
            self.open_requested.emit(path)

    def connect_server(self) -> None:
        """文件 → 连接服务器数据库…: the database in use, and a server database to test and
        open (``ui.dialogs.database``)."""
        from ui.dialogs.database import DatabaseDialog

        dialog = DatabaseDialog(self.db_name, self)
        dialog.open_requested.connect(self.open_requested.emit)
        self.database_dialog = dialog
        dialog.open()

    def _backup(self) -> None:
        """文件 → 备份…: asks where, starting in the backups folder (a copy put there is one
        of the copies 备份与恢复 lists); the open database itself is refused."""
        path = self.path
        if path is None:
            self._server_has_no_file()
            return
        suggested = _maintenance().suggested_backup(path)
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("备份到"), str(suggested), tr("PairTrack 数据库 (*.db)")
        )
        if chosen:
            dest = Path(chosen)
            self._run_backup(lambda: _maintenance().backup_to(path, dest))

    def _backup_now(self) -> None:
        """备份与恢复 → 立即备份: a copy into the backups folder that dialog lists."""
        path = self.path
        if path is None:
            self._server_has_no_file()
            return
        self._run_backup(lambda: _maintenance().backup(path))

    def _run_backup(self, copy: Callable[[], Path]) -> None:
        # A copy of a large ledger takes longer than the GUI thread may be busy.
        QueryOp(
            self,
            lambda _ledger, _job: copy(),
            lambda dest: messages.tell(self, tr("备份"), tr("已备份到：{path}").format(path=dest)),
        ).failure(
            lambda exc: messages.tell(self, tr("备份失败"), tr_message(exc), error=True)
        ).with_progress(tr("正在备份…"), cancellable=False).run()

    def _server_has_no_file(self) -> None:
        """A server database (PostgreSQL) is no file to copy: its copies are the server's."""
        messages.tell(
            self,
            tr("备份"),
            tr(
                "这个数据库在 PostgreSQL 服务器上，不是本机的一个文件，程序不能复制或恢复它。"
                "请由服务器管理员用 pg_dump / pg_restore 备份和恢复。"
            ),
        )

    def show_backups(self) -> None:
        """文件 → 备份与恢复…: the ledger's copies, and a restore of one of them."""
        from ui.dialogs.backups import BackupsDialog

        if self.path is None:
            self._server_has_no_file()
            return
        dialog = BackupsDialog(self.path, self, read_only=self.read_only)
        dialog.restore_requested.connect(lambda path: self.restore_from(Path(path)))
        dialog.backup_requested.connect(self._backup_now)
        dialog.backup_requested.connect(dialog.reject)
        self.backups_dialog = dialog
        dialog.open()

    def restore_from(self, source: Path) -> None:
        """Put ``source`` in place of the open ledger (checked first), then reopen it."""
        assert self.path is not None
        target = self.path

        def restore(ledger: Ledger, _job: Job) -> Path | None:
            ledger.close()  # in the worker, after every op queued before it
            return _maintenance().restore(target, source, locked=True)  # the window holds it

        def restored(saved: Path | None) -> None:
            messages.tell(self, tr("已恢复"), tr("恢复前的数据已备份到：{path}").format(path=saved))
            self.open_requested.emit(str(target))

        def failed(exc: BaseException) -> None:
            messages.tell(self, tr("恢复失败"), tr_message(exc), error=True)
            self.open_requested.emit(str(target))  # reopen what is there now

        QueryOp(self, restore, restored).failure(failed).with_progress(
            tr("正在检查并恢复…"), cancellable=False
        ).run()


def _maintenance() -> ModuleType:
    from tracker import maintenance  # SQLAlchemy: loaded by the time a backup is asked for

    return maintenance
