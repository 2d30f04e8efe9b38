"""Modal questions and notices in one place, so tests can answer them (STYLE habit 10)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import tr


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; "否" is the default so Enter never destroys anything."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    if error:
        QMessageBox.critical(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def choose(
    parent: QWidget | None, title: str, text: str, detail: str, buttons: list[str]
) -> int | None:
    """A critical message with several answers; the index of the one clicked (None: closed)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.setInformativeText(detail)
    added = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(added) if button is clicked), None)


def retry(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask whether to try an operation again; "取消" is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    again = box.addButton(tr("重试"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is again
