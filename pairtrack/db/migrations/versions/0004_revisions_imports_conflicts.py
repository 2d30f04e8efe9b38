"""revisions per synced row, row history, import batches, merge conflicts, row aliases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 09:00:00

Each existing row gets its first revision: a hash of its content with no parents, the same
formula as ``tracker.revisions.revision_id`` (frozen here, so that this migration keeps
doing what it did; tests/db/test_migrations.py checks the two agree). Being content-derived,
the same row held by two offices before this upgrade gets the same first revision in both,
so their next exchange finds nothing to merge.
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SYNCED = ("region", "pairing", "agreement", "target", "fund_transfer", "cadre_exchange", "training")
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _first_revision(table: str, row: dict[str, object]) -> str:
    content = _ENCODER.encode(row)
    return hashlib.sha256(f"{table}\x1f\x1f{content}".encode()).hexdigest()[:32]


def upgrade() -> None:
    conn = op.get_bind()
    for table in SYNCED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("rev", sa.String(32), nullable=False, server_default=""))
            batch_op.add_column(
                sa.Column("parents", sa.String(65), nullable=False, server_default="")
            )
        result = conn.exec_driver_sql(f"SELECT * FROM {table}")
        names = [d[0] for d in result.cursor.description]
        updates = []
        for values in result.fetchall():
            row = {n: v for n, v in zip(names, values, strict=True) if n not in ("rev", "parents")}
            updates.append((_first_revision(table, row), row["id"]))
        if updates:
            conn.exec_driver_sql(f"UPDATE {table} SET rev = ? WHERE id = ?", updates)

    op.create_table(
        "row_history",
        sa.Column("rev", sa.String(32), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("parents", sa.String(65), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("recorded_at", sa.String(27), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("rev", name=op.f("pk_row_history")),
    )
    op.create_index("ix_row_history_table_row", "row_history", ["table_name", "row_id"])
    op.create_index(op.f("ix_row_history_import_id"), "row_history", ["import_id"])

    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("at", sa.String(27), nullable=False),
        sa.Column("operator", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("origin_code", sa.String(32), nullable=False),
        sa.Column("origin_name", sa.String(200), nullable=False),
        sa.Column("exported_at", sa.String(27), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("undo", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.String(27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_index(op.f("ix_import_batch_sha256"), "import_batch", ["sha256"])

    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("base_value", sa.Text(), nullable=True),
        sa.Column("local_value", sa.Text(), nullable=True),
        sa.Column("incoming_value", sa.Text(), nullable=True),
        sa.Column("local_rev", sa.String(32), nullable=False),
        sa.Column("incoming_rev", sa.String(32), nullable=False),
        sa.Column("office_code", sa.String(32), nullable=False),
        sa.Column("office_name", sa.String(200), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("found_at", sa.String(27), nullable=False),
        sa.Column("resolved_at", sa.String(27), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("resolved_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_index("ix_conflict_table_row", "conflict", ["table_name", "row_id"])
    op.create_index(op.f("ix_conflict_incoming_rev"), "conflict", ["incoming_rev"])
    op.create_index(op.f("ix_conflict_import_id"), "conflict", ["import_id"])

    op.create_table(
        "row_alias",
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("foreign_id", sa.String(36), nullable=False),
        sa.Column("local_id", sa.String(36), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "foreign_id", name=op.f("pk_row_alias")),
    )
    op.create_index(op.f("ix_row_alias_local_id"), "row_alias", ["local_id"])


def downgrade() -> None:
    op.drop_table("row_alias")
    op.drop_table("conflict")
    op.drop_table("import_batch")
    op.drop_table("row_history")
    for table in SYNCED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("parents")
            batch_op.drop_column("rev")
