"""Completion per indicator as bars, with the elapsed share of the year as a line."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from tracker.progress import IndicatorProgress
from ui.display import tr

CAP = 150  # percent; a 400% overshoot must not flatten every other bar


class ProgressChart(QChartView):
    def __init__(self) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.show_rows([])

    def show_rows(self, rows: list[IndicatorProgress]) -> None:
        chart = QChart()
        chart.setTitle(tr("各项指标完成率与序时进度"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        bars = QBarSet(tr("完成率（%）"))
        bars.setColor(QColor("#1976d2"))
        categories = []
        for row in rows:
            completion = row.completion
            bars.append(0.0 if completion is None else min(CAP, float(completion * 100)))
            categories.append(tr(row.indicator.short or row.indicator.label))
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        elapsed = QLineSeries()
        elapsed.setName(tr("序时进度（%）"))
        share = float(rows[0].elapsed * 100) if rows else 0.0
        # a line across the whole category axis: x runs from -0.5 to n - 0.5
        elapsed.append(QPointF(-0.5, share))
        elapsed.append(QPointF(len(rows) - 0.5, share))
        elapsed.setPen(QPen(QColor("#c62828"), 2, Qt.PenStyle.DashLine))
        chart.addSeries(elapsed)
        x = QBarCategoryAxis()
        x.append(categories)
        y = QValueAxis()
        y.setRange(0, CAP)
        y.setTickCount(7)  # 0, 25, … 150
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        line_x = QValueAxis()
        line_x.setRange(-0.5, max(0.5, len(rows) - 0.5))
        line_x.setVisible(False)
        chart.addAxis(line_x, Qt.AlignmentFlag.AlignBottom)
        elapsed.attachAxis(line_x)
        elapsed.attachAxis(y)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.bars = bars
