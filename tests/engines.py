"""The database engines the suite runs on: SQLite always, and PostgreSQL when the environment
variable ``PAIRTRACK_TEST_PG`` names a server (``postgresql://postgres@127.0.0.1:55432/postgres``).

A test gets a fresh database either way: a file in its tmp folder, or a database of its own on
the server, made for the test and dropped after it. A new server database is copied from a
template migrated once per run (``CREATE DATABASE … TEMPLATE``): about ten times faster than
running the migrations for every test. Tests of creating or migrating a database ask for an
empty one (``migrated=False``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PG_ENV = "PAIRTRACK_TEST_PG"
SERVER = os.environ.get(PG_ENV, "").strip() or None
ENGINES: tuple[str, ...] = ("sqlite", "postgresql") if SERVER else ("sqlite",)

_names = itertools.count()
_state: dict[str, Any] = {}


def _admin() -> Any:
    """One autocommit connection to the server's maintenance database (CREATE/DROP DATABASE)."""
    import psycopg

    if "admin" not in _state:
        assert SERVER is not None, f"{PG_ENV} is not set"
        url = SERVER.replace("postgresql+psycopg://", "postgresql://", 1)
        _state["admin"] = psycopg.connect(url, autocommit=True)
    return _state["admin"]


def server_url(name: str) -> str:
    """The URL of database ``name`` on the test server, as a user would type it."""
    from sqlalchemy.engine import make_url

    assert SERVER is not None
    return make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def _template() -> str:
    if "template" not in _state:
        from db.migrate import open_database

        name = f"pairtrack_template_{os.getpid()}"
        _admin().execute(f'DROP DATABASE IF EXISTS "{name}"')
        _admin().execute(f'CREATE DATABASE "{name}"')
        open_database(server_url(name)).dispose()
        _state["template"] = name
    return str(_state["template"])


def new_database(engine: str, folder: Path, name: str = "t.db", *, migrated: bool = True) -> Any:
    """A target for ``Ledger.open``/``--db`` that no test has used: ``folder / name`` on SQLite
    (made by the first open, as always), a new database on the server."""
    if engine == "sqlite":
        return folder / name
    database = f"pairtrack_test_{os.getpid()}_{next(_names)}"
    template = f' TEMPLATE "{_template()}"' if migrated else ""
    _admin().execute(f'CREATE DATABASE "{database}"{template}')
    return server_url(database)


def drop_database(target: Any) -> None:
    """Drop a server database made by ``new_database`` (a file is left to its tmp folder).
    ``WITH (FORCE)``: a connection a failing test left open does not keep it."""
    if isinstance(target, str) and "://" in target:
        from sqlalchemy.engine import make_url

        name = make_url(target).database
        _admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(
    engine: str, folder: Path, name: str = "t.db", *, migrated: bool = True
) -> Iterator[Any]:
    target = new_database(engine, folder, name, migrated=migrated)
    try:
        yield target
    finally:
        drop_database(target)


def finish() -> None:
    """At the end of the run: the template goes, and the admin connection closes."""
    admin = _state.pop("admin", None)
    if admin is None:
        return
    template = _state.pop("template", None)
    if template is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
    admin.close()


def is_server(target: Any) -> bool:
    return isinstance(target, str) and "://" in target


def target_of(ledger: Any) -> Any:
    """What ``--db`` names for an open ledger: its file, or its server URL (with password)."""
    if ledger.path is not None:
        return ledger.path
    return ledger.engine.url.render_as_string(hide_password=False)


class Raw:
    """SQL on the ledger's database behind the program's back, as someone bypassing it would
    (plain sqlite3 on the file, or psycopg on the server). ``?`` placeholders on both; as with
    sqlite3, a ``with`` block commits (or rolls back) and ``close()`` ends the connection."""

    def __init__(self, ledger: Any) -> None:
        self.server = ledger.path is None
        if self.server:
            import psycopg

            url = ledger.engine.url.set(drivername="postgresql")
            self.connection = psycopg.connect(url.render_as_string(hide_password=False))
        else:
            import sqlite3

            self.connection = sqlite3.connect(ledger.path)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self.server:
            sql = sql.replace("%", "%%").replace("?", "%s")
        return self.connection.execute(sql, params)

    def __enter__(self) -> Raw:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.connection.commit()
        else:
            self.connection.rollback()

    def close(self) -> None:
        self.connection.commit()
        self.connection.close()


def recorded(ledger: Any, name: str) -> str:
    """How the audit trail names an operator whose display name is ``name``: the name itself
    in a file, "name（login）" on a server (``tracker.store.operator_in``)."""
    if ledger.path is not None:
        return name
    return f"{name}（{ledger.engine.url.username}）"


def copy_of(ledger: Any, folder: Path) -> Any:
    """A new database holding what ``ledger``'s holds (dropped with ``drop_database``): a copy
    of the file through SQLite's backup, or on the server a database made from it as template
    (which needs its connections closed: the ledger's pool reconnects on its next use)."""
    if ledger.path is not None:
        import sqlite3

        target = folder / f"copy-{next(_names)}.db"
        with sqlite3.connect(ledger.path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return target
    ledger.engine.dispose()
    database = f"pairtrack_test_{os.getpid()}_{next(_names)}"
    _admin().execute(f'CREATE DATABASE "{database}" TEMPLATE "{ledger.engine.url.database}"')
    return server_url(database)
