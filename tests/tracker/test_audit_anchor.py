"""The anchored audit (issue 13): the chain's head as a short 数据校验码, and ``check_anchor``
proving the history up to a printed code intact. The three rewrites the issue found passing
``check`` — deleting the last events and reverting their rows, editing an amount and
re-hashing every later event, wiping all rows and all events — each pass ``run_checks``
(the chain is self-consistent) but are caught against a code taken before them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.audit import GENESIS, check_code, head, parse_code
from pairtrack.tracker.check import check_anchor, run_checks
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.store import login_in, operator_key
from tests import engines
from tests.audit_forgery import rehash_from

RawSQL = Callable[..., None]


@pytest.fixture
def demo(ledger: Ledger) -> Ledger:
    load_demo(ledger)
    return ledger


@pytest.fixture
def raw(ledger: Ledger) -> Iterator[engines.Raw]:
    """The database without the program (sqlite3 on the file, psycopg on the server)."""
    with closing(engines.Raw(ledger)) as connection:
        yield connection


def code_now(ledger: Ledger) -> str:
    with ledger.read() as session:
        return head(session).code


def test_the_code_is_the_event_count_and_eight_base32_letters(demo: Ledger) -> None:
    with demo.read() as session:
        now = head(session)
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
    assert now.count == len(events) and now.hash == events[-1].hash
    number, letters = now.code.split("-", 1)
    assert int(number) == len(events)
    assert len(letters.replace("-", "")) == 8 and set(letters) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-"
    )
    assert parse_code(now.code) == (len(events), letters.replace("-", ""))
    # typed back by hand: lower case, full-width digits and dash, 0/1/8 for O/I/B
    typed = (
        now.code.lower()
        .replace("-", "－")
        .translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    )
    assert parse_code(typed) == parse_code(now.code)
    assert parse_code("12-OIBA-AAAA") == parse_code("12-01BA-AAAA")
    assert check_code(0, GENESIS) == "0-AAAA-AAAA"


@pytest.mark.parametrize(
    "text", ["", "ABCD", "12-ABCD", "x-ABCD-EFGH", "12-ABCD-EFG9", "-1-ABCD-EFGH"]
)
def test_a_malformed_code_is_refused_in_chinese(demo: Ledger, text: str) -> None:
    with pytest.raises(PairTrackError, match="不是数据校验码"):
        check_anchor(demo, text)


def test_an_intact_history_passes_against_an_old_and_the_current_code(demo: Ledger) -> None:
    old = code_now(demo)
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, purpose="后来改的用途")
    assert run_checks(demo) == []
    assert check_anchor(demo, old) == []
    assert check_anchor(demo, code_now(demo)) == []
    assert check_anchor(demo, "0-AAAA-AAAA") == []  # the empty history is a prefix of any


def test_deleting_the_last_events_and_reverting_their_rows_is_caught(
    demo: Ledger, raw: engines.Raw
) -> None:
    fund = demo.funds.list(limit=1)[0]
    old_row = raw.execute("SELECT * FROM fund_transfer WHERE id = ?", (fund.id,)).fetchone()
    columns = [d[0] for d in raw.execute("SELECT * FROM fund_transfer LIMIT 0").description]
    history = {rev for (rev,) in raw.execute("SELECT rev FROM row_history").fetchall()}
    anchor_before = code_now(demo)
    demo.funds.update(fund.id, purpose="挪用", amount_fen=fund.amount_fen + 100)
    demo.funds.update(fund.id, purpose="再挪用")
    printed = code_now(demo)  # printed on a brief after the changes
    # The forger deletes the two events and puts the row back exactly as it was.
    with raw:
        raw.execute("DELETE FROM audit_event WHERE seq > (SELECT max(seq) - 2 FROM audit_event)")
        raw.execute(
            f"UPDATE fund_transfer SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            (*old_row, fund.id),
        )
        for (rev,) in raw.execute("SELECT rev FROM row_history").fetchall():
            if rev not in history:
                raw.execute("DELETE FROM row_history WHERE rev = ?", (rev,))
    assert run_checks(demo) == []  # everything left is consistent
    assert check_anchor(demo, anchor_before) == []
    (finding,) = check_anchor(demo, printed)
    assert finding.kind == "anchor"
    assert "现在只有" in finding.message and "删除" in finding.message


def test_editing_an_amount_and_rehashing_every_later_event_is_caught(
    demo: Ledger, raw: engines.Raw
) -> None:
    printed = code_now(demo)
    seq, after = raw.execute(
        "SELECT seq, after FROM audit_event WHERE table_name = 'fund_transfer' AND row_id IS NULL "
        "ORDER BY seq LIMIT 1"
    ).fetchone()
    # Edit the amount of one fund in the table, and the row hash the bulk event recorded for
    # it, then re-hash the whole chain from that event on: the chain itself verifies again.
    from pairtrack.tracker.audit import canonical, row_hash

    fund_id = next(iter(json.loads(after)["rows"]))
    with raw:
        raw.execute(
            "UPDATE fund_transfer SET amount_fen = amount_fen * 10 WHERE id = ?", (fund_id,)
        )
    service = demo.funds
    with demo.read() as session:
        row = (
            session.execute(
                select(service.model.__table__).where(service.model.__table__.c.id == fund_id)
            )
            .mappings()
            .one()
        )
        forged = row_hash(canonical(service.content, row))
    rows = json.loads(after)
    rows["rows"][fund_id] = forged
    with raw:
        raw.execute(
            "UPDATE audit_event SET after = ? WHERE seq = ?",
            (json.dumps(rows, separators=(",", ":")), seq),
        )
    rehash_from(raw, seq)
    assert run_checks(demo) == []  # without an anchor the forgery is invisible
    (finding,) = check_anchor(demo, printed)
    assert finding.kind == "anchor"
    count, _letters = parse_code(printed)
    assert f"第 {count} 条审计事件" in finding.message and "改写" in finding.message


def test_wiping_all_rows_and_all_events_is_caught(demo: Ledger, raw: engines.Raw) -> None:
    printed = code_now(demo)
    with raw:
        for table in ("training", "cadre_exchange", "fund_transfer", "target", "agreement",
                      "row_history", "pairing", "region", "audit_event"):  # fmt: skip
            raw.execute(f"DELETE FROM {table}")
    assert [f for f in run_checks(demo) if f.kind in ("audit_chain", "tampered")] == []
    (finding,) = check_anchor(demo, printed)
    assert "现在只有 0 条" in finding.message


def test_changes_to_meta_are_audited_and_covered_by_the_code(ledger: Ledger) -> None:
    """Office and operator are in the chain: changing them moves the code, and changing them
    behind the program's back is found like any edit of an audited row."""
    before = code_now(ledger)
    ledger.set_settings(office_name="改名后的办公室", operator="另一个人")
    with ledger.read() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.table_name == "meta").order_by(AuditEvent.seq)
        ).all()
        login = login_in(session)
    changed = {(e.row_id, e.before, e.after) for e in events}
    assert ("office_name", "测试办公室", "改名后的办公室") in changed
    # on a server the operator is a display name of the login's own (tracker.store.operator_in)
    key = "operator" if login is None else operator_key(login)
    assert (key, "测试员", "另一个人") in changed
    assert code_now(ledger) != before
    assert check_anchor(ledger, before) == []


def test_deleting_the_events_of_a_settings_change_is_caught(
    ledger: Ledger, raw: engines.Raw
) -> None:
    ledger.set_settings(office_code="999999")
    printed = code_now(ledger)
    with raw:
        raw.execute("DELETE FROM audit_event WHERE table_name = 'meta' AND row_id = 'office_code' "
                    "AND after = '999999'")  # fmt: skip
        raw.execute("UPDATE meta SET value = '131001' WHERE key = 'office_code'")
    assert check_anchor(ledger, printed) != []


def test_the_code_of_a_path_is_read_without_the_program_open(tmp_path: Path) -> None:
    """A fresh database has the empty history's code."""
    fresh = Ledger.open(tmp_path / "new.db")
    try:
        assert code_now(fresh) == "0-AAAA-AAAA"
    finally:
        fresh.close()
