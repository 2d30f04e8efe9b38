"""Two and three offices exchanging packages in every order (DESIGN §7 "merging by revision")."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker import conflicts
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.exchange.report import ImportReport
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.exchange.conftest import snapshot

Office = Callable[..., Ledger]
_sent = itertools.count()


def send(source: Ledger, target: Ledger, folder: Path) -> ImportReport:
    """One package from ``source`` imported into ``target``; importing it again changes
    nothing (idempotence is checked on every exchange of these tests)."""
    path = folder / f"p{next(_sent)}.pairtrack.zip"
    export_package(source, path)
    report = import_package(target, path)
    before = tables(target), snapshot(target)
    again = import_package(target, path)
    assert again.changed == 0 and not again.problems
    assert (tables(target), snapshot(target)) == before
    return report


def tables(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every synced table, tombstones and revisions included, by id."""
    with ledger.read() as session:
        out = {}
        for kind in KINDS:
            t: Any = kind.model.__table__
            rows = session.execute(t.select().order_by(t.c.id)).all()
            out[kind.table] = [tuple(r) for r in rows]
        return out


def funds_total(ledger: Ledger) -> int:
    return ledger.funds.totals()["amount_fen"]


def seed(ledger: Ledger) -> dict[str, str]:
    helper = ledger.regions.create(
        name="廊坊开发区", province="河北省", city="廊坊市", level="zone"
    )
    assisted = ledger.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county", code="130723"
    )
    pairing = ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    fund = ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=820 * 10**6,
        purpose="耕地指标款", allocated_on=date(2017, 3, 1), voucher="冀财2017-12",
    )  # fmt: skip
    return {"pairing": pairing.id, "fund": fund.id, "helper": helper.id, "assisted": assisted.id}


@pytest.fixture
def pair(office: Office, tmp_path: Path) -> tuple[Ledger, Ledger, dict[str, str]]:
    """The zone (A) with one pairing and fund, and the city (B) holding a copy of it."""
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    ids = seed(zone)
    send(zone, city, tmp_path)
    return zone, city, ids


def converge(a: Ledger, b: Ledger, folder: Path) -> None:
    send(a, b, folder)
    send(b, a, folder)
    assert tables(a) == tables(b)


def test_edits_of_different_fields_of_one_row_both_survive_everywhere(pair, tmp_path) -> None:
    zone, city, ids = pair
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)  # the correction 820 → 825
    city.funds.update(ids["fund"], purpose="耕地占补平衡指标款")
    for first, second in ((zone, city), (city, zone)):
        report = send(first, second, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 0
    send(zone, city, tmp_path)
    for ledger in (zone, city):
        fund = ledger.funds.get(ids["fund"])
        assert (fund.amount_fen, fund.purpose) == (825 * 10**6, "耕地占补平衡指标款")
        assert conflicts.list_conflicts(ledger) == []
    assert tables(zone) == tables(city)


def test_an_arrival_date_is_not_wiped_by_a_later_amount_change_elsewhere(pair, tmp_path) -> None:
    zone, city, ids = pair
    city.funds.update(ids["fund"], arrived_on=date(2017, 4, 2))
    zone.funds.update(ids["fund"], amount_fen=821 * 10**6)  # later, on the clock
    converge(city, zone, tmp_path)
    fund = city.funds.get(ids["fund"])
    assert (fund.arrived_on, fund.amount_fen) == (date(2017, 4, 2), 821 * 10**6)


@pytest.mark.parametrize("order", ["zone first", "city first"])
def test_same_field_edits_are_one_conflict_each_side_and_converge_after_resolution(
    pair, tmp_path, order
) -> None:
    zone, city, ids = pair
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    city.funds.update(ids["fund"], amount_fen=830 * 10**6)
    pairs = [(zone, city), (city, zone)] if order == "zone first" else [(city, zone), (zone, city)]
    for source, target in pairs:
        report = send(source, target, tmp_path)
        assert report.tables["fund_transfer"].conflicts == 1
    assert zone.funds.get(ids["fund"]).amount_fen == 825 * 10**6  # the local value stays
    assert city.funds.get(ids["fund"]).amount_fen == 830 * 10**6
    (found,) = conflicts.list_conflicts(city)
    assert (found.field, found.local_value, found.incoming_value) == (
        "amount_fen",
        830 * 10**6,
        825 * 10**6,
    )
    assert "廊坊开发区" in found.office
    conflicts.resolve(city, {found.id: (conflicts.INCOMING, None)})
    converge(city, zone, tmp_path)
    for ledger in (zone, city):
        assert ledger.funds.get(ids["fund"]).amount_fen == 825 * 10**6
        assert conflicts.list_conflicts(ledger) == []
    converge(zone, city, tmp_path)  # and stays so
    assert run_checks(city) == [] and run_checks(zone) == []


def test_deleting_a_row_the_other_office_edited_is_a_conflict(pair, tmp_path) -> None:
    zone, city, ids = pair
    zone.funds.delete(ids["fund"])
    city.funds.update(ids["fund"], purpose="已改")
    report = send(zone, city, tmp_path)
    assert report.tables["fund_transfer"].conflicts == 1
    assert city.funds.get(ids["fund"]).purpose == "已改"  # still there
    (found,) = conflicts.list_conflicts(city)
    assert found.field == "deleted_at" and found.incoming_value is not None
    conflicts.resolve(city, {found.id: (conflicts.INCOMING, None)})
    assert city.funds.count() == 0
    converge(city, zone, tmp_path)
    assert zone.funds.count() == 0


def test_a_clock_running_ahead_decides_nothing(pair, tmp_path, monkeypatch) -> None:
    zone, city, ids = pair
    ahead = datetime(2031, 1, 1, tzinfo=UTC)
    monkeypatch.setattr("pairtrack.tracker.services.base.utc_now", lambda: ahead)
    city.funds.update(ids["fund"], amount_fen=830 * 10**6, purpose="钟快的电脑改的")
    monkeypatch.undo()
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    report = send(city, zone, tmp_path)
    assert report.tables["fund_transfer"].conflicts == 1  # not "newest wins"
    fund = zone.funds.get(ids["fund"])
    assert (fund.amount_fen, fund.purpose) == (825 * 10**6, "钟快的电脑改的")


def test_deleting_a_pairing_and_its_records_takes_one_import(pair, tmp_path) -> None:
    zone, city, ids = pair
    zone.funds.delete(ids["fund"])
    zone.pairings.delete(ids["pairing"])
    report = send(zone, city, tmp_path)
    assert not report.problems and report.tables["pairing"].conflicts == 0
    assert city.pairings.count() == 0 and city.funds.count() == 0


def test_a_pairing_deleted_there_but_with_new_records_here_stays_as_a_conflict(
    pair, tmp_path
) -> None:
    zone, city, ids = pair
    city.funds.create(
        pairing_id=ids["pairing"], budget_year=2017, kind="social", amount_fen=100,
        purpose="市里新录的", allocated_on=date(2017, 6, 1),
    )  # fmt: skip
    zone.funds.delete(ids["fund"])
    zone.pairings.delete(ids["pairing"])
    send(zone, city, tmp_path)
    assert city.pairings.count() == 1 and city.funds.count() == 1
    assert [c.field for c in conflicts.list_conflicts(city)] == ["deleted_at"]


def test_same_named_districts_of_two_cities_stay_apart(office: Office, tmp_path: Path) -> None:
    city = office("130000", "河北省")
    for code, name, prefecture in (("130105", "石家庄", "石家庄市"), ("130902", "沧州", "沧州市")):
        zone = office(code, name)
        helper = zone.regions.create(
            name="廊坊开发区", province="河北省", city="廊坊市", level="zone"
        )
        district = zone.regions.create(
            name="新华区", province="河北省", city=prefecture, level="district"
        )
        pairing = zone.pairings.create(
            helper_id=helper.id, assisted_id=district.id, programme="in_province", start_year=2017
        )
        zone.funds.create(
            pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=100 * 10**6,
            purpose=f"{prefecture}的款", allocated_on=date(2017, 3, 1),
        )  # fmt: skip
        report = send(zone, city, tmp_path)
    from pairtrack.tracker.exchange.merge_state import NEW_REGION

    assert [c.label for c in report.changes if c.action == NEW_REGION] == [
        "地区「新华区」（河北省沧州市，无行政区划代码）"
    ]
    districts = city.regions.list(name="新华区")
    assert sorted(r.city for r in districts) == ["沧州市", "石家庄市"]
    assert len(city.regions.list(name="廊坊开发区")) == 1  # the same helper: one region
    assert city.pairings.count() == 2
    for district in districts:
        (pairing,) = [p for p in city.pairings.list() if p.assisted_id == district.id]
        assert city.funds.totals(pairing_id=pairing.id)["amount_fen"] == 100 * 10**6


def test_a_rename_and_an_added_code_reach_the_city_as_field_changes(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    seed(zone)
    seed(city)  # the city typed the same regions and pairing itself, under its own ids
    zone.regions.create(name="大厂", province="河北省", city="廊坊市", level="county")
    send(zone, city, tmp_path)
    assert city.regions.count() == 3 and city.pairings.count() == 1
    zone.regions.update(zone.regions.find("廊坊开发区").id, name="廊坊经济技术开发区")
    zone.regions.update(zone.regions.find("大厂").id, code="131028")
    send(zone, city, tmp_path)
    assert city.pairings.count() == 1  # not split in two
    assert city.regions.find("廊坊经济技术开发区").province == "河北省"
    assert city.regions.find("131028").name == "大厂"
    send(city, zone, tmp_path)
    # Each keeps its own ids for the same records; one more exchange each way changes nothing.
    for source, target in ((zone, city), (city, zone)):
        assert send(source, target, tmp_path).changed == 0
    for ledger in (zone, city):
        names = sorted(r.name for r in ledger.regions.list())
        assert names == sorted(["廊坊经济技术开发区", "康保县", "大厂"])
        assert conflicts.list_conflicts(ledger) == []


def test_the_same_payment_entered_at_two_offices_is_kept_twice_but_listed(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    seed(zone)
    seed(city)
    report = send(zone, city, tmp_path)
    assert city.funds.count() == 2  # kept: they may be two payments; a person decides
    (flag,) = report.cross_office
    assert "疑似跨单位重复" in flag and "131001" in flag and "130700" in flag
    (twin,) = report.duplicates  # the same record typed at both: listed, never silent
    assert twin.table == "fund_transfer" and "疑似重复" in str(twin) and "已导入" in str(twin)
    from pairtrack.tracker.cli.import_ import describe

    printed = describe(report, dry_run=False)
    assert "疑似跨单位重复" in printed and "疑似重复 1 行（已导入，请核对）" in printed
    assert any("疑似跨单位重复" in str(f) for f in run_checks(city))


def test_combined_totals_equal_the_sum_of_three_offices(office: Office, tmp_path: Path) -> None:
    city = office("130000", "河北省")
    zones = [office(f"13100{i}", f"开发区{i}") for i in range(3)]
    for n, zone in enumerate(zones):
        ids = seed(zone)
        zone.funds.update(ids["fund"], amount_fen=(n + 1) * 10**6)
    for source, target in itertools.permutations(zones, 2):
        send(source, target, tmp_path)
    for zone in zones:
        send(zone, city, tmp_path)
    assert funds_total(city) == sum((n + 1) * 10**6 for n in range(3))


def test_the_conflicts_command_lists_and_resolves(pair, tmp_path, capsys) -> None:
    from pairtrack.tracker.cli import run as cli

    zone, city, ids = pair
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6)
    city.funds.update(ids["fund"], amount_fen=830 * 10**6)
    send(zone, city, tmp_path)
    db = str(engines.target_of(city))
    assert cli(["conflicts", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "金额" in listed and "830.00" in listed and "825.00" in listed and "廊坊开发区" in listed
    assert cli(["conflicts", "--db", db, "--take", "sideways", "all"]) == 1
    assert "local 或 incoming" in capsys.readouterr().err
    assert cli(["conflicts", "--db", db, "--take", "incoming", "all"]) == 0
    assert "已处理 1 个冲突" in capsys.readouterr().out
    assert city.funds.get(ids["fund"]).amount_fen == 825 * 10**6
    assert cli(["conflicts", "--db", db]) == 0
    assert "没有待处理的冲突" in capsys.readouterr().out


def test_undoing_a_package_import_restores_the_exact_state_before_it(pair, tmp_path) -> None:
    from pairtrack.tracker.import_undo import undo_import

    zone, city, ids = pair
    zone.funds.update(ids["fund"], amount_fen=825 * 10**6, note="改过")
    city.funds.update(ids["fund"], amount_fen=830 * 10**6)  # a conflict
    zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2017, kind="social", amount_fen=122_000 * 100,
        purpose="捐助", allocated_on=date(2017, 5, 1),
    )  # fmt: skip
    zone.regions.create(name="阳原县", province="河北省", city="张家口市", level="county")
    before = tables(city)
    path = tmp_path / "undo.pairtrack.zip"
    export_package(zone, path)
    report = import_package(city, path)
    assert report.import_id is not None and conflicts.list_conflicts(city)
    assert city.funds.count() == 2
    undo_import(city, report.import_id)
    assert tables(city) == before
    assert conflicts.list_conflicts(city) == []
    assert run_checks(city) == []
    again = import_package(city, path)  # and the same file may come in again
    assert again.tables["fund_transfer"].inserted == 1


def test_a_package_that_deletes_everything_takes_one_import(
    demo: Ledger, empty: Ledger, tmp_path: Path
) -> None:
    send(demo, empty, tmp_path)
    for kind in reversed(KINDS):  # children first, as a person would have to
        service = demo.services[kind.table]
        service.delete_many(service.ids())
    report = send(demo, empty, tmp_path)
    assert not report.problems and sum(t.conflicts for t in report.tables.values()) == 0
    assert all(empty.services[k.table].count() == 0 for k in KINDS)
    assert run_checks(empty) == []


def test_records_deleted_here_before_their_twins_arrived_come_back_whole(
    office: Office, tmp_path: Path
) -> None:
    """The city imported the zone's workbook, undid that import (its regions, pairing and
    records became tombstones), then imported the zone's package: the package's regions
    and pairing match the deleted ones, and must come back, not stand as conflicts."""
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    seed(zone)
    typed = seed(city)
    city.funds.delete(typed["fund"])
    city.pairings.delete(typed["pairing"])
    city.regions.delete_many([typed["helper"], typed["assisted"]])
    report = send(zone, city, tmp_path)
    assert not report.problems and conflicts.list_conflicts(city) == []
    assert city.regions.count() == 2 and city.pairings.count() == 1
    assert {r.origin for r in city.regions.list()} == {"131001"}  # the zone's, as it came
    assert funds_total(city) == funds_total(zone)


def test_a_record_that_breaks_a_rule_here_is_held_as_a_conflict_until_settled(
    pair, tmp_path
) -> None:
    """The zone added a fund to a pairing the city has since deleted: the fund is not lost
    and not counted; it waits as a conflict naming why, the next import is clean, and once
    the pairing is restored the city takes it."""
    zone, city, ids = pair
    new = zone.funds.create(
        pairing_id=ids["pairing"], budget_year=2017, kind="social", amount_fen=100,
        purpose="新录", allocated_on=date(2017, 6, 1),
    )  # fmt: skip
    city.funds.delete(ids["fund"])
    city.pairings.delete(ids["pairing"])
    report = send(zone, city, tmp_path)  # (send checks that a second import changes nothing)
    assert report.committed and not report.problems
    (held,) = conflicts.list_conflicts(city)
    assert "新录" in held.record and "已删除" in held.record and held.field == "pairing_id"
    with pytest.raises(ValidationError, match="已删除"):
        conflicts.resolve(city, {held.id: (conflicts.INCOMING, None)})
    city.pairings.restore(ids["pairing"])
    conflicts.resolve(city, {held.id: (conflicts.INCOMING, None)})
    assert city.funds.get(new.id).amount_fen == 100
    assert run_checks(city) == []


def test_two_offices_targets_for_the_same_year_differ_and_the_conflict_reads_in_wan(
    office: Office, tmp_path: Path
) -> None:
    zone, city = office("131001", "廊坊开发区"), office("130700", "张家口市")
    for ledger, wan in ((zone, 3300), (city, 3000)):
        ids = seed(ledger)
        ledger.targets.create(
            pairing_id=ids["pairing"], year=2017, indicator="fiscal_funds", value=wan * 10**6
        )
    report = send(zone, city, tmp_path)
    assert report.tables["target"].conflicts == 1
    (found,) = conflicts.list_conflicts(city)
    assert (found.local_text, found.incoming_text) == ("3,000.00万元", "3,300.00万元")
    assert "3,300.00万元" in "\n".join(line for c in report.changes for line in c.lines())
