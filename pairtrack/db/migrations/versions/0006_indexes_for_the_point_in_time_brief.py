"""indexes for the point-in-time brief: covering indexes led by a date, and origin

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 18:40:00

The brief reads each section from one range of one index (the period's dates), so its time
follows the rows of the period, not of the whole table; ``origin`` is indexed on every synced
table so that the offices a database holds are found by seeking, not by reading every row.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SYNCED = ("region", "pairing", "agreement", "target", "fund_transfer", "cadre_exchange", "training")
# a frozen copy, as this migration was written: migrations never follow later code
COVERING = {
    "fund_transfer": {
        "ix_fund_transfer_allocated_covering": [
            "allocated_on", "arrived_on", "kind", "pairing_id", "amount_fen", "deleted_at",
        ],
        "ix_fund_transfer_arrived_covering": [
            "arrived_on", "kind", "pairing_id", "amount_fen", "deleted_at",
        ],
    },
    "cadre_exchange": {
        "ix_cadre_exchange_overdue_covering": [
            "end_on", "returned_on", "direction", "pairing_id", "deleted_at",
        ],
    },
    "training": {
        "ix_training_started_covering": [
            "start_on", "category", "quota", "enrolled", "pairing_id", "deleted_at",
        ],
        "ix_training_ended_covering": ["end_on", "category", "completed", "pairing_id", "deleted_at"],
    },
}  # fmt: skip


def upgrade() -> None:
    for table in SYNCED:
        op.create_index(f"ix_{table}_origin", table, ["origin"], unique=False)
    for table, indexes in COVERING.items():
        for name, columns in indexes.items():
            op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, indexes in COVERING.items():
        for name in indexes:
            op.drop_index(name, table_name=table)
    for table in SYNCED:
        op.drop_index(f"ix_{table}_origin", table_name=table)
