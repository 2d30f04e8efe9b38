"""The record services: create, update, delete, restore, get, list, bulk create, targets.set,
and the audit events every write leaves behind."""

from __future__ import annotations

import itertools
import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.errors import NotFound, ValidationError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord
from tests import engines


def fund_values(pairing: PairingRecord, **extra: Any) -> dict[str, Any]:
    values = dict(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen="300万",
        purpose="财政帮扶资金第1批",
        allocated_on=date(2017, 3, 1),
    )
    return {**values, **extra}


def events(ledger: Ledger, table: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if table is not None:
        query = query.where(AuditEvent.table_name == table)
    with ledger.read() as session:
        return list(session.scalars(query))


@pytest.fixture
def second(ledger: Ledger) -> PairingRecord:
    helper = ledger.regions.create(name="济南市", province="山东省", city="济南市", level="city")
    assisted = ledger.regions.create(name="武隆区", province="重庆市", level="district")
    return ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="east_west", start_year=2017
    )


# --- create / update / delete / restore / get --------------------------------------------
def test_create_stamps_origin_and_times_and_writes_one_event(ledger, pairing):
    before = len(events(ledger))
    made = ledger.funds.create(**fund_values(pairing))
    assert made.origin == "131001"
    assert made.amount_fen == 300_000_000
    assert made.created_at == made.updated_at and made.deleted_at is None
    assert ledger.funds.get(made.id) == made
    new = events(ledger)[before:]
    assert [(e.action, e.table_name, e.row_id) for e in new] == [
        ("create", "fund_transfer", made.id)
    ]
    assert new[0].before is None
    assert json.loads(new[0].after)["amount_fen"] == 300_000_000


def test_update_stamps_newer_time_and_records_before_and_after(ledger, pairing):
    made = ledger.funds.create(**fund_values(pairing))
    changed = ledger.funds.update(made.id, purpose="财政帮扶资金第2批", arrived_on="2017-03-10")
    assert changed.updated_at > made.updated_at
    assert changed.created_at == made.created_at
    assert changed.arrived_on == date(2017, 3, 10)
    last = events(ledger)[-1]
    assert (last.action, last.row_id) == ("update", made.id)
    before, after = json.loads(last.before), json.loads(last.after)
    assert (before["purpose"], before["arrived_on"]) == ("财政帮扶资金第1批", None)
    assert (after["purpose"], after["arrived_on"]) == ("财政帮扶资金第2批", "2017-03-10")


def test_update_that_changes_nothing_writes_nothing(ledger, pairing):
    made = ledger.funds.create(**fund_values(pairing))
    count = len(events(ledger))
    same = ledger.funds.update(made.id, purpose=" 财政帮扶资金第1批 ", amount_fen="300万")
    assert same == made
    assert len(events(ledger)) == count


def test_soft_delete_hides_and_restore_brings_back(ledger, pairing):
    kept = ledger.funds.create(**fund_values(pairing))
    gone = ledger.funds.create(**fund_values(pairing, purpose="将被删除"))
    deleted = ledger.funds.delete(gone.id)
    assert deleted.deleted and deleted.updated_at > gone.updated_at
    assert [r.id for r in ledger.funds.list()] == [kept.id]
    assert ledger.funds.count() == 1
    assert ledger.funds.count(include_deleted=True) == 2
    assert {r.id for r in ledger.funds.list(include_deleted=True)} == {kept.id, gone.id}
    with pytest.raises(NotFound, match="找不到该帮扶资金记录"):
        ledger.funds.get(gone.id)
    assert ledger.funds.get(gone.id, include_deleted=True).deleted
    with pytest.raises(NotFound):
        ledger.funds.update(gone.id, purpose="改不了")
    assert events(ledger)[-1].action == "delete"

    restored = ledger.funds.restore(gone.id)
    assert not restored.deleted
    assert ledger.funds.count() == 2
    last = events(ledger)[-1]
    assert (last.action, last.row_id) == ("restore", gone.id)
    assert json.loads(last.before)["deleted_at"] is not None
    assert json.loads(last.after)["deleted_at"] is None


# --- list, filters, sorting, paging ------------------------------------------------------
def test_list_filters(ledger, pairing, second):
    a = ledger.funds.create(**fund_values(pairing))
    b = ledger.funds.create(**fund_values(pairing, kind="social", budget_year=2018, purpose="捐助"))
    c = ledger.funds.create(**fund_values(second, budget_year=2018))
    ids = lambda records: {r.id for r in records}  # noqa: E731
    assert ids(ledger.funds.list(pairing_id=pairing.id)) == {a.id, b.id}
    assert ids(ledger.funds.list(year=2018)) == {b.id, c.id}
    assert ids(ledger.funds.list(kind="social")) == {b.id}
    assert ids(ledger.funds.list(pairing_id=pairing.id, kind="fiscal")) == {a.id}
    assert ledger.funds.count(year=2018, kind="fiscal") == 1
    with pytest.raises(ValidationError) as caught:
        ledger.funds.list(colour="red")
    assert caught.value.field == "colour"

    intent = ledger.agreements.create(
        pairing_id=pairing.id, title="合作意向", category="industry", status="intent"
    )
    ledger.agreements.create(
        pairing_id=pairing.id, title="框架协议", category="framework", status="signed",
        signed_on="2017-03-28",
    )  # fmt: skip
    assert ids(ledger.agreements.list(status="intent")) == {intent.id}


def test_text_search_takes_percent_and_underscore_literally(ledger, pairing):
    percent = ledger.funds.create(**fund_values(pairing, purpose="资金100%到位"))
    underscore = ledger.funds.create(**fund_values(pairing, purpose="项目A_B"))
    ledger.funds.create(**fund_values(pairing, purpose="项目AxB 1000到位"))
    donor = ledger.funds.create(**fund_values(pairing, purpose="捐助", donor="京东物流"))
    assert [r.id for r in ledger.funds.list(text="%")] == [percent.id]
    assert [r.id for r in ledger.funds.list(text="0%到")] == [percent.id]
    assert [r.id for r in ledger.funds.list(text="A_B")] == [underscore.id]
    assert [r.id for r in ledger.funds.list(text=" 京东 ")] == [donor.id]
    assert ledger.funds.count(text="项目") == 2


def test_sort_ids_limit_and_offset(ledger, pairing):
    for amount in ("5万", "1万", "300万", "20万"):
        ledger.funds.create(**fund_values(pairing, amount_fen=amount))
    up = ledger.funds.list(sort="amount_fen")
    assert [r.amount_fen for r in up] == [1_000_000, 5_000_000, 20_000_000, 300_000_000]
    down = ledger.funds.list(sort="amount_fen", descending=True)
    assert [r.amount_fen for r in down] == [300_000_000, 20_000_000, 5_000_000, 1_000_000]
    assert ledger.funds.ids(sort="amount_fen") == [r.id for r in up]
    assert ledger.funds.ids(sort="amount_fen", descending=True) == [r.id for r in down]
    assert ledger.funds.ids() == [r.id for r in ledger.funds.list()]
    page = ledger.funds.list(sort="amount_fen", limit=2, offset=1)
    assert [r.id for r in page] == [r.id for r in up[1:3]]
    with pytest.raises(ValidationError) as caught:
        ledger.funds.list(sort="colour")
    assert caught.value.field == "sort"


# --- bulk create -------------------------------------------------------------------------
def test_bulk_create_writes_all_rows_with_one_event(ledger, pairing):
    before = len(events(ledger))
    rows = [fund_values(pairing, purpose=f"第{n}批", amount_fen=n * 100) for n in range(1, 8)]
    assert ledger.funds.bulk_create(rows) == 7
    assert ledger.funds.count() == 7
    new = events(ledger)[before:]
    assert [(e.action, e.table_name, e.row_id) for e in new] == [
        ("bulk_create", "fund_transfer", None)
    ]
    stored = {r.id for r in ledger.funds.list()}
    assert set(json.loads(new[0].after)["rows"]) == stored
    assert {r.origin for r in ledger.funds.list()} == {"131001"}


def test_bulk_create_stops_at_bad_row_and_writes_nothing(ledger, pairing, refused):
    rows = [fund_values(pairing, purpose=f"第{n}批") for n in range(1, 6)]
    rows[3]["amount_fen"] = 0
    with refused(ledger.funds, "amount_fen", "第 4 条帮扶资金记录：「金额」必须大于 0"):
        ledger.funds.bulk_create(rows)


# --- targets.set -------------------------------------------------------------------------
def test_targets_set_creates_updates_and_revives(ledger, pairing):
    key = (pairing.id, 2017, "fiscal_funds")
    made = ledger.targets.set(*key, "2400万")
    assert made.value == 2_400_000_000
    changed = ledger.targets.set(*key, "3000万")
    assert (changed.id, changed.value) == (made.id, 3_000_000_000)
    ledger.targets.delete(made.id)
    revived = ledger.targets.set(*key, 1_000_000)
    assert (revived.id, revived.value, revived.deleted) == (made.id, 1_000_000, False)
    assert ledger.targets.count(include_deleted=True) == 1
    actions = [e.action for e in events(ledger, "target")]
    assert actions == ["create", "update", "delete", "restore", "update"]


# --- who and where -----------------------------------------------------------------------
def test_operator_from_meta_is_recorded(ledger, pairing):
    assert {e.operator for e in events(ledger, "pairing")} == {engines.recorded(ledger, "测试员")}
    ledger.set_settings(operator="张三")
    ledger.pairings.update(pairing.id, contact="李四")
    assert events(ledger)[-1].operator == engines.recorded(ledger, "张三")
    assert ledger.pairings.get(pairing.id).origin == ledger.office_code == "131001"


def test_deleting_and_restoring_many_records_is_a_few_statements_and_an_event_each(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    """2,000 selected rows deleted took 5-10 s as three flushes and six statements a row;
    now the rows are read a few hundred at a time and their history, changes and events
    written together. Each record still gets its own event, chained in the order named."""
    from sqlalchemy import event

    from pairtrack.tracker.check import run_checks

    funds = [
        ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
                            amount_fen=1000 + n, purpose=f"项目{n}", allocated_on=date(2017, 3, 1))
        for n in range(120)
    ]  # fmt: skip
    ids = [f.id for f in reversed(funds)]
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(ledger.engine, "before_cursor_execute", count)
    try:
        deleted = ledger.funds.delete_many(ids, {f.id: f.rev for f in funds})
        during_delete = len(statements)
        restored = ledger.funds.restore_many(ids)
    finally:
        event.remove(ledger.engine, "before_cursor_execute", count)
    assert during_delete < 20 and len(statements) - during_delete < 20  # was 6 a record
    assert [r.id for r in deleted] == ids and all(r.deleted_at for r in deleted)
    assert [r.id for r in restored] == ids and not any(r.deleted_at for r in restored)
    assert ledger.funds.count() == 120

    with ledger.read() as session:
        events = session.execute(
            select(AuditEvent.action, AuditEvent.row_id, AuditEvent.prev_hash, AuditEvent.hash)
            .where(AuditEvent.action.in_(["delete", "restore"]))
            .order_by(AuditEvent.seq)
        ).all()
    assert [(e.action, e.row_id) for e in events] == [
        *(("delete", i) for i in ids),
        *(("restore", i) for i in ids),
    ]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    assert run_checks(ledger) == []  # chain, row hashes and revisions all as written
    assert ledger.funds.get(ids[0]).rev != funds[-1].rev  # a new revision each time


def test_a_record_given_twice_in_one_deletion_is_deleted_once(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    from pairtrack.db.models import RowHistory

    fund = ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
                               amount_fen=1000, purpose="项目", allocated_on=date(2017, 3, 1))  # fmt: skip
    service = ledger.funds
    with service.store.write() as session:
        obj = session.get(service.model, fund.id)
        service.delete_all_in(session, [obj, obj])
    with ledger.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.row_id == fund.id).order_by(AuditEvent.seq)
        ).all()
        kept = session.scalars(select(RowHistory.rev).where(RowHistory.row_id == fund.id)).all()
    assert actions == ["create", "delete"]
    assert kept == [fund.rev]  # the revision it had, in its history
    assert ledger.funds.get(fund.id, include_deleted=True).deleted_at is not None
