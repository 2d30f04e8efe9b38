"""The keyboard focus goes back where it was when a dialog closes.

A keyboard user who presses Enter on a row, edits and saves, expects the next arrow key to
move in the same table. Whether the window under a closed dialog is activated again is up to
the platform: Windows and most X11 window managers do it, others (and Qt's offscreen
platform) leave no window active, and every key is then lost until a click. So a dialog
remembers the widget that had the focus when it was shown, and when it hides without any
other window taking over, that widget's window is activated and the widget takes the focus.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

_LIVE: set[FocusReturn] = set()


class FocusReturn(QObject):
    """Watches one dialog (its child: it goes with it); see the module docstring."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self.before: QWidget | None = QApplication.focusWidget()
        dialog.installEventFilter(self)
        # Kept here until Qt destroys it: a Qt parent does not always keep the Python side
        # alive (when the dialog's own Python wrapper goes first), and a filter whose Python
        # side was collected comes back as an empty wrapper without ``before``.
        _LIVE.add(self)
        self.destroyed.connect(lambda *_: _LIVE.discard(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "before" not in self.__dict__:  # at interpreter exit, its dict already cleared
            return False
        if event.type() == QEvent.Type.Show:
            focus = QApplication.focusWidget()
            if focus is not None and focus.window() is not watched:
                self.before = focus  # shown again (a kept dialog): from where it is now
        elif event.type() == QEvent.Type.Hide and isinstance(watched, QWidget):
            # after the platform's own activation, if any (it may come with the next events);
            # plain values in the call: the dialog (and this filter) may be gone by then
            before = self.before
            QTimer.singleShot(0, lambda: give_back(watched, before))
        return False


def give_back(dialog: QWidget, before: QWidget | None) -> None:
    """Put the focus back on ``before`` if nothing has it now (see the module docstring)."""
    if before is None or not shiboken6.isValid(before):
        return
    window = before.window()
    if not window.isVisible():
        return
    active = QApplication.activeWindow()
    still_dialog = active is not None and shiboken6.isValid(dialog) and active is dialog
    if active is not None and not still_dialog:
        return  # another window (the one under the dialog, or a new one) has the keyboard
    # The window, even when ``before`` itself is gone from view meanwhile (a dialog's next
    # step replaced the page it was on, while a progress window was up): the keyboard goes
    # back to that window, and within it to where the program has put the focus since.
    window.activateWindow()
    if window.focusWidget() is None:
        (before if before.isVisible() else window).setFocus()


def return_focus(dialog: QWidget) -> None:
    """Arrange for the focus to go back where it is now when ``dialog`` closes."""
    if dialog.findChild(FocusReturn) is None:
        FocusReturn(dialog)
