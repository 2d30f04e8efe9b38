"""Declarative base and the columns every synced table shares (DESIGN §2)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import BigInteger, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Fixed-width text so that timestamps compare correctly as strings in SQL and in JSON exports.
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# Named constraints keep Alembic batch migrations on SQLite deterministic.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


# Money in fen (and a target's value, fen or a count): 64-bit on every engine (DESIGN §2).
# On SQLite INTEGER already is 64-bit, and the files keep saying INTEGER as they always did.
BigInt = BigInteger().with_variant(Integer(), "sqlite")
# A key of ``meta`` and the row id of an audit event, which may be such a key (migration 0009).
KEY_LENGTH = 128


def widened(sqlite_length: int) -> String:
    """A key column of ``KEY_LENGTH`` characters, which SQLite files keep declaring with the
    length they were made with: SQLite enforces no VARCHAR length, and migration 0009 leaves
    its tables as they are (no rebuild of a large ledger for a word in the schema)."""
    return String(KEY_LENGTH).with_variant(String(sqlite_length), "sqlite")


REV_LENGTH = 32
REVISION_COLUMNS = ("rev", "parents")
"""Bookkeeping columns of a synced row that are not part of its content."""


def new_id() -> str:
    return str(uuid.uuid4())


@lru_cache(maxsize=1024)  # bulk writes stamp thousands of rows with the same instant
def format_timestamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: PairTrack stores UTC timestamps only")
    return value.astimezone(UTC).strftime(_TS_FORMAT)


def parse_timestamp(text: str) -> datetime:
    return datetime.strptime(text, _TS_FORMAT).replace(tzinfo=UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as fixed-width ISO text."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else format_timestamp(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_timestamp(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncedMixin:
    """Columns that let two offices' records merge: global ids, origin, times, tombstones."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # indexed: the offices a database holds are read by seeking from one origin to the next
    origin: Mapped[str] = mapped_column(String(32), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # The revision this row is at, and the one or two revisions it was made from
    # (space-separated; two for a merge). See tracker.revisions: offices merge by these,
    # never by the clock.
    # (server defaults: a row written by other means reads as "no revision yet")
    rev: Mapped[str] = mapped_column(String(32), default="", server_default="")
    parents: Mapped[str] = mapped_column(String(65), default="", server_default="")
