"""Accessible names for every control, taken from the label a sighted person reads beside it.

A screen reader announces a line edit by its accessible name; Qt derives one from a buddy
label only for a line edit that is itself the buddy, and a combo box announces its current
item instead ("东西部协作", not "协作类型"). So each dialog and page, once built, calls
``name_from_labels``: every editor in a form row takes the row's label (without "*" and
"："), and the label becomes the editor's buddy, so that a click on it (or its shortcut)
moves the focus there; a label already a buddy names its buddy the same way. Controls with
no label beside them (a table, a search box with a placeholder) are named where they are
made, with ``set_name``.
"""

from __future__ import annotations

import itertools
import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

MNEMONIC = re.compile(r"[(（]&\w[)）]")  # i18n: not shown
# Controls a person types into or picks from; buttons and tick boxes are named by their text.
EDITORS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractItemView)
# Controls made of other controls: what is inside them is theirs, not a control of the form.
COMPOSITES = (QAbstractSpinBox, QComboBox)


def clean(text: str) -> str:
    """A label as a name: "单位名称*：" → "单位名称", "改为(&V)：" → "改为" (mnemonic marks,
    required marks and the colon are for the eye)."""
    text = MNEMONIC.sub("", text)  # a Chinese label's "(&V)": the letter is no word
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return text.rstrip("：:").strip().rstrip("*＊").strip()  # i18n: not shown


def is_editor(widget: QWidget) -> bool:
    """A control of its own that needs a name (not a part of a spin box or combo box, not a
    table's header)."""
    if not isinstance(widget, EDITORS) or isinstance(widget, QHeaderView):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return False
        parent = parent.parentWidget()
    return True


def set_name(widget: QWidget, text: str, description: str = "") -> None:
    """Give ``widget`` the accessible name ``text`` (cleaned), unless it has one already."""
    if not widget.accessibleName():
        widget.setAccessibleName(clean(text))
    if description and not widget.accessibleDescription():
        widget.setAccessibleDescription(description)


def editors_in(item: QLayoutItem | QWidget | None) -> list[QWidget]:
    """The editors a form field holds: the widget itself, or the editors inside it (a row of
    a line edit and a button, an editor box with its error label)."""
    if item is None:
        return []
    if isinstance(item, QWidget):
        widgets = [item]
    elif (widget := item.widget()) is not None:
        widgets = [widget]
    elif (layout := item.layout()) is not None:
        widgets = _layout_widgets(layout)
    else:
        return []
    found: list[QWidget] = []
    for widget in widgets:
        if is_editor(widget):
            found.append(widget)
        else:
            found.extend(w for w in widget.findChildren(QWidget) if is_editor(w))
    return found


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    out: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if (widget := item.widget()) is not None:
            out.append(widget)
        elif (inner := item.layout()) is not None:
            out.extend(_layout_widgets(inner))
    return out


def name_from_labels(root: QWidget) -> None:
    """Name every editor under ``root`` that a form row's label or a buddy label describes."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label_item.widget() if label_item is not None else None
            if not isinstance(label, QLabel) or not clean(label.text()):
                continue
            editors = editors_in(form.itemAt(row, QFormLayout.ItemRole.FieldRole))
            for editor in editors:
                set_name(editor, label.text())
            if editors:
                label.setBuddy(editors[0])
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and clean(label.text()):
            for editor in editors_in(buddy):
                set_name(editor, label.text())


def buttons_in_reading_order(root: QWidget) -> None:
    """Tab through each button box's buttons in the order they stand. Qt chains them in the
    order they were added, and lays them out by role and platform: 取消 added before 导出
    stands right of it on Windows and KDE, and Tab went from 取消 back to 导出."""
    for box in root.findChildren(QDialogButtonBox):
        layout = box.layout()
        if layout is None:
            continue
        shown = [w for w in _layout_widgets(layout) if isinstance(w, QAbstractButton)]
        for first, second in itertools.pairwise(shown):
            QWidget.setTabOrder(first, second)


def prepare(root: QWidget) -> None:
    """For a dialog or page once built: names from labels, buttons in reading order, and
    (a dialog) the focus back where it was when it closes."""
    name_from_labels(root)
    buttons_in_reading_order(root)
    for button in root.findChildren(QAbstractButton):
        if MNEMONIC.search(button.text()):  # read as "预览", not "预览 P"
            set_name(button, button.text())
    if isinstance(root, QDialog):
        from pairtrack.ui.focus_return import return_focus

        return_focus(root)


def label_for(text: str, editor: QWidget) -> QLabel:
    """A label that reads ``text`` beside ``editor`` and names it."""
    label = QLabel(text)
    label.setBuddy(editor)
    for widget in editors_in(editor):
        set_name(widget, text)
    return label
