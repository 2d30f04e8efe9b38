"""Dates as offices' own ledgers write them, beyond what a form accepts (``tracker.dates``):
month-only dates (``2017.10``, ``2017年7月``: the first of the month, and said so) and ranges
(``2017年4月17日-6月9日``, ``2017.3—2018.3``: a start and an end). A number such as 2017.1 in a
date column is refused: Excel stored what was typed as ``2017.10`` the same way.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pairtrack.tracker.dates import check_year, parse_date
from pairtrack.tracker.errors import ValidationError

_MONTH = re.compile(r"(?P<y>[0-9]{4})\s*(?:[-/.]|年)\s*(?P<m>[0-9]{1,2})\s*月?(?:份)?")
_MONTH_DIGITS = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})")
# The end of a range written without what it shares with the start: 6月9日, 9日, and after a
# whole date (never after a month: 2017.3—6.9 is not guessed) 7.14 or 7/14 (2017.7.3—7.14).
_MONTH_DAY = re.compile(r"(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]?")
_MONTH_DOT_DAY = re.compile(r"(?P<m>[0-9]{1,2})\s*[./]\s*(?P<d>[0-9]{1,2})")
_DAY = re.compile(r"(?P<d>[0-9]{1,2})\s*[日号]")
_MONTH_ONLY = re.compile(r"(?P<m>[0-9]{1,2})\s*月(?:份)?")
_RANGE_MARKS = ("——", "—", "–", "~", "～", "〜", "至", "到", "-", "－")


@dataclass(frozen=True)
class LooseDate:
    day: datetime.date
    month_only: bool = False  # only a month was written: ``day`` is its first


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def loose_date(value: Any, field: str) -> LooseDate:
    """A date cell: a date, typed text, 8 digits, or a month; raises ``ValidationError``."""
    if isinstance(value, datetime.datetime):
        return LooseDate(value.date())
    if isinstance(value, datetime.date):
        return LooseDate(value)
    if isinstance(value, bool):
        raise ValidationError(field, "应为日期")
    if isinstance(value, float | int | Decimal):
        return _number(value, field)
    text = _normal(str(value))
    try:
        return LooseDate(parse_date(text, field))
    except ValidationError as exc:
        month = _month(text, field)
        if month is None:
            raise exc from None
        return month


def _month(text: str, field: str) -> LooseDate | None:
    found = _MONTH.fullmatch(text) or _MONTH_DIGITS.fullmatch(text)
    if found is None:
        return None
    year, month = int(found["y"]), int(found["m"])
    check_year(year, field, f"「{text}」的年份")
    if not 1 <= month <= 12:
        raise ValidationError(field, f"月份不存在：「{text}」")
    return LooseDate(datetime.date(year, month, 1), month_only=True)


def _number(value: float | int | Decimal, field: str) -> LooseDate:
    """A number in a date column: 20171130, 201710, or 2017.10 typed and stored as 2017.1."""
    text = repr(value) if isinstance(value, float) else str(value)
    if text.endswith(".0"):
        text = text[:-2]
    if re.fullmatch(r"[0-9]{8}", text):
        return LooseDate(parse_date(text, field))
    if re.fullmatch(r"[0-9]{6}", text):
        found = _month(text, field)
        assert found is not None
        return found
    whole, dot, fraction = text.partition(".")
    if dot and len(whole) == 4 and fraction.isdigit():
        if fraction == "1":
            raise ValidationError(
                field,
                f"日期「{text}」有歧义：Excel 把 {whole}.10 也存成 {whole}.1，"
                f"请写成 {whole}-01 或 {whole}-10（或把单元格设为文本）",
            )
        found = _month(f"{whole}.{fraction}", field)
        if found is not None:
            return found
    raise ValidationError(field, f"无法识别的日期：「{text}」，请按 2017-11-30 的格式输入")


def loose_range(value: Any, field: str) -> tuple[LooseDate, LooseDate | None]:
    """A start and an end written in one cell; a single date is a start without an end."""
    if not isinstance(value, str):
        return loose_date(value, field), None
    text = _normal(value)
    for mark in _RANGE_MARKS:
        position = text.find(mark)
        while position > 0:
            left, right = text[:position].strip(), text[position + len(mark) :].strip()
            found = _split(left, right, field)
            if found is not None:
                return found
            position = text.find(mark, position + 1)
    try:
        return loose_date(text, field), None
    except ValidationError:
        raise ValidationError(
            field, f"无法识别的日期或日期范围：「{text}」，请写成如 2017.3—2018.3"
        ) from None


def _split(left: str, right: str, field: str) -> tuple[LooseDate, LooseDate] | None:
    try:
        start = loose_date(left, field)
    except ValidationError:
        return None
    end = _end(start, right, field)
    if end is None:
        return None
    if end.day < start.day:
        raise ValidationError(field, f"「{left}—{right}」的结束日期早于开始日期")
    return start, end


def _end(start: LooseDate, text: str, field: str) -> LooseDate | None:
    try:
        return loose_date(text, field)
    except ValidationError:
        pass
    year, month = start.day.year, start.day.month
    try:
        if found := _MONTH_DAY.fullmatch(text):
            return LooseDate(datetime.date(year, int(found["m"]), int(found["d"])))
        if (found := _MONTH_DOT_DAY.fullmatch(text)) and not start.month_only:
            return LooseDate(datetime.date(year, int(found["m"]), int(found["d"])))
        if (found := _DAY.fullmatch(text)) and not start.month_only:
            return LooseDate(datetime.date(year, month, int(found["d"])))
        if (found := _MONTH_ONLY.fullmatch(text)) and start.month_only:
            return LooseDate(datetime.date(year, int(found["m"]), 1), month_only=True)
    except ValueError:
        raise ValidationError(field, f"日期不存在：「{text}」") from None
    return None
