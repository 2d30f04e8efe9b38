"""The brief of a consolidated database has a table of each office's figures (DESIGN §7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import format_wan
from pairtrack.tracker.periods import Period
from tests.brief.conftest import body, flat, options, pages, pdf_bytes


def office(path: Path | str, code: str, name: str) -> Ledger:
    ledger = Ledger.open(path)
    ledger.set_settings(operator="测试员", office_code=code, office_name=name)
    return ledger


def zone_with_funds(path: Path | str, code: str, name: str, wan: int) -> Ledger:
    zone = office(path, code, name)
    helper = zone.regions.create(name=name, province="河北省", city="廊坊市", level="zone")
    assisted = zone.regions.create(name="康保县", code="130723")
    pairing = zone.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    zone.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=wan * 10**6,
        purpose="财政帮扶资金", allocated_on=date(2017, 3, 1), arrived_on=date(2017, 4, 1),
    )  # fmt: skip
    return zone


def test_a_consolidated_brief_lists_each_office_and_their_sum(tmp_path: Path, new_db: Any) -> None:
    city = office(new_db("city.db"), "130700", "张家口市对口帮扶办公室")
    for code, name, wan in (("131001", "廊坊开发区", 820), ("131082", "三河市", 35)):
        zone = zone_with_funds(new_db(f"{code}.db"), code, name, wan)
        export_package(zone, tmp_path / f"{code}.pairtrack.zip")
        import_package(city, tmp_path / f"{code}.pairtrack.zip")
        zone.close()
    data = build_brief(city, options(city, Period.year(2017)))
    assert [o.office for o in data.offices] == ["廊坊开发区（131001）", "三河市（131082）"]
    assert len(data.pairing_labels) == 2 and data.by_pairing == []  # per office, not pairing
    text = flat(body(pages(pdf_bytes(city, Period.year(2017)))))
    assert "表1-2各来源单位实际完成情况" in text
    assert "各结对关系主要指标完成情况" not in text
    for row, wan in zip(data.offices, (820, 35), strict=True):
        assert row.as_of[:4] == str(date.today().year)  # the day its package was made
        assert f"{row.office}{row.as_of}{format_wan(wan * 10**6, unit=False)}" in text
    assert "合计" + format_wan(855 * 10**6, unit=False) in text


def test_a_single_office_brief_has_no_office_table(tmp_path: Path, new_db: Any) -> None:
    zone = zone_with_funds(new_db("zone.db"), "131001", "廊坊开发区", 820)
    assert build_brief(zone, options(zone, Period.year(2017))).offices == []
    assert "各来源单位" not in flat(body(pages(pdf_bytes(zone, Period.year(2017)))))
