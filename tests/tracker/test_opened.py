"""Optimistic concurrency on save (issue 15): a record changed by someone else since it was
opened is never overwritten. Two ``Ledger`` objects on one file act as two PCs on a shared
database; each edit hands back the revision it opened (``Record.rev``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.history import record_history
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import FundTransferRecord, PairingRecord
from pairtrack.tracker.services.opened import ChangedSinceOpened
from tests import engines


@pytest.fixture
def second(ledger: Ledger) -> Iterator[Ledger]:
    """Another PC on the same database file."""
    other = Ledger.open(engines.target_of(ledger))  # its file, or its server database
    try:
        yield other
    finally:
        other.close()


@pytest.fixture
def fund(ledger: Ledger, pairing: PairingRecord) -> FundTransferRecord:
    return ledger.funds.create(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen="1200万",
        purpose="产业项目",
        allocated_on=date(2017, 3, 1),
    )


def as_operator(ledger: Ledger, name: str) -> None:
    """The operator is one setting of the shared database: who writes next."""
    ledger.set_settings(operator=name)


def differences(exc: ChangedSinceOpened) -> dict[str, tuple[Any, Any, Any]]:
    return {d.field.name: (d.opened, d.theirs, d.mine) for d in exc.differences}


def test_the_second_save_is_refused_with_the_first_writers_values(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord, audit_count: Callable[[], int]
) -> None:
    opened_by_a = ledger.funds.get(fund.id)
    opened_by_b = second.funds.get(fund.id)
    as_operator(second, "乙")
    saved_by_b = second.funds.update(
        fund.id, opened_rev=opened_by_b.rev, amount_fen="1300万", donor="京东物流"
    )
    as_operator(ledger, "甲")
    events = audit_count()

    with pytest.raises(ChangedSinceOpened) as refused:
        ledger.funds.update(fund.id, opened_rev=opened_by_a.rev, purpose="耕地指标", donor="")

    exc = refused.value
    assert str(exc).startswith(f"这条记录在您打开后已被 {engines.recorded(ledger, '乙')} 于 ")
    assert str(exc).endswith(" 修改，未写入任何内容。")
    assert (
        exc.operator == engines.recorded(ledger, "乙")
        and exc.changed_at is not None
        and not exc.deleted
    )
    assert exc.current == saved_by_b  # the record as stored now: B's version
    assert differences(exc) == {
        "amount_fen": (1_200_000_000, 1_300_000_000, 1_300_000_000),  # B: A left it
        "donor": ("", "京东物流", ""),  # changed by B, and A would blank it
        "purpose": ("产业项目", "产业项目", "耕地指标"),  # A's own change
    }
    assert [d.field.name for d in exc.differences if d.changed_by_them] == ["amount_fen", "donor"]
    assert [d.field.name for d in exc.differences if d.overwritten] == ["purpose", "donor"]
    # nothing written: B's values stand, and no audit event was added
    assert ledger.funds.get(fund.id) == saved_by_b
    assert audit_count() == events


def test_saving_knowingly_against_the_new_revision_overwrites_and_both_are_audited(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord
) -> None:
    opened = ledger.funds.get(fund.id)
    as_operator(second, "乙")
    second.funds.update(fund.id, opened_rev=opened.rev, donor="京东物流")
    as_operator(ledger, "甲")
    with pytest.raises(ChangedSinceOpened) as refused:
        ledger.funds.update(fund.id, opened_rev=opened.rev, donor="廊坊开发区")

    saved = ledger.funds.update(fund.id, opened_rev=refused.value.current.rev, donor="廊坊开发区")

    assert saved.donor == "廊坊开发区"
    steps = [
        (e.operator, e.action, [(c.field.name, c.before, c.after) for c in e.changes])
        for e in record_history(ledger, "fund_transfer", fund.id)
    ]
    assert steps[:2] == [
        (engines.recorded(ledger, "甲"), "update", [("donor", "京东物流", "廊坊开发区")]),
        (engines.recorded(ledger, "乙"), "update", [("donor", None, "京东物流")]),
    ]


def test_a_save_that_changes_nothing_keeps_the_revision_so_saving_again_is_not_refused(
    ledger: Ledger, fund: FundTransferRecord
) -> None:
    same = ledger.funds.update(fund.id, opened_rev=fund.rev, purpose=fund.purpose)
    assert same.rev == fund.rev
    changed = ledger.funds.update(fund.id, opened_rev=fund.rev, purpose="耕地指标")
    assert changed.rev != fund.rev
    assert ledger.funds.update(fund.id, opened_rev=changed.rev, voucher="A-1").voucher == "A-1"


def test_deleting_a_record_changed_since_it_was_read_is_refused(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord, audit_count: Callable[[], int]
) -> None:
    listed = ledger.funds.get(fund.id)
    as_operator(second, "乙")
    second.funds.update(fund.id, donor="京东物流")
    events = audit_count()

    with pytest.raises(ChangedSinceOpened) as one:
        ledger.funds.delete(fund.id, opened_rev=listed.rev)
    with pytest.raises(ChangedSinceOpened) as many:
        ledger.funds.delete_many([fund.id], {fund.id: listed.rev})

    for refused in (one, many):
        assert differences(refused.value) == {"donor": ("", "京东物流", "京东物流")}
        assert not [d for d in refused.value.differences if d.overwritten]
    assert ledger.funds.count() == 1 and audit_count() == events
    ledger.funds.delete_many([fund.id], {fund.id: many.value.current.rev})
    assert ledger.funds.count() == 0


def test_one_changed_record_refuses_a_whole_delete_of_several(
    ledger: Ledger, second: Ledger, pairing: PairingRecord, fund: FundTransferRecord
) -> None:
    other = ledger.funds.create(
        pairing_id=pairing.id, budget_year=2018, kind="social", amount_fen="12.2万",
        purpose="捐助", allocated_on=date(2018, 5, 1),
    )  # fmt: skip
    revs = {r.id: r.rev for r in ledger.funds.list()}
    second.funds.update(other.id, purpose="捐书 955 册")
    with pytest.raises(ChangedSinceOpened) as refused:
        ledger.funds.delete_many([fund.id, other.id], revs)
    assert refused.value.current.id == other.id
    assert ledger.funds.count() == 2  # all or none


def test_a_save_of_a_record_deleted_since_it_was_opened_names_the_deletion(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord
) -> None:
    as_operator(second, "乙")
    second.funds.delete(fund.id)
    with pytest.raises(ChangedSinceOpened) as refused:
        ledger.funds.update(fund.id, opened_rev=fund.rev, purpose="耕地指标")
    exc = refused.value
    assert exc.deleted and exc.action == "delete" and exc.operator == engines.recorded(ledger, "乙")
    assert " 删除，未写入任何内容。" in str(exc)
    assert ledger.funds.get(fund.id, include_deleted=True).purpose == "产业项目"


def test_every_kind_gets_the_rule_through_the_registry(
    ledger: Ledger, second: Ledger, pairing: PairingRecord
) -> None:
    region = ledger.regions.get(pairing.helper_id)
    second.regions.update(region.id, note="乙改过")
    second.pairings.update(pairing.id, contact="乙")
    with pytest.raises(ChangedSinceOpened):
        ledger.regions.update(region.id, opened_rev=region.rev, note="甲")
    with pytest.raises(ChangedSinceOpened):
        ledger.services["pairing"].update(pairing.id, opened_rev=pairing.rev, contact="甲")


def test_a_write_without_an_opened_revision_acts_on_the_record_as_it_is(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord
) -> None:
    """Undo, the command line and imports name no revision: they behave as before."""
    second.funds.update(fund.id, donor="京东物流")
    assert ledger.funds.update(fund.id, purpose="耕地指标").donor == "京东物流"


def test_a_merge_is_unaffected_and_counts_as_a_change_to_an_open_record(
    tmp_path: Path, office: Any
) -> None:
    county, city = office("131001", "廊坊开发区"), office("130000", "廊坊市")
    helper = county.regions.create(name="廊坊开发区", level="zone")
    assisted = county.regions.create(name="康保县", level="county", code="130723")
    pairing = county.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    first, again = tmp_path / "1.pairtrack.zip", tmp_path / "2.pairtrack.zip"
    export_package(county, first)
    import_package(city, first)
    opened_in_city = city.pairings.get(pairing.id)
    county.pairings.update(pairing.id, contact="王科长")
    export_package(county, again)

    report = import_package(city, again)  # the merge names no revision: not refused

    assert not report.problems
    assert city.pairings.get(pairing.id).contact == "王科长"
    with pytest.raises(ChangedSinceOpened) as refused:
        city.pairings.update(pairing.id, opened_rev=opened_in_city.rev, contact="李科长")
    assert refused.value.action == "merge"
    assert differences(refused.value)["contact"] == ("", "王科长", "李科长")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Callable[[str, str], Ledger]]:
    opened: list[Ledger] = []

    def make(code: str, name: str) -> Ledger:
        ledger = Ledger.open(tmp_path / f"{code}.db")
        ledger.set_settings(operator="测试员", office_code=code, office_name=name)
        opened.append(ledger)
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


def test_two_pcs_saving_the_same_opened_revision_at_once_lose_no_update(
    ledger: Ledger, second: Ledger, fund: FundTransferRecord
) -> None:
    """Both read the record, then save at the same moment: one is saved, the other is told."""
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(pc: Ledger, donor: str) -> None:
        start.wait()
        try:
            pc.funds.update(fund.id, opened_rev=fund.rev, donor=donor)
            outcomes[donor] = "saved"
        except ChangedSinceOpened as exc:
            outcomes[donor] = f"refused: {exc.current.donor}"

    threads = [
        threading.Thread(target=save, args=(pc, name))
        for pc, name in ((ledger, "甲单位"), (second, "乙单位"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    kept = ledger.funds.get(fund.id).donor
    loser = "乙单位" if kept == "甲单位" else "甲单位"
    assert outcomes == {kept: "saved", loser: f"refused: {kept}"}
