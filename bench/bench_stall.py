"""The longest stall of the window's event loop during heavy and blocked writes (goal < 100 ms).

- deleting 2,000 selected rows from the funds page (and undoing it);
- saving a record while another program holds the database's write lock for 2 s.

A 5 ms timer on the GUI thread records the longest gap between its ticks; the baseline is the
same timer on an idle window, so the ratio says how much the work itself held the loop up.

Usage: python -m bench.bench_stall [N]   (N generated records on top of the demo; default 20000)
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from bench.common import Measure, Size, bench_main, demo_database, log

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DELETED = 2_000  # rows selected and deleted (half the page in a small quick run)
GOAL_MS = 100


class Stalls:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def measure(self, start: Callable[[], Any], done: Callable[[], bool]) -> float:
        from PySide6.QtTest import QTest

        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start(5)
        start()
        while not done():
            QTest.qWait(5)
        self.timer.stop()
        return self.longest


def measure(size: Size) -> list[Measure]:
    import shutil
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    from PySide6.QtTest import QTest

    from pairtrack.tracker.ledger import Ledger
    from pairtrack.ui import messages
    from pairtrack.ui.app import create_app
    from pairtrack.ui.main_window import MainWindow
    from pairtrack.ui.ops import CollectionOp
    from pairtrack.ui.worker import freeze_start_up, pool

    folder = Path(tempfile.mkdtemp(prefix="pairtrack-stall-"))
    db = folder / "stall.db"
    shutil.copyfile(demo_database(size.records), db)  # SQLite alone: its file's write lock
    messages.ask = lambda *_a, **_k: True  # type: ignore[assignment]
    messages.tell = lambda *_a, **_k: None  # type: ignore[assignment]
    create_app()
    ledger = Ledger.open(db)
    window = MainWindow(ledger)
    window.show()
    freeze_start_up()  # as the program does once its first database shows (ui.app)
    funds = window.show_page("fund_transfer")
    stalls = Stalls()
    stalls.measure(lambda: None, lambda: not funds._busy and funds.model.rowCount() > 0)
    count = min(DELETED, funds.model.rowCount() // 2)
    idle = stalls.measure(lambda: None, _after(0.5))

    everything = QItemSelection(funds.model.index(0, 0), funds.model.index(count - 1, 0))
    funds.view.selectionModel().select(
        everything,
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    # done when the table shows it: the check itself must not query on the GUI thread
    before = funds.model.rowCount()
    delete = stalls.measure(
        funds.delete_selected,
        lambda: not window.undo_stack.busy and funds.model.rowCount() == before - count,
    )
    QTest.qWait(200)
    undo = stalls.measure(
        window.act_undo.trigger,
        lambda: not window.undo_stack.busy and funds.model.rowCount() == before,
    )

    # another program holds the write lock for 2 s while the window saves a region
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(2.0, lambda: holder.execute("ROLLBACK")).start()
    saved: list[object] = []
    locked = stalls.measure(
        lambda: CollectionOp(
            window,
            lambda led, _job: led.regions.create(name="基准县", level="county"),
            saved.append,
        ).run(),
        lambda: bool(saved),
    )
    holder.close()
    window.close()
    pool().waitForDone()  # reads the window queued (the 总览's) finish before the file goes
    ledger.close()
    shutil.rmtree(folder, ignore_errors=True)
    log(f"database: {size.records:,} generated records + demo; idle window, longest gap "
        f"between 5 ms ticks: {idle * 1000:.0f} ms (baseline)")  # fmt: skip
    return [
        Measure(title, value * 1000, "ms", idle * 1000, "max", GOAL_MS)
        for title, value in (
            (f"窗口最长停顿：删除 {count:,} 条选中记录", delete),
            ("窗口最长停顿：撤销该删除", undo),
            ("窗口最长停顿：另一程序占用写锁 2 秒时保存", locked),
        )
    ]


def main() -> int:
    return bench_main(
        measure, default_records=20_000, usage=__doc__.splitlines()[0], engines=("sqlite",)
    )


def _after(seconds: float) -> Callable[[], bool]:
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= end


if __name__ == "__main__":
    sys.exit(main())
