"""Review of the revision merge, continued: twins (the same region, pairing or target created
at two offices), undo of imports, and idempotence of every import (audit trail included)."""

# The fixtures ``three`` and ``pair2`` are imported by name, which ruff reads as redefinitions.
# ruff: noqa: F811

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from pairtrack.db.models import Conflict, RowAlias, RowHistory
from pairtrack.tracker import conflicts
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.import_undo import undo_import
from tests.exchange.conftest import records, snapshot
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


# --- twins: the same region / pairing / target created at two offices --------------------
def test_the_same_region_with_different_provinces_is_a_conflict_and_converges(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    zone.regions.create(
        name="康保县", province="河北", city="张家口", level="county", code="130723"
    )
    city.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county", code="130723"
    )
    report = checked_send(zone, city, tmp_path)
    assert report.tables["region"].conflicts == 1
    assert {c.field for c in open_conflicts(city)} == {"province", "city"}
    resolve_all(city, conflicts.LOCAL)
    for source, target in ((city, zone), (zone, city), (city, zone)):
        report = checked_send(source, target, tmp_path)
    assert open_conflicts(city) == []
    # The zone sees a conflict from the city's first revision too; the city's resolution,
    # made from both, settles it.
    assert open_conflicts(zone) == []
    assert records(zone) == records(city)


def test_the_same_region_with_and_without_a_code_at_two_offices(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    zone.regions.create(name="康保县", province="河北省", city="张家口市", level="county")
    city.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county", code="130723"
    )
    for source, target in ((zone, city), (city, zone), (zone, city), (city, zone)):
        report = checked_send(source, target, tmp_path)
        assert sum(t.conflicts for t in report.tables.values()) == 0
    assert zone.regions.count() == city.regions.count() == 1
    assert records(zone) == records(city)
    assert zone.regions.list()[0].code == "130723"


def test_targets_twinned_with_different_values(office: Office, tmp_path: Path) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    zids, cids = seed(zone), seed(city)
    zone.targets.create(pairing_id=zids["pairing"], year=2018, indicator="fiscal_funds", value=100)
    city.targets.create(pairing_id=cids["pairing"], year=2018, indicator="fiscal_funds", value=200)
    checked_send(zone, city, tmp_path)
    checked_send(city, zone, tmp_path)
    assert [c.field for c in open_conflicts(city)] == ["value"]
    assert [c.field for c in open_conflicts(zone)] == ["value"]
    resolve_all(city, conflicts.INCOMING)  # 100
    for source, target in ((city, zone), (zone, city), (city, zone)):
        checked_send(source, target, tmp_path)
    assert open_conflicts(zone) == open_conflicts(city) == []
    assert [t.value for t in zone.targets.list()] == [t.value for t in city.targets.list()] == [100]


def test_a_twinned_pairing_edited_at_both_then_exchanged_again(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    zids, cids = seed(zone), seed(city)
    for source, target in ((zone, city), (city, zone)):
        checked_send(source, target, tmp_path)
    resolve_all(city)
    resolve_all(zone)
    for source, target in ((zone, city), (city, zone)):
        checked_send(source, target, tmp_path)
    zone.pairings.update(zids["pairing"], lead_unit="开发区管委会")
    city.pairings.update(cids["pairing"], contact="张三")
    for source, target in ((zone, city), (city, zone), (zone, city)):
        report = checked_send(source, target, tmp_path)
        assert report.tables["pairing"].conflicts == 0
    for x, pid in ((zone, zids["pairing"]), (city, cids["pairing"])):
        p = x.pairings.get(pid)
        assert (p.lead_unit, p.contact) == ("开发区管委会", "张三")
    assert records(zone) == records(city)


def test_a_third_office_gets_one_region_when_two_twins_reach_it(
    office: Office, tmp_path: Path
) -> None:
    """A and B typed 康保县 separately (each its own id); C gets both packages. C must end with
    one 康保县 and one pairing, and stay so after further exchanges."""
    a, b, c = office("131001", "A"), office("131002", "B"), office("130000", "C")
    seed(a)
    seed(b)
    checked_send(a, c, tmp_path)
    checked_send(b, c, tmp_path)
    assert c.regions.count() == 2 and c.pairings.count() == 1
    checked_send(a, b, tmp_path)
    checked_send(b, c, tmp_path)
    checked_send(c, a, tmp_path)
    checked_send(a, c, tmp_path)
    assert c.regions.count() == 2 and c.pairings.count() == 1
    assert a.regions.count() == 2 and a.pairings.count() == 1


# --- undo -----------------------------------------------------------------------------------
def test_undo_then_other_imports_then_reimport(pair2, office: Office, tmp_path) -> None:
    zone, city, ids = pair2
    third = office("131002", "大厂")
    checked_send(zone, third, tmp_path)
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=3 * 10**6,
        purpose="新增一笔", allocated_on=date(2018, 2, 1),
    )  # fmt: skip
    first = package(zone, tmp_path)
    report = import_package(city, first)
    third.funds.update(ids["fund"], purpose="大厂改的用途")
    checked_send(third, city, tmp_path)  # a later import touching the same fund
    with pytest.raises(Exception, match="修改"):
        undo_import(city, report.import_id)
    assert run_checks(city) == []


def test_undo_an_import_whose_rows_a_later_import_raised_conflicts_on(
    pair2, office: Office, tmp_path
) -> None:
    """Import 1 brings a new fund; import 2 (another office, which edited that fund the same
    way concurrently) raises a conflict on it. Undoing import 1 must either be refused or
    leave no conflict pointing at a row that no longer exists."""
    zone, city, ids = pair2
    third = office("131002", "大厂")
    checked_send(zone, third, tmp_path)
    new = zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=3 * 10**6,
        purpose="新增一笔", allocated_on=date(2018, 2, 1),
    )  # fmt: skip
    checked_send(zone, third, tmp_path)
    zone.funds.update(new.id, amount_fen=4 * 10**6)
    third.funds.update(new.id, amount_fen=5 * 10**6)
    first = package(zone, tmp_path)
    report = import_package(city, first)  # inserts the fund at 4
    checked_send(third, city, tmp_path)  # conflict 4 vs 5 on it
    assert len(open_conflicts(city)) == 1
    try:
        undo_import(city, report.import_id)
    except Exception:
        return  # refused: fine
    for c in open_conflicts(city):
        city.funds.get(c.row_id, include_deleted=True)  # the row a conflict names exists
    assert run_checks(city) == []


def test_undo_after_the_imports_conflict_was_resolved_is_refused(pair2, tmp_path) -> None:
    zone, city, ids = pair2
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    city.funds.update(ids["fund"], amount_fen=830 * 10**6)
    path = package(zone, tmp_path)
    report = import_package(city, path)
    resolve_all(city, conflicts.INCOMING)
    assert city.funds.get(ids["fund"]).amount_fen == 825 * 10**6
    before = tables(city)
    with pytest.raises(Exception):  # noqa: B017 — any refusal message
        undo_import(city, report.import_id)
    assert tables(city) == before


def test_undo_of_a_twin_import_then_reimport(office: Office, tmp_path: Path) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    seed(zone)
    seed(city)
    before = tables(city), count(city, RowHistory), count(city, RowAlias), count(city, Conflict)
    path = package(zone, tmp_path)
    report = import_package(city, path)
    assert count(city, RowAlias) > 0
    undo_import(city, report.import_id)
    after = tables(city), count(city, RowHistory), count(city, RowAlias), count(city, Conflict)
    assert after == before
    assert problems(city) == []
    again = import_package(city, path)
    assert again.tables["region"].inserted == 0  # the twins are found again
    assert city.pairings.count() == 1
    assert problems(city) == []
    # and the next exchanges are quiet
    for source, target in ((city, zone), (zone, city)):
        checked_send(source, target, tmp_path)


def test_undo_of_the_earlier_of_two_package_imports(pair2, tmp_path) -> None:
    """Import 1 (zone edits the fund); import 2 (zone's next package, adding a fund, fund 1
    unchanged since). Undoing 1 is refused (the same fund is at the revision import 2 left,
    which is the same) — or, if allowed, the history import 2 relies on must still be there."""
    zone, city, ids = pair2
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    p1 = package(zone, tmp_path)
    r1 = import_package(city, p1)
    zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2018, kind="social", amount_fen=3 * 10**6,
        purpose="新增一笔", allocated_on=date(2018, 2, 1),
    )  # fmt: skip
    checked_send(zone, city, tmp_path)
    undo_import(city, r1.import_id)
    assert city.funds.get(ids["fund"]).amount_fen == 820 * 10**6
    assert run_checks(city) == []
    # the zone's next package brings the 825 back, without a conflict
    report = checked_send(zone, city, tmp_path)
    assert report.tables["fund_transfer"].conflicts == 0
    assert city.funds.get(ids["fund"]).amount_fen == 825 * 10**6
    checked_send(city, zone, tmp_path)
    assert tables(city) == tables(zone)


# --- snapshot idempotence for every import (audit too) -------------------------------------
def test_every_second_import_writes_no_audit_event(three, tmp_path) -> None:
    a, b, c, ids = three
    a.funds.update(ids["fund"], amount_fen=825 * 10**6)
    c.funds.update(ids["fund"], amount_fen=830 * 10**6)
    b.funds.update(ids["fund"], purpose="b")
    for source, target in itertools.permutations((a, b, c), 2):
        path = package(source, tmp_path)
        import_package(target, path)
        before = tables(target), snapshot(target), count(target, RowHistory)
        before_c = count(target, Conflict)
        import_package(target, path)
        assert (tables(target), snapshot(target), count(target, RowHistory)) == before
        assert count(target, Conflict) == before_c
