"""The main window's exchange with the outside: 生成简报, 导出, 导入 (also by dropping a file on
the window), 导入记录 and the merge conflicts imports bring. ``ui.main_window.MainWindow``
builds on this class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from pairtrack.ui.display import Lookups

if TYPE_CHECKING:
    from pairtrack.ui.dialogs.conflicts import ConflictIndicator, ConflictsDialog


class Exchange(QMainWindow):
    lookups: Lookups
    pages: dict[str, QWidget]
    read_only: bool  # set by MainWindow from its ledger
    status_conflicts: ConflictIndicator | None  # 「冲突 N」 in the status bar
    conflicts_dialog: ConflictsDialog | None

    def show_conflicts(self) -> None:
        """编辑 → 处理汇总冲突…, or a click on 「冲突 N」: one dialog, beside the pages."""
        if self.conflicts_dialog is None:
            from pairtrack.ui.dialogs.conflicts import ConflictsDialog

            dialog = ConflictsDialog(self)
            dialog.resolved.connect(self._refresh_conflicts)
            self.conflicts_dialog = dialog
        else:
            self.conflicts_dialog.reload()
        self.conflicts_dialog.show()
        self.conflicts_dialog.raise_()
        self.conflicts_dialog.activateWindow()

    def _refresh_conflicts(self) -> None:
        if self.status_conflicts is not None:
            self.status_conflicts.refresh()

    def _conflicts_changed(self) -> None:
        self._refresh_conflicts()
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self.conflicts_dialog.reload()

    def _open_brief(self) -> None:
        from pairtrack.ui.dialogs.brief import BriefDialog

        # parented: dropping the dialog while its preview still draws pages crashes QtPdf
        dialog = BriefDialog(self.lookups, self)
        dashboard = self.pages.get("dashboard")
        if dashboard is not None:
            dialog.picker.copy_from(dashboard.picker)  # type: ignore[attr-defined]
        dialog.exec()

    def _export(self) -> None:
        from pairtrack.ui.dialogs.export import ExportDialog

        ExportDialog(self).exec()

    def _import(self) -> None:
        from pairtrack.ui.dialogs.exchange import choose_import_file

        if self.read_only:  # a read-only window writes nothing (ui.read_only)
            return
        choose_import_file(self)
        self._conflicts_changed()  # an import that only found conflicts writes no record

    def _imports(self) -> None:
        from pairtrack.ui.dialogs.imports import ImportsDialog

        ImportsDialog(self).exec()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from pairtrack.ui.dialogs.exchange import importable

        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile() and importable(urls[0].toLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            path = urls[0].toLocalFile()
            # leave the drop handler before the modal import dialog opens
            QTimer.singleShot(0, lambda: self.import_path(path))

    def import_path(self, path: str) -> None:
        """The import dialog for a file (dropped, or from a test), then the conflicts again."""
        from pairtrack.ui.dialogs.exchange import import_dropped_file

        if self.read_only:
            return
        import_dropped_file(self, path)
        self._conflicts_changed()
