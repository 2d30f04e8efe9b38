"""文件 → 备份与恢复…: this ledger's copies (date, kind, size, integrity), a backup made now,
and a restore of the chosen copy after one confirmation.

The list and each copy's integrity check are read in the worker; the restore itself is the
window's (``MainWindow.restore_from``): it checks the copy fully (tracker.maintenance), keeps
the replaced file, and reopens the ledger.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker import maintenance
from pairtrack.tracker.maintenance import Listed
from pairtrack.ui import colours, messages
from pairtrack.ui.accessible import prepare, set_name
from pairtrack.ui.i18n import noop, tr, tr_message
from pairtrack.ui.worker import run_job

HEADERS = (noop("日期"), noop("种类"), noop("大小"), noop("完整性检查"), noop("文件"))


def cells(entry: Listed) -> tuple[str, ...]:
    copy = entry.file
    return (
        f"{copy.taken:%Y-%m-%d %H:%M}",
        tr(entry.kind_title),
        f"{copy.size / 1_048_576:.1f} MB",
        tr("通过")
        if entry.problem is None
        else tr("未通过：{problem}").format(problem=tr_message(entry.problem)),
        copy.path.name,
    )


class BackupsDialog(QDialog):
    restore_requested = Signal(str)  # a checked-by-the-user copy the window should restore
    backup_requested = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, read_only: bool = False):
        super().__init__(parent)
        self.db_path = db_path
        self.setWindowTitle(tr("备份与恢复"))
        self.resize(860, 420)
        self.entries: list[Listed] = []
        self.loaded = False
        self.status = QLabel(tr("正在读取并检查备份…"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        set_name(self.table, tr("备份列表"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = self.buttons.addButton(
            tr("立即备份(&B)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = self.buttons.addButton(
            tr("恢复所选备份(&R)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button = self.buttons.addButton(
            tr("从其他文件恢复(&F)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        for button in (self.restore_button, self.other_button, self.backup_button):
            button.setEnabled(not read_only)
        self.read_only = read_only
        self.restore_button.setEnabled(False)
        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button.clicked.connect(self._restore_other)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(
            tr(
                "每天第一次打开时自动备份（保留最近 7 天、4 周、12 个月各一份）。恢复前会先检查备份，"
                "当前文件另存为「被恢复替换的文件」。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        prepare(self)
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        path = self.db_path
        run_job(
            self,
            lambda _progress, cancelled: maintenance.backups(path, cancelled),
            self._show,
            self._failed,
        )

    def _show(self, entries: list[Listed]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(cells(entry)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(entry.file.path))
                if entry.problem is not None:
                    item.setForeground(colours.warning(self.table.palette()))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.status.setText(
            tr("共 {n} 个备份").format(n=len(entries)) if entries else tr("还没有备份。")
        )
        self.loaded = True
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(tr("无法读取备份文件夹：{error}").format(error=tr_message(exc)))
        self.loaded = True

    def selected(self) -> Listed | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.restore_button.setEnabled(
            not self.read_only and entry is not None and entry.problem is None
        )

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._confirm(entry.file.path, entry.file.taken.strftime("%Y-%m-%d %H:%M"))

    def _restore_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("选择备份文件"), str(self.db_path.parent), tr("PairTrack 数据库 (*.db)")
        )
        if path:
            self._confirm(Path(path), "")

    def _confirm(self, path: Path, taken: str) -> None:
        question = tr(
            "用备份「{file}」{taken}替换当前数据库吗？\n恢复前会先检查这个备份；"
            "当前数据库会另存一份，可以再恢复回来。"
        ).format(file=path.name, taken=tr("（{time}）").format(time=taken) if taken else "")
        if messages.ask(self, tr("从备份恢复"), question):
            self.restore_requested.emit(str(path))
            self.accept()
