"""Recently opened databases (文件 → 最近打开) and the one to open at start: kept in QSettings.

A file that is no longer there is shown as such and cannot be chosen: opening a path that
does not exist would quietly create a new, empty ledger in its place. A database on a server
is remembered by its URL without the password (``db.engine.shown_name``); whether it is still
there only the server can say, when it is opened.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from pairtrack.db.names import is_url, without_password
from pairtrack.ui import messages
from pairtrack.ui.i18n import tr

KEY = "files/recent"
LIMIT = 8


def _normal(path: str | Path) -> str:
    """One spelling per file, so that the same ledger opened two ways is listed once; a
    server's URL as it is, never with a password."""
    if is_url(path):
        return without_password(str(path))
    return os.path.normcase(str(Path(path).expanduser().resolve()))


def _there(path: str) -> bool:
    """Whether ``path`` can be offered: a file that exists, or a server database."""
    return is_url(path) or Path(path).is_file()


def recent() -> list[str]:
    """The remembered databases, the latest first (at most ``LIMIT``)."""
    value = QSettings().value(KEY)
    if isinstance(value, str):  # QSettings hands back a one-item list as a plain string
        value = [value]
    return [str(v) for v in (value or []) if str(v)][:LIMIT]


def _store(paths: list[str]) -> None:
    settings = QSettings()
    if paths:
        settings.setValue(KEY, paths[:LIMIT])
    else:
        settings.remove(KEY)


def remember(path: str | Path) -> None:
    """``path`` was opened: first in the list."""
    normal = _normal(path)
    _store([normal, *(p for p in recent() if _normal(p) != normal)])


def forget(path: str | Path) -> None:
    normal = _normal(path)
    _store([p for p in recent() if _normal(p) != normal])


def forget_missing() -> None:
    _store([p for p in recent() if _there(p)])


def start_database(given: str | None, default: Callable[[], Path]) -> str | Path:
    """What the window opens at start: the database named on the command line, else the
    latest remembered one that is still there (a server database is taken as there: opening
    it says if it is not), else ``default()``."""
    if given:
        return given
    return next((p for p in recent() if _there(p)), None) or default()


class RecentMenu(QMenu):
    """最近打开: the remembered databases, numbered for the keyboard; missing ones marked."""

    def __init__(
        self, current: Path | str | None, open_path: Callable[[str], None], parent: QWidget | None
    ) -> None:
        super().__init__(tr("最近打开(&R)"), parent)
        self.setObjectName("recent_menu")
        self.current = None if current is None else _normal(current)
        self.open_path = open_path
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def set_current(self, path: Path | str | None) -> None:
        self.current = None if path is None else _normal(path)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        paths = recent()
        for number, path in enumerate(paths, start=1):
            there = _there(path)
            if is_url(path):  # the database's name, then the server and login
                server, _slash, database = path.rpartition("/")
                text = f"&{number} {database}    {server}"
            else:
                text = f"&{number} {Path(path).name}    {Path(path).parent}"
            if not there:
                text += tr("（文件已不存在）")
            action = QAction(text, self)
            action.setData(path)
            action.setToolTip(path)
            if _normal(path) == self.current:
                action.setCheckable(True)
                action.setChecked(True)
                action.setEnabled(False)  # the open one: nothing to switch to
            elif not there:
                action.setEnabled(False)
            else:
                action.triggered.connect(lambda _checked=False, p=path: self._open(p))
            self.addAction(action)
        if not paths:
            empty = self.addAction(tr("（无）"))
            empty.setEnabled(False)
            return
        self.addSeparator()
        clean = self.addAction(tr("移除已不存在的文件"), self._forget_missing)
        clean.setEnabled(any(not _there(p) for p in paths))
        self.addAction(tr("清空列表"), self._clear)

    def entries(self) -> list[QAction]:
        """The actions that name a database (tests and the keyboard walk these)."""
        return [a for a in self.actions() if isinstance(a.data(), str) and a.data()]

    def _open(self, path: str) -> None:
        if not _there(path):  # gone since the menu was drawn
            forget(path)
            self.rebuild()
            text = tr("「{path}」已不存在，已从最近打开的列表中移除。").format(path=path)
            messages.tell(self.parentWidget(), tr("最近打开"), text, error=True)
            return
        self.open_path(path)

    def _forget_missing(self) -> None:
        forget_missing()
        self.rebuild()

    def _clear(self) -> None:
        _store([p for p in recent() if _normal(p) == self.current])
        self.rebuild()
