"""文件 → 导入记录…: past imports (``tracker.imports.list_imports``), and undoing one as a
whole. The list is read with a ``QueryOp``, the undo runs as a ``CollectionOp`` after the
user confirms it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.dates import local_time
from pairtrack.tracker.import_undo import UndoResult, undo_import
from pairtrack.tracker.imports import ImportRecord, list_imports
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import messages, ops
from pairtrack.ui.accessible import prepare, set_name
from pairtrack.ui.i18n import noop, tr, tr_message
from pairtrack.ui.ops import CollectionOp, Job, QueryOp

HEADERS = (
    noop("编号"), noop("时间"), noop("操作人"), noop("类型"), noop("文件"), "sha256",
    noop("来源单位"), noop("数量"), noop("已撤销"),
)  # fmt: skip


def cells(record: ImportRecord) -> tuple[str, ...]:
    return (
        str(record.id),
        local_time(record.at),
        record.operator,
        tr_message(record.kind_title),
        record.file_name,
        record.sha256[:12],
        tr_message(record.origin),
        tr_message(record.counts_text()),
        local_time(record.undone_at) if record.undone_at else "",
    )


class ImportsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导入记录"))
        self.resize(900, 420)
        self.records: list[ImportRecord] = []
        self.loaded = False
        self.status = QLabel(tr("正在读取…"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        set_name(self.table, tr("导入记录列表"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = self.buttons.addButton(
            tr("撤销此次导入(&U)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.table, self.buttons):
            layout.addWidget(widget)
        prepare(self)
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        QueryOp(self, lambda ledger, _job: list_imports(ledger), self._show).run()

    def _show(self, records: list[ImportRecord]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            for column, text in enumerate(cells(record)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.status.setText(
            tr("共 {n} 次导入。").format(n=len(records)) if records else tr("还没有导入记录。")
        )
        self.loaded = True
        self._update_button()

    def selected(self) -> ImportRecord | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.records[min(rows)] if rows else None

    def _update_button(self) -> None:
        record = self.selected()
        self.undo_button.setEnabled(
            record is not None and record.undone_at is None and ops.read_only() is None
        )

    def undo_selected(self) -> None:
        record = self.selected()
        if record is None or record.undone_at is not None:
            return
        question = tr(
            "撤销导入编号 {id}（{file}，{when}）吗？它新增的记录将被删除，它修改过的记录恢复原样。"
        ).format(id=record.id, file=record.file_name, when=local_time(record.at))
        if not messages.ask(self, tr("撤销此次导入"), question):
            return
        import_id = record.id
        self.undo_button.setEnabled(False)

        def work(ledger: Ledger, _job: Job) -> UndoResult:
            return undo_import(ledger, import_id)

        def done(result: UndoResult) -> None:
            messages.tell(self, tr("已撤销"), tr_message(result.describe()))
            self.reload()

        def failed(exc: BaseException) -> None:
            messages.tell(self, tr("无法撤销"), tr_message(exc), error=True)
            self._update_button()

        CollectionOp(self, work, done).failure(failed).run()
