"""文件 → 备份与恢复… for a database on a PostgreSQL server: a pg_dump backup made now into a
folder the person chose (remembered), and a restore from a ``.dump`` file after one
confirmation naming what is replaced.

The dialog only asks; the window runs the work in the database worker
(``ui.window_files.DatabaseFiles``: ``tracker.maintenance.server_backup`` / ``server_restore``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pairtrack.ui import messages
from pairtrack.ui.accessible import prepare
from pairtrack.ui.i18n import tr

FOLDER_SETTING = "backup/server_folder"


def backup_folder() -> Path:
    """The folder server backups go to: the one chosen last, else the user's data folder."""
    from pairtrack.tracker.maintenance import server_backup_folder

    chosen = QSettings().value(FOLDER_SETTING, "")
    return Path(str(chosen)) if chosen else server_backup_folder()


class ServerBackupsDialog(QDialog):
    backup_requested = Signal(str)  # the folder a backup made now goes to
    restore_requested = Signal(str)  # a .dump file the person confirmed restoring

    def __init__(self, db_name: str, parent: QWidget | None = None, *, read_only: bool = False):
        super().__init__(parent)
        self.db_name = db_name
        self.setWindowTitle(tr("备份与恢复"))
        self.resize(640, 220)
        note = QLabel(
            tr(
                "数据库「{name}」在 PostgreSQL 服务器上，用 pg_dump / pg_restore 备份和恢复"
                "（需要在这台电脑上安装 PostgreSQL 客户端工具）。恢复前会先检查备份，并把当前内容"
                "另存一份备份，可以再恢复回来。"
            ).format(name=db_name)
        )
        note.setWordWrap(True)
        self.folder = backup_folder()
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.change_button = QPushButton(tr("更改文件夹(&C)…"))
        self.change_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.change_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = self.buttons.addButton(
            tr("立即备份(&B)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = self.buttons.addButton(
            tr("从文件恢复(&F)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setEnabled(not read_only)
        self.backup_button.clicked.connect(self._backup)
        self.restore_button.clicked.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._show_folder()
        prepare(self)

    def _show_folder(self) -> None:
        self.folder_label.setText(tr("备份文件夹：{folder}").format(folder=self.folder))

    def choose_folder(self) -> bool:
        chosen = QFileDialog.getExistingDirectory(self, tr("选择备份文件夹"), str(self.folder))
        if not chosen:
            return False
        self.folder = Path(chosen)
        QSettings().setValue(FOLDER_SETTING, str(self.folder))
        self._show_folder()
        return True

    def _backup(self) -> None:
        if not QSettings().value(FOLDER_SETTING, "") and not self.choose_folder():
            return  # the first backup asks where; later ones go to the same folder
        self.backup_requested.emit(str(self.folder))
        self.accept()

    def _restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("选择备份文件"),
            str(self.folder),
            tr("PostgreSQL 备份 (*.dump);;所有文件 (*)"),
        )
        if not path:
            return
        question = tr(
            "用备份「{file}」替换服务器数据库「{name}」的全部内容吗？\n"
            "恢复前会先检查这个备份，并把当前内容备份到「{folder}」，可以再恢复回来。"
            "恢复期间其他人不能保存。"
        ).format(file=Path(path).name, name=self.db_name, folder=self.folder)
        if messages.ask(self, tr("从备份恢复"), question):
            self.restore_requested.emit(path)
            self.accept()
