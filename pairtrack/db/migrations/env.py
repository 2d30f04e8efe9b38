"""Alembic environment: PairTrack always hands over an open connection (see db.migrate)."""

from __future__ import annotations

from alembic import context

from pairtrack.db import models  # noqa: F401  (registers the tables on Base.metadata)
from pairtrack.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by copying them
    # All steps in the one transaction db.migrate.upgrade began (SQLite's DDL is
    # transactional): a kill or a full disk leaves the old revision, never a mix.
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
