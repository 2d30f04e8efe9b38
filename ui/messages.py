"""Modal questions and notices in one place, so tests can answer them (STYLE habit 10)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


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
