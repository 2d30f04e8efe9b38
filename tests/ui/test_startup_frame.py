"""Start-up: the window shows at once and its data fills in from the worker.

The frame is drawn before SQLAlchemy and the services are imported (they load in the worker,
with the database); the same window then shows the database. Speed itself is measured in
bench/bench_window.py, not here.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pairtrack import main
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages
from pairtrack.ui.app import Controller

ROOT = Path(__file__).resolve().parents[2]

FRAME_ONLY = """
import sys
from pairtrack.ui.app import create_app
from pairtrack.ui.main_window import MainWindow
app = create_app()
window = MainWindow()
window.show()
app.processEvents()
window.grab()  # painted
heavy = [m for m in ("sqlalchemy", "alembic", "reportlab", "openpyxl", "python_calamine",
                     "pairtrack.db.models", "pairtrack.tracker.services.base", "PySide6.QtCharts") if m in sys.modules]
print(",".join(heavy) or "none")
"""


def test_the_frame_is_drawn_without_the_database_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FRAME_ONLY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"


def test_the_window_path_does_not_load_the_command_line() -> None:
    assert main.window_only([]) == (True, None)
    assert main.window_only(["--db", "x.db"]) == (True, "x.db")
    assert main.window_only(["--db=x.db"]) == (True, "x.db")
    assert main.window_only(["demo"])[0] is False
    assert main.window_only(["--db", "x.db", "summary", "--year", "2017"])[0] is False
    assert main.window_only(["--db"])[0] is False  # the parser reports the usage error
    assert main.window_only(["--db", "--help"])[0] is False
    assert main.window_only(["--help"])[0] is False
    probe = "from pairtrack import main; import sys; main.window_only(['--db', 'x']); print('pairtrack.tracker.cli' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.fixture
def controller() -> Iterator[Controller]:
    made = Controller()
    yield made
    made.shut_down()


@pytest.mark.sqlite_only("starts the window on the ledger's file")
def test_the_frame_shows_first_and_then_its_database(
    qtbot: Any, tmp_path: Path, controller: Controller, ledger: Ledger
) -> None:
    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        controller.start(ledger.path)
        frame = controller.frame
        assert frame is not None and frame.isVisible()  # before the worker has opened it
        assert controller.window is None
        assert "正在打开数据库" in frame.status_db.text()
        assert frame.act_quit.isEnabled()
        assert not frame.act_backup.isEnabled() and not frame.act_open_db.isEnabled()
        assert frame.pages == {}  # nothing that needs the database yet
    assert ended.args == [True]
    assert controller.window is frame and controller.frame is None  # the same window
    dashboard = frame.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.model.rowCount() > 0, timeout=10_000)
    assert frame.act_backup.isEnabled() and frame.act_open_db.isEnabled()
    assert frame.status_conflicts is not None
    assert str(ledger.path) in frame.status_db.text()


def test_a_refused_database_at_start_ends_without_a_window(
    qtbot: Any, tmp_path: Path, controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "choose", lambda *_args: 1)  # 退出
    notes = tmp_path / "notes.db"
    notes.write_text("not a database", encoding="utf-8")
    with qtbot.waitSignal(controller.finished, timeout=10_000) as ended:
        controller.start(notes)
    assert ended.args == [False]
    assert controller.window is None


@pytest.mark.sqlite_only("starts the window on the ledger's file")
def test_the_figures_do_not_wait_for_the_days_first_backup(
    qtbot: Any, controller: Controller, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's copy of the whole file is made in the worker after the 总览's first read."""
    from pairtrack.tracker import maintenance, progress

    order: list[str] = []
    read, back_up = progress.progress, maintenance.daily_backup_problem
    monkeypatch.setattr(progress, "progress", lambda *a: (order.append("总览"), read(*a))[1])
    monkeypatch.setattr(
        maintenance, "daily_backup_problem", lambda *a: (order.append("备份"), back_up(*a))[1]
    )
    told: list[str] = []
    controller.backed_up.connect(told.append)
    with qtbot.waitSignals([controller.finished, controller.backed_up], timeout=20_000):
        controller.start(ledger.path)
    assert order == ["总览", "备份"]
    assert told == [""]  # made, nothing to tell
