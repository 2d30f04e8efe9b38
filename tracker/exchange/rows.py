"""Streaming reads of whole tables for the exports: pages of plain rows, never 100k objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService

PAGE = 2000


def live_count(ledger: Ledger, service: EntityService[Any]) -> int:
    return service.count()


def live_rows(
    ledger: Ledger, service: EntityService[Any], names: list[str] | None = None
) -> Iterator[Any]:
    """The table's live rows as Core rows (attribute access, typed values), in id order.

    Core rows rather than ORM objects: no identity map grows while 100k rows stream past,
    and ``yield_per`` keeps only one page in memory.
    """
    table = service.model.__table__
    # Only the exported columns: the timestamps are not shown, and parsing 100k of them
    # would be most of the read.
    chosen = [table.c[n] for n in names] if names else list(table.c)
    query = (
        select(*chosen)
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.id)
        .execution_options(yield_per=PAGE)
    )
    with ledger.read() as session:
        yield from session.execute(query)


def total_live(ledger: Ledger) -> int:
    total = 0
    with ledger.read() as session:
        for service in ledger.services.all():
            table = service.model.__table__
            query = select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            total += int(session.scalar(query) or 0)
    return total
