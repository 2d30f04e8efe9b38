"""Start-up: the 总览 draws the figures kept at the last start while the ledger opens, marked
as being checked, and the first real read replaces them; a database written since (by
another program too) never shows them (``tracker.figures_cache``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import ops
from pairtrack.ui.app import Controller
from pairtrack.ui.main_window import MainWindow
from pairtrack.ui.worker import pool

ROOT = Path(__file__).resolve().parents[2]
CHECKING = "上次打开时的数字，正在核对"

Rows = list[tuple[str, int | None, int]]

pytestmark = pytest.mark.sqlite_only("figures kept for a database file (a server has none)")


def figures(page: Any) -> Rows:
    return [(r.indicator.key, r.target, r.actual) for r in page.model.rows]


class Start:
    """One start of the program on ``path``, as ``run_window`` makes it, recording what the
    frame's 总览 showed before the ledger was attached."""

    def __init__(self, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.before_open: list[tuple[bool, Rows, str]] = []  # checking, figures, title
        made = MainWindow.preview

        def preview(window: MainWindow, database: Path, kept: list[Any]) -> None:
            made(window, database, kept)
            page = window.pages["dashboard"]
            seen = (page.checking, figures(page), page.title.text())  # type: ignore[attr-defined]
            self.before_open.append(seen)
            assert not window.attached

        monkeypatch.setattr(MainWindow, "preview", preview)
        ops.attach(None)  # as at a real start: no ledger open yet
        self.controller = Controller()
        with qtbot.waitSignal(self.controller.finished, timeout=20_000) as ended:
            self.controller.start(path)
        assert ended.args == [True]
        window = self.controller.window
        assert window is not None
        self.page: Any = window.page("dashboard")
        # the ledger opens on the period it has data in (2017, as remembered or found)
        qtbot.waitUntil(
            lambda: (
                not self.page.checking
                and self.page.picker.year.value() == 2017
                and not self.page._busy
                and self.page.model.rowCount() > 0
            ),
            timeout=20_000,
        )
        pool().waitForDone()  # the figures are kept after the warnings are read

    def close(self) -> None:
        self.controller.shut_down()


@pytest.fixture
def demo_file(demo_ledger: Ledger) -> Path:
    assert demo_ledger.path is not None
    return demo_ledger.path


@pytest.mark.parametrize("remembered", [True, False])
def test_an_unchanged_database_shows_its_last_figures_at_once_then_checks_them(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, demo_file: Path, remembered: bool
) -> None:
    """With the period remembered, the figures kept for it; with none (another user, a
    fresh profile), those of the month where the data is, which the first read finds."""
    first = Start(qtbot, monkeypatch, demo_file)
    # nothing kept yet: the page was built while the ledger opened, with no figures
    assert [(checking, rows) for checking, rows, _title in first.before_open] == [(False, [])]
    read = figures(first.page)
    assert any(actual for _key, _target, actual in read)
    first.close()
    if not remembered:
        from PySide6.QtCore import QSettings

        QSettings().remove("periods")  # ui.pages.period_memory

    again = Start(qtbot, monkeypatch, demo_file)
    (kept,) = again.before_open
    checking, shown, title = kept
    assert checking and shown == read  # the same figures, before the ledger was open
    assert title.startswith("截至2017年") and CHECKING in title
    assert figures(again.page) == read  # checked by the real read
    assert CHECKING not in again.page.title.text()
    again.close()


@pytest.mark.parametrize("write", ["fund", "setting"])
def test_a_database_written_by_another_program_never_shows_the_kept_figures(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, demo_file: Path, write: str
) -> None:
    first = Start(qtbot, monkeypatch, demo_file)
    read = figures(first.page)
    first.close()

    # another process writes: a fund that arrived in the period, or only a setting (every
    # write PairTrack makes moves the audit chain's head, ``meta`` included)
    code = f"""
from pairtrack.tracker.ledger import Ledger
ledger = Ledger.open({str(demo_file)!r})
if {write!r} == "fund":
    ledger.funds.create(pairing_id=ledger.pairings.ids()[0], budget_year=2017, kind="fiscal",
                        amount_fen="50万", purpose="产业项目", allocated_on="2017-03-01",
                        arrived_on="2017-03-02")
else:
    ledger.set_settings(operator="另一位操作员")
ledger.close()
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)

    again = Start(qtbot, monkeypatch, demo_file)
    assert all(not checking for checking, _rows, _title in again.before_open)
    now = figures(again.page)
    if write == "fund":
        fiscal = {key: actual for key, _target, actual in now}["fiscal_funds"]
        before = {key: actual for key, _target, actual in read}["fiscal_funds"]
        assert fiscal == before + 50_0000_00  # 50万 in fen
    else:
        assert now == read
    again.close()


def test_the_figures_of_a_period_being_checked_open_no_rows_and_leave_with_another_period(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, demo_file: Path
) -> None:
    Start(qtbot, monkeypatch, demo_file).close()
    from pairtrack.tracker import figures_cache

    kept = figures_cache.lookup(demo_file)
    assert kept
    ops.attach(None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.opening(demo_file)
    window.preview(demo_file, kept)
    page: Any = window.pages["dashboard"]
    assert page.checking and page.model.rowCount() > 0
    opened: list[Any] = []
    page.open_rows.connect(lambda *args: opened.append(args))
    page.open_indicator(0)  # the rows behind a figure are not read yet
    assert opened == []
    page.picker.year.setValue(2016)  # another period chosen before the ledger is open
    assert not page.checking and page.model.rowCount() == 0
    assert page.title.text() == ""


PAGE_ONLY = """
import sys
from pairtrack.ui.app import create_app
from pairtrack.ui.display import Lookups
from pairtrack.ui.pages.dashboard import DashboardPage
app = create_app()
from pairtrack.tracker.figures_cache import Figures
from pairtrack.tracker.indicators import INDICATORS
page = DashboardPage(Lookups())
rows = tuple((i.key, 100, 50) for i in INDICATORS)
state = {**page.picker.state(), "year": 2017, "month": 11}  # as a first read found it
assert page.show_kept([Figures(state, "全部", rows, opening=True)])
assert (page.picker.year.value(), page.picker.month.value()) == (2017, 11)
assert page.model.rowCount() == len(INDICATORS)
page.show()
app.processEvents()
page.grab()
heavy = [m for m in ("sqlalchemy", "pairtrack.db.models", "pairtrack.tracker.services.base") if m in sys.modules]
print(",".join(heavy) or "none")
"""


def test_the_dashboard_is_built_before_sqlalchemy_is_loaded() -> None:
    """The page and the kept figures are drawn while the worker still imports SQLAlchemy."""
    result = subprocess.run(
        [sys.executable, "-c", PAGE_ONLY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
