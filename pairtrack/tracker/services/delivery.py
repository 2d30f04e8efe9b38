"""What pairings deliver: fund transfers, cadre exchanges and training programmes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from pairtrack.db.choices import CADRE_CATEGORY, DIRECTION, FUND_KIND, GENDER, TRAINING_CATEGORY
from pairtrack.db.models import Agreement, CadreExchange, FundTransfer, Training
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.indicators import cadre_active
from pairtrack.tracker.records import CadreExchangeRecord, FundTransferRecord, TrainingRecord
from pairtrack.tracker.services.base import EntityService
from pairtrack.tracker.services.rules import Rules, date_order, lookup

PAIRING = Field("pairing_id", "结对关系", "ref", required=True, ref_table="pairing")
AGREEMENT = Field("agreement_id", "所属协议", "ref", ref_table="agreement")


def same_pairing_agreement(session: Session, data: Mapping[str, Any]) -> Rules:
    agreement_id = data.get("agreement_id")
    if agreement_id:
        agreement = lookup(session, Agreement, agreement_id)
        if agreement is not None and agreement.pairing_id != data.get("pairing_id"):
            yield ValidationError("agreement_id", "所属协议不属于这个结对关系")


def _in_year(column: Any, year: int) -> ColumnElement[bool]:
    return column.between(date(year, 1, 1), date(year, 12, 31))


class FundService(EntityService[FundTransferRecord]):
    model = FundTransfer
    record = FundTransferRecord
    noun = "帮扶资金记录"
    fields = (
        PAIRING,
        AGREEMENT,
        Field("budget_year", "资金年度", "year", required=True),
        Field("kind", "资金类别", "choice", required=True, choices=FUND_KIND),
        Field("amount_fen", "金额", "money", required=True),
        Field("purpose", "用途/项目", required=True, max_length=300),
        Field("donor", "出资单位"),
        Field("allocated_on", "拨付日期", "date", required=True),
        Field("arrived_on", "到位日期", "date"),
        Field("voucher", "凭证号", max_length=100),
    )
    search = ("purpose", "donor", "voucher", "note")
    default_sort = "allocated_on"

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        if data.get("amount_fen") is not None and data["amount_fen"] <= 0:
            yield ValidationError("amount_fen", "「金额」必须大于 0")
        yield from date_order(data, "allocated_on", "arrived_on", "拨付日期", "到位日期")
        yield from same_pairing_agreement(session, data)

    def year_clause(self, year: int) -> ColumnElement[bool]:
        return FundTransfer.budget_year == year


class CadreService(EntityService[CadreExchangeRecord]):
    model = CadreExchange
    record = CadreExchangeRecord
    noun = "干部交流记录"
    fields = (
        PAIRING,
        Field("person_name", "姓名", required=True, max_length=50),
        Field("gender", "性别", "choice", choices=GENDER),
        Field("direction", "交流方向", "choice", required=True, choices=DIRECTION),
        Field("category", "人员类别", "choice", required=True, choices=CADRE_CATEGORY),
        Field("home_unit", "派出单位"),
        Field("host_unit", "接收单位"),
        Field("post", "挂职岗位"),
        Field("start_on", "开始日期", "date", required=True),
        Field("end_on", "计划结束日期", "date"),
        Field("returned_on", "实际返回日期", "date"),
    )
    search = ("person_name", "home_unit", "host_unit", "post", "note")
    default_sort = "start_on"

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        yield from date_order(data, "start_on", "end_on", "开始日期", "计划结束日期")
        yield from date_order(data, "start_on", "returned_on", "开始日期", "实际返回日期")

    def year_clause(self, year: int) -> ColumnElement[bool]:
        return cadre_active(date(year, 1, 1), date(year, 12, 31))


class TrainingService(EntityService[TrainingRecord]):
    model = Training
    record = TrainingRecord
    noun = "培训记录"
    fields = (
        PAIRING,
        AGREEMENT,
        Field("title", "培训名称", required=True, max_length=300),
        Field("category", "培训类别", "choice", required=True, choices=TRAINING_CATEGORY),
        Field("quota", "名额", "int"),
        Field("enrolled", "报名人数", "int"),
        Field("completed", "结业人数", "int"),
        Field("start_on", "开班日期", "date", required=True),
        Field("end_on", "结业日期", "date"),
        Field("organizer", "承办单位"),
        Field("place", "地点"),
    )
    search = ("title", "organizer", "place", "note")
    default_sort = "start_on"

    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        data = super().coerce(values, partial=partial)
        for name in ("quota", "enrolled", "completed"):
            if name in data and data[name] is None:
                data[name] = 0  # counts left empty mean none (yet)
        return data

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        enrolled, completed = data.get("enrolled") or 0, data.get("completed") or 0
        if completed > enrolled:
            yield ValidationError(
                "completed", f"结业人数（{completed}）不能多于报名人数（{enrolled}）"
            )
        yield from date_order(data, "start_on", "end_on", "开班日期", "结业日期")
        yield from same_pairing_agreement(session, data)

    def year_clause(self, year: int) -> ColumnElement[bool]:
        return _in_year(Training.start_on, year)
