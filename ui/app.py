"""Start the window: the Qt application, fonts, translation, and the open-database flow."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog

from db.errors import DatabaseRefused
from resources import resource
from tracker.errors import PairTrackError
from tracker.ledger import Ledger
from tracker.paths import default_database
from ui import messages
from ui.bus import bus
from ui.display import tr
from ui.fonts import install_fonts
from ui.icons import icon
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.worker import pool, run_job


def create_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("PairTrack")
    QCoreApplication.setApplicationName("PairTrack")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setWindowIcon(icon("app"))
    install_fonts(app)
    install_translation(app)
    return app


def install_translation(app: QApplication) -> None:
    """Chinese is the source language; another language loads ``pairtrack_<lang>.qm``."""
    language = os.environ.get("PAIRTRACK_LANG") or QLocale.system().name()
    if language.startswith("zh"):
        return
    translator = QTranslator(app)
    if translator.load(str(resource("translations", f"pairtrack_{language.split('_')[0]}.qm"))):
        app.installTranslator(translator)


class Controller(QObject):
    """Owns the open ledger and its window; switching databases swaps both."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger: Ledger | None = None
        self.window: MainWindow | None = None

    def open(self, path: str | Path) -> bool:
        try:
            ledger = Ledger.open(path)
        except (DatabaseRefused, PairTrackError) as exc:
            return self._refused(str(exc))
        except Exception as exc:  # a damaged file must not end in a traceback
            return self._refused(tr("无法打开数据库：{error}").format(error=exc))
        old_window, old_ledger = self.window, self.ledger
        self.ledger = ledger
        if not ledger.office_name:
            dialog = SettingsDialog(ledger, first_run=True, parent=old_window)
            if not dialog.exec():
                if old_window is None:
                    ledger.close()
                    return False
            elif dialog.demo.isChecked():
                self._load_demo(ledger)
        self.window = MainWindow(ledger)
        self.window.open_requested.connect(self.open)
        self.window.settings_requested.connect(self.edit_settings)
        self.window.show()
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ledger is not None and old_ledger is not ledger:
            old_ledger.close()
        return True

    def _refused(self, message: str) -> bool:
        answer = messages.choose(
            self.window,
            tr("无法打开数据库"),
            message,
            tr("可以打开其他数据库文件，或从 backups 文件夹中的备份恢复。"),
            [tr("打开其他数据库…"), tr("取消") if self.window else tr("退出")],
        )
        if answer == 0:
            path, _ = QFileDialog.getOpenFileName(
                self.window, tr("打开数据库"), "", tr("PairTrack 数据库 (*.db);;所有文件 (*)")
            )
            if path:
                return self.open(path)
        return False

    def _load_demo(self, ledger: Ledger) -> None:
        from tracker.demo.load import load_demo

        def failed(exc: BaseException) -> None:
            messages.tell(self.window, tr("演示数据"), str(exc), error=True)

        def loaded(_counts: object) -> None:
            bus().announce("*")
            if self.window is not None:  # the demo's figures are for 2017, up to November
                self.window.page("dashboard").picker.set_period(2017, 11)  # type: ignore[attr-defined]

        run_job(
            self.window,
            lambda _p, _c: load_demo(ledger),
            loaded,
            failed,
            label=tr("正在装入演示数据…"),
            cancellable=False,
        )

    def shut_down(self) -> None:
        """Destroy the window while the QApplication still exists, then close the ledger.

        Left to Python's exit, widgets may be destroyed after the application object,
        which crashes Qt.
        """
        pool().waitForDone()
        if self.window is not None:
            self.window.close()
            shiboken6.delete(self.window)
            self.window = None
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None

    def edit_settings(self) -> None:
        if (
            self.ledger is not None
            and SettingsDialog(self.ledger, first_run=False, parent=self.window).exec()
        ):
            bus().announce("meta")


def run_window(db: str | None) -> int:
    app = create_app()
    controller = Controller()
    try:
        if not controller.open(db or default_database()):
            return 1
        return app.exec()
    finally:
        controller.shut_down()
