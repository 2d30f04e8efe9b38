"""Repair what an interrupted upgrade of an older PairTrack left behind.

Before the upgrade ran in one transaction (db.migrate.upgrade), Python's sqlite3 module
committed each CREATE INDEX / ALTER TABLE on its own: a kill or a full disk half-way left a
file still stamped with its old revision but holding some objects of the next ones, and every
later start failed with "index … already exists" or "duplicate column name: rev".

The repair compares the file with the schema its revision really has (built by running the
migrations up to that revision in memory) and takes away what does not belong there: extra
indexes (they hold no data), extra empty tables, extra columns. It runs inside the upgrade's
transaction, so it is undone with it if anything fails. A leftover table that holds rows is not
something an interrupted upgrade makes: the file is refused instead of guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import StaticPool

from pairtrack.db.errors import DatabaseRefused

if TYPE_CHECKING:
    from alembic.config import Config

# What SQLite and the batch mode of Alembic create on their own.
_INTERNAL = ("sqlite_", "_alembic_tmp_")


@dataclass(frozen=True)
class Schema:
    tables: frozenset[str]
    indexes: frozenset[str]
    columns: dict[str, tuple[str, ...]]


def schema_of(conn: Connection) -> Schema:
    rows = conn.exec_driver_sql("SELECT type, name FROM sqlite_master").fetchall()
    tables = frozenset(n for t, n in rows if t == "table" and not n.startswith("sqlite_"))
    indexes = frozenset(n for t, n in rows if t == "index" and not n.startswith("sqlite_"))
    columns = {
        table: tuple(r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")'))
        for table in tables
    }
    return Schema(tables, indexes, columns)


_REFERENCES: dict[str, Schema] = {}


def reference_schema(revision: str, config: Config) -> Schema:
    """The schema a file at ``revision`` has, built by the migrations (``config``, from
    db.migrate.alembic_config) in a memory database."""
    if revision not in _REFERENCES:
        from alembic import command

        engine = create_engine("sqlite://", poolclass=StaticPool)
        try:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                _REFERENCES[revision] = schema_of(conn)
        finally:
            engine.dispose()
    return _REFERENCES[revision]


def remove_leftovers(conn: Connection, revision: str, config: Config) -> list[str]:
    """Bring the file back to exactly ``revision``'s schema; what was taken away, as SQL."""
    want, have = reference_schema(revision, config), schema_of(conn)
    done: list[str] = []

    def run(sql: str) -> None:
        conn.exec_driver_sql(sql)
        done.append(sql)

    for index in sorted(have.indexes - want.indexes):
        run(f'DROP INDEX "{index}"')
    for table in sorted(have.tables - want.tables):
        if not table.startswith(_INTERNAL):
            count = conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar()
            if count:
                raise DatabaseRefused(
                    f"数据库结构版本为 {revision}，却含有不属于该版本、且有 {count} 行数据的表 "
                    f"{table}。程序不会猜测如何处理它；请从 backups 文件夹中的备份恢复"
                    "（pairtrack restore 备份文件）。文件未作任何改动。"
                )
        run(f'DROP TABLE "{table}"')
    for table in sorted(want.tables & have.tables):
        for column in have.columns[table]:
            if column not in want.columns[table]:
                run(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    return done
