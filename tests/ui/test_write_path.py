"""Heavy and blocked writes from the window: the event loop keeps turning, nothing is
half-written, and a held lock gives a message instead of a frozen window or a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QTimer

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.worker import pool
from tests.ui.conftest import attached_ledger, refreshed, run_dialog


class Heartbeat:
    """Counts turns of the GUI event loop (a 5 ms timer) while something runs."""

    def __init__(self) -> None:
        self.beats = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        self.beats += 1

    def __enter__(self) -> Heartbeat:
        self.timer.start(5)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()


def many_funds(ledger: Ledger, count: int) -> None:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    ledger.funds.bulk_create(
        dict(pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=100 + n,
             purpose=f"项目{n}", allocated_on="2017-03-01")
        for n in range(count)
    )  # fmt: skip


def test_deleting_2000_rows_keeps_the_window_responsive_and_undo_brings_them_back(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    """Before: the delete ran on the GUI thread and froze the window for 2–4 s."""
    many_funds(ledger, 2000)
    funds = window.show_page("fund_transfer")
    with qtbot.waitSignal(funds.loaded):
        refreshed(qtbot, window)
        funds.refresh()
    qtbot.waitUntil(lambda: funds.model.rowCount() == 2000)
    everything = QItemSelection(funds.model.index(0, 0), funds.model.index(1999, 0))
    funds.view.selectionModel().select(
        everything,
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    with Heartbeat() as heart, qtbot.waitSignal(funds.loaded, timeout=60_000):
        funds.delete_selected()
        assert heart.beats == 0  # the delete was handed to the worker, not done here
    assert heart.beats > 0  # the event loop kept turning while the worker deleted
    # (a refresh asked for before the delete may have been the one that loaded)
    qtbot.waitUntil(lambda: funds.model.rowCount() == 0, timeout=60_000)
    assert ledger.funds.count() == 0 and ledger.funds.count(include_deleted=True) == 2000
    assert window.act_undo.text() == "撤销“删除 2000 条帮扶资金记录”"
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: funds.model.rowCount() == 2000, timeout=60_000)
    assert ledger.funds.count() == 2000


@pytest.fixture
def quick_window(qtbot: Any, tmp_path: Path) -> Iterator[tuple[Ledger, Any]]:
    """A window on a ledger that gives up on a held lock after 0.3 s (5 s in the program)."""
    from pairtrack.ui.main_window import MainWindow

    with attached_ledger(tmp_path / "quick.db", busy_timeout_ms=300) as ledger:
        window = MainWindow(ledger)
        qtbot.addWidget(window)
        window.show()
        yield ledger, window
        pool().waitForDone()
        window.close()


@pytest.mark.sqlite_only("holds SQLite's write lock from another connection")
def test_saving_while_another_program_holds_the_lock_says_so_and_writes_nothing(
    qtbot: Any, quick_window: tuple[Ledger, Any], answers: Any
) -> None:
    """Before: the window froze for 5 s, then an OperationalError escaped every dialog."""
    ledger, window = quick_window
    regions = window.show_page("region")
    assert ledger.path is not None
    other = sqlite3.connect(ledger.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another PairTrack saving a large import
    answers.retry_reply = False

    def blocked_then_saved(dialog: Any) -> None:
        dialog.editors["name"].edit.setText("康保县")
        dialog.editors["level"].set_value("county")
        with Heartbeat() as heart:
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
            qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
        assert heart.beats > 0
        assert dialog.isVisible()  # the input is still there to save again
        assert "占用" in answers.asked[-1]
        assert "占用" in dialog.general_error.text()
        assert ledger.regions.count(include_deleted=True) == 0
        other.execute("ROLLBACK")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    try:
        run_dialog(qtbot, regions.new_record, blocked_then_saved)
    finally:
        other.close()
    qtbot.waitUntil(lambda: ledger.regions.count() == 1)
