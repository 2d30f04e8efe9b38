"""The database engines the suite runs on: SQLite always, and PostgreSQL when the environment
variable ``PAIRTRACK_TEST_PG`` names a server (``postgresql://postgres@127.0.0.1:55432/postgres``).

A test gets a fresh database either way: a file in its tmp folder, or a database of its own on
the server. A server database is made from a template migrated once per run (``CREATE DATABASE
… TEMPLATE``, ~0.6 s on a loaded 2-CPU machine, as long as migrating one). When a test is done
its database is emptied back to the template's state and handed to the next test (~0.03 s):
its other connections are ended, every table emptied (sequences restarted) and the template's
rows put back — unless its schema no longer matches the template's (a test dropped a
constraint, say): then it is dropped. Tests of creating or migrating a database ask for an
empty one (``migrated=False``), which is always dropped.
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


# What the schema of the public tables is (tables, columns, indexes, constraints), as one hash.
_SCHEMA = """
SELECT md5(coalesce(string_agg(item, ';' ORDER BY item), '')) FROM (
  SELECT c.relname || ':' || c.relkind::text AS item FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT a.attrelid::regclass::text || '.' || a.attname || ':'
         || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull::text
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
   WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
) items
"""
_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def _connect(name: str) -> Any:
    import psycopg

    return psycopg.connect(server_url(name).replace("postgresql+psycopg://", "postgresql://", 1))


def _template() -> str:
    """The migrated template, with its schema's hash and its rows (meta, alembic_version)."""
    if "template" not in _state:
        from pairtrack.db.migrate import open_database

        name = f"pairtrack_template_{os.getpid()}"
        _admin().execute(f'DROP DATABASE IF EXISTS "{name}"')
        _admin().execute(f'CREATE DATABASE "{name}"')
        open_database(server_url(name)).dispose()
        with _connect(name) as conn:
            _state["schema"] = conn.execute(_SCHEMA).fetchone()[0]
            tables = [t for (t,) in conn.execute(_TABLES)]
            rows = {t: conn.execute(f'SELECT * FROM "{t}"') for t in tables}
            _state["tables"] = tables
            _state["rows"] = [
                (t, [d.name for d in cursor.description or ()], cursor.fetchall())
                for t, cursor in rows.items()
            ]
        _state["template"] = name
        _state["free"] = []
    return str(_state["template"])


def new_database(engine: str, folder: Path, name: str = "t.db", *, migrated: bool = True) -> Any:
    """A target for ``Ledger.open``/``--db`` that no test has used: ``folder / name`` on SQLite
    (made by the first open, as always), a database on the server in the template's state."""
    if engine == "sqlite":
        return folder / name
    template = _template()
    if migrated and _state["free"]:
        return server_url(_state["free"].pop())
    database = f"pairtrack_test_{os.getpid()}_{next(_names)}"
    _admin().execute(
        f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if migrated else "")
    )
    return server_url(database)


def drop_database(target: Any) -> None:
    """Done with a server database made by ``new_database`` (a file is left to its tmp
    folder): emptied for the next test, or dropped. ``WITH (FORCE)`` and the ended
    connections: one a failing test left open keeps nothing."""
    if not is_server(target):
        return
    from sqlalchemy.engine import make_url

    name = str(make_url(target).database)
    _admin().execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        (name,),
    )
    if _emptied(name):
        _state["free"].append(name)
    else:
        _admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _emptied(name: str) -> bool:
    """Put ``name`` back in the template's state, if its schema still is the template's."""
    with _connect(name) as conn:
        if conn.execute(_SCHEMA).fetchone()[0] != _state["schema"]:
            return False
        # DELETE, not TRUNCATE: a few rows each, and TRUNCATE makes new files for every table
        conn.execute("SET LOCAL session_replication_role = replica")  # no foreign-key order
        for table in _state["tables"]:
            conn.execute(f'DELETE FROM "{table}"')
        conn.execute(
            "SELECT setval(c.oid, 1, false) FROM pg_class c "
            "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
        )
        for table, columns, rows in _state["rows"]:
            if rows:
                marks = ", ".join(["%s"] * len(columns))
                names = ", ".join(f'"{c}"' for c in columns)
                with conn.cursor() as cursor:
                    cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    return True


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
    """At the end of the run: the template and the emptied databases go, the admin
    connection closes."""
    admin = _state.pop("admin", None)
    if admin is None:
        return
    for name in [*_state.pop("free", []), _state.pop("template", None)]:
        if name is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
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
    login = ledger.engine.url.username
    return name if name == login else f"{name}（{login}）"


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


@contextmanager
def fresh_ledgers(
    engine: str, folder: Path, count: int, blank: Path | None = None
) -> Iterator[list[Any]]:
    """``count`` new migrated ledgers for one example of a property test, closed (and on the
    server emptied for reuse) afterwards. On SQLite each is a copy of ``blank``, a migrated
    empty file made once (copying is ~50× faster than migrating); on the server each comes
    from the template like any test's database."""
    import shutil

    from pairtrack.tracker.ledger import Ledger

    targets: list[Any] = []
    ledgers: list[Any] = []
    try:
        for n in range(count):
            if engine == "sqlite" and blank is not None:
                target: Any = folder / f"office{n}.db"
                shutil.copy(blank, target)
            else:
                target = new_database(engine, folder, f"office{n}.db")
            targets.append(target)
            ledgers.append(Ledger.open(target))
        yield ledgers
    finally:
        for ledger in ledgers:
            ledger.close()
        for target in targets:
            drop_database(target)
