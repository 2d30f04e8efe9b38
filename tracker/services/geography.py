"""Regions and the pairings between them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from db.choices import PROGRAMME, REGION_LEVEL
from db.models import Pairing, Region
from tracker.errors import ValidationError
from tracker.fields import Field
from tracker.records import PairingRecord, RegionRecord
from tracker.services.base import EntityService, Rules


def runs_in(year: int) -> ColumnElement[bool]:
    """A pairing runs in ``year`` when the year lies between its start and (open) end."""
    return and_(
        Pairing.start_year <= year, or_(Pairing.end_year.is_(None), Pairing.end_year >= year)
    )


class RegionService(EntityService[RegionRecord]):
    model = Region
    record = RegionRecord
    noun = "地区"
    fields = (
        Field("name", "名称", required=True, max_length=100),
        Field("province", "省", max_length=50),
        Field("city", "市（州）", max_length=50),
        Field("level", "级别", "choice", required=True, choices=REGION_LEVEL),
        Field("code", "行政区划代码", max_length=6),
    )
    search = ("name", "province", "city", "code")
    default_sort = "name"
    dependants = (
        ("pairing", "helper_id", "结对关系（帮扶方）"),
        ("pairing", "assisted_id", "结对关系（受援方）"),
    )

    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        data = super().coerce(values, partial=partial)
        if "code" in data and data["code"] == "":
            data["code"] = None  # an empty code is "no code", so uniqueness ignores it
        return data

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        code = data.get("code")
        if code is not None:
            if not (len(code) == 6 and code.isascii() and code.isdigit()):
                yield ValidationError("code", f"「行政区划代码」应为 6 位数字，而不是「{code}」")
            other = session.scalar(select(Region).where(Region.code == code, Region.id != row_id))
            if other is not None:
                yield ValidationError("code", f"行政区划代码 {code} 已被「{other.name}」使用")

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


class PairingService(EntityService[PairingRecord]):
    model = Pairing
    record = PairingRecord
    noun = "结对关系"
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
    default_sort = "start_year"
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
