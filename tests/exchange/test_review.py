"""Review of the revision merge (issue 10, DESIGN §7): scenarios a city office and its zones
would really produce. Each test states what the contract asks for; failing ones are findings.
"""

# The fixtures ``three`` and ``pair2`` are imported by name, which ruff reads as redefinitions.
# ruff: noqa: F811

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from pairtrack.tracker import conflicts
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.merge import import_package
from tests.exchange.review_helpers import (  # noqa: F401  (fixtures by name)
    Office,
    _agreement,
    _conflict_both_sides,
    checked_send,
    count,
    open_conflicts,
    package,
    pair2,
    problems,
    resolve_all,
    three,
)
from tests.exchange.test_offices import seed, tables


# --- relays and convergence -----------------------------------------------------------------
def test_b_relays_a_edit_to_c_who_edited_another_field(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.update(ids["fund"], amount_fen=825 * 10**6)
    checked_send(a, b, tmp_path)
    c.funds.update(ids["fund"], purpose="耕地占补平衡指标款")
    report = checked_send(b, c, tmp_path)  # A's edit, relayed by B
    assert report.tables["fund_transfer"].conflicts == 0
    fund = c.funds.get(ids["fund"])
    assert (fund.amount_fen, fund.purpose) == (825 * 10**6, "耕地占补平衡指标款")
    for source, target in ((c, a), (c, b), (a, b), (b, c)):
        checked_send(source, target, tmp_path)
    assert tables(a) == tables(b) == tables(c)
    assert all(open_conflicts(x) == [] for x in (a, b, c))


def test_b_relays_a_edit_to_c_who_edited_the_same_field(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.update(ids["fund"], amount_fen=825 * 10**6)
    checked_send(a, b, tmp_path)
    c.funds.update(ids["fund"], amount_fen=830 * 10**6)
    report = checked_send(b, c, tmp_path)
    assert report.tables["fund_transfer"].conflicts == 1
    (found,) = open_conflicts(c)
    assert "廊坊开发区" in found.office or "大厂" in found.office
    conflicts.resolve(c, {found.id: (conflicts.INCOMING, None)})
    # The resolution reaches A directly and B through A; nobody sees a conflict again.
    for source, target in ((c, a), (a, b), (b, c), (c, b), (b, a)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0, (source.path, target.path)
    assert tables(a) == tables(b) == tables(c)
    assert all(open_conflicts(x) == [] for x in (a, b, c))


def test_the_same_conflict_relayed_by_a_third_office_is_not_raised_twice(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.update(ids["fund"], amount_fen=825 * 10**6)
    c.funds.update(ids["fund"], amount_fen=830 * 10**6)
    checked_send(a, c, tmp_path)  # conflict at C from A
    checked_send(a, b, tmp_path)
    report = checked_send(b, c, tmp_path)  # the same revision of A, relayed
    assert report.tables["fund_transfer"].conflicts == 0
    assert len(open_conflicts(c)) == 1


def test_three_offices_each_edit_a_different_field_and_converge(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.update(ids["fund"], amount_fen=825 * 10**6)
    b.funds.update(ids["fund"], purpose="改了用途")
    c.funds.update(ids["fund"], arrived_on=date(2017, 4, 2))
    for _ in range(2):
        for source, target in itertools.permutations((a, b, c), 2):
            report = checked_send(source, target, tmp_path)
            assert report.tables["fund_transfer"].conflicts == 0
    for x in (a, b, c):
        fund = x.funds.get(ids["fund"])
        assert (fund.amount_fen, fund.purpose, fund.arrived_on) == (
            825 * 10**6,
            "改了用途",
            date(2017, 4, 2),
        )
    assert tables(a) == tables(b) == tables(c)


# --- resolutions --------------------------------------------------------------------------
def test_both_sides_resolve_the_same_way_and_converge(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    _conflict_both_sides(pair2, tmp_path)
    resolve_all(city, conflicts.INCOMING)  # 825
    resolve_all(zone, conflicts.LOCAL)  # 825
    for source, target in ((zone, city), (city, zone), (zone, city)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0
    assert tables(zone) == tables(city)
    assert zone.funds.get(ids["fund"]).amount_fen == 825 * 10**6


@pytest.mark.parametrize("typed", [827, 820])
def test_both_sides_resolve_differently_is_a_conflict_again_not_a_silent_pick(
    pair2, tmp_path, typed
) -> None:
    """The city types 827 (or goes back to the original 820); the zone keeps its 825. Two
    people chose two values for one field: DESIGN §7 says that is a conflict, on each side,
    whatever the revision ids hash to."""
    zone, city, ids = pair2
    _conflict_both_sides(pair2, tmp_path)
    (c,) = open_conflicts(city)
    conflicts.resolve(city, {c.id: (conflicts.VALUE, typed * 10**6)})
    assert city.funds.get(ids["fund"]).amount_fen == typed * 10**6
    resolve_all(zone, conflicts.LOCAL)
    report = checked_send(zone, city, tmp_path)
    after_city = city.funds.get(ids["fund"]).amount_fen
    report2 = checked_send(city, zone, tmp_path)
    after_zone = zone.funds.get(ids["fund"]).amount_fen
    assert (after_city, after_zone) == (typed * 10**6, 825 * 10**6)  # each keeps its own
    assert report.tables["fund_transfer"].conflicts == 1
    assert report2.tables["fund_transfer"].conflicts == 1


def test_resolution_then_a_further_edit_before_the_exchange(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    _conflict_both_sides(pair2, tmp_path)
    resolve_all(city, conflicts.INCOMING)
    city.funds.update(ids["fund"], purpose="市里又改了用途")
    for source, target in ((city, zone), (zone, city)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0
    for x in (zone, city):
        fund = x.funds.get(ids["fund"])
        assert (fund.amount_fen, fund.purpose) == (825 * 10**6, "市里又改了用途")
        assert open_conflicts(x) == []
    assert tables(zone) == tables(city)


def test_the_other_office_edits_the_field_again_before_the_conflict_is_resolved(
    pair2, tmp_path
) -> None:
    """The zone corrects 825 → 826 while the city still has the 825/830 conflict open: the
    city sees one open conflict for the amount (now 830 vs 826), not two."""
    zone, city, ids = pair2
    _conflict_both_sides(pair2, tmp_path)
    zone.funds.update(ids["fund"], amount_fen=826 * 10**6)
    checked_send(zone, city, tmp_path)
    found = open_conflicts(city)
    assert [(c.field, c.incoming_value) for c in found] == [("amount_fen", 826 * 10**6)]


def test_after_a_re_edit_taking_incoming_everywhere_converges(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    _conflict_both_sides(pair2, tmp_path)
    zone.funds.update(ids["fund"], amount_fen=826 * 10**6)
    checked_send(zone, city, tmp_path)
    resolve_all(city, conflicts.INCOMING)
    for _ in range(3):
        checked_send(city, zone, tmp_path)
        resolve_all(zone, conflicts.INCOMING)
        checked_send(zone, city, tmp_path)
        resolve_all(city, conflicts.INCOMING)
    assert open_conflicts(city) == open_conflicts(zone) == []
    assert tables(zone) == tables(city)
    assert zone.funds.get(ids["fund"]).amount_fen == 826 * 10**6


# --- delete / restore ---------------------------------------------------------------------
def test_deleted_at_one_office_and_restored_at_another(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.delete(ids["fund"])
    checked_send(a, b, tmp_path)
    assert b.funds.count() == 0
    b.funds.restore(ids["fund"])
    b.funds.update(ids["fund"], purpose="恢复后改了")
    for source, target in ((b, a), (a, c), (c, b), (b, c)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0
    for x in (a, b, c):
        assert x.funds.get(ids["fund"]).purpose == "恢复后改了"
    assert tables(a) == tables(b) == tables(c)


def test_deleted_at_one_office_while_another_deletes_and_restores(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.delete(ids["fund"])
    b.funds.delete(ids["fund"])
    b.funds.restore(ids["fund"])  # a mistake, put right
    for source, target in ((a, b), (b, a), (a, c), (b, c)):
        checked_send(source, target, tmp_path)
    # A deleted it, B ended where it started: A's deletion is the only change.
    for x in (a, b, c):
        assert x.funds.count() == 0, x.path
        assert open_conflicts(x) == []


def test_both_delete_concurrently_and_converge(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.delete(ids["fund"])
    b.funds.delete(ids["fund"])
    for source, target in ((a, b), (b, a), (a, c), (b, c), (c, a), (c, b)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0
    assert tables(a) == tables(b) == tables(c)


# --- children of a pairing deleted here ----------------------------------------------------
def test_a_new_fund_on_a_pairing_deleted_here_is_not_silently_lost(pair2, tmp_path) -> None:
    """The city deleted the pairing (and its fund); the zone meanwhile recorded a new payment
    on it. The payment must not vanish without a trace: it is a conflict (deletion against a
    concurrent edit) that a person sees, and a second import of the same package is clean."""
    zone, city, ids = pair2
    city.funds.delete(ids["fund"])
    city.pairings.delete(ids["pairing"])
    zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=5 * 10**6,
        purpose="新捐款", allocated_on=date(2018, 1, 5),
    )  # fmt: skip
    path = package(zone, tmp_path)
    import_package(city, path)
    again = import_package(city, path)
    assert not again.problems, [str(p) for p in again.problems]
    assert open_conflicts(city), "the new payment is listed as a conflict"
    assert run_checks(city) == []


def test_a_fund_moved_to_a_pairing_deleted_here(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    other = zone.regions.create(name="尚义县", province="河北省", city="张家口市", level="county")
    checked_send(zone, city, tmp_path)
    pairing2 = city.pairings.create(
        helper_id=ids["helper"], assisted_id=other.id, programme="in_province", start_year=2018
    )
    checked_send(city, zone, tmp_path)
    city.pairings.delete(pairing2.id)
    zone.funds.update(ids["fund"], pairing_id=pairing2.id)
    path = package(zone, tmp_path)
    import_package(city, path)
    again = import_package(city, path)
    assert not again.problems, [str(p) for p in again.problems]
    assert run_checks(city) == []


# --- agreements: status transitions through a merge ---------------------------------------
def test_a_status_conflict_where_incoming_goes_backwards_can_be_resolved(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    agreement = _agreement(zone, ids["pairing"])
    checked_send(zone, city, tmp_path)
    zone.agreements.update(agreement, status="signed", signed_on=date(2018, 3, 1))
    city.agreements.update(agreement, status="in_progress", signed_on=date(2018, 3, 1))
    checked_send(zone, city, tmp_path)
    checked_send(city, zone, tmp_path)
    # the zone takes the city's (forward) status; the city keeps its own
    resolve_all(zone, conflicts.INCOMING)
    resolve_all(city, conflicts.LOCAL)
    for source, target in ((zone, city), (city, zone)):
        checked_send(source, target, tmp_path)
    assert zone.agreements.get(agreement).status == city.agreements.get(agreement).status
    assert open_conflicts(zone) == open_conflicts(city) == []
    assert tables(zone) == tables(city)


def test_two_final_statuses_in_conflict_can_be_settled(pair2, tmp_path) -> None:
    """One office completed the agreement, the other terminated it. Neither can take the
    other's value (final statuses never change); keeping one's own on both sides must still
    end with one status everywhere, or a conflict that can be resolved."""
    zone, city, ids = pair2
    agreement = _agreement(zone, ids["pairing"], "signed")
    checked_send(zone, city, tmp_path)
    zone.agreements.update(agreement, status="completed")
    city.agreements.update(agreement, status="terminated")
    checked_send(zone, city, tmp_path)
    checked_send(city, zone, tmp_path)
    (c,) = open_conflicts(city)
    # Taking the zone's value is what the city decides: it must be possible.
    conflicts.resolve(city, {c.id: (conflicts.INCOMING, None)})
    assert city.agreements.get(agreement).status == "completed"


def test_a_merge_never_moves_a_status_backwards(pair2, tmp_path) -> None:
    """The zone moved the agreement on to 执行中 while the city edited its counterparty: the
    merge keeps the status the zone reached."""
    zone, city, ids = pair2
    agreement = _agreement(zone, ids["pairing"])
    checked_send(zone, city, tmp_path)
    zone.agreements.update(agreement, status="in_progress", signed_on=date(2018, 3, 1))
    city.agreements.update(agreement, counterparty="某公司")
    for source, target in ((zone, city), (city, zone)):
        checked_send(source, target, tmp_path)
    assert city.agreements.get(agreement).status == "in_progress"
    assert tables(zone) == tables(city)


def test_two_final_statuses_kept_locally_on_both_sides_stay_one_open_conflict(
    pair2, tmp_path
) -> None:
    """Both offices keep their own final status: a real disagreement, so each exchange shows
    it again as one open conflict (never a silent pick, never a pile of them); once one office
    takes the other's, the next exchanges converge."""
    zone, city, ids = pair2
    agreement = _agreement(zone, ids["pairing"], "signed")
    checked_send(zone, city, tmp_path)
    zone.agreements.update(agreement, status="completed")
    city.agreements.update(agreement, status="terminated")
    checked_send(zone, city, tmp_path)
    checked_send(city, zone, tmp_path)
    for _ in range(2):
        resolve_all(zone, conflicts.LOCAL)
        resolve_all(city, conflicts.LOCAL)
        checked_send(zone, city, tmp_path)
        checked_send(city, zone, tmp_path)
        assert len(open_conflicts(zone)) == len(open_conflicts(city)) == 1
    assert zone.agreements.get(agreement).status == "completed"
    assert city.agreements.get(agreement).status == "terminated"
    resolve_all(city, conflicts.INCOMING)
    resolve_all(zone, conflicts.LOCAL)
    for _ in range(2):
        checked_send(city, zone, tmp_path)
        checked_send(zone, city, tmp_path)
    assert open_conflicts(zone) == open_conflicts(city) == []
    assert zone.agreements.get(agreement).status == city.agreements.get(agreement).status


def test_a_criss_cross_of_resolutions_never_moves_a_status_backwards(
    office: Office, tmp_path: Path
) -> None:
    """Zone signed, city moved on to 执行中: a conflict on both sides, and each keeps its own.
    Whatever the revision ids hash to, the next exchange must not put the city's agreement
    back to 已签约 (a status change the program refuses to a person)."""
    for attempt in range(8):
        zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
        ids = seed(zone)
        agreement = _agreement(zone, ids["pairing"])
        checked_send(zone, city, tmp_path)
        zone.agreements.update(agreement, status="signed", signed_on=date(2018, 3, 1))
        city.agreements.update(agreement, status="in_progress", signed_on=date(2018, 3, 1))
        checked_send(zone, city, tmp_path)
        checked_send(city, zone, tmp_path)
        resolve_all(zone, conflicts.LOCAL)
        resolve_all(city, conflicts.LOCAL)
        checked_send(zone, city, tmp_path)
        assert city.agreements.get(agreement).status == "in_progress", f"attempt {attempt}"


def test_two_different_resolutions_never_silently_override_one(
    office: Office, tmp_path: Path
) -> None:
    """As test_both_sides_resolve_differently_..., repeated so that both orders of the revision
    ids occur: a person's resolution is never replaced by another's without a conflict."""
    for attempt in range(8):
        zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
        ids = seed(zone)
        checked_send(zone, city, tmp_path)
        _conflict_both_sides((zone, city, ids), tmp_path)
        (c,) = open_conflicts(city)
        conflicts.resolve(city, {c.id: (conflicts.VALUE, 827 * 10**6)})
        resolve_all(zone, conflicts.LOCAL)
        checked_send(city, zone, tmp_path)
        assert zone.funds.get(ids["fund"]).amount_fen == 825 * 10**6 or open_conflicts(zone), (
            f"attempt {attempt}: the zone's choice 825 was replaced by 827 without a conflict"
        )


def test_a_new_fund_on_a_pairing_deleted_here_keeps_totals_or_shows_a_conflict(
    pair2, tmp_path
) -> None:
    zone, city, ids = pair2
    city.funds.delete(ids["fund"])
    city.pairings.delete(ids["pairing"])
    checked_send(city, zone, tmp_path)  # the zone learns of the deletion ...
    assert zone.pairings.count() == 0
    zone.pairings.restore(ids["pairing"])  # ... and puts the pairing back, with a new fund
    zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=5 * 10**6,
        purpose="新捐款", allocated_on=date(2018, 1, 5),
    )  # fmt: skip
    report = checked_send(zone, city, tmp_path)  # restore is a descendant: taken, no problem
    assert not report.problems
    assert city.funds.totals()["amount_fen"] == zone.funds.totals()["amount_fen"]


def test_two_valid_edits_that_merge_into_an_invalid_row(pair2, tmp_path) -> None:
    """The zone moves the allocation date to May; the city records arrival on 2 April. Each
    edit is valid, the field-by-field merge is not (到位日期早于拨付日期). That must be a
    conflict a person resolves (and a second import must be clean), not a row problem that
    comes back on every import while the two offices never converge."""
    zone, city, ids = pair2
    zone.funds.update(ids["fund"], allocated_on=date(2017, 5, 1))
    city.funds.update(ids["fund"], arrived_on=date(2017, 4, 2))
    path = package(zone, tmp_path)
    import_package(city, path)
    again = import_package(city, path)
    assert not again.problems, [str(p) for p in again.problems]
    assert open_conflicts(city), "shown as a conflict"


def test_a_code_added_there_that_a_second_local_region_already_holds(
    office: Office, tmp_path: Path
) -> None:
    """Both typed 大厂 without a code (twins by name); then the zone adds the code while the
    city, not knowing, typed 大厂 again *with* the code. The import may not crash (unique
    code): a clear problem or conflict, nothing half-written, and a clean second import."""
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    zone.regions.create(name="大厂回族自治县", province="河北省", city="廊坊市", level="county")
    city.regions.create(name="大厂回族自治县", province="河北省", city="廊坊市", level="county")
    checked_send(zone, city, tmp_path)
    checked_send(city, zone, tmp_path)
    zone.regions.update(zone.regions.list()[0].id, code="131028")
    city.regions.create(
        name="大厂回族自治县", province="河北省", city="廊坊市", level="county", code="131028"
    )
    path = package(zone, tmp_path)
    import_package(city, path)
    assert problems(city) == []
    again = import_package(city, path)
    assert again.changed == 0 and not again.problems, [str(p) for p in again.problems]


def test_a_resolution_settles_the_other_sides_conflict_after_partial_merges(
    office: Office, tmp_path: Path
) -> None:
    """Each office changed the amount (a conflict) and one other field (merged): both sides
    hold a partly merged row and an open conflict. The city takes the zone's amount; its
    resolution reaches the zone, whose conflict is then settled, whatever the ids hash to."""
    for attempt in range(8):
        zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
        ids = seed(zone)
        checked_send(zone, city, tmp_path)
        zone.funds.update(ids["fund"], amount_fen=825 * 10**6, arrived_on=date(2017, 4, 2))
        city.funds.update(ids["fund"], amount_fen=830 * 10**6, purpose="市里改的")
        checked_send(zone, city, tmp_path)
        checked_send(city, zone, tmp_path)
        assert len(open_conflicts(zone)) == len(open_conflicts(city)) == 1
        resolve_all(city, conflicts.INCOMING)
        checked_send(city, zone, tmp_path)
        assert open_conflicts(zone) == [], f"attempt {attempt}: the zone's conflict stays open"
        checked_send(zone, city, tmp_path)
        assert tables(zone) == tables(city), f"attempt {attempt}"
