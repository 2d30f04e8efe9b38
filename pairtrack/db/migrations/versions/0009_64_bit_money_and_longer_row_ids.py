"""64-bit money on every engine, and audit row ids as long as the keys they name

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 01:00:00

Money is integer fen; 9178 万元 is 9,178,000,000 fen, past a 32-bit INTEGER, which PostgreSQL
enforces (SQLite's INTEGER is always 64-bit). The audit trail records changes to ``meta`` with
the key as the row id: a brief-text or mapping key is longer than the 36 characters of a UUID,
and the per-login operator keys can be longer than ``meta.key``'s 64, so both become 128.

On SQLite nothing changes on disk: its INTEGER already holds 64 bits and it does not enforce
VARCHAR lengths, so the migration does nothing there (no table rebuild of a large ledger). On
PostgreSQL each change is one ALTER COLUMN in the upgrade's single transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# a frozen copy, as this migration was written: migrations never follow later code
MONEY = (
    ("agreement", "committed_fen", True),
    ("target", "value", False),
    ("fund_transfer", "amount_fen", False),
)
KEYS = (("audit_event", "row_id", 36, True), ("meta", "key", 64, False))
KEY_LENGTH = 128


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, nullable in MONEY:
        op.alter_column(
            table,
            column,
            type_=sa.BigInteger(),
            existing_type=sa.Integer(),
            existing_nullable=nullable,
        )
    for table, column, length, nullable in KEYS:
        op.alter_column(
            table,
            column,
            type_=sa.String(KEY_LENGTH),
            existing_type=sa.String(length),
            existing_nullable=nullable,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length, nullable in KEYS:
        op.alter_column(
            table,
            column,
            type_=sa.String(length),
            existing_type=sa.String(KEY_LENGTH),
            existing_nullable=nullable,
        )
    for table, column, nullable in MONEY:
        op.alter_column(
            table,
            column,
            type_=sa.Integer(),
            existing_type=sa.BigInteger(),
            existing_nullable=nullable,
        )
