"""The window on the 100k-record demo database (issue: desktop window, issue 14).

- start-up, measured as whole processes in the same run against a bare PySide6 QMainWindow:
  **first paint** (the main window's first paint event, goal <= 2x the bare window's) and
  **figures drawn** (the 总览 indicator table painted with its rows, goal <= 3x), both of the
  real entry point ``main.main(["--db", PATH])`` as a user starts it;
- filter-as-you-type on the funds page: median time per keystroke until the view shows the
  new rows (goal <= 50 ms);
- peak RSS with every page opened and scrolled to the end (goal <= 300 MB).

Usage: python -m bench.bench_window [N] [--quick] [--json]   (QT_QPA_PLATFORM=offscreen is set)
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Measure, Size, bench_main, demo_database, log

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]

# Both children print a line at each milestone; the parent stamps it on arrival, so the
# times include starting Python, exactly as a person waits for them.
BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj is window:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
window = QMainWindow(); window.resize(1200, 760)
watch = Watch(); window.installEventFilter(watch)
window.show(); app.exec()
"""

# The program as ``python main.py --db PATH`` starts it; the only addition is an event filter
# on the application, installed as the application is made, that reports the milestones.
OURS = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow
import ui.app
class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.painted and isinstance(obj, QMainWindow):
            self.painted = True
            print("painted", flush=True)
        parent = obj.parent()
        if parent is not None and parent.objectName() == "indicators":
            if parent.model().rowCount() > 0:
                print("figures", flush=True)
                QTimer.singleShot(0, self.app.quit)
        return False
watch = Watch()
made = ui.app.create_app
def create_app(argv=None):
    app = made(argv)
    watch.app = app
    app.installEventFilter(watch)
    return app
ui.app.create_app = create_app
import main
main.main(["--db", sys.argv[1]])
"""


def milestones(code: str, *args: str) -> dict[str, float]:
    """Seconds from starting the process to each line it prints."""
    with tempfile.TemporaryDirectory() as settings:  # no remembered window or database
        env = {**os.environ, "XDG_CONFIG_HOME": settings, "PYTHONPATH": str(ROOT)}
        # as installed: compiled modules are kept (the first, warm-up run writes them)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        seen: dict[str, float] = {}
        for line in child.stdout:
            seen.setdefault(line.strip(), time.perf_counter() - start)
        child.wait()
    return seen


def startup(db: Path, repeat: int = 5) -> dict[str, float]:
    """Medians of ``repeat`` alternating runs: bare paint, our paint, our figures."""
    runs: dict[str, list[float]] = {"bare": [], "painted": [], "figures": []}
    milestones(BARE)  # warm-up: compiled modules written, files in the page cache
    milestones(OURS, str(db))
    for _ in range(repeat):
        runs["bare"].append(milestones(BARE)["painted"])
        ours = milestones(OURS, str(db))
        runs["painted"].append(ours["painted"])
        runs["figures"].append(ours["figures"])
    return {name: statistics.median(times) for name, times in runs.items()}


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
    times = startup(db, repeat=size.repeat(5))
    bare, painted, figures = times["bare"], times["painted"], times["figures"]
    keystroke, rss = keystrokes(db)
    log(f"database: {db} ({size.records:,} generated records + demo); bare QMainWindow painted "
        f"{bare:.3f} s, first paint {painted:.3f} s, figures drawn {figures:.3f} s")  # fmt: skip
    return [
        Measure("启动：窗口首次绘制 vs 空 PySide6 QMainWindow（独立进程）", painted, "s", bare,
                "ratio", 2.0),
        Measure("启动：总览数字显示 vs 空 PySide6 QMainWindow（独立进程）", figures, "s", bare,
                "ratio", 3.0),
        Measure("帮扶资金页边输入边筛选，每次按键到表格更新（中位数）", keystroke * 1000, "ms",
                goal="max", limit=50),
        Measure("打开全部页面并滚动到底后的峰值内存", rss, "MB", goal="max", limit=300),
    ]  # fmt: skip


def main() -> int:
    return bench_main(measure, usage=__doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
