"""数据截至: on the dashboard of a consolidated database, each office and the export time of
its latest package (本单位 for this one). Hidden for a database of one office."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.ui.accessible import set_name
from pairtrack.ui.i18n import tr, tr_message

if TYPE_CHECKING:  # the panel is built before SQLAlchemy is loaded (start-up)
    from pairtrack.tracker.offices import Office


class AsOfPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("data_as_of")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("as_of_table")
        set_name(self.table, tr("各单位数据截至时间"))
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([tr("来源单位"), tr("单位代码"), tr("数据截至")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("数据截至（各单位最近一次汇总包的导出时间）：")))
        layout.addWidget(self.table)
        self.hide()

    def show_offices(self, offices: list[Office]) -> None:
        """The offices of a consolidated database; none hides the panel."""
        self.table.setRowCount(len(offices))
        for row, office in enumerate(offices):
            as_of = tr_message(office.as_of)
            for column, text in enumerate((tr_message(office.name), office.code, as_of)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.setVisible(bool(offices))

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row."""
        out = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            out.append(tuple("" if item is None else item.text() for item in items))
        return out
