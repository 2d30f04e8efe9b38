"""index for arrivals by pairing and kind: the brief's 资金到位 table read as ranges

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 21:40:00

The brief sums what arrived in a period by pairing and kind. The indexes led by the arrival
date give the rows of the period in date order, which SQLite then sorts to group them (a
third of the brief's queries on 100k records); led by pairing and kind, each group is one
range of the index, read in order (``tracker.seek``).
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# a frozen copy, as this migration was written: migrations never follow later code
NAME = "ix_fund_transfer_pairing_arrived_covering"
COLUMNS = ["pairing_id", "kind", "arrived_on", "amount_fen", "deleted_at"]


def upgrade() -> None:
    op.create_index(NAME, "fund_transfer", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="fund_transfer")
