"""Field descriptions per record type: Chinese label, kind, and coercion of user input.

Services coerce what callers hand them (typed values, or text as staff type it) here, so the
window, the CLI and imports get the same field-named Chinese errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import Decimal
from typing import Any

from pairtrack.tracker.dates import check_year, parse_date
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.money import MAX_FEN, format_yuan, parse_money, yuan_to_fen

MAX_COUNT = 10**9
"""Largest count accepted anywhere (seats, people, a count target): beyond it is a typo or
a forged file, and sums of it must stay far inside SQLite's 64-bit integers, as MAX_FEN does."""

# Control characters no one types: C0 except tab, line feed and carriage return (a cell of an
# Excel ledger may hold line breaks), DEL, C1, and lone surrogates (which cannot be stored as
# UTF-8). NUL and the rest are refused in every text, typed or imported.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_character(text: str) -> str | None:
    """A description of the first control character in ``text`` (``U+0000``), or None."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | int | year | money | date | choice | ref
    required: bool = False
    choices: dict[str, str] | None = None  # code -> Chinese label
    max_length: int = 200
    # for kinds int and money: the largest value (MAX_COUNT and MAX_FEN unless set)
    maximum: int | None = None
    ref_table: str | None = None  # for kind "ref": the table the id points into
    _convert: Callable[[Any], Any] = dataclass_field(init=False, repr=False, compare=False)

    def coerce(self, value: Any) -> Any:
        """The stored value for ``value``, or ``ValidationError`` naming this field."""
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if self.required:
                raise ValidationError(self.name, f"「{self.label}」不能为空")
            return "" if self.kind == "text" else None
        return self._convert(value)

    def __post_init__(self) -> None:
        # Looked up once: bulk writes and imports coerce every field of every row.
        object.__setattr__(self, "_convert", getattr(self, f"_coerce_{self.kind}"))

    def _coerce_text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(self.name, f"「{self.label}」应为文字")
        if len(value) > self.max_length:
            raise ValidationError(
                self.name,
                f"「{self.label}」过长：最多 {self.max_length} 个字，现有 {len(value)} 个",
            )
        if (found := control_character(value)) is not None:
            raise ValidationError(self.name, f"「{self.label}」含有不可见的控制字符（{found}）")
        return value

    def _coerce_int(self, value: Any) -> int:
        value = self._whole(value)
        limit = MAX_COUNT if self.maximum is None else self.maximum
        if value > limit:
            raise ValidationError(
                self.name, f"「{self.label}」过大：最多 {limit:,}，而不是 {value:,}"
            )
        return value

    def _whole(self, value: Any) -> int:
        """A whole number ≥ 0, from an int or from digits as typed."""
        if isinstance(value, bool):
            raise ValidationError(self.name, f"「{self.label}」应为整数")
        if isinstance(value, str):
            # NFKC folds full-width digits and commas; isascii keeps out "²" and other digits
            # that isdigit() accepts but int() does not.
            text = unicodedata.normalize("NFKC", value).replace(",", "")
            if not (text.isascii() and text.isdigit()):
                raise ValidationError(
                    self.name, f"「{self.label}」应为不小于 0 的整数，而不是「{value}」"
                )
            value = int(text)
        if not isinstance(value, int):
            raise ValidationError(self.name, f"「{self.label}」应为整数")
        if value < 0:
            raise ValidationError(self.name, f"「{self.label}」不能为负数")
        return value

    def _coerce_year(self, value: Any) -> int:
        return check_year(self._whole(value), self.name, f"「{self.label}」")

    def _coerce_money(self, value: Any) -> int:
        # int means fen (storage unit); Decimal means 元; text is parsed as staff type it.
        if isinstance(value, bool):
            raise ValidationError(self.name, f"「{self.label}」应为金额")
        if isinstance(value, int):
            fen = value
        elif isinstance(value, Decimal):
            fen = yuan_to_fen(value, self.name)
        elif isinstance(value, str):
            fen = parse_money(value, self.name)
        else:
            raise ValidationError(self.name, f"「{self.label}」应为金额（不接受浮点数）")
        if fen < 0:
            raise ValidationError(self.name, f"「{self.label}」不能为负数")
        # Every path (fen as int, 元 as Decimal, typed text): 2^62 fen stored once makes every
        # sum of it overflow.
        limit = MAX_FEN if self.maximum is None else self.maximum
        if fen > limit:
            raise ValidationError(self.name, f"「{self.label}」过大：最多 {format_yuan(limit)}")
        return fen

    def _coerce_date(self, value: Any) -> date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            return parse_date(value, self.name)
        raise ValidationError(self.name, f"「{self.label}」应为日期")

    def _coerce_choice(self, value: Any) -> str:
        assert self.choices is not None
        if value in self.choices:
            return str(value)
        # Staff (and imported sheets) may give the Chinese label instead of the code.
        for code, label in self.choices.items():
            if value == label:
                return code
        allowed = "、".join(self.choices.values())
        raise ValidationError(self.name, f"「{self.label}」只能是：{allowed}；不能是「{value}」")

    def _coerce_origin(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(self.name, f"「{self.label}」应为文字")
        return office_code(value, self.name, self.label)

    def _coerce_ref(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(self.name, f"「{self.label}」应为记录编号")
        return value


COMMON_FIELDS = (Field("note", "备注", max_length=2000),)

OFFICE_CODE_LENGTH = 32  # the width of every ``origin`` column


def office_code(value: str, field: str = "office_code", label: str = "单位代码") -> str:
    """An office's code (the ``origin`` of the rows it creates): 1–32 characters, no spaces
    or control characters. The one home of the rule, for settings and the 来源单位 field."""
    if not value:
        raise ValidationError(field, f"「{label}」不能为空")
    if len(value) > OFFICE_CODE_LENGTH:
        raise ValidationError(
            field, f"「{label}」过长：最多 {OFFICE_CODE_LENGTH} 个字符，现有 {len(value)} 个"
        )
    bad = next((ch for ch in value if ch.isspace() or unicodedata.category(ch)[0] == "C"), None)
    if bad is not None:
        raise ValidationError(field, f"「{label}」不能含空格或控制字符（{bad!r}）")
    return value


# Who created a row, shown as 来源单位 in the record pages (never edited: the program sets it).
ORIGIN_FIELD = Field("origin", "来源单位", kind="origin", max_length=OFFICE_CODE_LENGTH)
