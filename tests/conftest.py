"""Settings every test shares, and the database engines the data tests run on.

GUI tests (pytest-qt) run without a display. A test that takes ``db_target`` (directly or
through a ledger fixture of its folder's conftest) runs once per engine in ``ENGINES``: on
SQLite, and also on PostgreSQL when ``PAIRTRACK_TEST_PG`` names a server (tests/engines.py).
Without it nothing is parametrised: the suite's tests, names and speed are as they were.
Tests about SQLite files (WAL, locations, file backups, lock files, read-only places) carry
``@pytest.mark.sqlite_only(reason)`` and run on SQLite alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import engines

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): about SQLite files; runs on SQLite alone"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames or len(engines.ENGINES) == 1:
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    names = ("sqlite",) if only is not None else engines.ENGINES
    # session scope: a fixture shared by a module or the session (a demo ledger) is made
    # once per engine, and the tests are grouped by engine
    metafunc.parametrize("db_engine", names, indirect=True, scope="session")


def pytest_sessionfinish(session: pytest.Session) -> None:
    engines.finish()


@pytest.fixture(scope="session")
def db_engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the engine of this run of the test."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_target(db_engine: str, tmp_path: Path) -> Iterator[Any]:
    """A fresh database for one test: a file in its tmp folder, or a database on the server
    (dropped after the test)."""
    with engines.database(db_engine, tmp_path) as target:
        yield target


@pytest.fixture
def new_db(db_engine: str, tmp_path: Path) -> Iterator[Any]:
    """``new_db(name, migrated=True)``: more fresh databases for one test (several offices)."""
    made: list[Any] = []

    def make(name: str = "t.db", *, migrated: bool = True) -> Any:
        target = engines.new_database(db_engine, tmp_path, name, migrated=migrated)
        made.append(target)
        return target

    yield make
    for target in made:
        engines.drop_database(target)
