"""The national region code table: lookups, search, and the region rules that rest on it."""

from __future__ import annotations

import pytest

from pairtrack.tracker import region_codes
from pairtrack.tracker.ledger import Ledger


# --- the table ----------------------------------------------------------------------------
def test_table_loads_once_and_knows_every_level() -> None:
    table = region_codes.table()
    assert region_codes.table() is table  # read once, kept
    assert len(table.entries) > 3000
    assert {e.level for e in table.entries} == {"province", "city", "county", "district"}


@pytest.mark.parametrize(
    ("code", "name", "level", "place"),
    [
        ("130000", "河北省", "province", "河北省"),
        ("130700", "张家口市", "city", "河北省 张家口市"),
        ("130723", "康保县", "county", "河北省 张家口市 康保县"),
        ("371400", "德州市", "city", "山东省 德州市"),
        ("433100", "湘西土家族苗族自治州", "city", "湖南省 湘西土家族苗族自治州"),
        ("500156", "武隆区", "district", "重庆市 武隆区"),  # a municipality has no city
        ("429021", "神农架林区", "county", "湖北省 神农架林区"),  # county-level, not a 市辖区
    ],
)
def test_known_codes_resolve(code: str, name: str, level: str, place: str) -> None:
    entry = region_codes.find(code)
    assert entry is not None
    assert (entry.name, entry.level) == (name, level)
    assert region_codes.describe(code) == place
    assert region_codes.is_current(code)


def test_a_historical_code_is_found_and_not_current() -> None:
    old = region_codes.find("500232")  # 武隆县, a district since 2016
    assert old is not None
    assert (old.name, old.level, old.valid_to, old.successors) == (
        "武隆县",
        "county",
        2016,
        ("500156",),
    )
    assert not region_codes.is_current("500232")
    assert "2016 年起停用" in region_codes.status("500232")
    assert "500156 重庆市 武隆区" in region_codes.status("500232")
    assert region_codes.describe("500232") == "重庆市 武隆县"


def test_current_code_follows_a_single_successor() -> None:
    assert region_codes.current_code("130723") == "130723"
    assert region_codes.current_code("500232") == "500156"  # 武隆县 → 武隆区
    assert region_codes.current_code("110228") == "110118"  # 密云县 → 密云区
    assert region_codes.current_code("130502") == "130502"  # renamed in place
    assert region_codes.current_code("130421") is None  # 邯郸县 split between two districts
    assert region_codes.current_code("999999") is None


def test_a_code_renamed_in_place_keeps_both_names() -> None:
    names = [(e.name, e.current) for e in region_codes.history("130502")]
    assert names == [("桥东区", False), ("襄都区", True)]
    assert region_codes.find("130502").name == "襄都区"  # type: ignore[union-attr]
    assert region_codes.is_current("130502")


def test_unknown_codes() -> None:
    assert region_codes.find("999999") is None
    assert region_codes.describe("999999") is None
    assert not region_codes.is_current("999999")
    assert region_codes.history("123") == ()


def test_two_xinhua_districts_are_distinct_entries() -> None:
    found = region_codes.search("新华区", limit=50)
    in_hebei = [(e.code, e.city) for e in found if e.province == "河北省"]
    assert in_hebei == [("130105", "石家庄市"), ("130902", "沧州市")]
    narrowed = region_codes.search("沧州 新华区")
    assert [e.code for e in narrowed] == ["130902"]


def test_search_by_name_short_form_place_and_code_prefix() -> None:
    assert region_codes.search("康保县")[0].code == "130723"
    assert region_codes.search("湘西州")[0].code == "433100"
    assert [e.code for e in region_codes.search("张家口 康保")] == ["130723"]
    by_prefix = region_codes.search("1307", limit=100)
    assert by_prefix[0].code == "130700" and all(e.code.startswith("1307") for e in by_prefix)
    assert region_codes.search("１３０７２３")[0].name == "康保县"  # full-width digits
    assert len(region_codes.search("区", limit=5)) == 5
    assert region_codes.search("   ") == [] and region_codes.search("不存在的地方") == []


def test_search_puts_current_entries_before_old_ones() -> None:
    found = [(e.code, e.current) for e in region_codes.search("武隆")]
    assert found == [("500156", True), ("500232", False)]


@pytest.mark.parametrize(
    ("typed", "official", "agree"),
    [
        ("康保县", "康保县", True),
        ("河北", "河北省", True),
        ("广西", "广西壮族自治区", True),
        ("湘西州", "湘西土家族苗族自治州", True),
        ("大厂县", "大厂回族自治县", True),
        ("武隆区", "武隆县", True),
        ("石家庄市", "沧州市", False),
        ("城区", "城厢区", False),  # a one-character stem is no short form
        ("康保县（受援方）", "康保县", False),
        ("", "康保县", False),
    ],
)
def test_names_agree(typed: str, official: str, agree: bool) -> None:
    assert region_codes.names_agree(typed, official) is agree


# --- the region rules -----------------------------------------------------------------------
def test_a_code_fills_blank_name_province_city_and_level(ledger: Ledger) -> None:
    made = ledger.regions.create(name="", code="130723")
    assert (made.name, made.province, made.city, made.level) == (
        "康保县",
        "河北省",
        "张家口市",
        "county",
    )
    district = ledger.regions.create(name="", code=" 500156 ")
    assert (district.name, district.province, district.city, district.level) == (
        "武隆区",
        "重庆市",
        "",
        "district",
    )
    assert district.code == "500156"


def test_typed_values_are_kept_when_they_agree(ledger: Ledger) -> None:
    made = ledger.regions.create(
        name="湘西州", province="湖南省", city="湘西州", level="city", code="433100"
    )
    assert (made.name, made.city) == ("湘西州", "湘西州")
    wulong = ledger.regions.create(
        name="武隆区", province="重庆市", city="重庆市", level="district", code="500156"
    )
    assert wulong.city == "重庆市"  # a municipality's district may name the municipality


def test_an_update_that_adds_a_code_fills_what_is_blank(ledger: Ledger) -> None:
    made = ledger.regions.create(name="康保县", level="county")
    updated = ledger.regions.update(made.id, code="130723")
    assert (updated.province, updated.city) == ("河北省", "张家口市")
    again = ledger.regions.update(made.id, province="", city="")
    assert (again.province, again.city) == ("河北省", "张家口市")


def test_an_unknown_code_is_refused(ledger: Ledger, refused) -> None:
    with refused(ledger.regions, "code", "行政区划代码 999999 不在国家行政区划代码表中"):
        ledger.regions.create(name="某县", level="county", code="999999")
    with refused(ledger.regions, "code", "不在国家行政区划代码表中"):
        ledger.regions.create(name="", code="139999")  # nothing to fill from: the code speaks first
    made = ledger.regions.create(name="康保县", level="county")
    with refused(ledger.regions, "code", "不在国家行政区划代码表中"):
        ledger.regions.update(made.id, code="130799")


def test_a_historical_code_is_accepted_with_its_old_or_new_name(ledger: Ledger) -> None:
    old = ledger.regions.create(name="", code="500232")
    assert (old.name, old.level) == ("武隆县", "county")
    renamed = ledger.regions.create(name="密云区", level="district", code="110228")
    assert renamed.code == "110228"  # 密云县 until 2015 (县改区): an old ledger's code
    former = ledger.regions.create(
        name="桥东区", province="河北省", city="邢台市", level="district", code="130502"
    )
    assert former.name == "桥东区"  # the name this code had before 2020


def test_the_wrong_xinhua_district_is_refused(ledger: Ledger, refused) -> None:
    """The 新华区 of 石家庄 given 沧州's code: the city says it is another place."""
    with refused(
        ledger.regions,
        "city",
        "行政区划代码 130902 是河北省 沧州市 新华区，「市（州）」却是「石家庄市」",
    ):
        ledger.regions.create(
            name="新华区", province="河北省", city="石家庄市", level="district", code="130902"
        )
    shijiazhuang = ledger.regions.create(
        name="新华区", province="河北省", city="石家庄市", level="district", code="130105"
    )
    cangzhou = ledger.regions.create(name="", code="130902")
    assert (shijiazhuang.city, cangzhou.city) == ("石家庄市", "沧州市")
    assert shijiazhuang.id != cangzhou.id


def test_a_code_that_names_another_place_is_refused_naming_the_field(
    ledger: Ledger, refused
) -> None:
    with refused(ledger.regions, "province", "「省」却是「山东省」"):
        ledger.regions.create(name="康保县", province="山东省", level="county", code="130723")
    with refused(
        ledger.regions,
        "name",
        "行政区划代码 130723 是河北省 张家口市 康保县，「名称」却是「沽源县」",
    ):
        ledger.regions.create(name="沽源县", level="county", code="130723")
    with refused(ledger.regions, "level", "是县级区划，「级别」不能是市（州）"):
        ledger.regions.create(name="康保县", level="city", code="130723")
    with refused(ledger.regions, "level", "「级别」不能是开发区"):
        ledger.regions.create(name="廊坊市", level="zone", code="131000")
    made = ledger.regions.create(name="康保县", level="county", code="130723")
    with refused(ledger.regions, "name", "「名称」却是「尚义县」"):
        ledger.regions.update(made.id, name="尚义县")


def test_region_find_by_name_or_code_still_works(ledger: Ledger) -> None:
    made = ledger.regions.create(name="", code="130723")
    assert ledger.regions.find("130723").id == made.id
    assert ledger.regions.find("康保县").id == made.id
