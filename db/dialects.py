"""SQL that SQLite and PostgreSQL spell differently, one helper per rule.

Services and reports are written once; where the two engines need different words for the
same thing, the word is chosen here from the connection's dialect (``tracker.as_of`` holds
the one for reading a stored row's JSON).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, insert
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert


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
    return postgresql.insert(model).on_conflict_do_nothing()
