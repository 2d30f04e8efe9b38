"""The offices whose rows a database holds (DESIGN §7 "Per-office view").

Every synced row keeps ``origin``, the code of the office that created it. This office's
code and name are in ``meta``; other offices' names come from the packages imported from
them (``import_batch``), the latest not undone. A consolidated database is one holding rows
of more than one office, or any package: its dashboard shows each office's 数据截至.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pairtrack.db.models import ImportBatch, Meta
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.fields import office_code
from pairtrack.tracker.kinds import KINDS

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

UNMARKED = "未标注"  # rows written without an office code (before one was set)
OWN = "本单位"
# setting → (label, longest); the office code's rule is ``tracker.fields.office_code``
SETTINGS = {
    "office_name": ("单位名称", 200),
    "office_code": ("单位代码", 32),
    "operator": ("操作员", 100),
}


@dataclass(frozen=True)
class Office:
    code: str
    name: str  # what 来源单位 shows: the office's name, or its code when no name is known
    latest_package: datetime | None  # exported_at of its latest package imported here (UTC)
    own: bool  # this database's own office
    has_rows: bool = False  # some row (deleted ones too) has this origin

    @property
    def label(self) -> str:
        """Name and code, for headings: "廊坊开发区对口帮扶办公室（131001）"."""
        if not self.code or self.name == self.code:
            return self.name
        return f"{self.name}（{self.code}）"

    @property
    def as_of(self) -> str:
        """数据截至: 本单位 for this office, else its latest package's export time (local)."""
        if self.own:
            return OWN
        if self.latest_package is None:
            return "未收到汇总包"
        return self.latest_package.astimezone().strftime("%Y-%m-%d %H:%M")


def origin_label(code: str, names: Mapping[str, str]) -> str:
    """What the 来源单位 column shows for ``code``: the office's name when known, 未标注 for
    rows without a code, otherwise the code itself."""
    if not code:
        return UNMARKED
    return names.get(code) or code


def offices(session: Session) -> list[Office]:
    """Every office this database knows: its own, those it imported packages from, and any
    origin found in its rows. Its own office first, then by code; unmarked rows last."""
    meta = {key: value for key, value in session.execute(select(Meta.key, Meta.value))}
    own_code, own_name = meta.get("office_code", ""), meta.get("office_name", "")
    packages = session.execute(
        select(ImportBatch.origin_code, ImportBatch.origin_name, ImportBatch.exported_at)
        .where(ImportBatch.kind == "package", ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.exported_at, ImportBatch.id)
    )
    latest: dict[str, tuple[str, datetime | None]] = {}
    for code, name, exported_at in packages:  # oldest first (undated first): the last wins
        before_name, before_at = latest.get(code, ("", None))
        latest[code] = (name or before_name, exported_at or before_at)
    in_rows = {code for k in KINDS for code in _origins(session, k.model)}
    codes = set(latest) | in_rows
    if own_code:
        codes.add(own_code)
    out = []
    for code in codes:
        own = code == own_code and bool(own_code)
        if not code:
            name = UNMARKED
        elif own:
            name = own_name or code
        else:
            name = latest.get(code, ("", None))[0] or code
        package = None if own else latest.get(code, ("", None))[1]
        out.append(Office(code, name, package, own, code in in_rows))
    return sorted(out, key=lambda o: (not o.own, not o.code, o.code))


def _origins(session: Session, model: Any) -> list[str]:
    """The distinct origins of ``model``'s rows, by seeking along its ``origin`` index from one
    value to the next: a few lookups however many rows (a DISTINCT reads every row)."""
    found: list[str] = []
    while True:
        query = select(func.min(model.origin))
        if found:
            query = query.where(model.origin > found[-1])
        code = session.scalar(query)
        if code is None:
            return found
        found.append(code)


def office_names(session: Session) -> dict[str, str]:
    """Code → the name 来源单位 shows, for every office known (``origin_label`` reads it)."""
    return {o.code: o.name for o in offices(session)}


def is_consolidated(found: list[Office]) -> bool:
    """Rows of more than one office, or a package imported from any."""
    return sum(o.has_rows for o in found) > 1 or any(o.latest_package for o in found)


def data_as_of(ledger: Ledger) -> list[Office]:
    """The offices of a consolidated database, for its 数据截至 table; [] for any other."""
    with ledger.read() as session:
        found = offices(session)
    return found if is_consolidated(found) else []


def check_settings(values: Mapping[str, str]) -> dict[str, str]:
    """The office settings as given, checked: the code by ``office_code``; the name at most
    200 characters and the operator at most 100, neither with control characters."""
    out = {}
    for key, value in values.items():
        value = value.strip()
        if key == "office_code":
            value = office_code(value)
        else:
            label, limit = SETTINGS[key]
            if len(value) > limit:
                raise ValidationError(
                    key, f"「{label}」过长：最多 {limit} 个字，现有 {len(value)} 个"
                )
            if any(unicodedata.category(ch)[0] == "C" for ch in value):
                raise ValidationError(key, f"「{label}」不能含换行或控制字符")
        out[key] = value
    return out
