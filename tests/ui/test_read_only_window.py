"""A window that opened its ledger read-only — another window has it, or its place cannot be
written — says so in its title and status bar (with who has it), turns off every action that
writes (new, edit, delete, import, undo/redo, settings, the target grid, resolving, undoing an
import, restoring), and still shows, prints and exports. Nothing it does changes the file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView

from pairtrack.db.lock import lock_path, read_holder
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages
from pairtrack.ui.app import Controller
from pairtrack.ui.dialogs.brief import BriefDialog
from pairtrack.ui.dialogs.imports import ImportsDialog
from pairtrack.ui.main_window import MainWindow
from pairtrack.ui.read_only import writing_actions
from pairtrack.ui.worker import pool
from tests.read_only_places import read_only


@pytest.fixture(scope="module")
def office_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ledger with one package imported into it (an import the window could undo)."""
    folder = tmp_path_factory.mktemp("office")
    other = Ledger.open(folder / "other.db")
    load_demo(other)
    other.set_settings(office_code="130000", office_name="市办")
    export_package(other, folder / "other.pairtrack.zip")
    other.close()
    path = folder / "台账.db"
    ledger = Ledger.open(path)
    load_demo(ledger)
    import_package(ledger, folder / "other.pairtrack.zip")
    ledger.close()
    return path


@pytest.fixture
def ledger_path(office_ledger: Path, tmp_path: Path) -> Path:
    path = tmp_path / "台账.db"
    shutil.copyfile(office_ledger, path)
    return path


@pytest.fixture
def controllers() -> Iterator[Any]:
    made: list[Controller] = []

    def make() -> Controller:
        made.append(Controller())
        return made[-1]

    yield make
    for controller in reversed(made):
        controller.shut_down()


def open_in(qtbot: Any, controller: Controller, path: Path) -> list[Any]:
    with qtbot.waitSignal(controller.finished, timeout=20_000) as ended:
        controller.open(path)
    return list(ended.args)


@pytest.fixture
def choose_read_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers the open-database question with 以只读方式打开; what it was asked."""
    asked: list[str] = []

    def choose(_parent: Any, _title: str, text: str, _detail: str, buttons: list[str]) -> int:
        asked.append(text)
        return buttons.index("以只读方式打开")

    monkeypatch.setattr(messages, "choose", choose)
    return asked


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every record or import dialog the window would open (none may open read-only)."""
    opened: list[str] = []

    class Refused:
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            opened.append(type(self).__name__)

        def exec(self) -> int:
            return 0

    from pairtrack.ui.dialogs import exchange
    from pairtrack.ui.pages import record_page

    monkeypatch.setattr(record_page, "RecordDialog", Refused)
    monkeypatch.setattr(exchange, "ImportDialog", Refused)
    return opened


def audit_count(path: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_event").fetchone()[0])


def editable(model: QAbstractItemModel, row: int, column: int) -> bool:
    return bool(model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable)


def test_a_second_window_says_who_has_the_ledger_and_writes_nothing(
    qtbot: Any, ledger_path: Path, controllers: Any, choose_read_only: list[str],
    dialogs: list[str], answers: Any,
) -> None:  # fmt: skip
    first, second = controllers(), controllers()
    assert open_in(qtbot, first, ledger_path) == [True]
    holder = read_holder(lock_path(ledger_path))
    assert holder is not None
    before = audit_count(ledger_path)
    assert open_in(qtbot, second, ledger_path) == [True]
    window: MainWindow = second.window  # type: ignore[assignment]
    assert choose_read_only, "asked first"

    assert "只读" in window.windowTitle()
    status = window.status_read_only
    assert status is not None and status.isVisible()
    for said in ("只读", holder.user, holder.host, f"进程 {holder.pid}"):
        assert said in status.text(), (said, status.text())
    assert not window.acceptDrops()

    funds = window.show_page("fund_transfer")
    qtbot.waitUntil(lambda: not funds._busy and funds.model.rowCount() > 0, timeout=20_000)
    for action in writing_actions(window):  # also after the page changed
        assert not action.isEnabled(), action.text()
    assert window.act_copy.isEnabled() and window.act_brief.isEnabled()
    assert window.act_export.isEnabled()
    funds.view.selectRow(0)
    rect = funds.view.visualRect(funds.model.index(0, 1))
    qtbot.mouseDClick(funds.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(funds.view, Qt.Key.Key_Return)
    qtbot.keyClick(funds.view, Qt.Key.Key_Delete)
    for call in (funds.new_record, funds.edit_selected, funds.delete_selected,
                 window.act_new.trigger, window.act_delete.trigger, window.act_undo.trigger):  # fmt: skip
        call()
    window.import_path(str(ledger_path.with_name("x.pairtrack.zip")))
    qtbot.wait(200)  # a refused edit would have opened its dialog or asked by now
    assert dialogs == [] and answers.asked == []

    targets = window.show_page("target")
    with qtbot.waitSignal(targets.loaded, timeout=10_000):
        targets.year.setValue(2017)
    assert targets.model.rowCount() > 0
    assert not editable(targets.model, 0, 0)
    assert not targets.model.setData(targets.model.index(0, 0), "3200")
    assert targets.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not targets.copy_button.isEnabled()

    imports = ImportsDialog(window)
    qtbot.addWidget(imports)
    qtbot.waitUntil(lambda: imports.loaded, timeout=10_000)
    imports.table.selectRow(0)
    assert imports.records and imports.records[0].undone_at is None
    assert not imports.undo_button.isEnabled()

    window.show_backups()
    backups = window.backups_dialog
    qtbot.waitUntil(lambda: backups.table.rowCount() > 0, timeout=20_000)  # type: ignore[union-attr]
    backups.table.selectRow(0)  # type: ignore[union-attr]
    assert not backups.restore_button.isEnabled()  # type: ignore[union-attr]
    backups.close()  # type: ignore[union-attr]

    assert audit_count(ledger_path) == before, "the read-only window wrote nothing"

    # the window that holds the ledger can do all of it
    writable = first.window
    assert writable is not None and writable.status_read_only is None
    assert "只读" not in writable.windowTitle()
    writable_funds = writable.show_page("fund_transfer")
    qtbot.waitUntil(lambda: writable_funds.model.rowCount() > 0, timeout=20_000)
    assert writable.act_new.isEnabled() and writable.act_import.isEnabled()
    assert writable.act_settings.isEnabled()


def test_a_ledger_on_a_read_only_place_opens_read_only_when_chosen(
    qtbot: Any, ledger_path: Path, controllers: Any, choose_read_only: list[str]
) -> None:
    with read_only(ledger_path.parent):
        controller = controllers()
        assert open_in(qtbot, controller, ledger_path) == [True]
        assert choose_read_only and "只读" in choose_read_only[0]
        window = controller.window
        assert window is not None and "只读" in window.windowTitle()
        assert window.status_read_only is not None
        assert "所在位置不允许写入" in window.status_read_only.text()
        assert not window.act_new.isEnabled() and not window.act_import.isEnabled()
        assert controller.lock is None and not lock_path(ledger_path).exists()
        dashboard = window.page("dashboard")
        qtbot.waitUntil(lambda: not dashboard._busy, timeout=20_000)  # type: ignore[attr-defined]

        # it still prints: the brief is made (the texts typed for it are not kept)
        brief = BriefDialog(window.lookups, window)
        with qtbot.waitSignal(brief.texts_loaded, timeout=10_000):
            brief.picker.set_period(2017, 11)
        brief.problems.setPlainText("只读窗口里写的问题")
        brief.generate.click()
        qtbot.waitUntil(lambda: brief.document.pageCount() > 0, timeout=60_000)
        assert "已生成" in brief.status.text()
        pool().waitForDone()
        qtbot.wait(100)  # the preview's page renderer
        brief.close()
        controller.shut_down()
