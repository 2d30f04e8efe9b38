"""Driving the window with the keyboard only, as a person without a mouse does.

Every key goes to the widget that has the focus (where a real key press goes); a widget is
reached by Tab / Shift+Tab from wherever the focus is, never by calling ``setFocus()`` on it.
Chinese text is put with ``setText()`` on the focused editor only: what an input method does
(``qtbot.keyClicks`` aborts on non-ASCII text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from tests.ui.conftest import wait_for

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

Match = QWidget | Callable[[QWidget], bool]


def focused() -> QWidget:
    """Where the next key press goes (waits for a window to take the focus)."""
    wait_for(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def activate(qtbot: Any, window: QWidget) -> None:
    """The window in front, as after a click on its title bar (not a key of the walk)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def target() -> QWidget:
    """Where Qt delivers a key: an open popup (a menu, a completer's list), else the focus."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    return focused()


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
    """One key (with its modifiers), where Qt would deliver it."""
    qtbot.keyClick(target(), key, modifier)


def keys(qtbot: Any, text: str) -> None:
    """Type ``text`` into the focused widget: ASCII key by key; other text as an IME puts it."""
    if text.isascii():
        for char in text:  # each to where the focus is now (the first may open an editor)
            qtbot.keyClicks(target(), char)
        return
    widget = focused()
    if isinstance(widget, QLineEdit):
        widget.insert(text)
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)
    else:
        raise AssertionError(f"{describe(widget)} 不能输入文字")


def retype(qtbot: Any, text: str) -> None:
    """Select all of the focused field and type ``text`` over it (Ctrl+A, then the keys)."""
    press(qtbot, Qt.Key.Key_A, CTRL)
    keys(qtbot, text)


def _matches(widget: QWidget, match: Match) -> bool:
    if isinstance(match, QWidget):
        probe: QWidget | None = widget
        while probe is not None:  # an editor's inner line edit counts as the editor
            if probe is match:
                return True
            probe = probe.parentWidget()
        return False
    return bool(match(widget))


def tab_to(qtbot: Any, match: Match, *, back: bool = False, limit: int = 80) -> QWidget:
    """Press Tab (Shift+Tab) until the focus is on ``match``; fail if it never gets there."""
    seen: list[str] = []
    for _ in range(limit):
        widget = focused()
        if _matches(widget, match):
            return widget
        seen.append(describe(widget))
        if back:
            press(qtbot, Qt.Key.Key_Backtab, SHIFT)
        else:
            press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab 到不了 {match!r}；经过：{' → '.join(seen[:40])}")


def named(name: str) -> Callable[[QWidget], bool]:
    """A widget whose object name, accessible name or text is ``name`` (or whose editor is)."""

    def match(widget: QWidget) -> bool:
        probe: QWidget | None = widget
        for _ in range(3):  # an editor, the box around it, the field's editor widget
            if probe is None:
                return False
            texts = {probe.objectName(), probe.accessibleName()}
            if isinstance(probe, QAbstractButton):
                texts.add(probe.text().replace("&", ""))
            if name in texts:
                return True
            probe = probe.parentWidget()
        return False

    return match


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or text})"


def choose(qtbot: Any, text: str, *, limit: int = 400) -> None:
    """Pick ``text`` in the focused combo box with ↓/↑ (the arrow keys change a closed combo)."""
    combo = focused()
    assert isinstance(combo, QComboBox), describe(combo)
    target = combo.findText(text)
    assert target >= 0, f"{text} 不在 {describe(combo)} 中"
    for _ in range(limit):
        if combo.currentIndex() == target:
            return
        down = combo.currentIndex() < target
        press(qtbot, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    raise AssertionError(f"方向键选不到 {text}")


def context_menu(qtbot: Any) -> QMenu:
    """The menu key on the focused widget (the event the system sends for it), and its menu."""
    widget = focused()
    # where Qt puts a keyboard menu: the middle of the focused widget's cursor (a view's
    # current cell)
    where = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    rect = where.toRect() if isinstance(where, QRectF) else where
    point = rect.center() if isinstance(rect, QRect) else QPoint(0, 0)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, widget.mapToGlobal(point))
    menus_before = set(QApplication.topLevelWidgets())
    QApplication.sendEvent(widget, event)
    menu = popup()
    assert menu not in menus_before, "菜单键没有打开菜单"
    return menu


def popup() -> QMenu:
    """The menu just popped up, once the window system has shown it (the platform's events
    about it are handled before a key goes to it, as they are before a person's next key)."""
    wait_for(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    QApplication.processEvents()
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def menu_entry(qtbot: Any, menu: QMenu, text: str) -> None:
    """In an open menu: ↓ until the entry that starts with ``text`` is current, then Enter."""
    for _ in range(len(menu.actions()) + 1):
        active = menu.activeAction()
        if active is not None and active.text().replace("&", "").startswith(text):
            qtbot.keyClick(menu, Qt.Key.Key_Return)
            return
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    raise AssertionError(f"菜单中没有 {text}：{[a.text() for a in menu.actions()]}")


def menu_bar(qtbot: Any, window: Any, letter: str, entry: str) -> None:
    """Alt+letter opens a menu of the menu bar; ↓ to ``entry``; Enter."""
    press(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
    menu_entry(qtbot, popup(), entry)


def shown_text(root: QWidget) -> str:
    """Every text a reader of ``root`` sees in its labels and in its tables' cells."""
    parts = [label.text() for label in root.findChildren(QLabel)]
    for view in root.findChildren(QAbstractItemView):
        _cells(view.model(), view.rootIndex(), parts)
    return "\n".join(parts)


def _cells(model: QAbstractItemModel, parent: QModelIndex, parts: list[str]) -> None:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            parts.append(str(model.data(index) or ""))
            if column == 0:
                _cells(model, index, parts)
