"""What the two engines must store alike: 64-bit money (9178 万元 overflowed PostgreSQL's
32-bit INTEGER), and who made each change — on a server, the login it came from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, text

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord
from tests import engines

BIG = [
    ("9178万元", 9_178 * 10**6),  # 开发区→康保 耕地指标款: 9,178,000,000 fen
    ("90亿元", 90 * 10**10),
]


@pytest.mark.parametrize(("typed", "fen"), BIG)
def test_large_amounts_round_trip(
    ledger: Ledger, pairing: PairingRecord, typed: str, fen: int
) -> None:
    fund = ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=typed,
        purpose="耕地指标款", allocated_on=date(2017, 3, 1), arrived_on=date(2017, 4, 1),
    )  # fmt: skip
    agreement = ledger.agreements.create(
        pairing_id=pairing.id, title="补充耕地协议", category="land", status="signed",
        signed_on=date(2017, 2, 1), committed_fen=typed,
    )  # fmt: skip
    target = ledger.targets.set(pairing.id, 2017, "fiscal_funds", typed)
    assert ledger.funds.get(fund.id).amount_fen == fen
    assert ledger.agreements.get(agreement.id).committed_fen == fen
    assert target.value == fen
    with ledger.read() as session:
        total = session.execute(text("SELECT sum(amount_fen) FROM fund_transfer")).scalar()
    assert int(total) * Decimal(1) == fen


def operators(ledger: Ledger) -> list[str]:
    with ledger.read() as session:
        return list(session.scalars(select(AuditEvent.operator).order_by(AuditEvent.seq)))


def test_on_a_file_the_operator_is_the_one_setting(ledger: Ledger, db_engine: str) -> None:
    if db_engine != "sqlite":
        pytest.skip("a file's rule; a server's is the next test")
    ledger.regions.create(name="康保县", level="county")
    assert operators(ledger)[-1] == "测试员" == ledger.operator


LOGIN = "pairtrack_test_lina"


@pytest.fixture
def second_login(db_target: Any, db_engine: str) -> Any:
    """Another person's login to the same server database, allowed to use its tables."""
    if db_engine != "postgresql":
        pytest.skip("a server's rule: each login writes as itself")
    admin = engines._admin()
    admin.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LOGIN}') "
        f"THEN CREATE ROLE {LOGIN} LOGIN; END IF; END $$"
    )
    from sqlalchemy.engine import make_url

    url = make_url(db_target)
    opened = Ledger.open(db_target)  # migrated as the owner; then the grants
    with opened.write() as session:
        session.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {LOGIN}"))
        session.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {LOGIN}"))
    opened.close()
    yield url.set(username=LOGIN).render_as_string(hide_password=False)


def test_on_a_server_each_login_writes_as_itself(
    ledger: Ledger, db_target: Any, second_login: str
) -> None:
    # 测试员 is the display name the fixture's login (postgres) chose for itself
    ledger.regions.create(name="康保县", level="county")
    lina = Ledger.open(second_login)
    try:
        lina.regions.create(name="阳原县", level="county")  # no display name yet: the login
        lina.set_settings(operator="李娜")
        lina.regions.create(name="沽源县", level="county")
        assert lina.operator == f"李娜（{LOGIN}）"
        assert lina.settings()["operator"] == "李娜"
    finally:
        lina.close()
    assert ledger.operator == "测试员（postgres）"
    assert ledger.settings()["operator"] == "测试员"  # the other login's name is not this one's
    assert operators(ledger)[-4:] == [
        "测试员（postgres）",
        LOGIN,
        f"李娜（{LOGIN}）",  # the setting itself is put down to the name it sets
        f"李娜（{LOGIN}）",
    ]
