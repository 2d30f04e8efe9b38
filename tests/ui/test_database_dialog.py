"""文件 → 连接服务器数据库… (issue 15): the database in use; 测试连接 says in Chinese what a
server database is or why it cannot be used (in the worker); 打开 switches the window to it
as a file is opened, remembered among recent databases without its password and reopened at
the next start, asking for the password when the server wants one.

Servers that refuse (a closed port, a password wanted or wrong) need no PostgreSQL:
``tests.password_gate`` plays them. The rest need ``PAIRTRACK_TEST_PG``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy.engine import make_url

from pairtrack.db.engine import shown_name
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import recent, server_login
from pairtrack.ui.app import Controller
from pairtrack.ui.dialogs.database import DatabaseDialog
from tests import engines
from tests.db.test_probe import closed_port
from tests.password_gate import PasswordGate

PASSWORD = "Pw-s3cret-42"
needs_server = pytest.mark.skipif(engines.SERVER is None, reason=f"{engines.PG_ENV} is not set")


@pytest.fixture(autouse=True)
def no_password_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))


@pytest.fixture
def dialog(qtbot: Any) -> Iterator[Callable[[str], DatabaseDialog]]:
    made: list[DatabaseDialog] = []

    def make(current: str = "") -> DatabaseDialog:
        made.append(DatabaseDialog(current))
        qtbot.addWidget(made[-1])
        made[-1].show()
        return made[-1]

    yield make
    for each in made:
        each.close()


def fill(dialog: DatabaseDialog, port: int, database: str, user: str = "lina",
         password: str = "", host: str = "127.0.0.1") -> None:  # fmt: skip
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def connection_said(qtbot: Any, dialog: DatabaseDialog) -> str:
    """Click 测试连接 and wait for what it found."""
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as said:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert said.args == [dialog.answer.text()]
    return dialog.answer.text()


def test_the_current_database_is_shown_and_a_servers_fields_filled_in(dialog: Any) -> None:
    shown = dialog("/home/lina/台账.db")
    assert shown.current.text() == "/home/lina/台账.db"
    assert (shown.host.text(), shown.port.value(), shown.database.text()) == ("", 5432, "")
    server = dialog("postgresql://lina@db.office.local:5433/ledger")
    assert server.current.text() == "postgresql://lina@db.office.local:5433/ledger"
    assert (server.host.text(), server.port.value()) == ("db.office.local", 5433)
    assert (server.database.text(), server.user.text(), server.password.text()) == (
        "ledger", "lina", "")  # fmt: skip


def test_a_field_left_empty_is_named(qtbot: Any, dialog: Any) -> None:
    shown = dialog()
    qtbot.mouseClick(shown.test_button, Qt.MouseButton.LeftButton)
    assert shown.answer.text() == "请填写「服务器」。"
    shown.host.setText("127.0.0.1")
    qtbot.mouseClick(shown.open_button, Qt.MouseButton.LeftButton)
    assert shown.answer.text() == "请填写「数据库名」。" and shown.isVisible()


def test_a_closed_port_is_said_unreachable(qtbot: Any, dialog: Any) -> None:
    shown = dialog()
    port = closed_port()
    fill(shown, port, "ledger")
    said = connection_said(qtbot, shown)
    assert (
        f"无法连接数据库服务器「127.0.0.1:{port}」" in said and "没有在这个端口上接受连接" in said
    )
    assert shown.test_button.isEnabled()


def test_a_password_wanted_or_wrong_is_said_and_never_shown(qtbot: Any, dialog: Any) -> None:
    shown = dialog()
    with PasswordGate("another") as gate:
        fill(shown, gate.port, "ledger")
        assert "要求用户「lina」输入密码" in connection_said(qtbot, shown)
        shown.password.setText(PASSWORD)
        said = connection_said(qtbot, shown)
        assert gate.passwords_seen == [PASSWORD]
    assert "密码不正确" in said and PASSWORD not in said
    assert all(PASSWORD not in label.text() for label in shown.findChildren(QLabel))
    assert PASSWORD not in shown.windowTitle()


# --- with a server ---------------------------------------------------------------------


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[Callable[..., str]]:
    made: list[str] = []

    def make(*, migrated: bool = False) -> str:
        made.append(engines.new_database("postgresql", tmp_path, migrated=migrated))
        return made[-1]

    yield make
    for target in made:
        engines.drop_database(target)


def fill_url(dialog: DatabaseDialog, url: str, password: str = "") -> None:
    parsed = make_url(url)
    fill(dialog, int(parsed.port or 5432), parsed.database or "", parsed.username or "",
         password, parsed.host or "127.0.0.1")  # fmt: skip


def run_sql(url: str, statement: str) -> None:
    from tests.db.test_server import sql

    sql(url, statement)


@needs_server
def test_what_a_server_database_is(qtbot: Any, dialog: Any, server_db: Any) -> None:
    shown = dialog()
    empty = server_db()
    fill_url(shown, empty)
    assert "是空的：打开时会在其中建立 PairTrack 台账" in connection_said(qtbot, shown)

    ledger_url = server_db(migrated=True)
    ledger = Ledger.open(ledger_url)
    ledger.set_settings(office_name="廊坊开发区对口帮扶办公室")
    ledger.regions.create(name="康保县", level="county")
    ledger.close()
    fill_url(shown, ledger_url)
    said = connection_said(qtbot, shown)
    assert "这是 PairTrack 台账，结构版本 0009" in said
    assert "单位：廊坊开发区对口帮扶办公室" in said and "共 1 条记录" in said

    run_sql(ledger_url, "UPDATE alembic_version SET version_num = '9999'")
    assert "由更新版本的 PairTrack 写入（结构版本 9999）" in connection_said(qtbot, shown)

    foreign = server_db()
    run_sql(foreign, "CREATE TABLE customers (id integer primary key, name text)")
    fill_url(shown, foreign)
    assert "不是 PairTrack 台账" in connection_said(qtbot, shown)


@pytest.fixture
def controllers() -> Iterator[Callable[[], Controller]]:
    made: list[Controller] = []

    def make() -> Controller:
        made.append(Controller())
        return made[-1]

    yield make
    for controller in reversed(made):
        controller.shut_down()


def set_up(url: str) -> str:
    """A server ledger with its office set (else the window would welcome it first)."""
    ledger = Ledger.open(url)
    ledger.set_settings(office_name="济南市协作办", office_code="370100", operator="李娜")
    ledger.close()
    return url


def file_ledger(tmp_path: Path) -> Path:
    path = tmp_path / "本机.db"
    ledger = Ledger.open(path)
    ledger.set_settings(operator="王敏", office_code="131001", office_name="开发区")
    ledger.close()
    return path


def open_from_the_dialog(
    qtbot: Any, controller: Controller, fill_in: Callable[[Any], None]
) -> None:
    window = controller.window
    assert window is not None
    window.connect_server()
    shown = window.database_dialog
    assert isinstance(shown, DatabaseDialog)
    assert shown.current.text() == window.db_name
    fill_in(shown)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as ended:
        qtbot.mouseClick(shown.open_button, Qt.MouseButton.LeftButton)
    assert ended.args == [True]


def everything_shown(controller: Controller) -> str:
    """Every text the window shows of itself: title, status bar, recent databases."""
    window = controller.window
    assert window is not None
    window.recent_menu.rebuild()
    texts = [window.windowTitle(), *(w.text() for w in window.statusBar().findChildren(QLabel))]
    texts += [f"{a.text()} {a.toolTip()}" for a in window.recent_menu.actions()]
    return "\n".join(texts)


@needs_server
def test_a_server_ledger_is_opened_from_the_dialog_and_reopened_at_the_next_start(
    qtbot: Any, controllers: Any, server_db: Any, tmp_path: Path
) -> None:
    url = set_up(server_db(migrated=True))
    first = controllers()
    with qtbot.waitSignal(first.finished, timeout=30_000):
        first.open(file_ledger(tmp_path))
    open_from_the_dialog(qtbot, first, lambda shown: fill_url(shown, url))
    assert first.ledger is not None and first.ledger.path is None
    name = shown_name(url)
    assert first.window is not None and first.window.db_name == name
    assert first.lock is None  # several people share a server database: no lock file
    assert recent.recent()[0] == name
    qtbot.waitUntil(lambda: "李娜" in first.window.status_operator.text(), timeout=20_000)
    first.shut_down()

    assert recent.start_database(None, lambda: tmp_path / "default.db") == name
    second = controllers()
    with qtbot.waitSignal(second.finished, timeout=30_000) as ended:
        second.start(recent.start_database(None, lambda: tmp_path / "default.db"))
    assert ended.args == [True]
    assert second.ledger is not None and second.ledger.office_name == "济南市协作办"


@needs_server
def test_a_password_is_asked_at_the_next_start_and_never_shown_or_kept(
    qtbot: Any,
    controllers: Any,
    server_db: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    target = make_url(set_up(server_db(migrated=True)))
    upstream = (target.host or "127.0.0.1", int(target.port or 5432))
    gate = PasswordGate(PASSWORD, upstream)
    try:
        gated = f"postgresql://{target.username}@127.0.0.1:{gate.port}/{target.database}"
        first = controllers()
        with qtbot.waitSignal(first.finished, timeout=30_000):
            first.open(file_ledger(tmp_path))
        open_from_the_dialog(qtbot, first, lambda shown: fill_url(shown, gated, PASSWORD))
        assert recent.recent()[0] == gated  # the URL, not the password
        shown_before = everything_shown(first)
        first.shut_down()

        asked: list[str] = []

        def ask(_parent: Any, name: str, reason: str, *, wrong: bool = False) -> str:
            asked.append(f"{name} {reason}")
            return PASSWORD

        monkeypatch.setattr(server_login, "ask", ask)
        second = controllers()
        with qtbot.waitSignal(second.finished, timeout=30_000) as ended:
            second.start(recent.start_database(None, lambda: tmp_path / "default.db"))
        assert ended.args == [True]
        assert len(asked) == 1 and "要求用户" in asked[0] and gated in asked[0]
        assert gate.passwords_seen[-1] == PASSWORD
        assert second.ledger is not None and second.ledger.office_code == "370100"
        shown_after = everything_shown(second)
        second.shut_down()  # before the gate closes: its pages read through it
    finally:
        gate.close()
    settings = Path(QSettings().fileName()).read_text(encoding="utf-8")
    everything = "\n".join([shown_before, shown_after, settings, caplog.text, *answers.told,
                            *asked, *(w.windowTitle() for w in QApplication.topLevelWidgets())])  # fmt: skip
    assert gated in shown_after and PASSWORD not in everything


@needs_server
def test_a_remembered_password_opens_without_asking(
    qtbot: Any, controllers: Any, server_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = make_url(set_up(server_db(migrated=True)))
    upstream = (target.host or "127.0.0.1", int(target.port or 5432))
    with PasswordGate(PASSWORD, upstream) as gate:
        gated = f"postgresql://{target.username}@127.0.0.1:{gate.port}/{target.database}"
        first = controllers()
        with qtbot.waitSignal(first.finished, timeout=30_000):
            first.open(file_ledger(tmp_path))

        def remembering(shown: DatabaseDialog) -> None:
            fill_url(shown, gated, PASSWORD)
            assert str(QSettings().fileName()) in shown.remember.toolTip()  # says where
            shown.remember.setChecked(True)

        open_from_the_dialog(qtbot, first, remembering)
        first.shut_down()
        assert server_login.remembered(gated) == PASSWORD
        monkeypatch.setattr(server_login, "ask", lambda *a, **k: pytest.fail("asked again"))
        second = controllers()
        with qtbot.waitSignal(second.finished, timeout=30_000) as ended:
            second.start(gated)
        assert ended.args == [True] and gate.passwords_seen[-1] == PASSWORD
        second.shut_down()
