"""Regions and the pairings between them."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from pairtrack.db.choices import PROGRAMME, REGION_LEVEL
from pairtrack.db.models import Pairing, Region
from pairtrack.tracker import region_codes
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.records import PairingRecord, RegionRecord
from pairtrack.tracker.services.base import EntityService
from pairtrack.tracker.services.places import Key, pairing_keys, pairings_named, region_keys
from pairtrack.tracker.services.rules import Rules


def runs_in(year: int) -> ColumnElement[bool]:
    """A pairing runs in ``year`` when the year lies between its start and (open) end."""
    return and_(
        Pairing.start_year <= year, or_(Pairing.end_year.is_(None), Pairing.end_year >= year)
    )


class RegionService(EntityService[RegionRecord]):
    """Regions; a region's code must be in the national code table (``tracker.region_codes``).

    The code is what identifies a place when offices merge, so a code must fit the rest of the
    record: a code the table does not know is refused (leave it empty instead); blank name,
    province, city and level are filled from the table; a province, city or name that names
    another place is refused, each naming its field. A short form (湘西州, 大厂县) and a
    former name under the same code (桥东区 for 130502 襄都区) agree; so does a code that is
    no longer current (500232 武隆县): the window says what became of it, and the record keeps
    it — old ledgers use old codes. A county and a district are one tier (县改区).
    """

    model = Region
    record = RegionRecord
    noun = "地区"
    rules_read_own_kind = True  # a code used once
    fields = (
        Field("name", "名称", required=True, max_length=100),
        Field("province", "省", max_length=50),
        Field("city", "市（州）", max_length=50),
        Field("level", "级别", "choice", required=True, choices=REGION_LEVEL),
        Field("code", "行政区划代码", max_length=6),
    )
    search = ("name", "province", "city", "code")
    dependants = (
        ("pairing", "helper_id", "结对关系（帮扶方）"),
        ("pairing", "assisted_id", "结对关系（受援方）"),
    )
    # What a known code fills in when it is left blank.
    FILLED = ("name", "province", "city", "level")

    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        if not partial:
            values = filled_from_code(values)
        data = super().coerce(values, partial=partial)
        if "code" in data and data["code"] == "":
            data["code"] = None  # an empty code is "no code", so uniqueness ignores it
        return data

    def coerce_stored(self, row: Mapping[str, Any]) -> dict[str, Any]:
        # Through ``coerce``: its blank-code and fill-from-code steps apply to packages too.
        return self.coerce({name: row.get(name) for name in self._fields}, partial=False)

    def update_in(self, session: Session, obj: Any, changes: Mapping[str, Any]) -> Any:
        given = {name: getattr(obj, name) for name in (*self.FILLED, "code")} | dict(changes)
        filled = {k: v for k, v in filled_from_code(given).items() if v != given[k]}
        return super().update_in(session, obj, {**changes, **filled})

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        code = data.get("code")
        if code is not None:
            if not (len(code) == 6 and code.isascii() and code.isdigit()):
                yield ValidationError("code", f"「行政区划代码」应为 6 位数字，而不是「{code}」")
                return
            if region_codes.find(code) is None:
                yield ValidationError("code", unknown_code(code))
                return
            other = session.scalar(select(Region).where(Region.code == code, Region.id != row_id))
            if other is not None:
                yield ValidationError("code", f"行政区划代码 {code} 已被「{other.name}」使用")
            yield from code_agrees(data)

    def sort_keys(self, query: Any, name: str | None) -> tuple[Any, builtins.list[Key]]:
        if name is None:  # natural order: level, code, name (``places``)
            return query, region_keys(Region)
        return super().sort_keys(query, name)

    def names(self) -> dict[str, str]:
        """Region id → name, deleted ones included (old records still point to them)."""
        with self.store.read() as session:
            return {rid: name for rid, name in session.execute(select(Region.id, Region.name))}

    def find(self, name_or_code: str) -> RegionRecord:
        """The live region with this code, or else with this name (exactly one)."""
        with self.store.read() as session:
            live = Region.deleted_at.is_(None)
            found = (
                session.scalars(select(Region).where(live, Region.code == name_or_code)).all()
                or session.scalars(select(Region).where(live, Region.name == name_or_code)).all()
            )
            if len(found) != 1:
                problem = "找不到" if not found else "有多个同名的"
                raise ValidationError("region", f"{problem}地区「{name_or_code}」")
            return self._record(found[0])


def unknown_code(code: str) -> str:
    return (
        f"行政区划代码 {code} 不在国家行政区划代码表中（{region_codes.EDITION}）；"
        "请核对，或留空代码"
    )


def filled_from_code(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with blank name, province, city and level taken from the code's table entry.

    A code the table no longer lists as current fills the names it had last (the record is
    about that place as it was). A well-formed code the table does not know is refused here
    when something was left blank for it to fill: that, not the blank name, is the problem.
    A malformed code fills nothing and is left for the rules to refuse.
    """
    out = dict(values)
    code = out.get("code")
    code = code.strip() if isinstance(code, str) else ""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return out
    blank = [n for n in RegionService.FILLED if out.get(n) is None or str(out[n]).strip() == ""]
    if not blank:
        return out
    entry = region_codes.find(code)
    if entry is None:
        raise ValidationError("code", unknown_code(code))
    return out | {name: getattr(entry, name) for name in blank}


def code_agrees(data: Mapping[str, Any]) -> Rules:
    """A region's province, city, name and level must name the place its code stands for."""
    code = data["code"]
    entries = region_codes.history(code)
    entry = entries[-1]
    where = f"行政区划代码 {code} 是{entry.place()}"
    province = data.get("province") or ""
    if province and not any(region_codes.names_agree(province, e.province) for e in entries):
        yield ValidationError("province", f"{where}，「省」却是「{province}」")
    city = data.get("city") or ""
    # Without a prefecture (直辖市的区县、省直辖县级市) staff write the municipality or the unit
    # itself as its city: 武隆区 "重庆市", 仙桃市 "仙桃市".
    cities = [c for e in entries for c in ((e.city,) if e.city else (e.province, e.name))]
    if city and not any(region_codes.names_agree(city, c) for c in cities):
        yield ValidationError("city", f"{where}，「市（州）」却是「{city}」")
    name = data.get("name") or ""
    if name and not any(region_codes.names_agree(name, e.name) for e in entries):
        yield ValidationError("name", f"{where}，「名称」却是「{name}」")
    level = data.get("level")
    if level is not None and region_codes.TIER.get(level) != entry.tier:
        yield ValidationError(
            "level",
            f"{where}，是{region_codes.TIER_LABEL[entry.tier]}区划，"
            f"「级别」不能是{REGION_LEVEL.get(level, level)}",
        )


class PairingService(EntityService[PairingRecord]):
    model = Pairing
    record = PairingRecord
    noun = "结对关系"
    rules_read_own_kind = True  # one pairing per helper, assisted and programme
    fields = (
        Field("helper_id", "帮扶方", "ref", required=True, ref_table="region"),
        Field("assisted_id", "受援方", "ref", required=True, ref_table="region"),
        Field("programme", "协作类型", "choice", required=True, choices=PROGRAMME),
        Field("start_year", "起始年度", "year", required=True),
        Field("end_year", "结束年度", "year"),
        Field("lead_unit", "牵头单位"),
        Field("contact", "联系人"),
    )
    search = ("lead_unit", "contact", "note")
    dependants = (
        ("agreement", "pairing_id", "合作协议"),
        ("target", "pairing_id", "年度目标"),
        ("fund_transfer", "pairing_id", "帮扶资金记录"),
        ("cadre_exchange", "pairing_id", "干部交流记录"),
        ("training", "pairing_id", "培训记录"),
    )

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        if data["helper_id"] is not None and data["helper_id"] == data["assisted_id"]:
            yield ValidationError("assisted_id", "帮扶方和受援方不能是同一个地区")
        end, start = data.get("end_year"), data.get("start_year")
        if end is not None and start is not None and end < start:
            yield ValidationError("end_year", f"结束年度 {end} 早于起始年度 {start}")
        twin = session.scalar(
            select(Pairing).where(
                Pairing.helper_id == data["helper_id"],
                Pairing.assisted_id == data["assisted_id"],
                Pairing.programme == data["programme"],
                Pairing.id != row_id,
            )
        )
        if twin is not None:
            state = "（已删除，可恢复）" if twin.deleted_at is not None else ""
            yield ValidationError(
                "assisted_id", f"同一帮扶方、受援方和协作类型的结对关系已存在{state}"
            )

    def year_clause(self, year: int) -> ColumnElement[bool]:
        return runs_in(year)

    def search_clauses(self, pattern: str) -> builtins.list[ColumnElement[bool]]:
        # a pairing is found by its regions' names too (湘西 finds 济南市→湘西州)
        return [*super().search_clauses(pattern), Pairing.id.in_(pairings_named(pattern))]

    def sort_keys(self, query: Any, name: str | None) -> tuple[Any, builtins.list[Key]]:
        if name is None:  # natural order: by 帮扶方, then 受援方, programme, start year
            query, keys = pairing_keys(query, Pairing.id)
            return query, [*keys, Pairing.start_year]
        return super().sort_keys(query, name)

    def labels(self, *, include_deleted: bool = True) -> dict[str, str]:
        """Pairing id → "帮扶方→受援方", for pickers, tables and reports."""
        helper, assisted = Region.__table__.alias("h"), Region.__table__.alias("a")
        query = (
            select(Pairing.id, helper.c.name, assisted.c.name)
            .join(helper, helper.c.id == Pairing.helper_id)
            .join(assisted, assisted.c.id == Pairing.assisted_id)
            .order_by(helper.c.name, assisted.c.name)
        )
        if not include_deleted:
            query = query.where(Pairing.deleted_at.is_(None))
        with self.store.read() as session:
            return {pid: f"{h}→{a}" for pid, h, a in session.execute(query)}
