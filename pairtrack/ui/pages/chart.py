"""Completion per indicator as horizontal bars, with the elapsed share of the year as a line.

Horizontal, because eight Chinese indicator names do not fit under vertical bars: Qt cuts
category labels to the bar width ("财政…").

The axis follows the brief's rule (``tracker.completion_axis``): it reaches the largest
completion rounded up to a tick, 120–200 %; a bar beyond it is drawn to the end, cut by a
white break, and labelled with its true value, so that 470 % and 11,143 % can be told apart.
Every bar carries its value as a label (QtCharts can only label a bar with its drawn length,
so the labels are painted over the chart here).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen

from pairtrack.tracker.completion_axis import axis, beyond, share_label
from pairtrack.tracker.progress import IndicatorProgress
from pairtrack.ui import colours
from pairtrack.ui.i18n import tr

BAR_SHARE = 0.5  # of a category's height (QtCharts' default bar width)


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
        top, step = axis(r.completion for r in rows)
        bars = QBarSet(tr("完成率"))
        bars.setColor(colours.graphic(colours.BAR, self._background()))
        # Bars are drawn bottom-up; reversed, the first indicator is on top as in the table.
        ordered = list(reversed(rows))
        for row in ordered:
            completion = row.completion
            bars.append(0.0 if completion is None else float(min(completion, top) * 100))
        series = QHorizontalBarSeries()
        series.setBarWidth(BAR_SHARE)
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
        values.setRange(0, float(top * 100))
        values.setTickCount(int(top / step) + 1)  # 0, 20, … or 0, 25, … up to the top
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
        self.bars, self.series, self.top = bars, series, top
        self.order = [r.indicator.key for r in ordered]  # bar index → indicator
        # what each bar says beside it, and which bars go beyond the axis
        self.labels = {
            r.indicator.key: tr("未设目标") if r.completion is None else share_label(r.completion)
            for r in ordered
        }
        self.beyond_axis = {r.indicator.key for r in ordered if beyond(r.completion, top)}
        self.viewport().update()

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
        for each in chart.axes():
            each.setLabelsColor(text)
            each.setLinePenColor(lines)
            each.setGridLineColor(lines)
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changed and hasattr(self, "rows"):
            self.show_rows(self.rows)  # drawn again in the new palette's colours

    def completion_of(self, key: str) -> float:
        """The drawn length of an indicator's bar, in percent (cut at the axis maximum)."""
        return float(self.bars.at(self.order.index(key)))

    def axis_top(self) -> Decimal:
        return self.top

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        chart = self.chart()
        if chart is None or not self.order:
            return
        font = QFont(self.font())
        painter.save()
        for index, key in enumerate(self.order):
            value = float(self.bars.at(index))
            end = chart.mapToScene(chart.mapToPosition(QPointF(value, index), self.series))
            base = chart.mapToScene(chart.mapToPosition(QPointF(0, index), self.series))
            half = abs(
                chart.mapToScene(chart.mapToPosition(QPointF(0, index + BAR_SHARE / 2))).y()
                - base.y()
            )
            cut = key in self.beyond_axis
            if cut:  # a white break across the end of a bar that goes on beyond the axis
                pen = QPen(QColor("white"), 3)
                painter.setPen(pen)
                for dx in (-14.0, -8.0):
                    painter.drawLine(
                        QPointF(end.x() + dx - 3, end.y() + half),
                        QPointF(end.x() + dx + 3, end.y() - half),
                    )
            font.setBold(cut)
            painter.setFont(font)
            painter.setPen(QColor("#b71c1c") if cut else self.palette().text().color())
            text = self.labels[key] + (" ▶" if cut else "")
            metrics = painter.fontMetrics()
            width = metrics.horizontalAdvance(text)
            plot = chart.mapToScene(chart.plotArea()).boundingRect()
            x = end.x() + 4
            if x + width > plot.right():  # no room beside a long bar: inside its end
                x = end.x() - width - (24 if cut else 6)
                painter.setPen(QColor("white"))
            middle = (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(x, end.y() + middle), text)
        painter.restore()
