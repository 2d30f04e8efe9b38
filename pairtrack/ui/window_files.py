"""The main window's database files: 新建 and 打开 (the controller switches), 备份 (asking
where) and 备份与恢复 with its restore — of a file, or (pg_dump / pg_restore) of a database on
a PostgreSQL server. ``ui.main_window.MainWindow`` builds on this class."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from pairtrack.ui import messages
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.ops import Job, QueryOp

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.maintenance import ServerRestored


class DatabaseFiles(QMainWindow):
    # a database the app controller should switch to: a file's path, or a server's URL (a
    # SQLAlchemy URL object when it carries a password: it prints *** in its place)
    open_requested = Signal(object)
    path: Path | None
    db_name: str
    read_only: bool
    backups_dialog: QWidget | None
    database_dialog: QWidget | None = None

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
        from pairtrack.ui.dialogs.database import DatabaseDialog

        dialog = DatabaseDialog(self.db_name, self)
        dialog.open_requested.connect(self.open_requested.emit)
        self.database_dialog = dialog
        dialog.open()

    def _backup(self) -> None:
        """文件 → 备份…: asks where, starting in the backups folder (a copy put there is one
        of the copies 备份与恢复 lists); the open database itself is refused. A database on a
        server is dumped with pg_dump (a ``.dump`` file)."""
        path = self.path
        if path is None:
            self._server_backup_to()
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
        assert path is not None  # a server's dialog asks for its own (``_server_backup_now``)
        self._run_backup(lambda: _maintenance().backup(path))

    def _run_backup(self, copy: Callable[[], Path], on_server: bool = False) -> None:
        # A copy of a large ledger takes longer than the GUI thread may be busy.
        def work(ledger: Ledger, _job: Job) -> Path:
            if on_server:  # pg_dump connects as the ledger does (its URL, with the password)
                return _maintenance().server_backup(ledger.engine.url, copy(), force=True)
            return copy()

        QueryOp(
            self,
            work,
            lambda dest: messages.tell(self, tr("备份"), tr("已备份到：{path}").format(path=dest)),
        ).failure(
            lambda exc: messages.tell(self, tr("备份失败"), tr_message(exc), error=True)
        ).with_progress(tr("正在备份…"), cancellable=False).run()

    # --- a database on a PostgreSQL server: pg_dump / pg_restore ------------------------------
    def _server_backup_to(self) -> None:
        """备份… on a server: a ``.dump`` file where the person chooses (Qt's dialog asks
        before replacing one), proposed in the folder server backups went to last."""
        from pairtrack.ui.dialogs.server_backups import FOLDER_SETTING, backup_folder

        suggested = _maintenance().suggested_server_backup(self.db_name, backup_folder())
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("备份到"), str(suggested), tr("PostgreSQL 备份 (*.dump)")
        )
        if chosen:
            dest = Path(chosen)
            QSettings().setValue(FOLDER_SETTING, str(dest.parent))
            self._run_backup(lambda: dest, on_server=True)

    def _server_backup_now(self, folder: str) -> None:
        dest = _maintenance().suggested_server_backup(self.db_name, Path(folder))
        self._run_backup(lambda: dest, on_server=True)

    def _show_server_backups(self) -> None:
        from pairtrack.ui.dialogs.server_backups import ServerBackupsDialog

        dialog = ServerBackupsDialog(self.db_name, self, read_only=self.read_only)
        dialog.backup_requested.connect(self._server_backup_now)
        dialog.restore_requested.connect(
            lambda path: self.restore_server(Path(path), dialog.folder)
        )
        self.backups_dialog = dialog
        dialog.open()

    def restore_server(self, source: Path, folder: Path) -> None:
        """Replace the server database's content with the dump ``source`` (checked first; the
        replaced state kept in ``folder``), then reopen it: every page reads it afresh."""
        reopen: list[str] = []

        def restore(ledger: Ledger, _job: Job) -> ServerRestored:
            url = ledger.engine.url
            reopen.append(url.render_as_string(hide_password=False))
            ledger.close()  # in the worker, after every op queued before it
            return _maintenance().server_restore(url, source, folder)

        def restored(done: ServerRestored) -> None:
            text = tr("已从「{file}」恢复（备份已通过检查）。").format(file=source.name)
            if done.problems:
                found = "\n".join(tr_message(p) for p in done.problems[:5])
                text += "\n" + tr("恢复后检查发现 {n} 个问题：").format(n=len(done.problems))
                text += "\n" + found
            else:
                text += "\n" + tr("恢复后检查：审计记录链完整，未发现问题。")
            text += "\n" + tr("恢复前的数据已备份到：{path}").format(path=done.saved)
            messages.tell(self, tr("已恢复"), text, error=bool(done.problems))
            self.open_requested.emit(reopen[0])

        def failed(exc: BaseException) -> None:
            messages.tell(self, tr("恢复失败"), tr_message(exc), error=True)
            if reopen:
                self.open_requested.emit(reopen[0])  # reopen what is there now

        QueryOp(self, restore, restored).failure(failed).with_progress(
            tr("正在检查并恢复…"), cancellable=False
        ).run()

    def show_backups(self) -> None:
        """文件 → 备份与恢复…: the ledger's copies, and a restore of one of them."""
        from pairtrack.ui.dialogs.backups import BackupsDialog

        if self.path is None:
            self._show_server_backups()
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
    from pairtrack.tracker import (
        maintenance,  # SQLAlchemy: loaded by the time a backup is asked for
    )

    return maintenance
