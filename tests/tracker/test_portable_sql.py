"""The brief's statements are written for SQLite and PostgreSQL alike (issue 15 runs the suite
on PostgreSQL): no function only SQLite knows, and a stored row's JSON read through
``tracker.as_of.json_text``, which each database spells its own way."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pairtrack.db.models import RowHistory
from pairtrack.tracker.alerts import alerts
from pairtrack.tracker.as_of import agreement_status_at, json_text
from pairtrack.tracker.brief import BriefOptions, build_brief
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope

SQLITE_ONLY = re.compile(r"\b(json_extract|json_each|iif|strftime|julianday|ifnull|instr)\s*\(|"
                         r"INDEXED BY|NOT INDEXED", re.IGNORECASE)  # fmt: skip


def test_every_statement_of_a_brief_compiles_for_postgresql(tmp_path: Path) -> None:
    ledger = Ledger.open(tmp_path / "demo.db")
    load_demo(ledger)
    # an agreement with a status history, so that the status on a past day reads it
    agreement = ledger.agreements.list()[0]
    ledger.agreements.update(agreement.id, status="terminated")
    seen: list[Any] = []

    def grab(state: Any) -> None:
        if state.is_select:
            seen.append(state.statement)

    event.listen(Session, "do_orm_execute", grab)
    try:
        for period in (Period.quarter(2017, 2), Period.through_month(2017, 11)):
            options = BriefOptions(period, Scope.everything(), "", date(2017, 12, 5), appendix=True)
            build_brief(ledger, options)
            alerts(ledger, period, Scope.everything())
    finally:
        event.remove(Session, "do_orm_execute", grab)
        ledger.close()
    assert len(seen) > 30
    for statement in seen:
        text = str(statement.compile(dialect=postgresql.dialect()))
        assert not SQLITE_ONLY.search(text), text


def test_json_text_is_spelled_for_each_database() -> None:
    status = select(json_text(RowHistory.data, "status"))
    assert "json_extract(row_history.data, '$.status')" in str(
        status.compile(dialect=sqlite.dialect())
    )
    assert "CAST(row_history.data AS JSON) ->> 'status'" in str(
        status.compile(dialect=postgresql.dialect())
    )
    on_a_day = str(agreement_status_at(date(2017, 6, 30)).compile(dialect=postgresql.dialect()))
    assert "->> 'updated_at'" in on_a_day and "json_extract" not in on_a_day
    # the key is part of the statement cache's key: two keys never share a compiled statement
    key = json_text(RowHistory.data, "status")._generate_cache_key()
    assert key != json_text(RowHistory.data, "updated_at")._generate_cache_key()


def test_json_text_reads_a_stored_row(tmp_path: Path) -> None:
    ledger = Ledger.open(tmp_path / "t.db")
    try:
        document = literal('{"status":"signed","updated_at":"2017-05-01T08:00:00.000000Z"}')
        with ledger.read() as session:
            row = session.execute(
                select(json_text(document, "status"), json_text(document, "updated_at"))
            ).one()
        assert tuple(row) == ("signed", "2017-05-01T08:00:00.000000Z")
    finally:
        ledger.close()


OPEN_AND_READ = """
import sys
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.tracker.progress import progress
ledger = Ledger.open(sys.argv[1])
progress(ledger, Period.year(2017))
ledger.close()
print("sqlalchemy.dialects.postgresql" in sys.modules)
"""


def test_a_sqlite_ledger_is_opened_and_read_without_the_postgresql_dialect(
    tmp_path: Path,
) -> None:
    """That package brings every PostgreSQL driver's dialect (asyncpg's among them): 50 ms of
    each start on a SQLite file, which never uses them (``db.dialects``)."""
    import subprocess
    import sys

    file = tmp_path / "ledger.db"
    Ledger.open(file).close()  # created and migrated here (Alembic loads what it needs)
    result = subprocess.run(
        [sys.executable, "-c", OPEN_AND_READ, str(file)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
