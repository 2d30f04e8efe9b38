"""An error nobody foresaw: logged with its traceback, and told in a dialog that says what
happened, that saved work is safe, and how to hand the details to support. The program keeps
running.

Qt calls ``sys.excepthook`` for an exception raised in a slot or event handler (a windowed
build has no console to print it to, so without this it would vanish); the database worker
delivers its unexpected errors here through ``ui.ops.show_failure``; other Python threads
through ``threading.excepthook``. The dialog is not modal: the window stays usable, and tests
find it as ``reporter().dialog``.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from datetime import datetime
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker import __version__, logs
from pairtrack.ui.focus_return import return_focus
from pairtrack.ui.i18n import tr

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def details_text(info: ExcInfo) -> str:
    """What 复制详细信息 puts on the clipboard: versions, time, the traceback."""
    files = logs.current()
    lines = [
        f"PairTrack {__version__}",
        f"Python {platform.python_version()} · Qt {qVersion()} · {platform.platform()}",
        tr("时间：{time}").format(time=datetime.now().isoformat(timespec="seconds")),
        tr("日志：{path}").format(path=files.log if files else tr("（日志未启用）")),
        "",
        "".join(traceback.format_exception(*info)).rstrip(),
    ]
    return "\n".join(lines) + "\n"


def summary_text(exc: BaseException) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


class CrashDialog(QDialog):
    """程序遇到意外错误: what happened, what it means for the data, the details for support."""

    def __init__(self, info: ExcInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(tr("程序遇到意外错误"))
        self.setMinimumWidth(520)
        self.details = details_text(info)
        self.count = 1

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
                       .pixmap(32, 32))  # fmt: skip
        self.what = QLabel(
            tr("刚才的操作遇到了一个程序没有预料到的错误：\n{error}").format(
                error=summary_text(info[1])
            )
        )
        self.what.setObjectName("crash_what")
        self.what.setWordWrap(True)
        self.what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.safe = QLabel(
            tr(
                "已经保存的数据不会丢失：每次保存都是数据库中的一个完整事务，要么全部写入，"
                "要么完全不写入，出错的这一步不会只写了一半。刚才的操作可能没有完成，"
                "请查看结果后再试一次。程序可以继续使用，尚未保存的窗口仍然打开着。"
            )
        )
        self.safe.setObjectName("crash_safe")
        self.safe.setWordWrap(True)
        files = logs.current()
        where = str(files.log) if files else tr("（日志未启用）")
        self.log_line = QLabel(tr("详细记录已写入日志文件：{path}").format(path=where))
        self.log_line.setObjectName("crash_log")
        self.log_line.setWordWrap(True)
        self.log_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.again = QLabel()
        self.again.setObjectName("crash_again")
        self.again.hide()
        self.text = QPlainTextEdit(self.details)
        self.text.setObjectName("crash_details")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(tr("详细信息"))
        self.text.hide()  # shown on request: most people need only the copy

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(tr("复制详细信息(&C)"))
        self.copy_button.setObjectName("crash_copy")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = QPushButton(tr("显示详细信息(&D)"))
        self.show_button.clicked.connect(self._toggle_details)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(tr("打开日志文件夹(&L)"))
        self.folder_button.clicked.connect(self._open_folder)
        self.folder_button.setEnabled(files is not None)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("关闭"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        return_focus(self)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        top = QVBoxLayout()
        top.addWidget(self.what)
        top.addWidget(self.safe)
        top.addWidget(self.log_line)
        top.addWidget(self.again)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row_layout.addLayout(top, 1)
        layout.addWidget(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def add(self, info: ExcInfo) -> None:
        """Another error while the dialog is open: counted, its details appended."""
        self.count += 1
        self.details += "\n" + "-" * 40 + "\n" + details_text(info)
        self.text.setPlainText(self.details)
        self.again.setText(tr("此后又发生了 {n} 次意外错误，详细信息已一并记录。").format(
            n=self.count - 1))  # fmt: skip
        self.again.show()

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(tr("已复制"))

    def _toggle_details(self) -> None:
        self.text.setVisible(not self.text.isVisible())
        self.show_button.setText(
            tr("隐藏详细信息(&D)") if self.text.isVisible() else tr("显示详细信息(&D)")
        )
        self.adjustSize()

    def _open_folder(self) -> None:
        files = logs.current()
        if files is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(files.folder)))


class CrashReporter(QObject):
    """Logs every unexpected error and shows one dialog (later ones are added to it)."""

    shown = Signal()  # the dialog appeared or was updated
    _from_thread = Signal()  # an error of another thread waits in ``_pending``

    def __init__(self) -> None:
        super().__init__()
        self.dialog: CrashDialog | None = None
        # Python objects wait here rather than travel in a queued signal (see ui.worker).
        self._pending: list[ExcInfo] = []
        self._lock = threading.Lock()
        self._from_thread.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    def report(self, info: ExcInfo, *, logged: bool = False) -> None:
        """Log ``info`` (unless ``logged`` already) and show it; from any thread (shown on
        the GUI thread)."""
        if not logged:
            log.error("意外错误：%s", summary_text(info[1]), exc_info=info)  # i18n: not shown
        if threading.current_thread() is not threading.main_thread():
            with self._lock:
                self._pending.append(info)
            self._from_thread.emit()
            return
        self._show(info)

    def report_exception(self, exc: BaseException, *, logged: bool = False) -> None:
        self.report((type(exc), exc, exc.__traceback__), logged=logged)

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report((kind, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            self.report((args.exc_type, args.exc_value, args.exc_traceback))

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        for info in pending:
            self._show(info)

    def _show(self, info: ExcInfo) -> None:
        try:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add(info)
            else:
                if self.dialog is not None:
                    self.dialog.deleteLater()
                self.dialog = CrashDialog(info)
                self.dialog.show()
            self.dialog.raise_()
            self.shown.emit()
        except Exception:  # never let the report itself loop through the hook
            log.exception("无法显示错误对话框")  # i18n: not shown (the log)


_reporter: CrashReporter | None = None


def reporter() -> CrashReporter:
    global _reporter
    if _reporter is None:
        _reporter = CrashReporter()
    return _reporter


def install() -> CrashReporter:
    """Route unexpected errors of Qt handlers and Python threads to the reporter."""
    made = reporter()
    sys.excepthook = made.excepthook
    threading.excepthook = made.thread_excepthook
    return made
