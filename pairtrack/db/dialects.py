"""SQL that SQLite and PostgreSQL spell differently, one helper per rule.

Services and reports are written once; where the two engines need different words for the
same thing, the word is chosen here from the connection's dialect (``tracker.as_of`` holds
the one for reading a stored row's JSON).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.sqltypes import NullType


def dialect_name(bind: Session | Connection | Engine) -> str:
    """``sqlite`` or ``postgresql``, for the database ``bind`` talks to."""
    if isinstance(bind, Session):
        return bind.get_bind().dialect.name
    return bind.dialect.name


def is_sqlite(bind: Session | Connection | Engine) -> bool:
    return dialect_name(bind) == "sqlite"


def insert_ignoring_duplicates(bind: Session | Connection | Engine, model: Any) -> Insert:
    """An INSERT that skips a row whose key is already there: SQLite's INSERT OR IGNORE (as it
    always was there), PostgreSQL's ``ON CONFLICT DO NOTHING``."""
    if is_sqlite(bind):
        return insert(model).prefix_with("OR IGNORE")
    # imported here: the package brings every PostgreSQL driver's dialect (asyncpg among
    # them, 50 ms), which a SQLite ledger never needs
    from sqlalchemy.dialects import postgresql

    return postgresql.insert(model).on_conflict_do_nothing()


def insertion_order(
    bind: Session | Connection | Engine, alias: str, *, history: bool = False
) -> str:
    """An ORDER BY expression listing a table's rows in the order they were written.

    SQLite numbers rows as they are inserted (``rowid``). PostgreSQL has no such number (and
    ``ctid`` moves on every update): a synced row is listed by when it was created, then id; a
    row of ``row_history`` by when it was recorded, then its revision.
    """
    if is_sqlite(bind):
        return f"{alias}.rowid"
    if history:
        return f"{alias}.recorded_at, {alias}.rev"
    return f"{alias}.created_at, {alias}.id"


def stored_values(values: Iterable[Any]) -> list[Any]:
    """A row read with raw SQL, as SQLite stores it: a date as its ISO text (``2017-03-01``).

    SQLite keeps dates as text and hands that text back; PostgreSQL has a DATE type and its
    driver returns ``datetime.date``. Readers that copy stored values byte for byte (packages,
    revision hashes) read them through here, so both engines give the same text.
    """
    return [
        v.isoformat() if isinstance(v, date) and not isinstance(v, datetime) else v for v in values
    ]


def mark(bind: Session | Connection | Engine) -> str:
    """The driver's placeholder for one parameter of raw SQL (``exec_driver_sql``): SQLite's
    ``?``, psycopg's ``%s``."""
    return "?" if is_sqlite(bind) else "%s"


def marks(bind: Session | Connection | Engine, count: int) -> str:
    """``count`` placeholders, comma-separated (``IN (…)``, ``VALUES (…)``)."""
    return ", ".join([mark(bind)] * count)


class text_like(FunctionElement[bool]):
    """``column LIKE pattern ESCAPE '\\'`` as SQLite matches it: ASCII letters in either case.
    PostgreSQL's LIKE tells the cases apart, so there it is ILIKE (a search for "jd" finds
    "JD物流" on both engines)."""

    type = NullType()  # type: ignore[assignment]  # a Boolean would get "= 1" on SQLite
    inherit_cache = True

    def __init__(self, column: Any, pattern: str) -> None:
        super().__init__(column, literal(pattern))


@compiles(text_like)
def _text_like_sqlite(element: text_like, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} LIKE {pattern} ESCAPE '\\'"


@compiles(text_like, "postgresql")
def _text_like_postgresql(element: text_like, compiler: SQLCompiler, **kw: Any) -> str:
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} ILIKE {pattern} ESCAPE '\\'"


def next_number(session: Session, column: Any) -> int | None:
    """The number for a new row of a numbered table (audit events, imports) as SQLite gives
    it: one more than the largest there. ``None`` on SQLite, which does exactly that itself.

    A PostgreSQL sequence is not rolled back with the transaction, so a dry run or a refused
    import would leave gaps, and "第 N 条" or ``imports --undo N`` would stop counting rows.
    Read inside a write transaction, which holds the writers' lock, the maximum cannot race.
    """
    if is_sqlite(session):
        return None
    return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1
