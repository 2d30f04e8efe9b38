"""Cooperation agreements and intentions (合作协议 / 合作意向)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, func, select
from sqlalchemy.orm import Session

from pairtrack.db.choices import AGREEMENT_CATEGORY, AGREEMENT_STATUS
from pairtrack.db.models import Agreement
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.records import AgreementRecord
from pairtrack.tracker.services.base import EntityService
from pairtrack.tracker.services.rules import Rules, date_order

SIGNED_STATUSES = ("signed", "in_progress", "completed")
FINAL_STATUSES = ("completed", "terminated")


class AgreementService(EntityService[AgreementRecord]):
    model = Agreement
    record = AgreementRecord
    noun = "合作协议"
    fields = (
        Field("pairing_id", "结对关系", "ref", required=True, ref_table="pairing"),
        Field("title", "协议名称", required=True, max_length=300),
        Field("doc_number", "文号", max_length=100),
        Field("category", "类别", "choice", required=True, choices=AGREEMENT_CATEGORY),
        Field("status", "状态", "choice", required=True, choices=AGREEMENT_STATUS),
        Field("counterparty", "签约对方"),
        Field("signed_on", "签订日期", "date"),
        Field("start_on", "开始日期", "date"),
        Field("end_on", "结束日期", "date"),
        Field("committed_fen", "协议金额", "money"),
        Field("summary", "主要内容", max_length=4000),
    )
    search = ("title", "doc_number", "counterparty", "summary", "note")
    default_sort = "signed_on"
    dependants = (
        ("fund_transfer", "agreement_id", "帮扶资金记录"),
        ("training", "agreement_id", "培训记录"),
        ("target", "agreement_id", "年度目标"),
    )

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        status, signed = data.get("status"), data.get("signed_on")
        if status in SIGNED_STATUSES and signed is None:
            yield ValidationError(
                "signed_on", f"状态为「{AGREEMENT_STATUS[status]}」时必须填写签订日期"
            )
        if status == "intent" and signed is not None:
            yield ValidationError(
                "signed_on", "合作意向尚未签约，不应有签订日期；已签约请把状态改为「已签约」"
            )
        yield from date_order(data, "start_on", "end_on", "开始日期", "结束日期")
        if signed is not None and signed > date.today():
            yield ValidationError("signed_on", f"签订日期 {signed} 在今天之后")

    def transition_rules(self, obj: Any, data: Mapping[str, Any]) -> None:
        old, new = obj.status, data["status"]
        if old == new:
            return
        if old in FINAL_STATUSES:
            raise ValidationError("status", f"协议已「{AGREEMENT_STATUS[old]}」，状态不能再改")
        forward = list(AGREEMENT_STATUS)  # the order statuses move along
        if new != "terminated" and forward.index(new) < forward.index(old):
            raise ValidationError(
                "status",
                f"协议状态只能向前推进：不能从「{AGREEMENT_STATUS[old]}」"
                f"改回「{AGREEMENT_STATUS[new]}」",
            )

    def titles(self) -> dict[str, tuple[str, str]]:
        """Agreement id → (title, pairing id), deleted ones included, sorted by title."""
        query = select(Agreement.id, Agreement.title, Agreement.pairing_id).order_by(
            Agreement.title
        )
        with self.store.read() as session:
            return {i: (title, pid) for i, title, pid in session.execute(query)}

    def year_clause(self, year: int) -> ColumnElement[bool]:
        # Intentions have no dates yet; they count in the year they were recorded.
        when = func.coalesce(
            Agreement.signed_on,
            Agreement.start_on,
            func.substr(Agreement.created_at, 1, 10),
            type_=String,
        )
        return when.between(date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())
