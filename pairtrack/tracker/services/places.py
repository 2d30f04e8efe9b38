"""Records found and ordered by the places they concern: the one home of how a region or a
pairing is matched by a search and where it stands in a list.

A search for 湘西 must find every record of the pairing 济南市→湘西州, not only those whose
own text says 湘西: a record's pairing is named by its two regions, so a search matches a
region's name, city and province, and a pairing's label ("帮扶方→受援方").

Natural order (what a person expects to read down a list): regions by level (省, 市（州）,
县（市）, 区, 开发区, as ``REGION_LEVEL`` lists them), then by GB/T 2260 code, which groups the
places of one province and city together (regions without a code after those with one),
then by name; pairings by their 帮扶方 in that order, then their 受援方, then the programme.
Chinese names in code-point order look random, so a name is the last key, never the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, case, literal, or_, select
from sqlalchemy.orm import aliased

from pairtrack.db.choices import PROGRAMME, REGION_LEVEL
from pairtrack.db.dialects import text_like
from pairtrack.db.models import Agreement, Pairing, Region

Key = Any  # a column or SQL expression to order by


def choice_rank(column: Any, choices: Mapping[str, str]) -> Key:
    """A code's position in its list of choices (the order pickers show), unknown ones last."""
    return case({code: rank for rank, code in enumerate(choices)}, value=column, else_=len(choices))


def region_keys(region: Any) -> list[Key]:
    """Sort keys of ``region`` (the model or an alias of it) in natural order."""
    return [
        choice_rank(region.level, REGION_LEVEL),
        region.code.is_(None),
        region.code,
        region.name,
    ]


def _matches(column: Any, pattern: str) -> ColumnElement[bool]:
    return text_like(column, pattern)


def regions_named(pattern: str) -> Select[Any]:
    """Ids of the regions (deleted ones too: old records keep them) whose name, city or
    province matches the LIKE ``pattern``."""
    return select(Region.id).where(
        or_(_matches(Region.name, pattern), _matches(Region.city, pattern),
            _matches(Region.province, pattern))
    )  # fmt: skip


def pairings_named(pattern: str) -> Select[Any]:
    """Ids of the pairings whose 帮扶方 or 受援方 matches ``pattern`` (``regions_named``), or
    whose label "帮扶方→受援方" does (a label copied from a picker)."""
    helper, assisted = aliased(Region), aliased(Region)
    label = helper.name + literal("→") + assisted.name
    return (
        select(Pairing.id)
        .join(helper, helper.id == Pairing.helper_id)
        .join(assisted, assisted.id == Pairing.assisted_id)
        .where(
            or_(
                Pairing.helper_id.in_(regions_named(pattern)),
                Pairing.assisted_id.in_(regions_named(pattern)),
                _matches(label, pattern),
            )
        )
    )


def pairing_keys(query: Any, pairing_id: Any) -> tuple[Any, list[Key]]:
    """``query`` joined to the pairing ``pairing_id`` points at and its two regions, and the
    sort keys of that pairing in natural order."""
    pairing, helper, assisted = aliased(Pairing), aliased(Region), aliased(Region)
    query = (
        query.outerjoin(pairing, pairing.id == pairing_id)
        .outerjoin(helper, helper.id == pairing.helper_id)
        .outerjoin(assisted, assisted.id == pairing.assisted_id)
    )
    keys = [*region_keys(helper), *region_keys(assisted), choice_rank(pairing.programme, PROGRAMME)]
    return query, keys


def reference_keys(query: Any, table: str | None, column: Any) -> tuple[Any, list[Key]]:
    """Sort keys for a column holding the id of a record of ``table``: the order of the
    records it points at (a name, not a random UUID)."""
    if table == "pairing":
        return pairing_keys(query, column)
    if table == "region":
        region = aliased(Region)
        return query.outerjoin(region, region.id == column), region_keys(region)
    if table == "agreement":
        agreement = aliased(Agreement)
        return query.outerjoin(agreement, agreement.id == column), [agreement.title]
    return query, [column]
