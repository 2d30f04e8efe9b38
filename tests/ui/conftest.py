"""GUI test fixtures: a fresh ledger per test, isolated QSettings, scripted message boxes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from tracker.demo.load import load_demo
from tracker.ledger import Ledger
from ui import messages
from ui.worker import pool


class Answers:
    """Stands in for modal boxes: records what was told, answers questions as scripted."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.told: list[str] = []
        self.reply = True

    def ask(self, _parent: Any, _title: str, text: str) -> bool:
        self.asked.append(text)
        return self.reply

    def tell(self, _parent: Any, _title: str, text: str, *, error: bool = False) -> None:
        self.told.append(text)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    scripted = Answers()
    monkeypatch.setattr(messages, "ask", scripted.ask)
    monkeypatch.setattr(messages, "tell", scripted.tell)
    return scripted


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    QCoreApplication.setOrganizationName("PairTrackTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield
    pool().waitForDone()
    gc.collect()  # on the GUI thread, as ui.worker arranges for the running program


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = Ledger.open(tmp_path / "ui.db")
    opened.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    yield opened
    pool().waitForDone()
    opened.close()


@pytest.fixture
def demo_ledger(ledger: Ledger) -> Ledger:
    load_demo(ledger)
    return ledger


@pytest.fixture
def window(qtbot: Any, ledger: Ledger) -> Iterator[Any]:
    from ui.main_window import MainWindow

    main = MainWindow(ledger)
    qtbot.addWidget(main)
    main.show()
    yield main
    pool().waitForDone()
    main.close()


def run_dialog(qtbot: Any, open_dialog: Any, fill: Any) -> list[Any]:
    """Start a modal dialog with ``open_dialog()`` and drive it with ``fill(dialog)``.

    ``fill`` runs once the dialog is up (exec() blocks the test otherwise); the dialogs it saw
    are returned so the test can look at their state afterwards.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    seen: list[Any] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, drive)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, drive)
    open_dialog()
    return seen
