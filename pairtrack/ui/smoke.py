"""A start with no one at the screen, to prove a build works: ``PAIRTRACK_SMOKE=picture.png``.

The window opens the database as usual (migrations and all); once the dashboard shows its
figures, a picture of the window is saved to the path given and the program exits with 0.
A database that cannot be opened exits with 1 (as ever without a window). Nothing waits for
a person: a message the program would show is written to stderr and answered "no" (a
question) or "cancel" (a choice). The database must already be set up (``pairtrack-cli
settings``): the first-run dialog is a form, not a question.

Used by the bundle's smoke test and the bundle start-up benchmark (packaging/, bench/).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pairtrack.ui import messages

if TYPE_CHECKING:
    from pairtrack.ui.app import Controller

ENV = "PAIRTRACK_SMOKE"


def picture_requested() -> Path | None:
    value = os.environ.get(ENV, "")
    return Path(value) if value else None


def _unattended(_parent: Any, title: str, text: str, *_rest: Any, **_options: Any) -> None:
    if sys.stderr is not None:  # a windowed program on Windows has no stderr
        print(f"{title}：{text}", file=sys.stderr)  # i18n: not shown (a log line)
    # None: ask() and retry() read it as "no", choose() as closed without a choice


def arm(app: QApplication, controller: Controller, picture: Path) -> None:
    for name in ("ask", "tell", "choose", "retry"):
        setattr(messages, name, _unattended)

    def save_and_quit() -> None:
        window = controller.window
        if window is None:
            app.exit(1)
            return
        app.processEvents()
        picture.parent.mkdir(parents=True, exist_ok=True)
        app.exit(0 if window.grab().save(str(picture)) else 1)

    def opened(ok: bool) -> None:
        if not ok or controller.window is None:
            return  # run_window exits with 1
        dashboard = controller.window.page("dashboard")
        if getattr(dashboard, "_busy", False):
            dashboard.loaded.connect(save_and_quit)  # type: ignore[attr-defined]
        else:
            QTimer.singleShot(0, save_and_quit)

    controller.finished.connect(opened)
