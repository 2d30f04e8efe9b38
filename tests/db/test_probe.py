"""测试连接 (the 数据库 dialog): what a server database is, found without changing it, and why
a server could not be used, each said as opening the database would say it.

The cases without a database behind them (a closed port, a server that never answers, one
that wants a password) run without PostgreSQL: ``tests.password_gate`` plays the server. The
others need ``PAIRTRACK_TEST_PG``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from pairtrack.db.engine import server_url, shown_name, with_password
from pairtrack.db.migrate import EMPTY, FOREIGN, LEDGER, NEWER, head_revision, open_database
from pairtrack.db.probe import probe_server
from pairtrack.db.reach import ServerUnreachable
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.db.test_server import needs_server, sql, tables_of
from tests.password_gate import PasswordGate

PASSWORD = "Pw-s3cret-42"


@pytest.fixture(autouse=True)
def no_password_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """libpq would otherwise answer a server's request from PGPASSWORD or ~/.pgpass."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def refusal(target: Any, timeout_s: int = 5) -> ServerUnreachable:
    with pytest.raises(ServerUnreachable) as refused:
        probe_server(target, timeout_s=timeout_s)
    return refused.value


def test_a_closed_port_is_an_unreachable_server() -> None:
    port = closed_port()
    refused = refusal(server_url("127.0.0.1", port, "ledger", "lina"))
    assert refused.cause == "unreachable"
    assert f"127.0.0.1:{port}" in str(refused) and "没有在这个端口上接受连接" in str(refused)


def test_a_server_that_never_answers_ends_with_the_timeout() -> None:
    with PasswordGate(PASSWORD, silent=True) as gate:
        refused = refusal(server_url("127.0.0.1", gate.port, "ledger", "lina"), timeout_s=2)
    assert refused.cause == "timeout" and "没有应答" in str(refused)


def test_a_server_asking_for_a_password_none_was_given() -> None:
    with PasswordGate(PASSWORD) as gate:
        refused = refusal(server_url("127.0.0.1", gate.port, "ledger", "lina"))
    assert refused.cause == "password_needed"
    assert "要求用户「lina」输入密码" in str(refused)


def test_a_wrong_password_is_said_and_never_shown() -> None:
    with PasswordGate("another") as gate:
        url = server_url("127.0.0.1", gate.port, "ledger", "lina", PASSWORD)
        refused = refusal(url)
        assert gate.passwords_seen == [PASSWORD]  # it was sent, so the server said no to it
    assert refused.cause == "password_wrong" and "密码不正确" in str(refused)
    assert PASSWORD not in f"{refused} {refused.detail} {refused.__cause__} {url!r} {url}"
    assert shown_name(url) == f"postgresql://lina@127.0.0.1:{gate.port}/ledger"  # not even ***


def test_opening_says_the_same_and_a_password_mends_it() -> None:
    """The cause opening gives is the one the window asks a password for (ui.password)."""
    with PasswordGate(PASSWORD) as gate:
        url = server_url("127.0.0.1", gate.port, "ledger", "lina")
        with pytest.raises(ServerUnreachable) as refused:
            open_database(url)
        assert refused.value.cause == "password_needed"
        with pytest.raises(ServerUnreachable) as wrong:
            open_database(with_password(url, "nope"))
        assert wrong.value.cause == "password_wrong"


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


@needs_server
def test_an_empty_database_will_become_a_ledger_and_stays_empty(server_db: Any) -> None:
    url = server_db()
    found = probe_server(url)
    assert (found.state, found.revision) == (EMPTY, None)
    assert tables_of(url) == set()  # the test created nothing


@needs_server
def test_a_ledger_is_named_with_its_revision_office_and_records(server_db: Any) -> None:
    url = server_db(migrated=True)
    ledger = Ledger.open(url)
    ledger.set_settings(office_name="廊坊开发区对口帮扶办公室", office_code="131001")
    kangbao = ledger.regions.create(name="康保县", level="county")
    ledger.regions.create(name="开发区", level="zone")
    ledger.regions.delete(kangbao.id)  # a deleted record is not counted
    ledger.close()
    [[(events_before,)]] = sql(url, "SELECT count(*) FROM audit_event")
    found = probe_server(url)
    assert (found.state, found.revision, found.upgrade_due) == (LEDGER, head_revision(), False)
    assert found.office_name == "廊坊开发区对口帮扶办公室" and found.records == 1
    assert sql(url, "SELECT count(*) FROM audit_event") == [[(events_before,)]]


@needs_server
def test_an_older_ledger_is_due_an_upgrade(server_db: Any) -> None:
    url = server_db(migrated=True)
    sql(url, "UPDATE alembic_version SET version_num = '0008'")
    found = probe_server(url)
    assert (found.state, found.revision, found.upgrade_due) == (LEDGER, "0008", True)
    assert found.records is None  # not counted on a schema this program does not read yet
    assert sql(url, "SELECT version_num FROM alembic_version") == [[("0008",)]]


@needs_server
def test_a_newer_ledger_and_a_foreign_database_are_named_as_opening_refuses_them(
    server_db: Any,
) -> None:
    newer = server_db(migrated=True)
    sql(newer, "UPDATE alembic_version SET version_num = '9999'")
    assert (probe_server(newer).state, probe_server(newer).revision) == (NEWER, "9999")
    foreign = server_db()
    sql(foreign, "CREATE TABLE customers (id integer primary key, name text)")
    assert probe_server(foreign).state == FOREIGN
    assert tables_of(foreign) == {"customers"}


@needs_server
def test_no_such_database_and_no_such_user_on_a_real_server() -> None:
    assert engines.SERVER is not None
    base = make_url(engines.SERVER)
    missing = base.set(database="pairtrack_no_such_database").render_as_string(False)
    assert refusal(missing).cause == "no_database"
    nobody = base.set(username="pairtrack_no_such_user").render_as_string(False)
    refused = refusal(nobody)
    assert refused.cause == "no_role" and "pairtrack_no_such_user" in str(refused)


@needs_server
def test_the_right_password_is_let_through_to_the_database(server_db: Any) -> None:
    url = make_url(server_db(migrated=True))
    upstream = (url.host or "127.0.0.1", int(url.port or 5432))
    with PasswordGate(PASSWORD, upstream) as gate:
        gated = server_url("127.0.0.1", gate.port, url.database or "", url.username or "")
        found = probe_server(with_password(gated, PASSWORD))
    assert found.state == LEDGER and found.revision == head_revision()
