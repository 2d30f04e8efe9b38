"""The password of a server database: asked when the server wants one, kept only if asked to.

What the window remembers of a server database (recent databases, the one reopened at start)
is its URL without the password. When the server asks for a password that libpq cannot find
itself (``PGPASSWORD``, the pgpass file), the window asks the person (``ask``). Only a
"记住密码" ticked on purpose keeps it, in plain text, in this user's PairTrack settings
(QSettings: the registry on Windows, a file elsewhere), which the tick box's tooltip names;
it is keyed by a hash of the URL, so the settings do not even list which servers have one.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pairtrack.ui import colours
from pairtrack.ui.accessible import prepare
from pairtrack.ui.i18n import tr
from pairtrack.ui.opening import password_key

GROUP = "server_passwords"


def _key(name: str) -> str:
    return f"{GROUP}/{password_key(name)}"


def kept() -> dict[str, str]:
    """Every remembered password by its key (``ui.opening.with_kept_password`` looks one up
    in the worker, where the database's URL is read)."""
    settings = QSettings()
    settings.beginGroup(GROUP)
    try:
        return {k: str(settings.value(k, "")) for k in settings.childKeys()}
    finally:
        settings.endGroup()


def remembered(name: str) -> str:
    """The password kept for the server database ``name`` (its URL without a password)."""
    value = QSettings().value(_key(name), "")
    return value if isinstance(value, str) else ""


def remember(name: str, password: str) -> None:
    QSettings().setValue(_key(name), password)


def forget(name: str) -> None:
    QSettings().remove(_key(name))


def where_kept() -> str:
    """Where a remembered password is written, as the tooltip of 记住密码 names it."""
    return tr(
        "勾选后，密码以明文保存在本机当前用户的 PairTrack 设置中（{where}，{group} 项），"
        "能登录这台电脑的人都可能读到。不勾选则不保存，每次打开时询问；"
        "服务器的 pgpass 文件或 PGPASSWORD 已提供密码时不必输入。"
    ).format(where=QSettings().fileName(), group=GROUP)


def remember_box(checked: bool) -> QCheckBox:
    box = QCheckBox(tr("记住密码(&R)"))
    box.setObjectName("remember_password")
    box.setChecked(checked)
    box.setToolTip(where_kept())
    box.setAccessibleDescription(where_kept())
    return box


class PasswordDialog(QDialog):
    """输入密码: for the server database ``name``; ``reason`` says why it is asked (the
    server wants one; ``wrong``: the one given was refused)."""

    def __init__(
        self, name: str, reason: str, *, wrong: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle(tr("数据库密码"))
        self.name = name
        intro = QLabel(reason)
        intro.setWordWrap(True)
        if wrong:
            colours.warn(intro)
        where = QLabel(tr("数据库：{name}").format(name=name))
        where.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = remember_box(bool(remembered(name)))
        form = QFormLayout()
        form.addRow(tr("密码(&W)："), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("打开"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)  # the URL on one line, as a rule
        prepare(self)
        self.password.setFocus()

    def accept(self) -> None:
        if self.remember.isChecked():
            remember(self.name, self.password.text())
        else:
            forget(self.name)
        super().accept()


def ask(parent: QWidget | None, name: str, reason: str, *, wrong: bool = False) -> str | None:
    """The password a person typed for ``name``, or ``None`` if they cancelled."""
    dialog = PasswordDialog(name, reason, wrong=wrong, parent=parent)
    try:
        return dialog.password.text() if dialog.exec() else None
    finally:
        dialog.setParent(None)
