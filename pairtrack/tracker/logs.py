"""The program's log: a rotating file in the user's data folder, and faulthandler's record
of hard crashes beside it.

What support asks for after "it went wrong": what the program did, every unexpected error
with its traceback (``pairtrack.log``, a few rotated copies so it never fills the disk), and,
when the process died where Python could not see it (a crash inside Qt), the stack of every
thread at that moment (``faults.log``, written by ``faulthandler``).
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pairtrack.tracker import __version__
from pairtrack.tracker.paths import log_folder

LOG_FILE = "pairtrack.log"
FAULT_FILE = "faults.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 4  # pairtrack.log.1 … .4: five files at most
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LogFiles:
    folder: Path
    log: Path
    faults: Path
    # the previous run ended in a hard crash: its record, moved aside (None when it did not)
    earlier_crash: Path | None = None


_handler: logging.Handler | None = None
_fault_stream: TextIO | None = None
_files: LogFiles | None = None
_faulthandler_before = False
_level_before = logging.NOTSET


def current() -> LogFiles | None:
    """The files being written, once ``start_logging`` ran."""
    return _files


def start_logging(folder: Path | None = None) -> LogFiles:
    """Log to ``pairtrack.log`` in ``folder`` (the data folder's ``logs`` by default) and
    record hard crashes in ``faults.log``. Calling it again moves both to the new folder."""
    # imported here: logging.handlers loads socket, whose enums cost the window's first paint
    from logging.handlers import RotatingFileHandler

    global _handler, _fault_stream, _files, _faulthandler_before, _level_before
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stop_logging()
    handler = RotatingFileHandler(
        folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    _level_before = root.level
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)  # the log file wants what the program did, not only warnings
    logging.captureWarnings(True)
    _handler = handler

    _faulthandler_before = faulthandler.is_enabled()  # to stderr, say, as pytest does
    faults = folder / FAULT_FILE
    earlier = _set_aside(faults)
    _fault_stream = faults.open("a", encoding="utf-8")
    faulthandler.enable(file=_fault_stream, all_threads=True)
    _files = LogFiles(folder, folder / LOG_FILE, faults, earlier)
    log.info(
        "PairTrack %s 启动（Python %s，%s）", __version__, platform.python_version(), sys.platform
    )
    if earlier is not None:
        log.warning("上次运行异常终止，当时的记录已移到 %s", earlier)
    return _files


def stop_logging() -> None:
    """Detach the handler and faulthandler (a test's temporary folder may then go)."""
    global _handler, _fault_stream, _files
    if _handler is not None:
        root = logging.getLogger()
        root.removeHandler(_handler)
        root.setLevel(_level_before)
        logging.captureWarnings(False)
        _handler.close()
        _handler = None
    if _fault_stream is not None:
        faulthandler.disable()
        _fault_stream.close()
        _fault_stream = None
        if _faulthandler_before and sys.stderr is not None:
            faulthandler.enable()  # as it was before: to stderr
    _files = None


def _set_aside(faults: Path) -> Path | None:
    """A non-empty ``faults.log`` is the trace of a run that died: keep it as
    ``faults.1.log`` (replacing an older one) so that this run starts a clean record."""
    try:
        if faults.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    earlier = faults.with_name("faults.1.log")
    faults.replace(earlier)
    return earlier
