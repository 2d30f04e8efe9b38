"""Records entered twice (DESIGN §7 "No silent duplicates").

- ``matching_record``: the live record a new row matches on its kind's natural key (the keys
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

from sqlalchemy import and_, distinct, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from db.models import FundTransfer, Pairing, Region
from tracker.kinds import Kind, NaturalKey
from tracker.money import format_wan


def matching_record(
    session: Session, kind: Kind, data: Mapping[str, Any]
) -> tuple[NaturalKey, str] | None:
    """The first live record of ``kind`` that ``data`` (typed values) matches on one of its
    natural keys, and the key; None when there is none."""
    model = kind.model
    for key in kind.natural_keys:
        value = key.value(data)
        if value is None:
            continue
        query = (
            select(model.id)
            .where(
                model.deleted_at.is_(None),
                *(getattr(model, f) == v for f, v in zip(key.fields, value, strict=True)),
            )
            .order_by(model.created_at, model.id)
            .limit(1)
        )
        found = session.scalar(query)
        if found is not None:
            return key, str(found)
    return None


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
