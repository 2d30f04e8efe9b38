"""The window on the 100k-record demo database (issue: desktop window, issue 14).

- start-up, measured as whole processes in the same run against a bare PySide6 QMainWindow:
  **first paint** (the main window's first paint event, goal <= 2x the bare window's) and
  **figures drawn** (the 总览 indicator table painted with its rows, goal <= 3x), both of the
  real entry point ``main.main(["--db", PATH])`` as a user starts it again on an unchanged
  database (the figures kept at the last start are drawn, then checked by the real read:
  ``tracker.figures_cache``); and figures drawn when nothing is kept (a first start, or the
  database changed since), reported without a goal;
- filter-as-you-type on the funds page: median time per keystroke until the view shows the
  new rows (goal <= 50 ms);
- peak RSS with every page opened and scrolled to the end (goal <= 300 MB).

Usage: python -m bench.bench_window [N] [--quick] [--json] [--startup-only]
(QT_QPA_PLATFORM=offscreen is set; ``--startup-only`` measures the start-up alone, without the
keystrokes and the memory, and prints each run's times as it goes)
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
import pairtrack.ui.app
from pairtrack import ui
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
from pairtrack import main
main.main(["--db", sys.argv[1]])
"""


def milestones(code: str, *args: str, data: Path | None = None) -> dict[str, float]:
    """Seconds from starting the process to each line it prints. ``data``: the user's data
    folder (the figures kept from the last start, the log), a fresh empty one if None."""
    with (
        tempfile.TemporaryDirectory() as settings,  # no remembered window or database
        tempfile.TemporaryDirectory() as empty,
    ):
        env = {**os.environ, "XDG_CONFIG_HOME": settings, "PYTHONPATH": str(ROOT),
               "XDG_DATA_HOME": str(data or empty)}  # fmt: skip
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
    """Medians of ``repeat`` alternating runs: bare paint; our paint and figures as a user
    starts the program again on an unchanged database (the figures kept at the last start
    are drawn, then checked: ``tracker.figures_cache``); our figures when nothing is kept
    (a first start, or a database changed since)."""
    runs: dict[str, list[float]] = {"bare": [], "painted": [], "figures": [], "unkept": []}
    with tempfile.TemporaryDirectory() as data:
        milestones(BARE)  # warm-up: compiled modules written, files in the page cache
        milestones(OURS, str(db), data=Path(data))  # and the figures kept
        for _ in range(repeat):
            runs["bare"].append(milestones(BARE)["painted"])
            ours = milestones(OURS, str(db), data=Path(data))
            runs["painted"].append(ours["painted"])
            runs["figures"].append(ours["figures"])
            runs["unkept"].append(milestones(OURS, str(db))["figures"])
            log(f"run: bare {runs['bare'][-1]:.3f} s, first paint {ours['painted']:.3f} s, "
                f"figures {ours['figures']:.3f} s, figures with nothing kept "
                f"{runs['unkept'][-1]:.3f} s")  # fmt: skip
    return {name: statistics.median(times) for name, times in runs.items()}


def keystrokes(db: Path) -> tuple[float, int]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest

    from pairtrack.tracker.ledger import Ledger
    from pairtrack.ui.app import create_app
    from pairtrack.ui.main_window import MainWindow
    from pairtrack.ui.worker import freeze_start_up

    create_app()
    window = MainWindow(Ledger.open(db))
    window.show()
    freeze_start_up()  # as the program does once its first database shows (ui.app)
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
    from pairtrack.ui.main_window import NAVIGATION

    for key, _title, _icon in NAVIGATION:
        page = window.show_page(key)
        while getattr(page, "_busy", False):
            QTest.qWait(2)
        if hasattr(page, "view"):
            page.view.scrollToBottom()
            QTest.qWait(20)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return statistics.median(times), rss_mb


def measure(size: Size, startup_only: bool = False) -> list[Measure]:
    db = Path(demo_database(size.records))  # a file: SQLite alone (run_all.py says why)
    load = os.getloadavg()[0]
    times = startup(db, repeat=size.repeat(5))
    bare, painted, figures = times["bare"], times["painted"], times["figures"]
    unkept = times["unkept"]
    log(f"database: {db} ({size.records:,} generated records + demo); bare QMainWindow painted "
        f"{bare:.3f} s, first paint {painted:.3f} s, figures drawn {figures:.3f} s "
        f"({unkept:.3f} s with nothing kept); "
        f"1-minute load average {load:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    started = [
        Measure("启动：窗口首次绘制 vs 空 PySide6 QMainWindow（独立进程）", painted, "s", bare,
                "ratio", 2.0),
        Measure("启动：总览数字显示 vs 空 PySide6 QMainWindow（独立进程）", figures, "s", bare,
                "ratio", 3.0),
        Measure("启动：总览数字显示，无上次的数字（首次打开或数据库已改动）", unkept, "s", bare,
                note="仅供参考"),
    ]  # fmt: skip
    if startup_only:
        return started
    keystroke, rss = keystrokes(db)
    return [
        *started,
        Measure("帮扶资金页边输入边筛选，每次按键到表格更新（中位数）", keystroke * 1000, "ms",
                goal="max", limit=50),
        Measure("打开全部页面并滚动到底后的峰值内存", rss, "MB", goal="max", limit=300),
    ]  # fmt: skip


def main() -> int:
    argv = sys.argv[1:]
    only = "--startup-only" in argv
    rest = [a for a in argv if a != "--startup-only"]
    return bench_main(
        lambda size: measure(size, startup_only=only),
        rest,
        usage=__doc__.splitlines()[0],
        engines=("sqlite",),
    )


if __name__ == "__main__":
    sys.exit(main())
