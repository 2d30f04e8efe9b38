"""The read side every record service shares: get, list, ids, pages of rows, counts and
totals, with the filters and sorting done in SQL (a lazy table of 100k rows holds ids only).
``EntityService`` (``base``) adds the writes on top.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from pairtrack.db.dialects import text_like
from pairtrack.tracker.errors import NotFound, ValidationError
from pairtrack.tracker.fields import Field
from pairtrack.tracker.records import Record
from pairtrack.tracker.services.places import Key, choice_rank, pairings_named, reference_keys

if TYPE_CHECKING:
    from pairtrack.tracker.store import Store

R = TypeVar("R", bound=Record)
Q = TypeVar("Q", bound=Any)  # a Select of any shape


def like_pattern(text: str) -> str:
    """``text`` for a LIKE search: its own %, _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ServiceReads(Generic[R]):
    model: ClassVar[Any]
    record: ClassVar[type[Record]]
    noun: ClassVar[str]  # Chinese name of one record, e.g. "帮扶资金记录"
    fields: ClassVar[tuple[Field, ...]]
    search: ClassVar[tuple[str, ...]] = ()
    default_sort: ClassVar[str] = "created_at"  # the field of the natural order (``sort_keys``)
    store: Store
    table: str
    columns: tuple[str, ...]

    # --- reads ---------------------------------------------------------------------------
    def get(self, row_id: str, *, include_deleted: bool = False) -> R:
        with self.store.read() as session:
            return self._record(self._load(session, row_id, live=not include_deleted))

    def list(
        self,
        *,
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        **filters: Any,
    ) -> list[R]:
        """Records matching ``filters`` (see ``_where``), sorted in SQL."""
        query = self._sorted(self._where(select(self.model), filters), sort, descending)
        with self.store.read() as session:
            return [self._record(o) for o in session.scalars(query.offset(offset).limit(limit))]

    def ids(
        self, *, sort: str | None = None, descending: bool = False, **filters: Any
    ) -> builtins.list[str]:
        """The filtered, sorted ids alone: what a lazy table model holds for 100k rows."""
        query = self._sorted(self._where(select(self.model.id), filters), sort, descending)
        with self.store.read() as session:
            return builtins.list(session.scalars(query))

    def rows(self, ids: Sequence[str]) -> builtins.list[R]:
        """The records with these ids, in the order given (a page of a lazy table)."""
        found: dict[str, R] = {}
        with self.store.read() as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for obj in session.scalars(select(self.model).where(self.model.id.in_(chunk))):
                    found[obj.id] = self._record(obj)
        return [found[i] for i in ids if i in found]

    def count(self, **filters: Any) -> int:
        query = self._where(select(func.count(self.model.id)), filters)
        with self.store.read() as session:
            return int(session.scalar(query) or 0)

    def totals(self, **filters: Any) -> dict[str, int]:
        """Row count and the sum of every money and count field over the filtered rows."""
        summed = [f.name for f in self.fields if f.kind in ("money", "int")]
        columns = [func.coalesce(func.sum(getattr(self.model, n)), 0) for n in summed]
        query = self._where(select(func.count(self.model.id), *columns), filters)
        with self.store.read() as session:
            values = session.execute(query).one()
        return {
            "count": int(values[0]),
            **{n: int(v) for n, v in zip(summed, values[1:], strict=True)},
        }

    def year_clause(self, year: int) -> ColumnElement[bool]:
        raise ValidationError("year", f"{self.noun}不能按年度筛选")

    def _where(self, query: Q, filters: Mapping[str, Any]) -> Q:
        """Apply filters: ``pairing_id``, ``year``, ``text`` (searches the text columns),
        ``include_deleted``, ``id_in`` (a few ids), ``behind`` (the rows behind an indicator
        figure, see ``tracker.progress.RowsBehind``); any other key is a column equality.
        """
        model = self.model
        filters = dict(filters)
        if not filters.pop("include_deleted", False):
            query = query.where(model.deleted_at.is_(None))
        if (pairing_id := filters.pop("pairing_id", None)) is not None:
            query = query.where(model.pairing_id == pairing_id)
        if (year := filters.pop("year", None)) is not None:
            query = query.where(self.year_clause(year))
        if text := (filters.pop("text", None) or "").strip():
            query = query.where(or_(*self.search_clauses(like_pattern(text))))
        if (id_in := filters.pop("id_in", None)) is not None:
            query = query.where(model.id.in_(builtins.list(id_in)))
        if (behind := filters.pop("behind", None)) is not None:
            if behind.table != self.table:
                raise ValidationError(None, f"该指标的明细不是{self.noun}")
            query = query.where(model.id.in_(behind.id_query()))
        for name, value in filters.items():
            if name not in self.columns:
                raise ValidationError(name, f"{self.noun}不能按「{name}」筛选")
            if value is not None:
                query = query.where(getattr(model, name) == value)
        return query

    def search_clauses(self, pattern: str) -> builtins.list[ColumnElement[bool]]:
        """What a search for the LIKE ``pattern`` matches: the text columns in ``search``, and
        for a record of a pairing, the names of the pairing's regions (``places``)."""
        model = self.model
        clauses: builtins.list[ColumnElement[bool]] = [
            text_like(getattr(model, c), pattern) for c in self.search
        ]
        if "pairing_id" in self.columns:
            clauses.append(model.pairing_id.in_(pairings_named(pattern)))
        return clauses

    def _sorted(self, query: Select[Any], sort: str | None, descending: bool) -> Select[Any]:
        if sort is not None and sort not in self.columns:
            raise ValidationError("sort", f"{self.noun}不能按「{sort}」排序")
        query, keys = self.sort_keys(query, sort)
        ordered = [key.desc() if descending else key.asc() for key in keys]
        return query.order_by(*ordered, self.model.id)

    def sort_keys(self, query: Q, name: str | None) -> tuple[Q, builtins.list[Key]]:
        """``query`` (joined where a key needs it) and the keys ordering it by field ``name``;
        None: the natural order of this kind of record."""
        return self.field_keys(query, name or self.default_sort)

    def field_keys(self, query: Q, name: str) -> tuple[Q, builtins.list[Key]]:
        """Keys ordering by field ``name`` as a person reads it: a choice in the order its
        picker lists the choices, a reference in the order of what it points at."""
        column = getattr(self.model, name)
        f = next((f for f in self.fields if f.name == name), None)
        if f is not None and f.kind == "choice" and f.choices:
            return query, [choice_rank(column, f.choices)]
        if f is not None and f.kind == "ref":
            return reference_keys(query, f.ref_table, column)
        return query, [column]

    def _load(self, session: Session, row_id: str, *, live: bool) -> Any:
        obj = session.get(self.model, row_id)
        if obj is None or (live and obj.deleted_at is not None):
            raise NotFound(f"找不到该{self.noun}（编号 {row_id}），它可能已被删除")
        return obj

    def _record(self, obj: Any) -> R:
        names = [f.name for f in dataclass_fields(self.record)]
        return self.record(**{n: getattr(obj, n) for n in names})  # type: ignore[return-value]
