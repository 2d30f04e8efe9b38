"""A brief with a long 附表 in the window (issue 12): asked about first with its pages, then a
progress dialog that follows the layout to the end, and a cancel that stops it midway."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton

import pairtrack.tracker.brief.appendix as appendix
from pairtrack.tracker.demo.generate import add_records
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import worker
from pairtrack.ui.worker import pool
from tests.ui.test_brief_dialog import generate, open_dialog


@pytest.fixture
def long_ledger(demo_ledger: Ledger) -> Ledger:
    add_records(demo_ledger, 2_500, seed=5)  # a 附表 of about 60 pages
    return demo_ledger


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, bool]]:
    """Every value the progress dialog is given: (done, total, dialog still open)."""
    seen: list[tuple[int, int, bool]] = []
    original = worker.Handle._progressed
    monkeypatch.setattr(worker, "DIALOG_DELAY_MS", 0)  # the dialog from the start

    def progressed(self: Any, done: int, total: int) -> None:
        # recorded first: a modal progress dialog handles the next events in setValue
        dialog = self._dialog
        seen.append((done, total, dialog is not None and dialog.isVisible()))
        original(self, done, total)

    monkeypatch.setattr(worker.Handle, "_progressed", progressed)
    return seen


def test_progress_runs_to_the_end_of_the_layout(
    qtbot: Any,
    long_ledger: Ledger,
    answers: Any,
    shown: list[tuple[int, int, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(appendix, "WARN_PAGES", 20)  # this 附表 is long, not 700 pages long
    dialog = open_dialog(qtbot, long_ledger)
    dialog.appendix.setChecked(True)
    generate(qtbot, dialog)
    question = answers.asked[0]  # over WARN_PAGES: asked first, with the pages and the time
    assert question.startswith("附表约 ") and question.endswith("秒，是否继续？")
    pages = int(question.split()[1].replace(",", ""))
    assert pages > appendix.WARN_PAGES
    assert dialog.document.pageCount() > pages * 0.8
    values = [done for done, _total, _open in shown]
    assert values == sorted(values) and len(set(values)) > 50
    # the dialog stays open until the last value: the maximum comes only with the file
    assert [done for done, total, _ in shown if done >= total] == [values[-1]]
    # once shown (under load the first values may come before it is), it stays open to the end
    still_open = [open_ for _done, _total, open_ in shown[:-1]]
    assert True in still_open and all(still_open[still_open.index(True) :])


def test_cancel_stops_the_layout_midway(
    qtbot: Any, long_ledger: Ledger, shown: list[tuple[int, int, bool]]
) -> None:
    dialog = open_dialog(qtbot, long_ledger)
    dialog.appendix.setChecked(True)

    cancelled: list[int] = []

    def cancel_at_half(done: int, total: int) -> None:
        if done > total // 2 and not cancelled:
            progress = dialog.findChild(QProgressDialog)
            assert progress is not None and progress.isVisible()
            button = progress.findChild(QPushButton)
            assert button.text() == "取消"
            button.click()
            cancelled.append(done)

    original = worker.Handle._progressed

    def progressed(self: Any, done: int, total: int) -> None:
        cancel_at_half(done, total)
        original(self, done, total)

    worker.Handle._progressed = progressed  # type: ignore[method-assign]
    try:
        dialog.generate.click()
        qtbot.waitUntil(lambda: dialog.status.text() == "已取消生成简报。", timeout=120_000)
    finally:
        worker.Handle._progressed = original  # type: ignore[method-assign]
    pool().waitForDone()
    assert dialog.generate.isEnabled()
    assert dialog.document.pageCount() == 0 and not dialog.save_button.isEnabled()
    assert not list(dialog._folder.glob("*.pdf"))  # nothing half-written
    assert cancelled and max(done for done, _total, _ in shown) < 1000
