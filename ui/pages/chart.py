"""Completion per indicator as horizontal bars, with the elapsed share of the year as a line.

Horizontal, because eight Chinese indicator names do not fit under vertical bars: Qt cuts
category labels to the bar width ("财政…").
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen

from tracker.progress import IndicatorProgress
from ui import colours
from ui.display import tr

CAP = 150  # percent; a 400% overshoot must not flatten every other bar


class ProgressChart(QChartView):
    def __init__(self) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.show_rows([])

    def show_rows(self, rows: list[IndicatorProgress]) -> None:
        self.rows = list(rows)
        chart = QChart()
        chart.setTitle(tr("各项指标完成率与序时进度（%）"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        bars = QBarSet(tr("完成率"))
        bars.setColor(colours.graphic(colours.BAR, self._background()))
        # Bars are drawn bottom-up; reversed, the first indicator is on top as in the table.
        ordered = list(reversed(rows))
        for row in ordered:
            completion = row.completion
            bars.append(0.0 if completion is None else min(CAP, float(completion * 100)))
        series = QHorizontalBarSeries()
        series.append(bars)
        chart.addSeries(series)
        elapsed = QLineSeries()
        elapsed.setName(tr("序时进度"))
        share = float(rows[0].elapsed * 100) if rows else 0.0
        elapsed.append(QPointF(share, -0.5))
        elapsed.append(QPointF(share, len(rows) - 0.5))
        elapsed.setPen(QPen(colours.warning(self.palette()), 2, Qt.PenStyle.DashLine))
        chart.addSeries(elapsed)
        names = QBarCategoryAxis()
        names.append([tr(r.indicator.short or r.indicator.label) for r in ordered])
        values = QValueAxis()
        values.setRange(0, CAP)
        values.setTickCount(7)  # 0, 25, … 150
        values.setLabelFormat("%d")
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        line_y = QValueAxis()
        line_y.setRange(-0.5, max(0.5, len(rows) - 0.5))
        line_y.setVisible(False)
        chart.addAxis(line_y, Qt.AlignmentFlag.AlignLeft)
        elapsed.attachAxis(values)
        elapsed.attachAxis(line_y)
        self._paint(chart)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.bars = bars
        self.order = [r.indicator.key for r in ordered]  # bar index → indicator

    # --- colours from the palette: a dark theme gets a dark chart, not a white one -------
    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def _paint(self, chart: QChart) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        lines = palette.color(QPalette.ColorRole.Mid)
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setBackgroundRoundness(0)
        chart.setPlotAreaBackgroundVisible(False)
        chart.setTitleBrush(QBrush(text))
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsColor(text)
            axis.setLinePenColor(lines)
            axis.setGridLineColor(lines)
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changed and hasattr(self, "rows"):
            self.show_rows(self.rows)  # drawn again in the new palette's colours

    def completion_of(self, key: str) -> float:
        return float(self.bars.at(self.order.index(key)))
