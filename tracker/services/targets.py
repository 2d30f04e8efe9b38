"""Yearly targets: one number per pairing, year and indicator."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from db.models import Agreement, Pairing, Target
from tracker.errors import ValidationError
from tracker.fields import Field
from tracker.indicators import BY_KEY, LABELS
from tracker.records import TargetRecord
from tracker.services.base import EntityService, Rules, lookup

MONEY_VALUE = Field("value", "目标值", "money")


class TargetService(EntityService[TargetRecord]):
    model = Target
    record = TargetRecord
    noun = "年度目标"
    fields = (
        Field("pairing_id", "结对关系", "ref", required=True, ref_table="pairing"),
        Field("year", "年度", "year", required=True),
        Field("indicator", "指标", "choice", required=True, choices=LABELS),
        # fen for money indicators, a count otherwise; ``money`` coercion accepts both ints
        # and text such as "2400万", and a count typed as text is parsed by ``value_for``.
        Field("value", "目标值", "int", required=True),
        Field("agreement_id", "来源协议", "ref", ref_table="agreement"),
    )
    search = ("note",)
    default_sort = "year"

    def coerce(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        values = dict(values)
        if values.get("indicator") not in (None, ""):
            values["indicator"] = self.field("indicator").coerce(values["indicator"])
        key, raw = values.get("indicator"), values.get("value")
        if key in BY_KEY and BY_KEY[key].is_money and isinstance(raw, str):
            values["value"] = MONEY_VALUE.coerce(raw)
        return super().coerce(values, partial=partial)

    def update_in(self, session: Session, obj: Any, changes: Mapping[str, Any]) -> Any:
        # A new value typed as "2500万" needs the indicator to be read as money.
        return super().update_in(session, obj, {"indicator": obj.indicator, **changes})

    def rules(self, session: Session, data: Mapping[str, Any], row_id: str | None) -> Rules:
        yield from super().rules(session, data, row_id)
        pairing = lookup(session, Pairing, data["pairing_id"]) if data.get("pairing_id") else None
        year = data.get("year")
        if (
            pairing is not None
            and year is not None
            and (year < pairing.start_year or (pairing.end_year and year > pairing.end_year))
        ):
            span = f"{pairing.start_year}–{pairing.end_year or '至今'}"
            yield ValidationError("year", f"{year} 年不在该结对关系的起止年度（{span}）内")
        agreement_id = data.get("agreement_id")
        if agreement_id:
            agreement = lookup(session, Agreement, agreement_id)
            if agreement is not None and agreement.pairing_id != data.get("pairing_id"):
                yield ValidationError("agreement_id", "来源协议不属于这个结对关系")
        twin = session.scalar(
            select(Target).where(
                Target.pairing_id == data.get("pairing_id"),
                Target.year == year,
                Target.indicator == data.get("indicator"),
                Target.id != row_id,
            )
        )
        if twin is not None:
            state = "（已删除，可恢复）" if twin.deleted_at is not None else ""
            label = LABELS.get(data.get("indicator") or "", "")
            yield ValidationError(
                "indicator", f"该结对关系 {year} 年的「{label}」目标已存在{state}"
            )

    def year_clause(self, year: int) -> ColumnElement[bool]:
        return Target.year == year

    def set(self, pairing_id: str, year: int, indicator: str, value: Any) -> TargetRecord:
        """Create, change or revive the one target of (pairing, year, indicator)."""
        with self.ledger.write() as session:
            obj = session.scalar(
                select(Target).where(
                    Target.pairing_id == pairing_id,
                    Target.year == year,
                    Target.indicator == indicator,
                )
            )
            values = {"pairing_id": pairing_id, "year": year, "indicator": indicator}
            if obj is None:
                obj = self.create_in(session, {**values, "value": value})
            else:
                self.restore_in(session, obj)
                self.update_in(session, obj, {"indicator": indicator, "value": value})
            return self._record(obj)
