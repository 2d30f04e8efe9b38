"""Records entered twice (DESIGN §7 "No silent duplicates").

- ``NaturalKeys``: the live record a new row matches on its kind's natural key (the keys
  themselves live with the record kinds, ``tracker.kinds``); the ledger import reports such a
  row as 疑似重复 and does not create it.
- ``cross_office_duplicates``: fund transfers with the same pairing, amount and voucher entered
  by two offices (the 9,178 万元 land payment typed at the city and at 开发区): ``check`` lists
  them, and a merge preview flags the rows it would insert.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, distinct, func, select, tuple_, type_coerce
from sqlalchemy.orm import Session, aliased

from pairtrack.db.models import FundTransfer, Pairing, Region
from pairtrack.tracker.kinds import Kind, NaturalKey
from pairtrack.tracker.money import format_wan


class NaturalKeys:
    """The live records of one kind by their natural keys, read once (one query) and kept up
    to date by the importer as it writes: ``match`` answers what a query per row would —
    the first live record, by ``created_at`` then id, that typed values match on the first of
    the kind's keys that they match at all — for 100k rows without 100k queries."""

    def __init__(self, session: Session, kind: Kind) -> None:
        self.keys = kind.natural_keys
        model = kind.model
        fields = sorted({f for key in self.keys for f in key.fields})
        self._by_value: list[dict[tuple[Any, ...], set[str]]] = [{} for _ in self.keys]
        self._values: dict[str, list[tuple[Any, ...]]] = {}
        self._order: dict[str, tuple[str, str]] = {}  # id → (created_at as stored, id)
        query = select(
            model.id, type_coerce(model.created_at, String), *(getattr(model, f) for f in fields)
        ).where(model.deleted_at.is_(None))
        for row_id, created, *values in session.execute(query):
            self.put(row_id, created, dict(zip(fields, values, strict=True)))

    def match(self, data: Mapping[str, Any]) -> tuple[NaturalKey, str] | None:
        """The first live record that ``data`` (typed values) matches on one of the natural
        keys, and the key; None when there is none."""
        for key, index in zip(self.keys, self._by_value, strict=True):
            value = key.value(data)
            if value is None:
                continue
            found = index.get(value)
            if found:
                return key, min(found, key=self._order.__getitem__)
        return None

    def put(self, row_id: str, created_at: str, data: Mapping[str, Any]) -> None:
        """A live record written (or rewritten) with these typed values; ``created_at`` as
        stored (``format_timestamp``)."""
        self.drop(row_id)
        values = [tuple(data.get(f) for f in key.fields) for key in self.keys]
        for index, value in zip(self._by_value, values, strict=True):
            index.setdefault(value, set()).add(row_id)
        self._values[row_id] = values
        self._order[row_id] = (created_at, row_id)

    def drop(self, row_id: str) -> None:
        if row_id not in self._values:
            return
        for index, value in zip(self._by_value, self._values.pop(row_id), strict=True):
            index[value].discard(row_id)
        del self._order[row_id]


def key_labels(kind: Kind, key: NaturalKey) -> str:
    """「结对关系、资金类别、金额」: the fields of a key as the forms label them."""
    return "、".join(kind.service.field(f).label for f in key.fields)


@dataclass(frozen=True)
class CrossOfficeDuplicate:
    """Two live fund transfers from different offices that look like the same payment."""

    fund_id: str
    other_id: str
    origin: str
    other_origin: str
    pairing: str  # 帮扶方→受援方
    amount_fen: int
    voucher: str

    def __str__(self) -> str:
        return (
            f"疑似跨单位重复：帮扶资金记录（编号 {self.fund_id}，来源单位 {self.origin or '未设置'}）"
            f"与（编号 {self.other_id}，来源单位 {self.other_origin or '未设置'}）的结对关系"
            f"（{self.pairing}）、金额（{format_wan(self.amount_fen)}）和凭证号（{self.voucher}）"
            "均相同，可能是两个单位录入了同一笔资金"
        )


def cross_office_duplicates(
    session: Session, ids: Collection[str] | None = None
) -> list[CrossOfficeDuplicate]:
    """Pairs of live fund transfers with the same pairing, amount and non-empty voucher but
    different ``origin``. With ``ids``, only pairs in which one of these funds takes part
    (listed from its side); without, each pair once.

    One grouping pass finds the (pairing, amount, voucher) groups that hold more than one
    origin, so 100k funds are sorted once rather than joined with themselves.
    """
    fund, live = FundTransfer, FundTransfer.deleted_at.is_(None)
    key = (fund.pairing_id, fund.amount_fen, fund.voucher)
    groups = (
        select(*key)
        .where(live, fund.voucher != "")
        .group_by(*key)
        .having(func.count(distinct(fund.origin)) > 1)
        .subquery()
    )
    helper, assisted = aliased(Region), aliased(Region)
    members = (
        select(fund.id, fund.origin, helper.name, assisted.name, *key)
        .join(
            groups,
            and_(
                groups.c.pairing_id == fund.pairing_id,
                groups.c.amount_fen == fund.amount_fen,
                groups.c.voucher == fund.voucher,
            ),
        )
        .join(Pairing, Pairing.id == fund.pairing_id)
        .join(helper, helper.id == Pairing.helper_id)
        .join(assisted, assisted.id == Pairing.assisted_id)
        .where(live)
        .order_by(*key, fund.allocated_on, fund.id)
    )
    by_key: dict[tuple[Any, ...], list[tuple[str, str, str]]] = {}
    for fund_id, origin, h, a, pairing_id, amount, voucher in session.execute(members):
        by_key.setdefault((pairing_id, amount, voucher), []).append((fund_id, origin, f"{h}→{a}"))
    wanted = None if ids is None else set(ids)
    found: list[CrossOfficeDuplicate] = []
    for (_pairing_id, amount, voucher), rows in by_key.items():
        for one, origin, pairing in rows:
            if wanted is not None and one not in wanted:
                continue
            for other, other_origin, _p in rows:
                if other_origin == origin or (wanted is None and other <= one):
                    continue
                found.append(
                    CrossOfficeDuplicate(
                        one, other, origin, other_origin, pairing, int(amount), voucher
                    )
                )
    return found


def twins_of_new_records(
    session: Session, kind: Kind, new_ids: Collection[str]
) -> dict[str, tuple[NaturalKey, str]]:
    """For records just written with ids of their own (a package's), the older live record of
    another id each matches on a natural key: new id → (key, the other id).

    One grouping pass per key (groups of more than one live record), not a query per row: a
    package of 100k records is checked in a few table scans.
    """
    model, wanted = kind.model, set(new_ids)
    found: dict[str, tuple[NaturalKey, str]] = {}
    for key in kind.natural_keys:
        columns = [getattr(model, f) for f in key.fields]
        live = [model.deleted_at.is_(None), *(getattr(model, f) != "" for f in key.nonblank)]
        groups = select(*columns).where(*live).group_by(*columns).having(func.count() > 1)
        members = (
            select(model.id, *columns)
            .where(*live, tuple_(*columns).in_(groups))
            .order_by(*columns, model.created_at, model.id)
        )
        by_key: dict[tuple[Any, ...], list[str]] = {}
        for row_id, *value in session.execute(members):
            by_key.setdefault(tuple(value), []).append(row_id)
        for ids in by_key.values():
            older = [i for i in ids if i not in wanted]
            for row_id in ids:
                if row_id in wanted and row_id not in found and older:
                    found[row_id] = (key, older[0])
    return found
