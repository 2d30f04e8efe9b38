"""文件 → 连接服务器数据库…: the database in use, and a PostgreSQL database to test and open.

For a city office whose staff share one ledger on a server. The fields are those a server
administrator hands out (服务器, 端口, 数据库名, 用户名, 密码); 测试连接 asks the server what
the database is (``db.probe``, read-only, in the worker, bounded by a connect timeout) and
says what opening it would do; 打开 hands the database to the controller, which opens it as
it opens a file (``open_requested``). The password travels inside a SQLAlchemy URL, which
prints *** in its place; what is remembered of the database is its URL without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pairtrack.ui import colours, server_login
from pairtrack.ui.accessible import prepare, set_name
from pairtrack.ui.i18n import SOURCE_LANGUAGE, current_language, noop, tr, tr_message
from pairtrack.ui.worker import run_job

if TYPE_CHECKING:
    from pairtrack.db.probe import Probe

DEFAULT_PORT = 5432


class DatabaseDialog(QDialog):
    open_requested = Signal(object)  # a server URL (SQLAlchemy ``URL``, with the password)
    tested = Signal(str)  # what 测试连接 found, as shown (tests wait for it)

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        """``current``: the database in use, as named to a person (a file's path, or a
        server's URL without its password); a server's fields start filled in from it."""
        super().__init__(parent)
        self.setObjectName("database_dialog")
        self.setWindowTitle(tr("数据库"))
        self.testing = False
        self.current = QLabel(current or tr("（无）"))
        self.current.setObjectName("current_database")
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.host = QLineEdit()
        self.host.setObjectName("host")
        self.host.setPlaceholderText(tr("如：192.168.1.10 或 db.office.local"))
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit()
        self.database.setObjectName("database")
        self.database.setPlaceholderText(tr("如：pairtrack"))
        self.user = QLineEdit()
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = server_login.remember_box(False)
        self.test_button = QPushButton(tr("测试连接(&T)"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test)
        self.answer = QLabel()
        self.answer.setObjectName("answer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_name(self.answer, tr("测试结果"))
        self.problem: bool | None = None  # the result's colour: red, green, or plain (None)
        colours.follow(self.answer, self._paint)
        self._fill_from(current)

        form = QFormLayout()
        form.addRow(tr("服务器(&S)："), self.host)
        form.addRow(tr("端口(&P)："), self.port)
        form.addRow(tr("数据库名(&D)："), self.database)
        form.addRow(tr("用户名(&U)："), self.user)
        form.addRow(tr("密码(&W)："), self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        server = QVBoxLayout()
        server.addLayout(form)
        server.addLayout(test_row)
        server.addWidget(self.answer)
        box = QGroupBox(tr("PostgreSQL 服务器上的数据库"))
        box.setLayout(server)
        current_form = QFormLayout()
        current_form.addRow(tr("当前数据库："), self.current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        self.open_button = buttons.addButton(tr("打开(&O)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("open_database")
        buttons.accepted.connect(self.open_database)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(current_form)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        prepare(self)
        self.host.setFocus()

    def _fill_from(self, current: str) -> None:
        if "://" not in current:
            return
        from pairtrack.db.engine import database_url

        url = database_url(current)
        self.host.setText(url.host or "")
        self.port.setValue(url.port or DEFAULT_PORT)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        self.remember.setChecked(bool(server_login.remembered(current)))

    # --- the database the fields name ---------------------------------------------------------
    def _missing(self) -> str:
        """A Chinese message naming the first required field left empty, or ""."""
        for edit, label in ((self.host, noop("服务器")), (self.database, noop("数据库名"))):
            if not edit.text().strip():
                edit.setFocus()
                return tr("请填写「{label}」。").format(label=tr(label))
        return ""

    def target(self) -> Any:
        """The server URL the fields name (with the password, typed or remembered)."""
        from pairtrack.db.engine import server_url, shown_name

        url = server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )
        password = self.password.text() or server_login.remembered(shown_name(url))
        return url.set(password=password or None)

    def name(self) -> str:
        """The database the fields name, as shown and remembered (no password)."""
        from pairtrack.db.engine import shown_name

        return shown_name(self.target())

    # --- 测试连接 -------------------------------------------------------------------------------
    def test(self) -> None:
        if self.testing:
            return
        missing = self._missing()
        if missing:
            self._say(missing, problem=True)
            return
        target = self.target()
        self.testing = True
        self.test_button.setEnabled(False)
        self._say(tr("正在连接 {name}…").format(name=self.name()), problem=None)

        def probe(_progress: object, _cancelled: object) -> Probe:
            from pairtrack.db.probe import probe_server

            return probe_server(target)

        # run_job, not a QueryOp: the probe reads another database than the one the ops are
        # attached to (and a window may have none); it still waits its turn in the one worker
        run_job(self, probe, self._found, self._failed)

    def _found(self, found: Probe) -> None:
        self._tested()
        text, problem = describe(found, self.database.text().strip())
        self._say(text, problem=problem)

    def _failed(self, exc: BaseException) -> None:
        self._tested()
        from pairtrack.db.errors import DatabaseRefused

        if isinstance(exc, DatabaseRefused):
            self._say(tr_message(exc), problem=True)
        else:
            self._say(tr("测试连接时出错：{error}").format(error=exc), problem=True)

    def _tested(self) -> None:
        self.testing = False
        self.test_button.setEnabled(True)

    def _say(self, text: str, *, problem: bool | None) -> None:
        self.answer.setText(text)
        self.problem = problem
        self._paint()
        if not self.testing:
            self.tested.emit(text)

    def _paint(self) -> None:
        palette = self.palette()
        if self.problem is None:
            colour = palette.windowText().color()
        else:
            colour = colours.warning(palette) if self.problem else colours.success(palette)
        colours.paint_text(self.answer, colour)

    # --- 打开 -----------------------------------------------------------------------------------
    def open_database(self) -> None:
        missing = self._missing()
        if missing:
            self._say(missing, problem=True)
            return
        name, password = self.name(), self.password.text()
        if self.remember.isChecked():
            if password:
                server_login.remember(name, password)
        else:
            server_login.forget(name)
        self.open_requested.emit(self.target())
        self.accept()


def describe(found: Probe, database: str) -> tuple[str, bool]:
    """What 测试连接 says of ``found``, and whether it is a problem (opening would refuse)."""
    if found.state == "empty":
        text = tr("连接成功。数据库「{name}」是空的：打开时会在其中建立 PairTrack 台账。")
        return text.format(name=database), False
    if found.state == "foreign":
        text = tr(
            "连接成功，但数据库「{name}」中已有其他程序的数据，不是 PairTrack 台账。"
            "PairTrack 不会打开或改动它；请使用一个空的数据库。"
        )
        return text.format(name=database), True
    if found.state == "newer":
        text = tr(
            "连接成功，但这个台账由更新版本的 PairTrack 写入（结构版本 {revision}），"
            "当前程序不能打开它。请先升级 PairTrack。"
        )
        return text.format(revision=found.revision), True
    parts = [tr("连接成功。这是 PairTrack 台账，结构版本 {revision}。").format(
        revision=found.revision or tr("未标记"))]  # fmt: skip
    if found.office_name:
        parts.append(tr("单位：{office}。").format(office=found.office_name))
    if found.records is not None:
        parts.append(tr("共 {n} 条记录。").format(n=f"{found.records:,}"))
    if found.upgrade_due:
        parts.append(tr("打开时会升级到结构版本 {head}。").format(head=found.head))
    # Chinese sentences follow each other without a space; English ones with one
    return ("" if current_language() == SOURCE_LANGUAGE else " ").join(parts), False
