"""Fixtures for the domain-layer tests: an open ledger, one pairing, and a "refused" check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import func, select

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord


@pytest.fixture
def ledger(db_target: Any) -> Iterator[Ledger]:
    opened = Ledger.open(db_target)
    opened.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def pairing(ledger: Ledger) -> PairingRecord:
    helper = ledger.regions.create(
        name="廊坊开发区", province="河北省", city="廊坊市", level="zone"
    )
    assisted = ledger.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county", code="130723"
    )
    return ledger.pairings.create(
        helper_id=helper.id,
        assisted_id=assisted.id,
        programme="in_province",
        start_year=2017,
        end_year=2020,
    )


@pytest.fixture
def audit_count(ledger: Ledger) -> Callable[[], int]:
    """How many audit events the ledger holds right now."""

    def count() -> int:
        with ledger.read() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)

    return count


@pytest.fixture
def refused(ledger: Ledger, audit_count: Callable[[], int]) -> Callable[..., Any]:
    """``with refused(service, field, fragment): ...`` — the block must raise ValidationError
    naming ``field`` with ``fragment`` in its message, and leave the table and the audit trail
    exactly as they were (same rows, including deleted ones, and same number of events)."""

    @contextmanager
    def check(service: Any, field: str | None, fragment: str) -> Iterator[None]:
        rows_before = service.list(include_deleted=True)
        count_before = service.count(include_deleted=True)
        events_before = audit_count()
        with pytest.raises(ValidationError) as caught:
            yield
        assert caught.value.field == field, caught.value.message
        assert fragment in caught.value.message, caught.value.message
        assert service.count(include_deleted=True) == count_before
        assert service.list(include_deleted=True) == rows_before
        assert audit_count() == events_before

    return check
