"""Aggregates written so that SQLite reads them as ranges of a covering index: no lookup of
the pairing for every row, no sort for GROUP BY (issue 12; ``bench/bench_brief.py``).

SQLite keeps no statistics here (nothing runs ANALYZE), so it chooses an index by how many
of its leading columns the WHERE pins with ``=`` or ``IN``. Two habits follow, and they go
together:

- Which pairings count is asked once, as ``pairing_id IN (live pairings of the scope)``
  (``live_in_scope(..., by_id=True)``), not by a join: a join looks the pairing up for every
  row read, about a third of the time of a range read.
- The code columns that lead a covering index (a fund's kind; a cadre's direction and
  category) are pinned to the list of all their codes, which the CHECK constraints make
  true of every row. SQLite then seeks each code's date range in that index and reads the
  groups in index order, where it would otherwise read the whole index, or sort every row
  of the period to group them. Without the codes, the IN on ``pairing_id`` alone would make
  it read through the pairing_id index and fetch every row of the scope (ten times slower).

Tables without such an index (training, agreements) keep the join (``live_in_scope``).
The tautologies cost nothing on PostgreSQL, whose planner has statistics.
"""

from __future__ import annotations

from typing import Any

from pairtrack.db.choices import CADRE_CATEGORY, DIRECTION, FUND_KIND
from pairtrack.db.models import CadreExchange, FundTransfer
from pairtrack.tracker.periods import Q, Scope, live_in_scope

# table → the code columns leading its covering indexes, with every code they may hold:
# ix_fund_transfer_pairing_covering (pairing_id, kind, allocated_on, …),
# ix_fund_transfer_kind_arrived_covering (kind, arrived_on, …),
# ix_cadre_exchange_active_covering (direction, category, start_on, returned_on, end_on, …)
LEADING_CODES: dict[Any, tuple[tuple[Any, dict[str, str]], ...]] = {
    FundTransfer: ((FundTransfer.kind, FUND_KIND),),
    CadreExchange: (
        (CadreExchange.direction, DIRECTION),
        (CadreExchange.category, CADRE_CATEGORY),
    ),
}


def seekable(model: Any) -> bool:
    return model in LEADING_CODES


def in_scope(query: Q, model: Any, scope: Scope) -> Q:
    """``live_in_scope`` written for a range read of a covering index where ``model`` has
    one (``LEADING_CODES``), the join otherwise. Same rows either way."""
    if not seekable(model):
        return live_in_scope(query, model, scope)
    query = live_in_scope(query, model, scope, by_id=True)
    return query.where(*(column.in_(list(codes)) for column, codes in LEADING_CODES[model]))
