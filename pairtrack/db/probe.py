"""测试连接: what a server database is, asked without changing anything in it.

The 数据库 dialog tests a server before the window switches to it. The answer uses the
rules that opening uses — ``db.reach`` for a server that cannot be used, and
``db.migrate.ledger_state`` for what the database holds — so the test says exactly what
opening would do (an empty database becomes a ledger, a foreign or newer one is refused).
The session is read-only on the server's side (``default_transaction_read_only``) as well,
and the engine is dropped afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from pairtrack.db.engine import create_db_engine, shown_name
from pairtrack.db.migrate import LEDGER, head_revision, server_state
from pairtrack.db.reach import unreachable

PROBE_TIMEOUT_S = 5  # a test of the connection is waited for: shorter than opening's


@dataclass(frozen=True)
class Probe:
    """What a server database holds (``db.migrate``: empty, ledger, newer, foreign)."""

    state: str
    revision: str | None  # its schema revision (ledger, newer)
    head: str  # this program's revision: a ledger below it is upgraded on open
    office_name: str = ""  # a ledger's 单位名称, if set
    records: int | None = None  # a ledger's live records (None: not counted)

    @property
    def upgrade_due(self) -> bool:
        return self.state == LEDGER and self.revision != self.head


def probe_server(target: str | Path | URL, timeout_s: int = PROBE_TIMEOUT_S) -> Probe:
    """Connect to the server database ``target``, read what it holds, disconnect.

    Raises ``db.reach.ServerUnreachable`` when the server cannot be used (unreachable, a
    wrong password, no such database…), saying why in Chinese."""
    engine = create_db_engine(target, read_only=True, connect_timeout_s=timeout_s)
    try:
        with engine.connect() as conn:
            state, revision = server_state(conn)
            if state != LEDGER:
                return Probe(state, revision, head_revision())
            office = _setting(conn, "office_name")
            records = _records(conn) if revision == head_revision() else None
            return Probe(state, revision, head_revision(), office, records)
    except DBAPIError as exc:
        refusal = unreachable(exc, shown_name(target))
        if refusal is None:
            raise
        raise refusal from exc
    finally:
        engine.dispose()


def _setting(conn: Connection, key: str) -> str:
    from pairtrack.db.models import Meta

    return str(conn.execute(select(Meta.value).where(Meta.key == key)).scalar() or "")


def _records(conn: Connection) -> int:
    """Live records of every synced table (regions, pairings and the records): a count per
    table, cheap on the indexed tables of a ledger at this program's revision."""
    from pairtrack.db.models import Base, SyncedMixin

    total = 0
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if issubclass(model, SyncedMixin):
            query = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
            total += int(conn.execute(query).scalar() or 0)
    return total
