"""received heads: the sender's audit head of every package imported, to notice a rewrite

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "received_head",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("received_at", sa.String(27), nullable=False),
        sa.Column("origin_code", sa.String(32), nullable=False),
        sa.Column("origin_name", sa.String(200), nullable=False),
        sa.Column("exported_at", sa.String(27), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("audit_count", sa.Integer(), nullable=False),
        sa.Column("audit_head", sa.String(64), nullable=False),
        sa.Column("rewritten", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_head")),
    )
    op.create_index(op.f("ix_received_head_origin_code"), "received_head", ["origin_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_received_head_origin_code"), table_name="received_head")
    op.drop_table("received_head")
