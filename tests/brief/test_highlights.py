"""Highlights of 一、总体情况 chosen by rule (tracker.brief.highlights): the period's largest
agreements and social funds, named as the published 廊坊 review names them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.brief.highlights import (
    HIGHLIGHTS,
    AgreementHighlight,
    FundHighlight,
    agreement_clause,
    fund_clause,
)
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.records import PairingRecord
from tests.brief.conftest import needs_pdftotext, options, pdf_bytes, pdftotext_body

YEAR = Period.year(2017)
LATER = date(2030, 1, 1)


def flat_text(data: bytes, tmp_path: Path) -> str:
    return re.sub(r"\s+", "", pdftotext_body(data, tmp_path))


@needs_pdftotext
def test_the_demo_names_the_land_deal_and_the_jd_agreement(demo: Ledger, tmp_path: Path) -> None:
    data = build_brief(demo, options(demo, YEAR))
    assert [a.title for a in data.highlights.agreements] == [
        "委托补充耕地协议",  # 9178万元 committed
        "农村电商精准扶贫战略合作协议",  # 12.6万元 crowdfunding recorded against it
        "就业服务和职业培训合作协议书",  # no money; a programme of 300 seats
    ]
    # the largest social funds, less the crowdfunding already named with its agreement
    assert [(f.purpose, f.amount) for f in data.highlights.funds] == [
        ("湘西州产业扶贫项目", 1500 * 10**6),
        ("武隆区乡村旅游扶贫", 600 * 10**6),
        ("阳原县贫困村产业扶持", 80 * 10**6),
    ]
    text = flat_text(pdf_bytes(demo, YEAR), tmp_path)
    overview = text[text.index("一、总体情况") : text.index("二、")]
    for said in (
        "在合作协议方面，廊坊开发区与康保县人民政府签订《委托补充耕地协议》"
        "（廊坊开发区委托康保县补充耕地458.9亩，补充耕地指标款9178万元）；",
        "廊坊开发区与京东物流签订《农村电商精准扶贫战略合作协议》"
        "（康保老窖酒京东项目众筹发展资金12.6万元）；",
        "签订《就业服务和职业培训合作协议书》",
        "安排培训名额300人次。",
        "在社会帮扶方面，湘西州产业扶贫项目到位1500万元（济南市社会各界）；",
    ):
        assert said in overview, said


@needs_pdftotext
def test_a_helper_brief_names_its_donation_and_books(demo: Ledger, tmp_path: Path) -> None:
    zone = next(r for r in demo.regions.list() if r.name == "廊坊开发区")
    scope = Scope("helper", region_id=zone.id, region_name=zone.name, region_level=zone.level)
    text = flat_text(pdf_bytes(demo, YEAR, scope), tmp_path)
    assert (
        "“精准扶贫、护苗行动”捐助康保县中小学到位12.2万元（廊坊开发区），另购置科普图书955本"
        in text
    )
    assert "湘西州" not in text[: text.index("二、")]  # another helper's funds are not named


@pytest.fixture
def ledger(db_target: Path) -> Iterator[Ledger]:
    ledger = Ledger.open(db_target)
    ledger.set_settings(operator="测试员", office_code="131001", office_name="测试办公室")
    yield ledger
    ledger.close()


@pytest.fixture
def pairing(ledger: Ledger) -> PairingRecord:
    helper = ledger.regions.create(name="三河市", province="河北省", city="廊坊市", level="county")
    assisted = ledger.regions.create(
        name="阳原县", province="河北省", city="张家口市", level="county"
    )
    return ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )


def agreement(ledger: Ledger, p: PairingRecord, title: str, **extra: object) -> str:
    fields: dict[str, object] = dict(category="industry", status="signed", signed_on="2017-05-01")
    fields.update(extra)
    return ledger.agreements.create(pairing_id=p.id, title=title, **fields).id


def social(ledger: Ledger, p: PairingRecord, wan: str, arrived: str | None, **extra: object) -> str:
    return ledger.funds.create(
        pairing_id=p.id, budget_year=2017, kind="social", amount_fen=wan, purpose=f"项目{wan}",
        allocated_on="2017-03-01", arrived_on=arrived, **extra,
    ).id  # fmt: skip


def test_the_rule(ledger: Ledger, pairing: PairingRecord) -> None:
    agreement(ledger, pairing, "承诺五百万", committed_fen="500万")
    linked = agreement(ledger, pairing, "到位一千九百五十万")  # money recorded against it
    for wan in ("600万", "700万", "650万"):  # the three largest funds, all named with it
        social(ledger, pairing, wan, "2017-06-01", agreement_id=linked)
    late = agreement(ledger, pairing, "年后到位")  # its money arrives after the period
    social(ledger, pairing, "900万", "2018-01-10", agreement_id=late)
    seats = agreement(ledger, pairing, "培训协议")
    ledger.trainings.create(
        pairing_id=pairing.id, agreement_id=seats, title="技能培训", category="vocational",
        quota=120, start_on="2017-06-01",
    )  # fmt: skip
    agreement(ledger, pairing, "空协议")  # nothing to name it by
    agreement(ledger, pairing, "已终止", committed_fen="9000万", status="terminated",
              end_on="2017-09-01")  # fmt: skip
    agreement(ledger, pairing, "去年签订", committed_fen="8000万", signed_on="2016-05-01")
    for wan in ("1万", "3万", "2万", "4万"):
        social(ledger, pairing, wan, "2017-08-01")
    social(ledger, pairing, "50万", None)  # not arrived
    ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="3000万",
        purpose="财政资金", allocated_on="2017-03-01", arrived_on="2017-03-05",
    )  # fmt: skip

    found = build_brief(ledger, options(ledger, YEAR, today=LATER)).highlights
    assert [(a.title, a.committed, a.funds, a.seats) for a in found.agreements] == [
        ("到位一千九百五十万", 0, 1950 * 10**6, 0),
        ("承诺五百万", 500 * 10**6, 0, 0),
        ("培训协议", 0, 0, 120),
    ]
    assert len(found.agreements) == HIGHLIGHTS
    # the 1950万 is named with its agreement; fiscal funds and money not arrived are not
    assert [f.amount for f in found.funds] == [4 * 10**6, 3 * 10**6, 2 * 10**6]
    # the party defaults to the assisted region
    assert found.agreements[0].helper == "三河市" and found.agreements[0].party == "阳原县"


def test_agreement_wording() -> None:
    land = AgreementHighlight(
        "廊坊开发区", "康保县人民政府", "委托补充耕地协议",
        "廊坊开发区委托康保县补充耕地458.9亩，补充耕地指标款9178万元。", 9178 * 10**6, 0, 0,
    )  # fmt: skip
    assert agreement_clause(land) == (
        "廊坊开发区与康保县人民政府签订《委托补充耕地协议》"
        "（廊坊开发区委托康保县补充耕地458.9亩，补充耕地指标款9178万元）"
    )  # the summary says the amount: not said twice
    bare = AgreementHighlight("三河市", "阳原县", "《产业园区共建协议》", "", 12000 * 10**6, 0, 0)
    assert agreement_clause(bare) == "三河市与阳原县签订《产业园区共建协议》，协议金额1.2亿元"
    funded = AgreementHighlight("三河市", "京东物流", "<b>电商</b>", "", 0, 126000 * 100, 0)
    assert agreement_clause(funded) == "三河市与京东物流签订《<b>电商</b>》，已到位资金12.6万元"
    seats = AgreementHighlight("三河市", "人社局", "培训协议", "", 0, 0, 300)
    assert agreement_clause(seats) == "三河市与人社局签订《培训协议》，安排培训名额300人次"


def test_fund_wording() -> None:
    books = FundHighlight("“护苗行动”捐助中小学", "廊坊开发区", 122000 * 100, "另购置图书955本。")
    assert fund_clause(books) == "“护苗行动”捐助中小学到位12.2万元（廊坊开发区），另购置图书955本"
    assert fund_clause(FundHighlight("助学金", "", 350000, "")) == "助学金到位3500元"


@needs_pdftotext
def test_no_highlights_no_paragraph(ledger: Ledger, pairing: PairingRecord, tmp_path: Path) -> None:
    agreement(ledger, pairing, "空协议")
    data = build_brief(ledger, options(ledger, YEAR, today=LATER))
    assert data.highlights.agreements == () and data.highlights.funds == ()
    text = flat_text(pdf_bytes(ledger, YEAR, today=LATER), tmp_path)
    assert "在合作协议方面" not in text and "在社会帮扶方面" not in text
