"""How a ledger import writes new records: together, as ``bulk_create_in`` does, not one
savepoint, flush and audit event per row.

Each row is still coerced and checked against its service's rules before it is accepted
(so its problems are reported by sheet, row and column as before); accepted rows are held
back and inserted in chunks with one ``session.execute(insert(...), rows)``, with the same
ids, times, origin and revision ids ``create_in`` would give them, and the sheet's creations
are recorded in one ``bulk_create`` audit event holding every row's hash (``tracker.check``
accounts for each row by it). The natural-key index of each kind (``NaturalKeys``) is read
once and kept up to date here, so 疑似重复 is found against the database and the rows of the
file before it without a query per row.

A kind whose rules read other records of the same kind (``rules_read_own_kind``: a unique
pair, a code in use) cannot wait to be inserted: the importer writes its rows one by one
through ``create_in``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pairtrack.db.base import format_timestamp, utc_now
from pairtrack.tracker.duplicates import NaturalKeys
from pairtrack.tracker.exchange import cells
from pairtrack.tracker.kinds import BY_TABLE, NaturalKey
from pairtrack.tracker.services.base import BULK_CHUNK, EntityService
from pairtrack.tracker.store import origin_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def bulk_ready(service: EntityService[Any]) -> bool:
    """Whether new records of this kind may be held back and inserted together."""
    plain_create = type(service).create_in is EntityService.create_in
    return plain_create and not service.rules_read_own_kind


class NewRecords:
    """The records an import creates, per kind, and the natural keys of each kind."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._keys: dict[str, NaturalKeys] = {}
        self._held: dict[str, tuple[EntityService[Any], list[dict[str, Any]]]] = {}
        self._hashes: dict[str, dict[str, str]] = {}
        self._origin: str | None = None
        self._now = utc_now()

    # --- 疑似重复 ------------------------------------------------------------------------------
    def twin(self, table: str, typed: dict[str, Any]) -> tuple[NaturalKey, str] | None:
        """The live record (or row of this file) that ``typed`` matches on a natural key."""
        kind = BY_TABLE[table]
        if not kind.natural_keys:
            return None
        if table not in self._keys:
            self._flush(table)  # the index is read from the database
            self._keys[table] = NaturalKeys(self.session, kind)
        return self._keys[table].match(typed)

    def written(self, table: str, obj: Any) -> None:
        """A record created or changed one by one (``create_in``, ``update_in``)."""
        if table in self._keys:
            names = {name for key in BY_TABLE[table].natural_keys for name in key.fields}
            values = {name: getattr(obj, name) for name in names}
            self._keys[table].put(obj.id, format_timestamp(obj.created_at), values)

    # --- creating -----------------------------------------------------------------------------
    def create(self, service: EntityService[Any], typed: dict[str, Any]) -> str:
        """Hold back a new record whose values passed ``coerce`` and ``check_new``; its id."""
        if self._origin is None:
            self._origin = origin_in(self.session)
        table, row = service.table, dict(typed)
        digest = service.new_row(row, origin=self._origin, now=self._now)
        self._hashes.setdefault(table, {})[row["id"]] = digest
        if table in self._keys:
            self._keys[table].put(row["id"], format_timestamp(self._now), row)
        held = self._held.setdefault(table, (service, []))[1]
        held.append(row)
        if len(held) >= BULK_CHUNK:
            self._flush(table)
        return str(row["id"])

    def end_sheet(self, service: EntityService[Any]) -> None:
        """Insert what the sheet holds back and record its creations in one audit event."""
        self._flush(service.table)
        service.bulk_audit_in(self.session, "bulk_create", self._hashes.pop(service.table, {}))

    def _flush(self, table: str) -> None:
        service, held = self._held.pop(table, (None, []))
        if service is not None and held:
            service.insert_many_in(self.session, held)
            # Rows inserted with Core: what rules and references read is read again.
            self.session.info.pop("lookup", None)
            cells.Resolver.forget(self.session)
