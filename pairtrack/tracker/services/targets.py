"""Yearly targets: one number per pairing, year and indicator, set singly or as a grid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from pairtrack.db.models import Agreement, Pairing, Region, Target
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.indicators import BY_KEY, INDICATORS, LABELS
from pairtrack.tracker.money import MAX_FEN
from pairtrack.tracker.periods import Scope, live_in_scope
from pairtrack.tracker.records import TargetRecord
from pairtrack.tracker.services.base import EntityService
from pairtrack.tracker.services.geography import runs_in
from pairtrack.tracker.services.rules import Rules, lookup

MONEY_VALUE = Field("value", "目标值", "money")
COUNT_VALUE = Field("value", "目标值", "int")


class TargetService(EntityService[TargetRecord]):
    model = Target
    record = TargetRecord
    noun = "年度目标"
    rules_read_own_kind = True  # one target per pairing, year and indicator
    fields = (
        Field("pairing_id", "结对关系", "ref", required=True, ref_table="pairing"),
        Field("year", "年度", "year", required=True),
        Field("indicator", "指标", "choice", required=True, choices=LABELS),
        # fen for money indicators, a count otherwise; ``money`` coercion accepts both ints
        # and text such as "2400万", and a count typed as text is parsed by ``value_for``.
        Field("value", "目标值", "int", required=True, maximum=MAX_FEN),
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
        data = super().coerce(values, partial=partial)
        # The field admits fen (up to MAX_FEN); a count indicator's value is a count.
        if key in BY_KEY and not BY_KEY[key].is_money and data.get("value") is not None:
            data["value"] = COUNT_VALUE.coerce(data["value"])
        return data

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
        with self.store.write() as session:
            found = self._existing(session, year, [pairing_id])
            obj, _ = self._put_in(session, found, pairing_id, year, indicator, value)
            return self._record(obj)

    def set_many(self, year: int, values: Mapping[tuple[str, str], Any]) -> int:
        """Set the cells (pairing id, indicator) → value of a year's grid in one transaction.

        An empty value (None or blank text) clears the cell by soft-deleting its target.
        Returns how many cells changed; the first invalid cell refuses the whole batch, named
        by its pairing and indicator so that the user can find it in the grid.
        """
        with self.store.write() as session:
            found = self._existing(session, year, {pid for pid, _ in values})
            changed = 0
            for (pairing_id, indicator), value in values.items():
                try:
                    changed += self._cell_in(session, found, pairing_id, year, indicator, value)
                except ValidationError as exc:
                    label = LABELS.get(indicator, indicator)
                    where = f"{pairing_label(session, pairing_id)} · {label}"
                    raise ValidationError(exc.field, f"{where}：{exc.message}") from exc
            return changed

    def copy_year(self, from_year: int, to_year: int, *, overwrite: bool = False) -> int:
        """Copy the live targets of ``from_year`` to ``to_year`` in one transaction.

        Only pairings still running in ``to_year`` are copied; a live target already set for
        ``to_year`` is kept unless ``overwrite``. Returns how many targets were written.
        """
        return len(self.copy_year_cells(from_year, to_year, overwrite=overwrite))

    def copy_year_cells(
        self, from_year: int, to_year: int, *, overwrite: bool = False
    ) -> dict[tuple[str, str], tuple[int | None, int]]:
        """``copy_year``, returning each cell written with its value before (None: no live
        target) and after, so that the copy can be undone with ``set_many``."""
        if from_year == to_year:
            raise ValidationError("to_year", f"不能把 {from_year} 年的目标复制到同一年")
        everything = Scope.everything()
        source = (
            live_in_scope(
                select(Target.pairing_id, Target.indicator, Target.value), Target, everything
            )
            .where(Target.year == from_year, runs_in(to_year))
            .order_by(Target.pairing_id, Target.indicator)
        )
        written: dict[tuple[str, str], tuple[int | None, int]] = {}
        with self.store.write() as session:
            rows = session.execute(source).all()
            found = self._existing(session, to_year, {pid for pid, _, _ in rows})
            for pairing_id, indicator, value in rows:
                twin = found.get((pairing_id, indicator))
                before = twin.value if twin is not None and twin.deleted_at is None else None
                if before is not None and not overwrite:
                    continue
                if self._put_in(session, found, pairing_id, to_year, indicator, value)[1]:
                    written[(pairing_id, indicator)] = (before, value)
        return written

    def grid(self, year: int, scope: Scope | None = None) -> TargetGrid:
        """The year's targets as a table: live pairings running that year × indicators."""
        scope = scope or Scope.everything()
        running = runs_in(year)
        cells = live_in_scope(
            select(Target.pairing_id, Target.indicator, Target.value), Target, scope
        ).where(Target.year == year, Target.indicator.in_(list(BY_KEY)), running)
        rows = live_in_scope(_labels_query(), Pairing, scope).where(running)
        with self.store.read() as session:
            labelled = session.execute(rows).all()
            values = {(pid, key): int(v) for pid, key, v in session.execute(cells)}
        pairings = sorted(((pid, f"{h}→{a}") for pid, h, a in labelled), key=lambda p: p[1])
        return TargetGrid(year, tuple(pairings), tuple(i.key for i in INDICATORS), values)

    # --- shared steps --------------------------------------------------------------------
    @staticmethod
    def _existing(
        session: Session, year: int, pairing_ids: Iterable[str]
    ) -> dict[tuple[str, str], Any]:
        """(pairing id, indicator) → the year's target, deleted ones too (they are revived)."""
        query = select(Target).where(Target.year == year, Target.pairing_id.in_(list(pairing_ids)))
        return {(t.pairing_id, t.indicator): t for t in session.scalars(query)}

    def _put_in(
        self,
        session: Session,
        found: dict[tuple[str, str], Any],
        pairing_id: str,
        year: int,
        indicator: str,
        value: Any,
    ) -> tuple[Any, bool]:
        """Create, change or revive one target; returns it and whether anything changed."""
        # Callers may name the indicator by its Chinese label; the stored key finds the row.
        indicator = self.field("indicator").coerce(indicator)
        obj = found.get((pairing_id, indicator))
        if obj is None:
            obj = self.create_in(
                session,
                {"pairing_id": pairing_id, "year": year, "indicator": indicator, "value": value},
            )
            found[(pairing_id, indicator)] = obj
            return obj, True
        before = (obj.deleted_at, obj.value)
        self.restore_in(session, obj)
        self.update_in(session, obj, {"value": value})
        return obj, (obj.deleted_at, obj.value) != before

    def _cell_in(
        self,
        session: Session,
        found: dict[tuple[str, str], Any],
        pairing_id: str,
        year: int,
        indicator: str,
        value: Any,
    ) -> bool:
        """One grid cell: a blank value clears it (soft delete), any other value is put."""
        blank = value is None or (isinstance(value, str) and not value.strip())
        if not blank:
            return self._put_in(session, found, pairing_id, year, indicator, value)[1]
        obj = found.get((pairing_id, self.field("indicator").coerce(indicator)))
        if obj is None or obj.deleted_at is not None:
            return False
        self.delete_in(session, obj)
        return True


@dataclass(frozen=True)
class TargetGrid:
    year: int
    pairings: tuple[tuple[str, str], ...]  # (pairing id, "帮扶方→受援方"), sorted by label
    indicators: tuple[str, ...]  # indicator keys, in ``INDICATORS`` order
    values: dict[tuple[str, str], int]  # (pairing id, indicator key) → target value


def _labels_query() -> Select[str, str, str]:
    # ``region`` joins twice, once per side, so each side needs its own alias.
    helper, assisted = aliased(Region), aliased(Region)
    return (
        select(Pairing.id, helper.name, assisted.name)
        .join(helper, helper.id == Pairing.helper_id)
        .join(assisted, assisted.id == Pairing.assisted_id)
    )


def pairing_label(session: Session, pairing_id: str) -> str:
    """ "帮扶方→受援方" of a pairing (its id when there is no such pairing)."""
    row = session.execute(_labels_query().where(Pairing.id == pairing_id)).first()
    return pairing_id if row is None else f"{row[1]}→{row[2]}"
