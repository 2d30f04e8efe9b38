"""A window on a ledger opened read-only (another window has it, or its place cannot be
written): the title and the status bar say so and why, and every action that writes is off.

The pages and dialogs that write check ``ui.ops.read_only()`` themselves (the record pages'
double-click and Delete, the target grid, resolving conflicts, undoing an import), and a
write that still reached the ledger would be refused by it (``tracker.store.ReadOnlyLedger``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from pairtrack.ui.i18n import tr, tr_message

if TYPE_CHECKING:
    from pairtrack.ui.main_window import MainWindow

STYLE = "color: #b71c1c; font-weight: bold;"


def writing_actions(window: MainWindow) -> list[QAction]:
    """What changes the ledger (备份与恢复 stays: its dialog turns restore off itself)."""
    return [window.act_new, window.act_edit, window.act_delete, window.act_undo,
            window.act_redo, window.act_import, window.act_settings]  # fmt: skip


def mark_read_only(window: MainWindow) -> None:
    reason = window.read_only_reason
    if reason is None:
        return
    window.setWindowTitle(window.windowTitle() + tr("（只读）"))
    label = QLabel(tr("只读：{reason}").format(reason=tr_message(reason)))
    label.setObjectName("read_only")
    label.setStyleSheet(STYLE)
    label.setToolTip(
        tr("此窗口只能查看、打印和导出。要修改，请先关闭正在使用它的程序，再重新打开数据库。")
    )
    window.statusBar().insertPermanentWidget(0, label)
    window.status_read_only = label
    window.setAcceptDrops(False)
    for action in writing_actions(window):
        action.setEnabled(False)
