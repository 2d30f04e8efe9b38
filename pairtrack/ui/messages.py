"""Modal questions and notices in one place, so tests can answer them (STYLE habit 10)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from pairtrack.ui.focus_return import return_focus
from pairtrack.ui.i18n import tr


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; "否" is the default so Enter never destroys anything."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    clicked = _exec(box)
    return isinstance(clicked, QAbstractButton) and (
        box.standardButton(clicked) == QMessageBox.StandardButton.Yes
    )


def tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    icon = QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information
    _exec(QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent))


def _exec(box: QMessageBox) -> object:
    """Show ``box`` until answered; the focus then goes back where it was. The button
    clicked (None: closed)."""
    return_focus(box)
    box.exec()
    clicked = box.clickedButton()
    box.setParent(None)  # freed by Python with the caller's last reference, not kept
    return clicked


def choose(
    parent: QWidget | None, title: str, text: str, detail: str, buttons: list[str]
) -> int | None:
    """A critical message with several answers; the index of the one clicked (None: closed)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.setInformativeText(detail)
    added = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
    clicked = _exec(box)
    return next((i for i, button in enumerate(added) if button is clicked), None)


def retry(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask whether to try an operation again; "取消" is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    again = box.addButton(tr("重试"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    return _exec(box) is again
