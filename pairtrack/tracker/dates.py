"""Dates as office staff type them (``2017-11-30``, ``2017年11月30日``, ``20171130``) and back."""

from __future__ import annotations

import datetime
import re
import unicodedata

from pairtrack.tracker.errors import ValidationError

# The years the program accepts anywhere: typed dates, year fields, --year on the command
# line, and the window's year pickers and filters (which take these as their range).
MIN_YEAR = 1949
MAX_YEAR = 2100

# [0-9] rather than \d: \d admits non-Chinese digit scripts that NFKC does not fold to ASCII.
# The back-reference makes mixed separators such as "2017-11/30" unrecognised rather than guessed.
_PATTERNS = (
    re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),
)


def check_year(year: int, field: str, label: str = "年份") -> int:
    """``year`` when it lies in MIN_YEAR..MAX_YEAR, else ``ValidationError(field, ...)``.

    ``label`` names what holds the year in the Chinese message (a field label, a typed date).
    """
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            field, f"{label}超出范围：应在 {MIN_YEAR}–{MAX_YEAR} 之间，而不是 {year}"
        )
    return year


def parse_date(text: str, field: str = "date") -> datetime.date:
    """Parse a typed date; raises ``ValidationError(field, ...)`` with a Chinese message.

    Accepts ``-``, ``/`` or ``.`` separators, ``年月日``/``年月号``, eight digits, one-digit
    month and day, and full-width characters.  Years must pass ``check_year``.
    """
    shown = text.strip()
    if not shown:
        raise ValidationError(field, "日期不能为空")
    # NFKC folds full-width digits and "－", "／", "．" typed with a Chinese input method.
    normal = unicodedata.normalize("NFKC", shown)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(normal)
        if match is not None:
            break
    else:
        raise ValidationError(field, f"无法识别的日期：「{shown}」，请按 2017-11-30 的格式输入")
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    check_year(year, field, f"「{shown}」的年份")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(field, f"日期不存在：「{shown}」") from None


def parse_optional_date(text: str | None, field: str = "date") -> datetime.date | None:
    """Like ``parse_date`` but ``None`` or blank text means "no date" and gives ``None``."""
    if text is None or not text.strip():
        return None
    return parse_date(text, field)


def format_date(d: datetime.date) -> str:
    """``2017-11-30``: the form used in tables and exported files."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def format_date_cn(d: datetime.date) -> str:
    """``2017年11月30日`` (month and day unpadded, as written in official documents)."""
    return f"{d.year}年{d.month}月{d.day}日"


def local_time(moment: datetime.datetime) -> str:
    """A stored UTC time as the user's clock shows it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
