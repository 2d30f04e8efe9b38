"""总览: progress per indicator for a period and scope, a chart, and what needs attention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.changes import Change
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.kinds import TABLES
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import IndicatorProgress, RowsBehind
from pairtrack.ui import colours, messages
from pairtrack.ui.accessible import set_name
from pairtrack.ui.bus import bus
from pairtrack.ui.display import Lookups
from pairtrack.ui.i18n import tr, tr_message
from pairtrack.ui.models.progress_model import ProgressModel
from pairtrack.ui.ops import Job, QueryOp, is_attached
from pairtrack.ui.pages import period_memory
from pairtrack.ui.pages.as_of import AsOfPanel
from pairtrack.ui.pages.chart import ProgressChart
from pairtrack.ui.pages.period_picker import PeriodPicker
from pairtrack.ui.worker import run_job

if TYPE_CHECKING:  # the reads are imported where they run, in the worker (start-up)
    from pairtrack.tracker.alerts import Alert
    from pairtrack.tracker.figures_cache import Figures, Head
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.offices import Office

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class DashboardPage(QWidget):
    # table, label for the banner, filters for the record page (behind= or id_in=)
    open_rows = Signal(str, str, dict)
    open_targets = Signal(int)  # 年度目标 of this year: none set yet for the period shown
    loaded = Signal()
    offices_loaded = Signal()  # the 数据截至 panel shows its latest read

    def __init__(
        self, lookups: Lookups, database: Path | None = None, parent: QWidget | None = None
    ) -> None:
        """The page of ``database``; its reads start at once when the window has the ledger,
        else with ``start`` (at start-up the page is built while the worker opens it)."""
        super().__init__(parent)
        self.setObjectName("page_dashboard")
        self.lookups = lookups
        self.database = database
        self.picker = PeriodPicker(lookups)
        # The period last shown for this ledger, set before the first read; kept on change.
        kept = period_memory.remembered(database)
        if kept is not None:
            self.picker.set_state(kept)
        self.picker.changed.connect(self.refresh)
        self.picker.changed.connect(self._remember)
        # Nothing remembered for this ledger: the first read also finds the latest month with
        # data (a 2017 ledger does not open on an empty current year). One read, queued first:
        # the day's backup waits behind it, and the figures are not read twice.
        self._opening = kept is None
        self._started = False
        self.checking = False  # the figures shown are those kept from the last start
        self.title = QLabel()
        self.title.setObjectName("dashboard_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        # Without targets nothing can lag: said so, with the way to set them.
        self.no_targets = QLabel()
        self.no_targets.setObjectName("no_targets")
        self.no_targets.setWordWrap(True)
        self.to_targets = QPushButton()
        self.to_targets.setObjectName("to_targets")
        self._year = 0  # the year of the period shown
        self.to_targets.clicked.connect(lambda: self.open_targets.emit(self._year))
        for widget in (self.no_targets, self.to_targets):
            widget.hide()
        self.model = ProgressModel(self)
        self.table = QTableView()
        self.table.setObjectName("indicators")
        set_name(self.table, tr("各项指标完成情况"))
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(lambda index: self.open_indicator(index.row()))
        # Enter and Space open the rows behind the current figure, as a click does: the one
        # way a keyboard user gets from a figure to its records.
        self.table.installEventFilter(self)
        self.chart = ProgressChart()
        set_name(self.chart, tr("各项指标完成率图"))
        self.warnings = QListWidget()
        self.warnings.setObjectName("warnings")
        set_name(self.warnings, tr("需要关注"))
        self.warnings.itemClicked.connect(self.open_alert)
        self.warnings.itemActivated.connect(self.open_alert)
        self.alert_items: list[Alert] = []

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(self.chart)
        top.setSizes([560, 520])
        column = QSplitter(Qt.Orientation.Vertical)
        column.addWidget(top)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(QLabel(tr("需要关注（点击查看相关记录）：")))
        box_layout.addWidget(self.warnings)
        column.addWidget(box)
        self.as_of = AsOfPanel()
        column.addWidget(self.as_of)
        # one size per pane: a pane left out of setSizes gets no height at all
        column.setSizes([420, 170, 150])
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.title)
        hint = QHBoxLayout()
        hint.addWidget(self.no_targets, 1)
        hint.addWidget(self.to_targets)
        layout.addLayout(hint)
        layout.addWidget(column, 1)
        self._busy = self._again = False
        self._offices_busy = self._offices_again = False
        bus().changed.connect(self._on_changed)
        if is_attached():
            self.start()

    def start(self) -> None:
        """The first reads, once the window has its ledger."""
        if self._started:
            return
        self._started = True
        self.refresh()
        self.refresh_offices()

    def _remember(self) -> None:
        period_memory.remember(self.database, self.picker.state())

    def show_kept(self, kept: Sequence[Figures]) -> bool:
        """Draw the figures kept for this period and scope when the ledger was last read
        (``tracker.figures_cache``: only while it is unchanged since), marked as being checked,
        until the first read replaces them. With no period remembered, those of the first read
        (the month where the data is, which the first read finds again). False when none was
        kept for this choice."""
        if is_attached():
            return False
        if self._opening:
            figures = next((f for f in kept if f.opening), None)
        else:
            state = self.picker.intended_state()
            figures = next((f for f in kept if f.state == state), None)
        if figures is None:
            return False
        try:
            if self._opening:  # shown as the first read will show it
                year, month = figures.state["year"], figures.state["month"]
                self.picker.set_period(int(year), int(month), quiet=True)
            period = self.picker.period()
            elapsed = period.elapsed_share()  # the day it is now, as the read would
            rows = [IndicatorProgress(BY_KEY[k], t, a, elapsed) for k, t, a in figures.rows]
        except (PairTrackError, KeyError, TypeError, ValueError):
            return False  # a range not typed whole; figures another version wrote
        self.checking = True
        self._draw(period, figures.scope_label, rows)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in OPEN_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            current = self.table.currentIndex()
            if current.isValid():
                self.open_indicator(current.row())
                return True
        return super().eventFilter(watched, event)

    def _on_changed(self, change: Change) -> None:
        if change.touches(*TABLES):
            self.refresh()
        if change.touches(*TABLES, "meta"):  # a package brings rows (and names) of an office
            self.refresh_offices()

    def refresh_offices(self) -> None:
        """Read the offices for the 数据截至 panel in the worker; latest request wins."""
        if not is_attached():
            return
        if self._offices_busy:
            self._offices_again = True
            return
        self._offices_busy, self._offices_again = True, False

        def read(ledger: Ledger, _job: Job) -> list[Office]:
            from pairtrack.tracker.offices import data_as_of

            return data_as_of(ledger)

        QueryOp(self, read, self._show_offices).failure(self._offices_failed).run()

    def _show_offices(self, offices: list[Office]) -> None:
        self._offices_busy = False
        if self._offices_again:
            self.refresh_offices()
            return
        self.as_of.show_offices(offices)
        self.offices_loaded.emit()

    def _offices_failed(self, exc: BaseException) -> None:
        self._offices_busy = False
        messages.tell(self, tr("读取各单位数据截至时间失败"), tr_message(exc), error=True)

    def refresh(self) -> None:
        if not is_attached():  # the window let go of its database (a late answer asked again)
            self._busy = self._again = False
            if self._started:
                return
            self._opening = False  # a period chosen before the ledger is open: that one
            if self.checking:
                self.checking = False
                self._clear()
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        try:
            period, scope = self.picker.period(), self.picker.scope_value()
        except Exception as exc:
            self._busy = False
            messages.tell(self, tr("期间有误"), tr_message(exc), error=True)
            return
        opening, self._opening = self._opening, False

        def work(ledger: Ledger, _job: Job) -> Read:
            from pairtrack.tracker.data_span import data_span, opening_month
            from pairtrack.tracker.figures_cache import head_in
            from pairtrack.tracker.progress import progress

            month, where = None, period
            if opening:
                month = opening_month(data_span(ledger))
                where = Period.through_month(*month)
            rows = progress(ledger, where, scope)
            with ledger.read() as session:  # the same snapshot: the key of the figures kept
                head = head_in(session)
            return Read(where, scope, rows, month, head)

        QueryOp(self, work, self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        messages.tell(self, tr("统计失败"), tr_message(exc), error=True)

    def _show(self, read: Read) -> None:
        """The figures first; what needs attention is read next (it is not a figure, and
        on a large ledger it takes as long again). ``loaded`` follows the warnings."""
        if self._again:  # the person chose another period meanwhile: that one is read
            self._busy = False
            self.refresh()
            return
        self.period, self.scope, rows = read.period, read.scope, read.rows
        if read.opening is not None:  # the month where the data is, read already: shown, kept
            self.picker.set_period(*read.opening, quiet=True)
            self._remember()
        state = self.picker.state()
        self.checking = False
        self._draw(self.period, self.scope.label, rows)
        period, scope = self.period, self.scope
        if not is_attached():  # the window let go of its database while the figures came
            self._busy = False
            return

        def attention(ledger: Ledger, _job: Job) -> list[Alert]:
            from pairtrack.tracker.alerts import alerts

            return alerts(ledger, period, scope, rows=rows)

        QueryOp(self, attention, self._show_alerts).failure(self._failed).run()
        database = self.database

        def keep(_progress: object, _cancelled: object) -> None:
            from pairtrack.tracker import figures_cache

            figures = figures_cache.Figures.of(state, scope.label, rows, read.opening is not None)
            figures_cache.remember(database, read.head, figures)

        run_job(None, keep, lambda _none: None, lambda _exc: None)  # after the warnings

    def _clear(self) -> None:
        self.title.clear()
        for widget in (self.no_targets, self.to_targets):
            widget.hide()
        self.model.set_rows([])
        self.chart.show_rows([])

    def _draw(self, period: Period, scope_label: str, rows: list[IndicatorProgress]) -> None:
        """Title, table and chart of ``rows``."""
        lagging = sum(1 for r in rows if r.lagging)
        year = self._year = period.end.year
        targeted = any(r.has_target for r in rows)
        if not targeted:
            verdict = tr("未设定 {year} 年目标").format(year=year)
        elif lagging:
            verdict = tr("{n} 项指标滞后").format(n=lagging)
        else:
            verdict = tr("各项指标均未滞后")
        title = f"{tr_message(period.label)} · {tr_message(scope_label)} · {verdict}"
        if self.checking:
            title += " · " + tr("上次打开时的数字，正在核对…")
        self.title.setText(title)
        self.no_targets.setText(
            tr(
                "{year} 年在此范围内还没有年度目标，完成率和滞后无从判断。"
                "可在「年度目标」页录入，或复制上一年的目标。"
            ).format(year=year)
        )
        self.to_targets.setText(tr("录入 {year} 年目标(&T)…").format(year=year))
        for widget in (self.no_targets, self.to_targets):
            widget.setVisible(not targeted)
        self.model.set_rows(rows)
        self.chart.show_rows(rows)

    def _show_alerts(self, found: list[Alert]) -> None:
        self._busy = False
        if self._again:
            self.refresh()
            return
        self.warnings.clear()
        self.alert_items = found
        for alert in found:
            mark = "⚠ " if alert.kind == "lagging" else "• "
            item = QListWidgetItem(mark + tr_message(alert.message))
            if alert.kind == "lagging":
                item.setForeground(colours.warning(self.warnings.palette()))
            self.warnings.addItem(item)
        if not found:
            self.warnings.addItem(QListWidgetItem(tr("暂无需要关注的事项。")))
        self.loaded.emit()

    def open_indicator(self, row: int) -> None:
        if self.checking or not 0 <= row < len(self.model.rows):
            return  # figures kept from the last start: the rows behind them are not read yet
        behind = RowsBehind(self.model.rows[row].indicator, self.period, self.scope)
        self.open_rows.emit(behind.table, behind.label, {"behind": behind})

    def open_alert(self, item: QListWidgetItem) -> None:
        row = self.warnings.row(item)
        if not 0 <= row < len(self.alert_items):
            return
        alert = self.alert_items[row]
        if alert.indicator is not None:
            index = next(
                i for i, r in enumerate(self.model.rows) if r.indicator.key == alert.indicator
            )
            self.open_indicator(index)
        elif alert.table is not None:
            self.open_rows.emit(alert.table, alert.message, {"id_in": alert.row_ids})


@dataclass(frozen=True)
class Read:
    """What the figures' read brings back: the period read and the scope, the rows, the
    (year, month) it chose when no period was remembered, and the audit head they were read
    at (the key they are kept under)."""

    period: Period
    scope: Scope
    rows: list[IndicatorProgress]
    opening: tuple[int, int] | None
    head: Head
