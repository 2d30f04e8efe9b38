"""Streaming reads of whole tables for the exports: pages of plain rows, never 100k objects."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

PAGE = 2000


def live_count(ledger: Ledger, service: EntityService[Any]) -> int:
    return service.count()


def live_rows(
    ledger: Ledger,
    service: EntityService[Any],
    names: list[str] | None = None,
    *,
    origin: str | None = None,
) -> Iterator[Any]:
    """The table's live rows as Core rows (attribute access, typed values), in id order;
    with ``origin``, only the rows that office created.

    Core rows rather than ORM objects: no identity map grows while 100k rows stream past,
    and ``yield_per`` keeps only one page in memory.
    """
    table = service.model.__table__
    # Only the exported columns: the timestamps are not shown, and parsing 100k of them
    # would be most of the read.
    chosen = [table.c[n] for n in names] if names else list(table.c)
    query = select(*chosen).where(table.c.deleted_at.is_(None))
    if origin is not None:
        query = query.where(table.c.origin == origin)
    query = query.order_by(table.c.id).execution_options(yield_per=PAGE)
    with ledger.read() as session:
        yield from session.execute(query)


def total_live(
    ledger: Ledger, tables: Collection[str] | None = None, *, origin: str | None = None
) -> int:
    """Live rows of ``tables`` (default: all), of ``origin`` when given: a progress total."""
    total = 0
    with ledger.read() as session:
        for service in ledger.services.all():
            table = service.model.__table__
            if tables is not None and service.table not in tables:
                continue
            query = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            if origin is not None:
                query = query.where(table.c.origin == origin)
            total += int(session.scalar(query) or 0)
    return total
