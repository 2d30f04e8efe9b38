"""What helps support and recovery at start: the crash dialog and faulthandler before
anything can fail, Qt's own messages into the log, and the log file once the window has
painted (``tracker.logs``; the dialog is ``ui.crash``)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", text)


def start_support() -> None:
    """The crash dialog and faulthandler, before anything else can fail; the log file follows
    with ``start_log`` once the window has painted."""
    import faulthandler

    from pairtrack.ui import crash

    if sys.stderr is not None:  # a windowed build has none; faults.log takes over soon
        faulthandler.enable()
    crash.install()
    qInstallMessageHandler(_qt_message)


def start_log() -> None:
    from pairtrack.tracker import logs

    try:
        logs.start_logging()
    except OSError as exc:  # a data folder we may not write to must not stop the program
        print(f"无法写入日志：{exc}", file=sys.stderr)  # i18n: not shown (stderr)
