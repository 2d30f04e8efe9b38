"""Generated, realistic detail rows for benchmarks: ``demo --records N``.

Deterministic for a given seed; spread over the demo pairings and the years 2017–2020.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pairtrack.db.choices import CADRE_CATEGORY, DIRECTION, GENDER
from pairtrack.tracker.demo import figures as F

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService

PURPOSES = (
    "产业扶贫项目",
    "易地扶贫搬迁配套",
    "村级道路硬化",
    "安全饮水工程",
    "扶贫车间建设",
    "教育帮扶",
    "医疗卫生帮扶",
    "光伏扶贫",
    "乡村旅游",
    "劳务协作补贴",
    "消费扶贫",
)
TRAININGS = (
    "致富带头人培训",
    "电商技能培训",
    "家政服务培训",
    "农业实用技术培训",
    "乡村医生进修",
    "教师跟岗研修",
    "党政干部专题培训",
    "委培教育",
)
TRAINING_CATEGORY = {
    "党政干部专题培训": "cadre",
    "乡村医生进修": "professional",
    "教师跟岗研修": "professional",
    "委培教育": "commissioned_education",
}
SHARES = (("fund_transfer", 5), ("cadre_exchange", 3), ("training", 2))  # out of 10


def split_count(total: int) -> dict[str, int]:
    counts = {table: total * share // 10 for table, share in SHARES}
    counts["fund_transfer"] += total - sum(counts.values())
    return counts


def _day(rng: random.Random) -> date:
    return date(2017, 1, 1) + timedelta(days=rng.randrange(4 * 365))


def funds(pairing_ids: list[str], n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(n):
        allocated = _day(rng)
        arrived = allocated + timedelta(days=rng.randint(3, 60)) if rng.random() < 0.9 else None
        kind = rng.choices(("fiscal", "social", "in_kind"), (6, 3, 1))[0]
        yield dict(
            pairing_id=rng.choice(pairing_ids),
            budget_year=allocated.year,
            kind=kind,
            amount_fen=rng.randint(5, 5000) * 10_000,
            purpose=rng.choice(PURPOSES),
            donor="" if kind == "fiscal" else f"爱心企业{rng.randint(1, 400)}号",
            allocated_on=allocated,
            arrived_on=arrived,
            voucher=f"G{i:07d}",
        )


def cadres(pairing_ids: list[str], n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        start = _day(rng)
        end = start + timedelta(days=30 * rng.choice((3, 6, 12, 24)))
        yield dict(
            pairing_id=rng.choice(pairing_ids),
            person_name=F.person_name(rng),
            gender=rng.choice(tuple(GENDER)),
            direction=rng.choice(tuple(DIRECTION)),
            category=rng.choice(tuple(CADRE_CATEGORY)),
            home_unit="派出单位",
            host_unit="接收单位",
            post="挂职",
            start_on=start,
            end_on=end,
            returned_on=end if rng.random() < 0.5 else None,
        )


def trainings(pairing_ids: list[str], n: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    for _ in range(n):
        start = _day(rng)
        title = rng.choice(TRAININGS)
        quota = rng.randint(20, 200)
        enrolled = rng.randint(quota // 2, quota)
        yield dict(
            pairing_id=rng.choice(pairing_ids),
            title=title,
            category=TRAINING_CATEGORY.get(title, "vocational"),
            quota=quota,
            enrolled=enrolled,
            completed=rng.randint(0, enrolled),
            start_on=start,
            end_on=start + timedelta(days=rng.randint(3, 60)),
            organizer="人社部门",
            place="培训基地",
        )


GENERATORS = {"fund_transfer": funds, "cadre_exchange": cadres, "training": trainings}


def generated_rows(
    pairing_ids: list[str], total: int, seed: int
) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    return {
        table: list(GENERATORS[table](pairing_ids, count, rng))
        for table, count in split_count(total).items()
    }


def add_records(ledger: Ledger, total: int, seed: int) -> dict[str, int]:
    """Insert ``total`` generated rows through the services' bulk path, in one transaction."""
    pairing_ids = ledger.pairings.ids()
    if not pairing_ids:
        from pairtrack.tracker.errors import PairTrackError

        raise PairTrackError("数据库中还没有结对关系，无法生成明细记录。")
    rows = generated_rows(pairing_ids, total, seed)
    services: dict[str, EntityService[Any]] = {
        "fund_transfer": ledger.funds,
        "cadre_exchange": ledger.cadres,
        "training": ledger.trainings,
    }
    with ledger.write() as session:
        return {table: services[table].bulk_create_in(session, rows[table]) for table in rows}
