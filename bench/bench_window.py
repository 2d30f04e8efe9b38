"""The window on the 100k-record demo database (issue: desktop window).

- start-up to a usable window (dashboard drawn) vs a bare PySide6 QMainWindow, both measured
  as whole processes in the same run (goal ≤ 2×);
- filter-as-you-type on the funds page: median time per keystroke until the view shows the
  new rows (goal ≤ 50 ms);
- peak RSS with every page opened and scrolled to the end (goal ≤ 300 MB).

Usage: python -m bench.bench_window [N] [--quick] [--json]   (QT_QPA_PLATFORM=offscreen is set)
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Measure, Size, bench_main, demo_database, log

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


def measure(size: Size) -> list[Measure]:
    db = demo_database(size.records, engine=size.engine)
    repeat = size.repeat(5)
    bare = process_seconds(BARE, repeat=repeat)
    ours = process_seconds(OURS, str(db), repeat=repeat)
    keystroke, rss = keystrokes(db)
    log(f"database: {db} ({size.records:,} generated records + demo); start-up: PairTrack "
        f"{ours:.2f} s vs bare QMainWindow {bare:.2f} s")  # fmt: skip
    return [
        Measure("启动到可用窗口 vs 空 PySide6 QMainWindow（独立进程）", ours, "s", bare,
                "ratio", 2.0),
        Measure("帮扶资金页边输入边筛选，每次按键到表格更新（中位数）", keystroke * 1000, "ms",
                goal="max", limit=50),
        Measure("打开全部页面并滚动到底后的峰值内存", rss, "MB", goal="max", limit=300),
    ]  # fmt: skip


def main() -> int:
    return bench_main(measure, usage=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
