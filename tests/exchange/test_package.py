"""Consolidation packages: merge by id, idempotent, newer wins, tombstones, two offices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pairtrack.tracker.check import run_checks
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.tracker.progress import progress
from tests.exchange.conftest import records, snapshot


def figures(ledger: Ledger) -> list[tuple[int | None, int]]:
    return [(p.target, p.actual) for p in progress(ledger, Period.year(2017))]


def package_of(ledger: Ledger, tmp_path: Path, name: str = "p") -> Path:
    path = tmp_path / f"{name}.pairtrack.zip"
    export_package(ledger, path)
    return path


def test_demo_into_an_empty_database(demo: Ledger, empty: Ledger, tmp_path: Path) -> None:
    counts = export_package(demo, tmp_path / "p.pairtrack.zip")
    preview = import_package(empty, tmp_path / "p.pairtrack.zip", dry_run=True)
    assert not preview.committed
    assert snapshot(empty)[:7] == (0,) * 7
    report = import_package(empty, tmp_path / "p.pairtrack.zip")
    assert report.committed
    assert {t: c.inserted for t, c in report.tables.items()} == counts
    assert {t: c.inserted for t, c in preview.tables.items()} == counts
    assert records(empty) == records(demo)
    assert figures(empty) == figures(demo)
    assert run_checks(empty) == []
    # ids, origins and timestamps are kept
    fund = demo.funds.list(limit=1)[0]
    assert empty.funds.get(fund.id) == fund


def test_second_import_changes_nothing(demo: Ledger, empty: Ledger, tmp_path: Path) -> None:
    path = package_of(demo, tmp_path)
    import_package(empty, path)
    before = snapshot(empty)
    again = import_package(empty, path)
    assert again.changed == 0
    assert all(c.skipped == c.inserted + c.skipped for c in again.tables.values())
    assert snapshot(empty) == before
    assert run_checks(empty) == []


def test_into_a_database_with_part_of_the_data(demo: Ledger, empty: Ledger, tmp_path: Path) -> None:
    import_package(empty, package_of(demo, tmp_path, "first"))
    cut = empty.funds.list(limit=10)
    empty.funds.delete_many([f.id for f in cut[:3]])  # newer tombstones here: kept
    newer = demo.funds.update(cut[5].id, purpose="对方改过的用途")
    added = demo.funds.create(
        pairing_id=cut[0].pairing_id, budget_year=2017, kind="social", amount_fen=100,
        purpose="新增", allocated_on=date(2017, 5, 1),
    )  # fmt: skip
    report = import_package(empty, package_of(demo, tmp_path, "second"))
    funds = report.tables["fund_transfer"]
    assert (funds.inserted, funds.updated, funds.deleted) == (1, 1, 0)
    assert funds.skipped == demo.funds.count() - 2
    assert empty.funds.get(newer.id).purpose == "对方改过的用途"
    assert empty.funds.get(added.id).amount_fen == 100
    assert empty.funds.count() == demo.funds.count() - 3
    assert run_checks(empty) == []


def test_newer_edit_wins_older_is_skipped_tombstone_deletes(
    demo: Ledger, empty: Ledger, tmp_path: Path
) -> None:
    import_package(empty, package_of(demo, tmp_path, "base"))
    first, second, third = demo.cadres.list(limit=3)
    old = package_of(demo, tmp_path, "old")
    empty.cadres.update(first.id, post="本地较新的岗位")
    demo.cadres.update(second.id, post="对方较新的岗位")
    demo.cadres.delete(third.id)
    report = import_package(empty, old)
    assert report.changed == 0
    assert empty.cadres.get(first.id).post == "本地较新的岗位"  # older incoming: skipped
    report = import_package(empty, package_of(demo, tmp_path, "new"))
    cadres = report.tables["cadre_exchange"]
    assert (cadres.updated, cadres.deleted) == (1, 1)
    assert empty.cadres.get(second.id).post == "对方较新的岗位"
    assert empty.cadres.get(third.id, include_deleted=True).deleted
    assert empty.cadres.get(first.id).post == "本地较新的岗位"
    assert run_checks(empty) == []


def _second_office(ledger: Ledger) -> None:
    """Another office: its own 康保县 (same code), its own helper and figures."""
    kangbao = ledger.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county", code="130723"
    )
    helper = ledger.regions.create(name="北京市东城区", province="北京市", level="district")
    pairing = ledger.pairings.create(
        helper_id=helper.id, assisted_id=kangbao.id, programme="east_west", start_year=2017
    )
    ledger.targets.set(pairing.id, 2017, "fiscal_funds", "500万")
    ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=3_000_000_00,
        purpose="东城区援建", allocated_on=date(2017, 3, 1), arrived_on=date(2017, 3, 20),
    )  # fmt: skip


def test_two_offices_merge_into_a_third(
    demo: Ledger, office: Callable[[str, str], Ledger], tmp_path: Path
) -> None:
    other, city = office("110101", "东城区"), office("130000", "省办")
    _second_office(other)
    import_package(city, package_of(demo, tmp_path, "a"))
    report = import_package(city, package_of(other, tmp_path, "b"))
    assert report.tables["region"].inserted == 1  # 北京市东城区; 康保县 is merged
    assert len([r for r in city.regions.list() if r.name == "康保县"]) == 1
    summed = [
        ((a or 0) + (b or 0) if (a, b) != (None, None) else None, x + y)
        for (a, x), (b, y) in zip(figures(demo), figures(other), strict=True)
    ]
    assert figures(city) == summed
    assert run_checks(city) == []
    assert import_package(city, package_of(other, tmp_path, "b2")).changed == 0
