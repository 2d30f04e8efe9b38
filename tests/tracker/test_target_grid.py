"""The yearly target grid: read it, set many cells at once, copy a year forward."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import FEN_PER_WAN
from pairtrack.tracker.periods import Scope
from pairtrack.tracker.records import PairingRecord

WAN = FEN_PER_WAN  # amounts below read in 万元


@pytest.fixture
def sanhe(ledger: Ledger, pairing: PairingRecord) -> PairingRecord:
    """A second pairing of the same helper city, running 2017–2018 only."""
    helper = ledger.regions.create(name="三河市", province="河北省", city="廊坊市", level="county")
    assisted = ledger.regions.create(name="阳原县", province="河北省", level="county")
    return ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province",
        start_year=2017, end_year=2018,
    )  # fmt: skip


@pytest.fixture
def commits(ledger: Ledger) -> Iterator[Callable[[], int]]:
    """How many transactions were committed since the fixture started."""
    seen: list[object] = []

    def on_commit(connection: object) -> None:
        seen.append(connection)

    event.listen(ledger.engine, "commit", on_commit)
    try:
        yield lambda: len(seen)
    finally:
        event.remove(ledger.engine, "commit", on_commit)


def target(ledger: Ledger, pairing: PairingRecord, year: int, key: str, value: object) -> str:
    return ledger.targets.create(pairing_id=pairing.id, year=year, indicator=key, value=value).id


def live(ledger: Ledger, year: int) -> dict[tuple[str, str], int]:
    """The year's live targets, read through the ordinary list (not through the grid)."""
    return {(t.pairing_id, t.indicator): t.value for t in ledger.targets.list(year=year)}


# --- grid ---------------------------------------------------------------------------------
def test_grid_values_pairings_and_indicators(ledger, pairing, sanhe):
    target(ledger, pairing, 2017, "fiscal_funds", "2400万")
    target(ledger, pairing, 2017, "cadres_sent", 12)
    target(ledger, sanhe, 2017, "trained", 300)
    ledger.targets.delete(target(ledger, sanhe, 2017, "cadres_sent", 5))  # deleted: left out
    target(ledger, pairing, 2018, "fiscal_funds", "3000万")  # another year
    ended = ledger.pairings.create(
        helper_id=sanhe.helper_id, assisted_id=pairing.assisted_id, programme="other",
        start_year=2015, end_year=2016,
    )  # fmt: skip

    grid = ledger.targets.grid(2017)
    assert grid.year == 2017
    # sorted by label (三 U+4E09 before 廊 U+5ECA); the pairing that ended in 2016 has no row
    assert grid.pairings == ((sanhe.id, "三河市→阳原县"), (pairing.id, "廊坊开发区→康保县"))
    assert ended.id not in dict(grid.pairings)
    assert grid.indicators == tuple(i.key for i in INDICATORS)
    assert grid.values == {
        (pairing.id, "fiscal_funds"): 2400 * WAN,
        (pairing.id, "cadres_sent"): 12,
        (sanhe.id, "trained"): 300,
    }
    assert ledger.targets.grid(2019).pairings == ((pairing.id, "廊坊开发区→康保县"),)
    assert ledger.targets.grid(2019).values == {}


def test_grid_scope(ledger, pairing, sanhe):
    target(ledger, pairing, 2017, "trained", 100)
    target(ledger, sanhe, 2017, "trained", 300)
    only_sanhe = ledger.targets.grid(2017, Scope("pairing", pairing_id=sanhe.id))
    assert only_sanhe.pairings == ((sanhe.id, "三河市→阳原县"),)
    assert only_sanhe.values == {(sanhe.id, "trained"): 300}
    # A city scope takes in its counties (三河市 and 廊坊开发区 both lie in 廊坊市).
    city = ledger.regions.create(name="廊坊市", province="河北省", city="廊坊市", level="city")
    langfang = Scope("helper", region_id=city.id, region_name="廊坊市", region_level="city")
    assert [p for p, _ in ledger.targets.grid(2017, langfang).pairings] == [sanhe.id, pairing.id]
    kangbao = Scope("assisted", region_id=pairing.assisted_id, region_level="county")
    assert ledger.targets.grid(2017, kangbao).values == {(pairing.id, "trained"): 100}


# --- set_many -----------------------------------------------------------------------------
def test_set_many_writes_cells_in_one_transaction(ledger, pairing, sanhe, commits, audit_count):
    same = target(ledger, pairing, 2017, "cadres_sent", 12)
    changed = target(ledger, pairing, 2017, "trained", 100)
    revived = target(ledger, sanhe, 2017, "trained", 200)
    ledger.targets.delete(revived)
    cleared = target(ledger, sanhe, 2017, "cadres_sent", 5)
    untouched = ledger.targets.get(same)
    events, before = audit_count(), commits()

    written = ledger.targets.set_many(
        2017,
        {
            (pairing.id, "fiscal_funds"): "2400万",  # new
            (pairing.id, "cadres_sent"): 12,  # unchanged
            (pairing.id, "trained"): "150",  # changed
            (sanhe.id, "trained"): 250,  # revived and changed
            (sanhe.id, "cadres_sent"): None,  # cleared
            (sanhe.id, "social_funds"): "",  # empty and already empty
        },
    )
    assert written == 4
    assert commits() - before == 1
    assert audit_count() - events == 5  # create, update, restore + update, delete
    assert live(ledger, 2017) == {
        (pairing.id, "fiscal_funds"): 2400 * WAN,
        (pairing.id, "cadres_sent"): 12,
        (pairing.id, "trained"): 150,
        (sanhe.id, "trained"): 250,
    }
    assert ledger.targets.get(revived).value == 250  # the same row, not a new one
    assert ledger.targets.get(cleared, include_deleted=True).deleted
    assert ledger.targets.get(same) == untouched  # an unchanged cell is not rewritten
    assert ledger.targets.get(changed).value == 150


def test_set_many_clearing(ledger, pairing, audit_count):
    made = target(ledger, pairing, 2017, "trained", 100)
    events = audit_count()
    assert ledger.targets.set_many(2017, {(pairing.id, "trained"): "  "}) == 1
    assert ledger.targets.get(made, include_deleted=True).deleted
    assert ledger.targets.count(include_deleted=True) == 1  # soft delete: the row stays
    assert ledger.targets.set_many(2017, {(pairing.id, "trained"): None}) == 0
    assert audit_count() - events == 1
    # Setting the cleared cell again revives the same row.
    assert ledger.targets.set_many(2017, {(pairing.id, "trained"): 80}) == 1
    assert (ledger.targets.get(made).value, ledger.targets.count(include_deleted=True)) == (80, 1)


def test_set_many_bad_cell_writes_nothing(ledger, pairing, sanhe, refused, commits):
    kept = target(ledger, sanhe, 2017, "trained", 200)
    before = commits()
    cells = {
        (sanhe.id, "fiscal_funds"): "100万",
        (sanhe.id, "trained"): None,
        (pairing.id, "cadres_sent"): 8,
        (pairing.id, "fiscal_funds"): "很多",
    }
    prefix = "廊坊开发区→康保县 · 财政援助资金（到位）："
    with refused(ledger.targets, "value", prefix + "无法识别的金额：「很多」"):
        ledger.targets.set_many(2017, cells)
    assert ledger.targets.get(kept).value == 200
    # sanhe ends in 2018: a 2019 cell is refused, with nothing else of the batch written
    with refused(ledger.targets, "year", "三河市→阳原县 · 完成培训：2019 年不在"):
        ledger.targets.set_many(2019, {(pairing.id, "trained"): 1, (sanhe.id, "trained"): 1})
    with refused(ledger.targets, "indicator", "三河市→阳原县 · 劳务协作："):
        ledger.targets.set_many(2017, {(sanhe.id, "劳务协作"): 1})
    assert commits() == before


def test_set_still_refuses_an_empty_value(ledger, pairing, refused):
    with refused(ledger.targets, "value", "「目标值」不能为空"):
        ledger.targets.set(pairing.id, 2017, "trained", None)


# --- copy_year ----------------------------------------------------------------------------
def test_copy_year(ledger, pairing, sanhe, commits, audit_count):
    target(ledger, pairing, 2018, "fiscal_funds", "2400万")
    target(ledger, pairing, 2018, "cadres_sent", 12)
    ledger.targets.delete(target(ledger, pairing, 2018, "trained", 100))  # not copied
    target(ledger, sanhe, 2018, "trained", 300)  # sanhe ends in 2018: not copied to 2019
    kept = target(ledger, pairing, 2019, "cadres_sent", 15)
    gone = target(ledger, pairing, 2019, "fiscal_funds", "1万")
    ledger.targets.delete(gone)  # a deleted 2019 target is revived, not duplicated
    events, before = audit_count(), commits()

    assert ledger.targets.copy_year(2018, 2019) == 1
    assert commits() - before == 1
    assert audit_count() - events == 2  # restore + update
    assert live(ledger, 2019) == {
        (pairing.id, "fiscal_funds"): 2400 * WAN,
        (pairing.id, "cadres_sent"): 15,  # kept
    }
    assert ledger.targets.get(gone).value == 2400 * WAN

    assert ledger.targets.copy_year(2018, 2019, overwrite=True) == 1  # only cadres_sent differs
    assert ledger.targets.get(kept).value == 12
    assert ledger.targets.copy_year(2018, 2019, overwrite=True) == 0
    assert ledger.targets.count(year=2019, include_deleted=True) == 2


def test_copy_year_to_a_new_year_and_backwards(ledger, pairing, sanhe):
    target(ledger, pairing, 2018, "trained", 100)
    target(ledger, sanhe, 2018, "trained", 300)
    assert ledger.targets.copy_year(2018, 2017) == 2  # any direction, within the pairings' years
    assert live(ledger, 2017) == {(pairing.id, "trained"): 100, (sanhe.id, "trained"): 300}
    assert ledger.targets.copy_year(2016, 2017) == 0  # nothing to copy


def test_copy_year_refuses_the_same_year(ledger, pairing, refused):
    target(ledger, pairing, 2018, "trained", 100)
    with refused(ledger.targets, "to_year", "不能把 2018 年的目标复制到同一年"):
        ledger.targets.copy_year(2018, 2018)


def test_grid_round_trip_through_set_many(ledger, pairing, sanhe):
    cells = {(pairing.id, "fiscal_funds"): 2400 * WAN, (sanhe.id, "trained"): 300}
    assert ledger.targets.set_many(2017, cells) == 2
    assert ledger.targets.grid(2017).values == cells
    with pytest.raises(ValidationError):
        ledger.targets.set_many(2017, {(pairing.id, "trained"): -1})
