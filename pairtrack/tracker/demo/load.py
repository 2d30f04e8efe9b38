"""``pairtrack demo``: the 廊坊 and 济南 pairings with their 2017 figures, in one transaction."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from pairtrack.db.models import Region
from pairtrack.tracker.demo import figures as F
from pairtrack.tracker.demo.regions import JINAN, LANGFANG, PAIRINGS, REGIONS
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.money import FEN_PER_WAN

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.ledger import Ledger

DEMO_OFFICE = {"office_code": "131001", "office_name": "廊坊开发区对口帮扶办公室"}


def load_demo(ledger: Ledger, seed: int = 2017) -> dict[str, int]:
    """Fill an empty ledger; returns the number of records written per table."""
    if not ledger.setting("office_code"):
        ledger.set_settings(**DEMO_OFFICE)
    if not ledger.operator:
        ledger.set_settings(operator="演示用户")
    rng = random.Random(seed)
    s = ledger.services
    counts: dict[str, int] = {}
    with ledger.write() as session:
        if session.scalar(select(func.count(Region.id))):
            raise PairTrackError(
                "数据库中已有数据：演示数据只能装入空数据库（可用 --db 指定新文件）。"
            )
        regions = {
            name: s.regions.create_in(
                session, dict(name=name, province=prov, city=city, level=level, code=code)
            ).id
            for name, prov, city, level, code in REGIONS
        }
        pairings = {
            key: s.pairings.create_in(
                session,
                dict(
                    helper_id=regions[h],
                    assisted_id=regions[a],
                    programme=prog,
                    start_year=2017,
                    end_year=2020,
                    lead_unit=lead,
                ),
            ).id
            for key, h, a, prog, lead in PAIRINGS
        }
        agreements = _agreements(session, ledger, pairings, rng)
        counts["region"], counts["pairing"] = len(regions), len(pairings)
        counts["agreement"] = len(agreements)
        counts["fund_transfer"] = s.funds.bulk_create_in(session, _funds(pairings, agreements, rng))
        counts["cadre_exchange"] = s.cadres.bulk_create_in(session, _cadres(pairings, rng))
        counts["training"] = s.trainings.bulk_create_in(session, _trainings(pairings, agreements))
        counts["target"] = s.targets.bulk_create_in(session, _targets(pairings))
    return counts


def _agreements(
    session: Session, ledger: Ledger, pairings: dict[str, str], rng: random.Random
) -> dict[tuple[str, str], str]:
    out = {}
    service = ledger.services.agreements
    for pkey, key, title, category, status, party, signed, committed, summary in F.NAMED_AGREEMENTS:
        out[(pkey, key)] = service.create_in(
            session,
            dict(
                pairing_id=pairings[pkey],
                title=title,
                category=category,
                status=status,
                counterparty=party,
                signed_on=signed,
                start_on=signed,
                committed_fen=committed and committed * FEN_PER_WAN,
                summary=summary,
            ),
        ).id
    names = {key: (h, a) for key, h, a, *_ in PAIRINGS}
    for pkey, n in F.MORE_AGREEMENTS.items():
        helper, assisted = names[pkey]
        short = (helper.removesuffix("回族自治县"), assisted.removesuffix("县"))
        for i, (category, pattern) in enumerate(rng.sample(F.AGREEMENT_TOPICS, n)):
            signed = F.spread(date(2017, 4, 1), 200, rng) if i % 5 in (0, 3) else None
            out[(pkey, f"more{i}")] = service.create_in(
                session,
                dict(
                    pairing_id=pairings[pkey],
                    title=pattern.format(h=short[0], a=short[1]),
                    category=category,
                    status="signed" if signed else "intent",
                    counterparty=f"{assisted}人民政府",
                    signed_on=signed,
                    start_on=signed,
                ),
            ).id
    return out


def _funds(
    pairings: dict[str, str], agreements: dict[tuple[str, str], str], rng: random.Random
) -> list[dict[str, Any]]:
    rows = []
    for pkey, years in F.FISCAL.items():
        for year, total in years.items():
            parts = F.LINYI_PROJECTS[year] if pkey == "linyi" else (3 if pkey in LANGFANG else 4)
            for n, amount in enumerate(F.split_amount(total, parts, rng)):
                month, day = F.BATCH_DATES[n * len(F.BATCH_DATES) // parts]
                allocated = date(year, month, day) + timedelta(days=n % 7)
                purpose = (
                    f"协作项目第{n + 1}号（{year}年）"
                    if pkey == "linyi"
                    else f"{year}年度财政帮扶资金第{n + 1}批"
                )
                rows.append(
                    dict(
                        pairing_id=pairings[pkey],
                        budget_year=year,
                        kind="fiscal",
                        amount_fen=amount,
                        purpose=purpose,
                        donor="",
                        allocated_on=allocated,
                        arrived_on=allocated + timedelta(days=7 + n % 5),
                        voucher=f"{pkey.upper()}-{year}-{n + 1:03d}",
                    )
                )
    for pkey, items in F.SOCIAL.items():
        for kind, amount_text, purpose, donor, arrived, note in items:
            row: dict[str, Any] = dict(
                pairing_id=pairings[pkey],
                budget_year=2017,
                kind=kind,
                amount_fen=amount_text,
                purpose=purpose,
                donor=donor,
                allocated_on=arrived - timedelta(days=5),
                arrived_on=arrived,
                note=note,
            )
            if donor == "京东物流":
                row["agreement_id"] = agreements[("kangbao", "jd")]
            rows.append(row)
    return rows


def _cadres(pairings: dict[str, str], rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    pro = ("teacher", "doctor", "agri_tech", "other_pro")
    names = {key: (h, a) for key, h, a, *_ in PAIRINGS}
    for pkey, (party, pros, received) in F.CADRES.items():
        helper, assisted = names[pkey]
        kinds = [("to_assisted", "party_gov")] * party
        kinds += [("to_assisted", pro[i % 4]) for i in range(pros)]
        kinds += [("to_helper", "party_gov" if i % 3 == 0 else pro[i % 4]) for i in range(received)]
        for i, (direction, category) in enumerate(kinds):
            start = F.spread(date(2017, 3, 1), 180, rng)
            months = rng.choice((3, 6, 6, 12))
            end = start + timedelta(days=30 * months)
            returned = end if end < date(2017, 11, 1) and i % 4 else None
            home, host = (helper, assisted) if direction == "to_assisted" else (assisted, helper)
            rows.append(
                dict(
                    pairing_id=pairings[pkey],
                    person_name=F.person_name(rng),
                    gender=rng.choice(("male", "male", "female")),
                    direction=direction,
                    category=category,
                    home_unit=f"{home}{_unit(category)}",
                    host_unit=f"{host}{_unit(category)}",
                    post="挂职副职" if category == "party_gov" else "跟岗",
                    start_on=start,
                    end_on=end,
                    returned_on=returned,
                )
            )
    return rows


def _unit(category: str) -> str:
    return {
        "party_gov": "人民政府",
        "teacher": "教育局",
        "doctor": "人民医院",
        "agri_tech": "农业局",
        "other_pro": "科技局",
    }[category]


def _trainings(
    pairings: dict[str, str], agreements: dict[tuple[str, str], str]
) -> list[dict[str, Any]]:
    rows = []
    for pkey, items in F.TRAINING.items():
        for category, title, quota, enrolled, completed, start, end in items:
            row = dict(
                pairing_id=pairings[pkey],
                title=title,
                category=category,
                quota=quota,
                enrolled=enrolled,
                completed=completed,
                start_on=start,
                end_on=end,
                organizer="帮扶双方人社部门",
            )
            if pkey == "kangbao" and category == "vocational":
                row["agreement_id"] = agreements[("kangbao", "employment")]
            rows.append(row)
    return rows


def _targets(pairings: dict[str, str]) -> list[dict[str, Any]]:
    return [
        dict(pairing_id=pairings[pkey], year=2017, indicator=key, value=value)
        for pkey, targets in F.TARGETS.items()
        for key, value in targets.items()
    ]


__all__ = ["DEMO_OFFICE", "JINAN", "LANGFANG", "load_demo"]
