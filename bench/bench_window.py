"""The window on the 100k-record demo database (issue: desktop window).

- start-up to a usable window (dashboard drawn) vs a bare PySide6 QMainWindow, both measured
  as whole processes in the same run (goal ≤ 2×);
- filter-as-you-type on the funds page: median time per keystroke until the view shows the
  new rows (goal ≤ 50 ms);
- peak RSS with every page opened and scrolled to the end (goal ≤ 300 MB).

Usage: python -m bench.bench_window [N]   (QT_QPA_PLATFORM=offscreen is set for you)
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1200, 760); w.show(); app.processEvents()
"""

OURS = """
import sys
from PySide6.QtCore import QEventLoop
from ui.app import create_app
from tracker.ledger import Ledger
from ui.main_window import MainWindow
app = create_app()
w = MainWindow(Ledger.open(sys.argv[1])); w.show()
dashboard = w.page("dashboard")
if dashboard._busy:  # the real event loop until the first figures are drawn
    loop = QEventLoop()
    dashboard.loaded.connect(loop.quit)
    loop.exec()
app.processEvents()
"""


def process_seconds(code: str, *args: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def keystrokes(db: Path) -> tuple[float, int]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest

    from tracker.ledger import Ledger
    from ui.app import create_app
    from ui.main_window import MainWindow

    create_app()
    window = MainWindow(Ledger.open(db))
    window.show()
    funds = window.show_page("fund_transfer")
    while funds._busy:
        QTest.qWait(2)
    times = []
    loop = QEventLoop()
    funds.loaded.connect(loop.quit)
    typed = (
        "产",
        "产业",
        "产业扶",
        "产业扶贫",
        "产业扶",
        "产业",
        "产",
        "",
        "教",
        "教育",
        "G00",
        "G001",
    )
    for text in typed:
        start = time.perf_counter()
        funds.filters.search.setText(text)  # as a keystroke would
        loop.exec()  # the real event loop (which lets the worker run) until the view updated
        times.append(time.perf_counter() - start)
    # every page, scrolled to its last row, for the memory figure
    from ui.main_window import NAVIGATION

    for key, _title, _icon in NAVIGATION:
        page = window.show_page(key)
        while getattr(page, "_busy", False):
            QTest.qWait(2)
        if hasattr(page, "view"):
            page.view.scrollToBottom()
            QTest.qWait(20)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return statistics.median(times), rss_mb


def main() -> None:
    from bench.common import demo_database

    records = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    db = demo_database(records)
    bare = process_seconds(BARE)
    ours = process_seconds(OURS, str(db))
    keystroke, rss = keystrokes(db)
    print(f"database: {db} ({records:,} generated records + demo)")
    print(f"start-up: PairTrack {ours:.2f} s vs bare QMainWindow {bare:.2f} s")
    print(f"start-up ratio: {ours / bare:.2f}x (goal <= 2x)")
    print(f"filter-as-you-type, median per keystroke: {keystroke * 1000:.0f} ms (goal <= 50 ms)")
    print(f"peak RSS, every page opened: {rss} MB (goal <= 300 MB)")


if __name__ == "__main__":
    main()
