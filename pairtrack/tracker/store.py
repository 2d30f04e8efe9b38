"""The storage object: one database, its read and write blocks, and the settings in ``meta``.

Services are built on a ``Store`` (never on ``Ledger``), so the domain layer has no import
cycle: ``store`` ← ``services`` ← ``kinds`` ← ``ledger``.

A block is bound to the thread that opened it. Inside a read block, further reads on the same
thread join it, so everything gathered there comes from one snapshot (a brief, a dashboard).
Inside a write block, reads see the uncommitted rows and a nested write becomes a savepoint: a
service call that fails inside someone else's transaction undoes only its own part.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from pairtrack.db.dialects import is_sqlite
from pairtrack.db.engine import BUSY_TIMEOUT_MS, database_path, shown_name, writing
from pairtrack.db.migrate import open_database
from pairtrack.db.models import Meta
from pairtrack.tracker.audit import append_event
from pairtrack.tracker.changes import ChangeLog
from pairtrack.tracker.errors import PairTrackError, ValidationError

_WRITING = "pairtrack_writing"


class Store:
    def __init__(self, engine: Engine, *, read_only: str | None = None) -> None:
        """``read_only``: why the database was opened so that SQLite refuses every write
        (another window has it, a read-only location); a write block then says so at once."""
        self.engine = engine
        self.read_only = read_only
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(writing(engine), expire_on_commit=False)
        self._local = threading.local()

    @classmethod
    def open(cls, target: str | Path | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Self:
        return cls(open_database(target, busy_timeout_ms))

    @property
    def path(self) -> Path | None:
        return database_path(self.engine.url)

    @property
    def name(self) -> str:
        """The database as a person names it: the file's path, or the server's URL (no password)."""
        return shown_name(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    # --- blocks ------------------------------------------------------------------------------
    def _current(self) -> Session | None:
        return getattr(self._local, "session", None)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One snapshot: every query in the block sees the database as it was at its first."""
        current = self._current()
        if current is not None:
            yield current
            return
        with self._reads() as session:
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception.

        A constraint that the service rules did not foresee (or a race with another writer)
        still reaches the user as one Chinese message, with nothing written.
        """
        if self.read_only is not None:
            raise ReadOnlyLedger(self.read_only)
        current = self._current()
        if current is not None:
            if not current.info.get(_WRITING):
                raise RuntimeError("a write block cannot start inside a read block")
            try:
                with current.begin_nested():
                    yield current
            except IntegrityError as error:
                raise _refused(error) from error
            return
        try:
            with self._writes.begin() as session:
                session.info[_WRITING] = True
                self._local.session = session
                try:
                    yield session
                finally:
                    self._local.session = None
                log: ChangeLog | None = session.info.get("changes")
        except IntegrityError as error:
            raise _refused(error) from error
        if log is not None:
            for listener in getattr(self._local, "logs", ()):
                listener.merge(log.freeze())

    @contextmanager
    def recording(self) -> Iterator[ChangeLog]:
        """Collect what every write committed on this thread during the block."""
        log = ChangeLog()
        logs: list[ChangeLog] = self._local.__dict__.setdefault("logs", [])
        logs.append(log)
        try:
            yield log
        finally:
            logs.remove(log)

    # --- settings kept in ``meta`` -------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        with self.read() as session:
            value = session.scalar(select(Meta.value).where(Meta.key == key))
        return default if value is None else value

    def settings(self) -> dict[str, str]:
        """Every setting; on a server, ``operator`` is the display name of this login."""
        with self.read() as session:
            found = {key: value for key, value in session.execute(select(Meta.key, Meta.value))}
            login = login_in(session)
        if login is not None:
            found["operator"] = found.get(operator_key(login), "")
        return found

    def set_settings(self, **values: str) -> None:
        """Set and audit each value; on a server ``operator`` sets this login's display name."""
        with self.write() as session:
            login = login_in(session)
            for name, value in values.items():
                session.info.pop(_OPERATOR, None)
                session.info.pop(_ORIGIN, None)
                key = operator_key(login) if name == "operator" and login is not None else name
                row = session.get(Meta, key)
                before = None if row is None else row.value
                if row is None:
                    session.add(Meta(key=key, value=value))
                else:
                    row.value = value
                append_event(
                    session,
                    operator=operator_in(session),
                    action="setting",
                    table_name="meta",
                    row_id=key,
                    before=before,
                    after=value,
                )

    @property
    def operator(self) -> str:
        """Who the audit trail names for this ledger's writes (``operator_in``)."""
        with self.read() as session:
            return operator_in(session)

    @property
    def office_code(self) -> str:
        return self.setting("office_code")

    @property
    def office_name(self) -> str:
        return self.setting("office_name")


def operator_in(session: Session) -> str:
    """Who makes the writes of ``session``, as the audit trail records it.

    In a file (one office PC, one person at a time) that is the one operator set in ``meta``.
    On a server several people write the same database, so one shared setting would name them
    all alike: there each write is put down to the login it came from (PostgreSQL's
    ``session_user``, which the user cannot change without logging in as someone else), shown
    with the display name that login chose for itself (``operator.<login>`` in ``meta``):
    "李娜（lina）", or the login alone while none is set.
    """
    known: str | None = session.info.get(_OPERATOR)
    if known is not None:
        return known
    login = login_in(session)
    if login is None:
        found = session.scalar(select(Meta.value).where(Meta.key == "operator")) or ""
    else:
        name = session.scalar(select(Meta.value).where(Meta.key == operator_key(login))) or ""
        found = f"{name}（{login}）" if name and name != login else login
    # kept for the transaction (a bulk step writes thousands of events); set_settings forgets it
    session.info[_OPERATOR] = found
    return found


_OPERATOR, _ORIGIN = "pairtrack_operator", "pairtrack_origin"


_LOGIN = "pairtrack_login"


def login_in(session: Session) -> str | None:
    """The server login of ``session``'s connection; ``None`` for a file (SQLite)."""
    if is_sqlite(session):
        return None
    connection = session.connection()
    login = connection.info.get(_LOGIN)  # kept with the driver's connection: it never changes
    if login is None:
        login = connection.info[_LOGIN] = str(
            connection.exec_driver_sql("SELECT session_user").scalar()
        )
    return str(login)


def operator_key(login: str) -> str:
    """The ``meta`` key of a login's display name."""
    return f"operator.{login}"


def origin_in(session: Session) -> str:
    """This office's code: the ``origin`` of every row it creates (kept like the operator)."""
    known: str | None = session.info.get(_ORIGIN)
    if known is None:
        known = session.info[_ORIGIN] = (
            session.scalar(select(Meta.value).where(Meta.key == "office_code")) or ""
        )
    return known


class ReadOnlyLedger(PairTrackError):
    """A write asked of a ledger opened read-only."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"数据库是以只读方式打开的（{reason}），不能修改，未写入任何内容。")


def _refused(error: IntegrityError) -> ValidationError:
    return ValidationError(None, f"数据库拒绝了这次修改（{error.orig}），未写入任何内容")
