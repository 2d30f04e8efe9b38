"""``tracker.check.run_checks``: a clean demo database has no findings; rows and audit events
changed behind the program's back (raw SQL: sqlite3 on the file, psycopg on the server) are
found and named."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing

import pytest
from sqlalchemy import text

from pairtrack.tracker.check import Finding, run_checks
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from tests import engines

RawSQL = Callable[..., None]


@pytest.fixture
def demo(ledger: Ledger) -> Ledger:
    load_demo(ledger)
    return ledger


@pytest.fixture
def raw(ledger: Ledger) -> Iterator[RawSQL]:
    """Run SQL on the database with the driver alone, as someone bypassing the program would."""

    connection = engines.Raw(ledger)

    def run(*statements: str) -> None:
        with connection:
            for statement in statements:
                connection.execute(statement)

    with closing(connection):
        yield run


def first(table: str) -> str:
    """SQL naming one row of ``table`` (the same one ``first_id`` finds) on either engine."""
    return f"id = (SELECT min(id) FROM {table})"


def kinds(findings: list[Finding]) -> set[str]:
    return {f.kind for f in findings}


def of_kind(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


def first_id(ledger: Ledger, table: str) -> str:
    with ledger.read() as session:
        return str(session.scalar(text(f"SELECT min(id) FROM {table}")))


def test_clean_demo_database_has_no_findings(demo):
    assert run_checks(demo) == []


def test_clean_after_ordinary_edits(demo):
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, purpose="改过的用途")  # was written by a bulk event
    demo.funds.delete(fund.id)
    demo.funds.restore(fund.id)
    region = demo.regions.list(limit=1)[0]
    demo.regions.update(region.id, note="备注")
    assert run_checks(demo) == []


def test_edited_row_from_single_event_is_tampered(demo, raw):
    region_id = first_id(demo, "region")
    # The note: a changed name would also break the code rule (a second, honest finding).
    raw(f"UPDATE region SET note = note || '（改）' WHERE {first('region')}")
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered"}
    assert len(findings) == 1
    assert region_id in findings[0].message
    assert "被程序之外的方式改动" in findings[0].message


def test_edited_row_from_bulk_event_is_tampered(demo, raw):
    fund_id = first_id(demo, "fund_transfer")
    raw(f"UPDATE fund_transfer SET amount_fen = amount_fen + 1 WHERE {first('fund_transfer')}")
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered"}
    assert [fund_id in f.message for f in findings] == [True]


def test_edited_timestamp_or_tombstone_is_tampered(demo, raw):
    raw(f"UPDATE cadre_exchange SET deleted_at = updated_at WHERE {first('cadre_exchange')}")
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered"}


def test_row_deleted_with_raw_sql_is_found(demo, raw):
    training_id = first_id(demo, "training")
    raw(f"DELETE FROM training WHERE {first('training')}")
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered"}
    assert training_id in findings[0].message
    assert "消失" in findings[0].message


def test_row_inserted_with_raw_sql_is_found(demo, raw):
    raw(
        "INSERT INTO region (id, origin, created_at, updated_at, note, name, province, city,"
        " level) VALUES ('raw-1', '131001', '2017-01-01T00:00:00.000000Z',"
        " '2017-01-01T00:00:00.000000Z', '', '私自添加县', '河北省', '张家口市', 'county')"
    )
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered"}
    assert "raw-1" in findings[0].message
    assert "没有任何审计记录" in findings[0].message


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE audit_event SET after = replace(after, '康保', '阳原') WHERE seq = {seq}",
        "UPDATE audit_event SET operator = '别人' WHERE seq = {seq}",
        "DELETE FROM audit_event WHERE seq = {seq}",
    ],
)
def test_edited_audit_event_breaks_the_chain_at_its_seq(demo, raw, change):
    with demo.read() as session:
        seq = session.scalar(
            text("SELECT min(seq) FROM audit_event WHERE after LIKE '%康保%' AND seq > 5")
        )
    raw(change.format(seq=seq))
    chain = of_kind(run_checks(demo), "audit_chain")
    expected = seq + 1 if change.startswith("DELETE") else seq
    assert len(chain) == 1
    assert f"第 {expected} 条" in chain[0].message


def test_rule_broken_behind_the_program_is_a_rule_finding(demo, raw):
    lift = (
        "PRAGMA ignore_check_constraints = ON"
        if demo.path is not None
        else "ALTER TABLE training DROP CONSTRAINT ck_training_completed_le_enrolled"
    )
    raw(lift, f"UPDATE training SET completed = enrolled + 1 WHERE {first('training')}")
    rules = of_kind(run_checks(demo), "rule")
    assert len(rules) == 1
    assert first_id(demo, "training") in rules[0].message
    assert "不能多于报名人数" in rules[0].message


def test_fund_moved_to_deleted_pairing_is_a_rule_finding(demo, raw):
    helper = demo.regions.create(name="临时帮扶方", level="county")
    assisted = demo.regions.create(name="临时受援方", level="county")
    pairing = demo.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="other", start_year=2017
    )
    demo.pairings.delete(pairing.id)
    assert run_checks(demo) == []
    fund = demo.funds.list(kind="fiscal", limit=1)[0]
    raw(f"UPDATE fund_transfer SET pairing_id = '{pairing.id}' WHERE id = '{fund.id}'")
    findings = run_checks(demo)
    assert kinds(findings) == {"tampered", "rule"}
    (rule,) = of_kind(findings, "rule")
    assert fund.id in rule.message
    assert "「结对关系」指向的记录已删除" in rule.message
