"""A stored field value as a person reads it: 万元 for money, labels for codes, 已删除 for a
tombstone. Used where values of two offices are shown side by side (import preview, conflicts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.money import format_wan

if TYPE_CHECKING:
    from pairtrack.tracker.services.base import EntityService

DELETED = "deleted_at"


def shown(
    service: EntityService[Any], name: str, value: Any, row: Mapping[str, Any] | None = None
) -> str:
    """``row``: the record the value belongs to, where its meaning depends on another field
    (a target's value is 万元 or a count, by its indicator)."""
    if name == DELETED:
        return "未删除" if value is None else f"已删除（{str(value)[:10]}）"
    if value is None or value == "":
        return "（空）"
    try:
        field = service.field(name)
    except KeyError:
        return str(value)
    if field.kind == "money" and isinstance(value, int):
        return format_wan(value)
    if service.table == "target" and name == "value" and row and isinstance(value, int):
        found = BY_KEY.get(row.get("indicator") or "")
        if found is not None:
            return format_wan(value) if found.is_money else f"{value}{found.unit}"
    if field.kind == "choice" and field.choices:
        return field.choices.get(value, str(value))
    return str(value)


def label(service: EntityService[Any], name: str) -> str:
    if name == DELETED:
        return "删除状态"
    try:
        return service.field(name).label
    except KeyError:
        return name


def record_label(service: EntityService[Any], values: Mapping[str, Any]) -> str:
    """How a record is named in previews and conflict lists: 帮扶资金记录「耕地指标款」."""
    for name in ("name", "title", "purpose", "person_name", "indicator"):
        if values.get(name):
            return f"{service.noun}「{values[name]}」"
    return f"{service.noun}（编号 {str(values.get('id', ''))[:8]}）"
