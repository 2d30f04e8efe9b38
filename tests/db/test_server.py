"""A database on a PostgreSQL server, named by ``--db postgresql://user@host:port/name``: the
URL is understood (psycopg 3) or refused in Chinese, never taken for a file; a server database
is created, refused or upgraded exactly as a file is (tests/db/test_migrations.py).

The tests that need a server run when ``PAIRTRACK_TEST_PG`` names one (tests/engines.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from pairtrack.db.engine import database_path, database_url, is_server, shown_name
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.migrate import alembic_config, head_revision, open_database
from pairtrack.tracker.cli import run
from tests import engines

needs_server = pytest.mark.skipif(engines.SERVER is None, reason=f"{engines.PG_ENV} is not set")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://lina@db.example:5432/ledger",
        "postgresql+psycopg://lina@db.example:5432/ledger",
        "postgres://lina@db.example/ledger",
    ],
)
def test_a_postgresql_url_is_opened_with_psycopg_and_is_no_file(url: str) -> None:
    parsed = database_url(url)
    assert parsed.drivername == "postgresql+psycopg"
    assert parsed.database == "ledger" and parsed.username == "lina"
    assert is_server(url) and database_path(url) is None


def test_a_password_is_never_shown() -> None:
    url = "postgresql://lina:s3cret@db.example/ledger"
    assert "s3cret" not in shown_name(url)
    with pytest.raises(DatabaseRefused) as refused:
        database_url("mysql://lina:s3cret@db.example/ledger")
    assert "s3cret" not in str(refused.value)


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("mysql://lina@db.example/ledger", "不是 PairTrack 支持的数据库地址"),
        ("postgresql+asyncpg://lina@db.example/ledger", "不是 PairTrack 支持的数据库地址"),
        ("postgresql://lina@db.example:port/ledger", "不是 PairTrack 支持的数据库地址"),
        ("postgresql://lina@db.example", "没有写数据库名"),
        ("postgresql://nobody@127.0.0.1:1/ledger", "无法连接数据库服务器"),
    ],
)
def test_a_url_that_cannot_be_used_is_said_in_chinese_and_makes_no_file(
    db: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["--db", db, "summary", "--year", "2017"]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and "Error" not in err.split("：", 1)[0]
    assert list(tmp_path.iterdir()) == []  # the database name was not taken for a file


def test_without_the_postgresql_client_a_server_url_is_refused_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A program without psycopg (an installation or a bundle missing it) says what is
    missing instead of an English ImportError."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg → ImportError
    assert run(["--db", "postgresql://lina@127.0.0.1:1/ledger", "check"]) == 1
    err = capsys.readouterr().err
    assert "没有 PostgreSQL 客户端（psycopg）" in err and "psycopg[binary]" in err
    assert "Traceback" not in err and "ImportError" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[Callable[..., str]]:
    made: list[str] = []

    def make(*, migrated: bool = False) -> str:
        made.append(engines.new_database("postgresql", tmp_path, migrated=migrated))
        return made[-1]

    yield make
    for target in made:
        engines.drop_database(target)


def tables_of(url: str) -> set[str]:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def sql(url: str, *statements: str) -> list[Any]:
    engine = create_engine(database_url(url))
    try:
        out = []
        with engine.begin() as conn:
            for statement in statements:
                result = conn.execute(text(statement))
                out.append(result.all() if result.returns_rows else None)
        return out
    finally:
        engine.dispose()


@needs_server
def test_an_empty_server_database_becomes_a_pairtrack_database(server_db: Any) -> None:
    url = server_db()
    open_database(url).dispose()  # every migration, 0001 to the head, runs on PostgreSQL
    [marker, revision] = sql(
        url, "SELECT value FROM meta WHERE key = 'app'", "SELECT version_num FROM alembic_version"
    )
    assert marker == [("PairTrack",)] and revision == [(head_revision(),)]


@needs_server
def test_another_programs_server_database_is_refused_untouched(server_db: Any) -> None:
    url = server_db()
    sql(url, "CREATE TABLE customers (id integer primary key, name text)")
    with pytest.raises(DatabaseRefused, match="不是 PairTrack 数据库"):
        open_database(url)
    assert tables_of(url) == {"customers"}


@needs_server
def test_a_server_database_from_a_newer_pairtrack_is_refused(server_db: Any, capsys: Any) -> None:
    url = server_db(migrated=True)
    sql(url, "UPDATE alembic_version SET version_num = '9999'")
    assert run(["--db", url, "summary", "--year", "2017"]) == 1
    err = capsys.readouterr().err
    assert "更新版本" in err and "Traceback" not in err
    assert sql(url, "SELECT version_num FROM alembic_version") == [[("9999",)]]


def _at_revision(url: str, revision: str) -> None:
    from alembic import command

    engine = create_engine(database_url(url))
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def _amount_type(url: str) -> str:
    [[(kind,)]] = sql(
        url,
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = 'fund_transfer' AND column_name = 'amount_fen'",
    )
    return str(kind)


@needs_server
def test_an_older_server_database_is_upgraded_in_one_transaction(
    server_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    url = server_db()
    _at_revision(url, "0008")
    assert _amount_type(url) == "integer"
    upgrade = command.upgrade

    def fails_after_the_migrations(config: Any, revision: str) -> None:
        upgrade(config, revision)
        raise OSError("power cut")

    monkeypatch.setattr(command, "upgrade", fails_after_the_migrations)
    with pytest.raises(OSError):
        open_database(url)
    # nothing of the upgrade stayed: the old revision, the old column type
    assert sql(url, "SELECT version_num FROM alembic_version") == [[("0008",)]]
    assert _amount_type(url) == "integer"
    monkeypatch.setattr(command, "upgrade", upgrade)
    open_database(url).dispose()
    assert sql(url, "SELECT version_num FROM alembic_version") == [[(head_revision(),)]]
    assert _amount_type(url) == "bigint"
