"""The per-office view (DESIGN §7): which offices a database knows, what 来源单位 shows, and
grouped summaries whose blocks add up exactly to the whole."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairtrack.db.models import ImportBatch
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.groups import grouped_progress, groups
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.offices import (
    UNMARKED,
    check_settings,
    data_as_of,
    is_consolidated,
    offices,
    origin_label,
)
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import progress
from pairtrack.tracker.scopes import scope_of_region
from tests import engines

YEAR = Period.year(2017)


def as_office(ledger: Ledger, code: str, name: str = "") -> None:
    """From now on ``ledger`` writes as office ``code`` (its rows get that origin)."""
    ledger.set_settings(office_code=code, office_name=name or f"办公室{code}")


def package_from(ledger: Ledger, code: str, name: str, exported: datetime, **extra: Any) -> None:
    """Record an imported package of office ``code`` (what the merge writes in import_batch)."""
    with ledger.write() as session:
        session.add(
            ImportBatch(
                kind="package",
                file_name=f"{code}.pairtrack.zip",
                sha256=f"{len(name):064x}",
                origin_code=code,
                origin_name=name,
                exported_at=exported,
                **extra,
            )
        )


def build(ledger: Ledger) -> dict[str, str]:
    """Two helpers where one lies inside the other (廊坊市 and its zone 廊坊开发区), three
    pairings, and records of every kind written by two offices with odd fen amounts."""
    as_office(ledger, "131001", "廊坊开发区对口帮扶办公室")
    r = ledger.regions
    city = r.create(name="廊坊市", province="河北省", city="廊坊市", level="city").id
    zone = r.create(name="廊坊开发区", province="河北省", city="廊坊市", level="zone").id
    kangbao = r.create(name="康保县", province="河北省", city="张家口市", level="county").id
    guyuan = r.create(name="沽源县", province="河北省", city="张家口市", level="county").id
    p = ledger.pairings
    pairings = {
        "zone-kangbao": p.create(helper_id=zone, assisted_id=kangbao, programme="in_province",
                                 start_year=2017).id,
        "city-guyuan": p.create(helper_id=city, assisted_id=guyuan, programme="in_province",
                                start_year=2017).id,
        "city-kangbao": p.create(helper_id=city, assisted_id=kangbao, programme="in_city",
                                 start_year=2017).id,
    }  # fmt: skip
    amounts = iter([1, 12_345_678_91, 9178_0000_00, 3, 77_77, 1_000_01, 5, 123_45_67])
    for office in ("131001", "130700"):
        as_office(ledger, office, "" if office == "130700" else "廊坊开发区对口帮扶办公室")
        for key, pid in pairings.items():
            if office == "130700" and key == "zone-kangbao":
                continue
            kind = "fiscal" if key != "city-kangbao" else "social"
            ledger.funds.create(pairing_id=pid, budget_year=2017, kind=kind,
                                amount_fen=next(amounts, 42), purpose=f"{office}{key}",
                                allocated_on=date(2017, 3, 1), arrived_on=date(2017, 4, 1))  # fmt: skip
            ledger.trainings.create(pairing_id=pid, title=f"{office}{key}", category="vocational",
                                    quota=7, enrolled=5, completed=3, start_on=date(2017, 5, 1))  # fmt: skip
            ledger.cadres.create(pairing_id=pid, person_name=f"{office}{key}",
                                 direction="to_assisted", category="party_gov",
                                 start_on=date(2017, 1, 1))  # fmt: skip
            ledger.agreements.create(pairing_id=pid, title=f"{office}{key}", category="产业",
                                     status="已签约", signed_on=date(2017, 6, 1))  # fmt: skip
        year_targets = {"fiscal_funds": 9_000_0000_00 + 7, "trained": 11}
        for indicator, value in year_targets.items():
            pid = pairings["zone-kangbao" if office == "131001" else "city-guyuan"]
            ledger.targets.create(pairing_id=pid, year=2017, indicator=indicator, value=value)
    return {"city": city, "zone": zone, **pairings}


def totals(rows: list[Any]) -> dict[str, tuple[int | None, int]]:
    return {r.indicator.key: (r.target, r.actual) for r in rows}


def add_up(blocks: list[Any]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for block in blocks:
        for key, (target, actual) in totals(block.rows).items():
            t, a = out.get(key, (0, 0))
            out[key] = (t + (target or 0), a + actual)
    return out


def whole(ledger: Ledger, scope: Scope | None = None) -> dict[str, tuple[int, int]]:
    return {k: (t or 0, a) for k, (t, a) in totals(progress(ledger, YEAR, scope)).items()}


@pytest.mark.parametrize("by", ["origin", "helper", "assisted", "pairing"])
def test_the_blocks_of_every_grouping_add_up_to_the_whole_to_the_fen(
    ledger: Ledger, by: str
) -> None:
    build(ledger)
    blocks = grouped_progress(ledger, YEAR, Scope.everything(), by)
    assert len(blocks) >= 2
    assert add_up(blocks) == whole(ledger)
    assert whole(ledger)["fiscal_funds"][1] == 1 + 12_345_678_91 + 3  # odd fen, two offices


def test_a_helper_block_is_that_region_alone_not_the_regions_inside_it(ledger: Ledger) -> None:
    ids = build(ledger)
    blocks = {
        b.group.label: b for b in grouped_progress(ledger, YEAR, Scope.everything(), "helper")
    }
    assert list(blocks) == ["帮扶方：廊坊市", "帮扶方：廊坊开发区"]
    # the 廊坊市 scope of `--helper 廊坊市` takes in its zone; its block in --by helper does not
    city_scope = scope_of_region("helper", ledger.regions.get(ids["city"]))
    city_block = totals(blocks["帮扶方：廊坊市"].rows)["fiscal_funds"][1]
    assert whole(ledger, city_scope)["fiscal_funds"][1] == whole(ledger)["fiscal_funds"][1]
    assert city_block == whole(ledger)["fiscal_funds"][1] - 1  # all but the zone's 1 分


def test_origin_blocks_are_headed_by_office_name_and_code_own_first(ledger: Ledger) -> None:
    build(ledger)
    as_office(ledger, "131001", "廊坊开发区对口帮扶办公室")
    package_from(ledger, "130700", "张家口市对口帮扶办公室", datetime(2017, 12, 1, tzinfo=UTC))
    labels = [g.label for g in groups(ledger, "origin", Scope.everything())]
    assert labels == [
        "来源单位：廊坊开发区对口帮扶办公室（131001）",
        "来源单位：张家口市对口帮扶办公室（130700）",
    ]
    # within a narrower scope: only the groups with rows there, and they still add up
    scope = scope_of_region("helper", ledger.regions.find("廊坊开发区"))
    blocks = grouped_progress(ledger, YEAR, scope, "origin")
    assert [b.group.key for b in blocks] == ["131001"]
    assert add_up(blocks) == whole(ledger, scope)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A1", "B2", ""]),  # office ("" = rows written before a code was set)
            st.sampled_from(["zone-kangbao", "city-guyuan", "city-kangbao"]),
            st.sampled_from(["fiscal", "social", "in_kind"]),
            st.integers(min_value=1, max_value=10**12),
            st.integers(min_value=1, max_value=12),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_random_offices_and_amounts_always_add_up(
    db_engine: str, rows: list[tuple[str, str, str, int, int]]
) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        engines.fresh_ledgers(db_engine, Path(folder), 1) as (ledger,),
    ):
        ids = build(ledger)
        for office, key, kind, fen, month in rows:
            ledger.set_settings(office_code=office)
            ledger.funds.create(pairing_id=ids[key], budget_year=2017, kind=kind,
                                amount_fen=fen, purpose="随机", allocated_on=date(2017, 1, 1),
                                arrived_on=date(2017, month, 1))  # fmt: skip
        expected = whole(ledger)
        for by in ("origin", "helper", "assisted"):
            assert add_up(grouped_progress(ledger, YEAR, Scope.everything(), by)) == expected


def test_offices_own_packages_unknown_and_unmarked(ledger: Ledger) -> None:
    ledger.set_settings(office_code="")
    region = ledger.regions.create(name="甲", province="河北省", city="", level="county")
    assert region.origin == ""
    as_office(ledger, "X9")  # rows with an origin no package names
    ledger.regions.create(name="乙", province="河北省", city="", level="county")
    as_office(ledger, "131001", "廊坊开发区对口帮扶办公室")
    old, new = datetime(2017, 11, 1, tzinfo=UTC), datetime(2017, 12, 1, 8, 30, tzinfo=UTC)
    package_from(ledger, "130700", "张家口办", old)
    package_from(ledger, "130700", "张家口市对口帮扶办公室", new)
    package_from(ledger, "130700", "撤销的包", datetime(2018, 1, 1, tzinfo=UTC),
                 undone_at=datetime(2018, 1, 2, tzinfo=UTC))  # fmt: skip
    found = offices_of(ledger)
    assert [(o.code, o.name, o.latest_package, o.own) for o in found] == [
        ("131001", "廊坊开发区对口帮扶办公室", None, True),
        ("130700", "张家口市对口帮扶办公室", new, False),
        ("X9", "X9", None, False),
        ("", UNMARKED, None, False),
    ]
    assert found[0].as_of == "本单位"
    assert found[1].as_of == new.astimezone().strftime("%Y-%m-%d %H:%M")
    names = {o.code: o.name for o in found}
    assert origin_label("130700", names) == "张家口市对口帮扶办公室"
    assert origin_label("", names) == UNMARKED
    assert origin_label("Q7", names) == "Q7"  # unknown: the code itself


def offices_of(ledger: Ledger) -> list[Any]:
    with ledger.read() as session:
        return offices(session)


def test_a_database_is_consolidated_by_a_second_origin_or_by_a_package(ledger: Ledger) -> None:
    ledger.regions.create(name="甲", province="河北省", city="", level="county")
    assert data_as_of(ledger) == []  # one office's own rows
    package_from(ledger, "130700", "张家口市对口帮扶办公室", datetime(2017, 12, 1, tzinfo=UTC))
    assert [o.code for o in data_as_of(ledger)] == ["131001", "130700"]
    with ledger.write() as session:
        session.query(ImportBatch).delete()
    assert data_as_of(ledger) == []
    as_office(ledger, "130700")
    ledger.regions.create(name="乙", province="河北省", city="", level="county")
    assert is_consolidated(offices_of(ledger))


@pytest.mark.parametrize(
    ("values", "field", "fragment"),
    [
        ({"office_code": ""}, "office_code", "不能为空"),
        ({"office_code": "13 1001"}, "office_code", "不能含空格"),
        ({"office_code": "131001\x00"}, "office_code", "控制字符"),
        ({"office_code": "x" * 33}, "office_code", "最多 32"),
        ({"office_name": "名" * 201}, "office_name", "最多 200"),
        ({"office_name": "第一行\n第二行"}, "office_name", "控制字符"),
        ({"operator": "张" * 101}, "operator", "最多 100"),
    ],
)
def test_settings_rules(values: dict[str, str], field: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_settings(values)
    assert caught.value.field == field and fragment in caught.value.message


def test_settings_rules_accept_and_trim() -> None:
    assert check_settings({"office_code": " 131001 ", "office_name": "名" * 200}) == {
        "office_code": "131001",
        "office_name": "名" * 200,
    }
    assert check_settings({"office_code": "x" * 32})["office_code"] == "x" * 32


def test_every_indicator_is_in_each_block(ledger: Ledger) -> None:
    build(ledger)
    for block in grouped_progress(ledger, YEAR, Scope.everything(), "origin"):
        assert [r.indicator.key for r in block.rows] == [i.key for i in INDICATORS]
        assert block.scope.group == block.group
