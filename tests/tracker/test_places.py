"""Records found and ordered by their places (tracker.services.places): a search matches the
names of a record's pairing and regions; regions and pairings list in natural order; a
deletion that is blocked names every kind of record that blocks it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from pairtrack.db.choices import PROGRAMME, REGION_LEVEL
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord, RegionRecord

# The tables whose records belong to a pairing, with the text columns their search covers.
OWN_TEXT = {
    "agreement": ("title", "doc_number", "counterparty", "summary", "note"),
    "fund_transfer": ("purpose", "donor", "voucher", "note"),
    "cadre_exchange": ("person_name", "home_unit", "host_unit", "post", "note"),
    "training": ("title", "organizer", "place", "note"),
}


@pytest.fixture
def demo(ledger: Ledger) -> Ledger:
    load_demo(ledger)
    return ledger


def counted_by_sql(ledger: Ledger, table: str, word: str) -> int:
    """Live records of ``table`` whose own text, or whose pairing's 帮扶方 or 受援方 (name,
    city or province), contains ``word``: written out in SQL, apart from the services."""
    own = " OR ".join(f"t.{c} LIKE :p" for c in OWN_TEXT[table])
    place = " OR ".join(
        f"{r}.{c} LIKE :p" for r in ("h", "a") for c in ("name", "city", "province")
    )
    query = f"""
        SELECT count(*) FROM {table} t
        JOIN pairing p ON p.id = t.pairing_id
        JOIN region h ON h.id = p.helper_id
        JOIN region a ON a.id = p.assisted_id
        WHERE t.deleted_at IS NULL AND ({own} OR {place})
    """
    with ledger.read() as session:
        return int(session.execute(text(query), {"p": f"%{word}%"}).scalar_one())


def test_searching_a_region_finds_every_record_of_its_pairings(demo: Ledger) -> None:
    by_sql = counted_by_sql(demo, "fund_transfer", "湘西")
    with demo.read() as session:
        xiangxi_funds = session.execute(
            text(
                "SELECT count(*) FROM fund_transfer f JOIN pairing p ON p.id = f.pairing_id "
                "JOIN region a ON a.id = p.assisted_id "
                "WHERE a.name = '湘西州' AND f.deleted_at IS NULL"
            )
        ).scalar_one()
    assert xiangxi_funds == 17  # the demo's 济南市→湘西州 funds
    assert by_sql == xiangxi_funds  # no other fund's text says 湘西
    assert demo.funds.count(text="湘西") == by_sql
    assert len(demo.funds.ids(text="湘西")) == by_sql


@pytest.mark.parametrize("table", sorted(OWN_TEXT))
@pytest.mark.parametrize("word", ["湘西", "济南", "张家口", "河北", "康保县", "扶贫"])
def test_every_pairing_page_searches_region_names(demo: Ledger, table: str, word: str) -> None:
    assert demo.services[table].count(text=word) == counted_by_sql(demo, table, word)


def test_a_pairing_label_as_a_picker_shows_it_is_found(demo: Ledger) -> None:
    [xiangxi] = [p for p, label in demo.pairings.labels().items() if label == "济南市→湘西州"]
    found = demo.funds.rows(demo.funds.ids(text="济南市→湘西州"))
    assert found and {f.pairing_id for f in found} == {xiangxi}
    assert demo.pairings.ids(text="济南市→湘西州") == [xiangxi]


def test_the_pairing_page_search_matches_either_side(demo: Ledger) -> None:
    labels = demo.pairings.labels()
    assert sorted(labels[i] for i in demo.pairings.ids(text="济南")) == sorted(
        label for label in labels.values() if label.startswith("济南市→")
    )
    assert [labels[i] for i in demo.pairings.ids(text="湘西")] == ["济南市→湘西州"]
    # 张家口 is the city of the five assisted counties, named in no pairing label
    assert len(demo.pairings.ids(text="张家口")) == 5


def test_a_search_still_takes_percent_and_underscore_literally(demo: Ledger) -> None:
    assert demo.funds.count(text="%") == 0
    assert demo.funds.count(text="_") == 0


def natural(region: RegionRecord) -> tuple[Any, ...]:
    return (list(REGION_LEVEL).index(region.level), region.code is None, region.code or "",
            region.name)  # fmt: skip


def test_regions_list_by_level_then_code_then_name(demo: Ledger) -> None:
    shown = demo.regions.list()
    assert [r.id for r in shown] == [r.id for r in sorted(shown, key=natural)]
    assert [r.name for r in shown[:5]] == ["张家口市", "廊坊市", "济南市", "临沂市", "湘西州"]
    assert shown[-1].name == "廊坊开发区"  # a zone without a code comes last


def test_pairings_list_by_helper_then_assisted(demo: Ledger) -> None:
    regions = {r.id: r for r in demo.regions.list()}

    def key(p: PairingRecord) -> tuple[Any, ...]:
        return (natural(regions[p.helper_id]), natural(regions[p.assisted_id]),
                list(PROGRAMME).index(p.programme), p.start_year)  # fmt: skip

    shown = demo.pairings.list()
    assert [p.id for p in shown] == [p.id for p in sorted(shown, key=key)]
    labels = demo.pairings.labels()
    assert [labels[p.id] for p in shown[:3]] == ["济南市→临沂市", "济南市→湘西州", "济南市→武隆区"]


def test_sorting_by_a_reference_orders_by_what_it_points_at(demo: Ledger) -> None:
    labels = demo.pairings.labels()
    pairing_order = [labels[p.id] for p in demo.pairings.list()]
    funds = demo.funds.rows(demo.funds.ids(sort="pairing_id"))
    seen = list(dict.fromkeys(labels[f.pairing_id] for f in funds))
    assert seen == [label for label in pairing_order if label in seen]
    backwards = demo.funds.rows(demo.funds.ids(sort="pairing_id", descending=True))
    assert list(dict.fromkeys(labels[f.pairing_id] for f in backwards)) == seen[::-1]


def test_sorting_by_a_choice_follows_the_pickers_order(demo: Ledger) -> None:
    kinds = [f.kind for f in demo.funds.list(sort="kind")]
    assert kinds == sorted(kinds, key=["fiscal", "social", "in_kind"].index)
    assert kinds[0] == "fiscal" and kinds[-1] == "in_kind"


def test_a_blocked_deletion_names_every_table_with_its_count(
    ledger: Ledger, pairing: PairingRecord, refused: Any
) -> None:
    from datetime import date

    ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
                        amount_fen="300万", purpose="一", allocated_on=date(2017, 3, 1))  # fmt: skip
    ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="social",
                        amount_fen="3万", purpose="二", allocated_on=date(2017, 4, 1))  # fmt: skip
    ledger.trainings.create(pairing_id=pairing.id, title="培训", category="cadre",
                            start_on=date(2017, 5, 1))  # fmt: skip
    ledger.targets.set(pairing.id, 2017, "fiscal_funds", "500万")
    with refused(ledger.pairings, None, "1 条年度目标、2 条帮扶资金记录、1 条培训记录"):
        ledger.pairings.delete(pairing.id)
    with refused(ledger.regions, None, "1 条结对关系（受援方）"):
        ledger.regions.delete(pairing.assisted_id)
