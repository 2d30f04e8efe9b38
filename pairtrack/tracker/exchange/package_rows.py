"""One row of a consolidation package, checked field by field before a merge may use it.

Every field of every incoming row passes the validation a typed one does (DESIGN §7): the
service's own ``coerce`` (text lengths, choices, years, money and count bounds, no control
characters), plus what only a file can get wrong: the exact set of keys, JSON types (an
integer column takes a JSON integer, never ``"100"``, ``true`` or ``1.5``), canonical ids,
real timestamps and dates in their stored text, stored forms (a choice's code, not its
label) and revision ids. The first bad field refuses the whole package: ``PackageRefused``
names the member, the line and the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, Integer, String

from pairtrack.db.base import REV_LENGTH, UTCDateTime, format_timestamp, parse_timestamp
from pairtrack.tracker.audit import canonical
from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.errors import PairTrackError, ValidationError
from pairtrack.tracker.fields import COMMON_FIELDS, control_character
from pairtrack.tracker.revisions import stamp

if TYPE_CHECKING:
    from pairtrack.tracker.services.base import EntityService

HISTORY_KEYS = ("rev", "table_name", "row_id", "parents", "data", "office")
"""The columns of ``row_history`` a package carries (not when or by which import)."""
MAX_OFFICE_CODE = 32
MAX_OFFICE_NAME = 200

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_REV = re.compile(f"[0-9a-f]{{{REV_LENGTH}}}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PackageRefused(PairTrackError):
    """The file is not a package this program may read; nothing was written.

    ``PackageRefused(message)`` refuses the file as a whole; ``PackageRefused(member, line,
    field, reason)`` names the place: 「fund_transfer.jsonl」第 12 行「amount_fen」：… (``line``
    and ``field`` may be None, e.g. for a manifest field)."""

    def __init__(
        self,
        text: str,
        line: int | None = None,
        field: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.member: str | None = None if reason is None else text
        self.line, self.field = line, field
        self.reason = text if reason is None else reason
        self.message = text if reason is None else place(text, line, field) + reason
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def place(member: str, line: int | None = None, field: str | None = None) -> str:
    """「member」第 N 行「field」： (the start of a message about that place)."""
    where = f"「{member}」"
    if line is not None:
        where += f"第 {line} 行"
    if field is not None:
        where += f"「{field}」"
    return where + "："


# --- values ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # bulk writes give thousands of rows the same instant
@lru_cache(maxsize=4096)  # rows written together share their timestamps
def timestamp_problem(value: str) -> str | None:
    """Why ``value`` is not a real instant in the stored form (``2017-11-30T08:00:00.000000Z``,
    in MIN_YEAR..MAX_YEAR), or None."""
    if not _STAMP.fullmatch(value):
        return f"「{value}」不是本程序存储的时间格式（如 2017-11-30T08:00:00.000000Z）"
    try:
        instant = parse_timestamp(value)
    except ValueError:
        return f"「{value}」不是真实存在的时间"
    if not MIN_YEAR <= instant.year <= MAX_YEAR or format_timestamp(instant) != value:
        return f"「{value}」的年份超出范围：应在 {MIN_YEAR}–{MAX_YEAR} 之间"
    return None


@lru_cache(maxsize=4096)
def _date(value: str) -> date | str:
    """The date stored as ``value`` (``2017-11-30``), or why it is not one."""
    if not _DATE.fullmatch(value):
        return f"「{value}」不是本程序存储的日期格式（如 2017-11-30）"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"「{value}」不是真实存在的日期"
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return f"「{value}」的年份超出范围：应在 {MIN_YEAR}–{MAX_YEAR} 之间"
    return day


def office_text_problem(value: Any, limit: int) -> str | None:
    """Why ``value`` cannot be an office code or name (text, at most ``limit`` characters, no
    control characters at all, not even a tab or a line break), or None."""
    if not isinstance(value, str):
        return "应为文字"
    return _office_text_problem(value, limit)


@lru_cache(maxsize=256)  # every row of an office carries the same origin
def _office_text_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"过长：最多 {limit} 个字，现有 {len(value)} 个"
    if "\t" in value or "\n" in value or "\r" in value or control_character(value) is not None:
        return "含有控制字符"
    return None


def rev_problem(value: Any) -> str | None:
    if not isinstance(value, str) or not _REV.fullmatch(value):
        return f"修订号应为 {REV_LENGTH} 位小写十六进制数，而不是「{value}」"
    return None


def parents_problem(value: Any, rev: str) -> str | None:
    """Why ``value`` is not the parents of revision ``rev``: "" (a first revision) or one or
    two other revisions separated by one space."""
    if not isinstance(value, str):
        return "应为文字"
    if value == "":
        return None
    revs = value.split(" ")
    if (
        len(revs) > 2
        or any(rev_problem(r) for r in revs)
        or len(set(revs)) != len(revs)
        or rev in revs
    ):
        return f"应为空，或以一个空格分隔的一到两个其他修订号，而不是「{value}」"
    return None


def loads(text: str | bytes) -> Any:
    """JSON with every object's keys unique: ``{"amount_fen": 1, "amount_fen": 2**62}`` is
    refused (ValueError), not read as its last value."""
    return _DECODER.decode(text.decode() if isinstance(text, bytes) else text)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"字段「{key}」出现了两次")
            seen.add(key)
    return data


_DECODER = json.JSONDecoder(object_pairs_hook=_unique)


# --- rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    name: str
    type: str  # text | int | date | timestamp
    nullable: bool
    is_id: bool  # the row's id or a reference to another row's
    length: int | None  # for text columns without a field (origin)
    field: bool  # coerced by the service (else checked here alone)


_COLUMNS: dict[type[Any], tuple[_Column, ...]] = {}


def _columns(service: type[EntityService[Any]]) -> tuple[_Column, ...]:
    """How to check each content column of the service's table (its type, whether it may be
    null, whether the service coerces it)."""
    if service in _COLUMNS:
        return _COLUMNS[service]
    fields = {f.name for f in (*service.fields, *COMMON_FIELDS)}
    out = []
    for column in service.model.__table__.columns:
        if column.name in ("rev", "parents"):
            continue
        if isinstance(column.type, UTCDateTime):
            kind = "timestamp"
        elif isinstance(column.type, Date):
            kind = "date"
        elif isinstance(column.type, Integer):
            kind = "int"
        else:
            kind = "text"
        length = column.type.length if isinstance(column.type, String) else None
        out.append(
            _Column(
                column.name,
                kind,
                bool(column.nullable),
                column.name == "id" or bool(column.foreign_keys),
                length,
                column.name in fields,
            )
        )
    _COLUMNS[service] = tuple(out)
    return _COLUMNS[service]


_JSON_TYPE = {"text": "文字", "int": "整数", "date": "日期文字", "timestamp": "时间文字"}


@dataclass(frozen=True)
class CheckedRow:
    """A package row that passed every check.

    ``stored``: every column in stored form (dates and timestamps as their stored text,
    integers as int), revision included: what a merge writes and hashes. ``values``: the
    service's fields as its ``coerce`` returns them (dates as ``date``): what its rules take.
    """

    stored: dict[str, Any]
    values: dict[str, Any]


def stored_row(
    service: EntityService[Any], member: str, line: int, raw: Any, version: int
) -> dict[str, Any]:
    """The row ``raw`` read from line ``line`` of ``member`` in stored form, or
    ``PackageRefused`` naming the member, the line and the field."""
    return check_row(service, member, line, raw, version).stored


def check_row(
    service: EntityService[Any], member: str, line: int, raw: Any, version: int
) -> CheckedRow:
    """``stored_row`` and the typed field values (see ``CheckedRow``).

    A version-1 row may lack ``rev`` and ``parents`` (written before revisions existed) or
    have an empty ``rev``: it gets its content revision with no parents, as migration 0004
    gave every existing row. From version 2 on every row carries its revision."""
    if not isinstance(raw, dict):
        raise PackageRefused(member, line, None, "不是一条记录（应为 JSON 对象）")
    keys = set(raw)
    full = set(service.columns)
    if keys != full and not (version == 1 and keys == set(service.content)):
        odd = "、".join(sorted(keys ^ full))
        raise PackageRefused(member, line, None, f"字段与本程序的{service.noun}不符：{odd}")
    values = _check_content(service, member, line, raw, "")
    stored = {name: raw[name] for name in service.columns if name in raw}
    if "rev" not in raw or (version == 1 and raw["rev"] == "" and raw["parents"] == ""):
        stamp(service.table, service.content, stored, "")
    else:
        _check_revision(member, line, raw["rev"], raw["parents"])
    return CheckedRow(stored, values)


def stored_history(
    services: Mapping[str, EntityService[Any]], member: str, line: int, raw: Any
) -> dict[str, Any]:
    """A ``row_history`` row of a package (its keys are ``HISTORY_KEYS``) checked like a
    record: a known table, a canonical row id, a revision and its parents, and ``data``
    the canonical JSON of that table's content, every field valid."""
    if not isinstance(raw, dict):
        raise PackageRefused(member, line, None, "不是一条记录（应为 JSON 对象）")
    if set(raw) != set(HISTORY_KEYS):
        odd = "、".join(sorted(set(raw) ^ set(HISTORY_KEYS)))
        raise PackageRefused(member, line, None, f"字段与修订历史不符：{odd}")
    table = raw["table_name"]
    service = services.get(table) if isinstance(table, str) else None
    if service is None:
        raise PackageRefused(member, line, "table_name", f"未知的表「{table}」")
    if not isinstance(raw["row_id"], str) or not _UUID.fullmatch(raw["row_id"]):
        raise PackageRefused(member, line, "row_id", f"不是有效的记录编号：「{raw['row_id']}」")
    if (problem := office_text_problem(raw["office"], MAX_OFFICE_CODE)) is not None:
        raise PackageRefused(member, line, "office", problem)
    _check_revision(member, line, raw["rev"], raw["parents"])
    data = raw["data"]
    try:
        content = loads(data) if isinstance(data, str) else None
    except (ValueError, RecursionError) as exc:
        raise PackageRefused(member, line, "data", f"不是有效的 JSON：{exc}") from None
    if not isinstance(content, dict) or set(content) != set(service.content):
        raise PackageRefused(member, line, "data", f"应为一条{service.noun}的全部内容字段")
    _check_content(service, member, line, content, "data.")
    if canonical(service.content, content) != data:
        raise PackageRefused(member, line, "data", "不是规范的 JSON 形式（键的顺序或空白不符）")
    if content["id"] != raw["row_id"]:
        raise PackageRefused(member, line, "data", "内容中的编号与 row_id 不符")
    return {k: raw[k] for k in HISTORY_KEYS}


def _check_revision(member: str, line: int, rev: Any, parents: Any) -> None:
    if (problem := rev_problem(rev)) is not None:
        raise PackageRefused(member, line, "rev", problem)
    if (problem := parents_problem(parents, rev)) is not None:
        raise PackageRefused(member, line, "parents", problem)


def _check_content(
    service: EntityService[Any], member: str, line: int, raw: Mapping[str, Any], prefix: str
) -> dict[str, Any]:
    """Check the content columns of ``raw``; returns the service's coerced field values."""
    typed: dict[str, Any] = {}
    for column in _columns(type(service)):
        name = column.name
        value = raw[name]
        if value is None:
            if not column.nullable:
                raise PackageRefused(member, line, prefix + name, "不能为空（null）")
            if column.field:
                typed[name] = None
            continue
        kind = column.type
        if (type(value) is not int) if kind == "int" else (type(value) is not str):
            shown = json.dumps(value, ensure_ascii=False)[:40]
            raise PackageRefused(
                member, line, prefix + name, f"应为 JSON {_JSON_TYPE[kind]}，而不是 {shown}"
            )
        problem: str | None = None
        if kind == "timestamp":
            problem = timestamp_problem(value)
        elif kind == "date":
            day = _date(value)
            if isinstance(day, str):
                problem = day
            else:
                value = day
        elif column.is_id and not _UUID.fullmatch(value):
            problem = f"不是有效的记录编号（小写 UUID）：「{value[:40]}」"
        elif not column.field and kind == "text":
            problem = office_text_problem(value, column.length or MAX_OFFICE_CODE)
        if problem is not None:
            raise PackageRefused(member, line, prefix + name, problem)
        if column.field:
            typed[name] = value
    try:
        values = service.coerce(typed, partial=False)
    except ValidationError as exc:
        field = prefix + exc.field if exc.field else None
        raise PackageRefused(member, line, field, exc.message) from None
    # Stored form only: what coerce would change (a choice's label for its code, padding
    # around a text, a blank code for none) was not written by this program.
    for name, value in values.items():
        stored = value.isoformat() if isinstance(value, date) else value
        if stored != raw[name]:
            raise PackageRefused(
                member,
                line,
                prefix + name,
                f"「{raw[name]}」不是本程序存储的形式（应为「{stored}」）",
            )
    return values
