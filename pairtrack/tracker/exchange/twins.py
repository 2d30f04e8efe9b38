"""The local record another office's unknown region, pairing or target is the same as.

Two offices each create "康保县" and the pairing 廊坊开发区→康保县 under their own ids. Regions
are the same by GB/T 2260 code; without a code on both sides, only by name *and* province
*and* city (so 沧州市新华区 never becomes 石家庄市新华区). Pairings are the same by (helper,
assisted, programme) and targets by (pairing, year, indicator): the keys their tables hold
unique. Every other record is its own (a duplicate of one is flagged, not merged).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pairtrack.db.models import Pairing, Region, Target
from pairtrack.tracker import region_codes

TWINNED = ("region", "pairing", "target")


def twin(session: Session, table: str, row: dict[str, Any]) -> str | None:
    """The id of the local record this incoming one (refs already in local ids) is, or None."""
    if table == "region":
        return _region(session, row)
    if table == "pairing":
        return _first(
            session,
            select(Pairing.id).where(
                Pairing.helper_id == row["helper_id"],
                Pairing.assisted_id == row["assisted_id"],
                Pairing.programme == row["programme"],
            ),
            Pairing,
        )
    if table == "target":
        return _first(
            session,
            select(Target.id).where(
                Target.pairing_id == row["pairing_id"],
                Target.year == row["year"],
                Target.indicator == row["indicator"],
            ),
            Target,
        )
    return None


def _region(session: Session, row: dict[str, Any]) -> str | None:
    code = row.get("code") or None
    if code is not None:
        # An old code (武隆县 500232) finds the region under the code that replaced it.
        codes = {code, region_codes.current_code(code) or code}
        found = _first(session, select(Region.id).where(Region.code.in_(codes)), Region)
        if found is not None:
            return found
    named = select(Region.id).where(
        Region.name == row["name"],
        Region.province == (row.get("province") or ""),
        Region.city == (row.get("city") or ""),
    )
    if code is not None:
        named = named.where(Region.code.is_(None))  # two different codes: two regions
    return _first(session, named, Region)


def _first(session: Session, query: Select[Any], model: Any) -> str | None:
    # A live record before a deleted one, then the smallest id: the same choice every time.
    found: str | None = session.scalar(
        query.order_by(model.deleted_at.is_not(None), model.id).limit(1)
    )
    return found
