"""Money as integer 分 (fen): parse what office staff type, format for tables and reports.

Amounts never pass through ``float``; every step uses ``int`` or ``Decimal`` so that a sum of
many entries matches the ledger to the last 分.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from pairtrack.tracker.errors import ValidationError

MAX_FEN = 10**15
"""Largest amount accepted from input (10 万亿元); anything above is surely a typo.
(``PLAUSIBLE_FEN`` below is the lower bound that asks for a confirmation.)"""

# The units in fen: the one place 1 万元 is written. Each is a power of ten, so converting
# is moving the decimal point (see ``_in_unit``).
FEN_PER_YUAN = 100
FEN_PER_WAN = 10_000 * FEN_PER_YUAN
FEN_PER_YI = 10_000 * FEN_PER_WAN

FEN_PER_QIAN = 1_000 * FEN_PER_YUAN

# What a unit is written as → fen per unit. 元 (or ￥/¥) must be written for 元: a bare number
# means the unit shown beside the field or in the column header (DESIGN §7 "One unit rule").
_UNIT_FEN = {
    "元": FEN_PER_YUAN,
    "千": FEN_PER_QIAN,
    "千元": FEN_PER_QIAN,
    "万": FEN_PER_WAN,
    "万元": FEN_PER_WAN,
    "亿": FEN_PER_YI,
    "亿元": FEN_PER_YI,
}
UNITS = ("元", "千元", "万元", "亿元")
"""The units a field or a column header may show; a bare number is read in that unit."""
DEFAULT_UNIT = "万元"
"""The unit forms, the target grid and the template's headers show beside money."""

PLAUSIBLE_FEN = {
    "fund_transfer": 10 * FEN_PER_YI,
    "agreement": 100 * FEN_PER_YI,
    "target": 100 * FEN_PER_YI,
}
"""Per kind of record (table): a money value above this is probably a unit typed wrong (5 亿
for 5 万); the window asks before saving it and an import lists it as a warning."""
PLAUSIBLE_DEFAULT_FEN = 10 * FEN_PER_YI

# Signs are captured separately so that "-5" gets the precise "negative" message while "--5"
# (two signs) stays unrecognised.  Digits are spelled [0-9] because \d also admits e.g.
# Arabic-Indic digits, which no one here types on purpose.  A comma must group thousands.
_MONEY_RE = re.compile(
    r"(?P<sign1>-?)\s*(?P<yuan>¥?)\s*(?P<sign2>-?)\s*"
    r"(?P<num>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)\s*"
    r"(?P<unit>千元|万元|亿元|千|万|亿|元)?"
)
_GROUPING_COMMA = re.compile(r"[0-9]*,[0-9,]*")
# Characters NFKC folds that are fine to type: full-width ASCII forms (１２．６, ，, －) and
# the ideographic space; anything else it folds (², ①, ½, ﹐) is refused, not guessed.
_FULL_WIDTH = {chr(c) for c in range(0xFF01, 0xFF5F)} | {"\u3000", "￥"}


def _unrecognised(field: str, text: str) -> ValidationError:
    return ValidationError(field, f"无法识别的金额：「{text}」，请输入如 12.6万、800元 这样的数字")


def parse_money(text: str, field: str = "amount", unit: str = DEFAULT_UNIT) -> int:
    """The one money rule (DESIGN §2, §7): what a person typed, or a sheet cell holds, → fen.

    ``unit`` is the unit shown beside the field or in the column header (one of ``UNITS``):
    a bare number is read in it, so ``12.6`` beside 万元 is 12.6 万元; 元 must be written
    (``800元``, ``￥800``).  Understood: ``12.6万``, ``12.6千``, ``1.2亿元``, ``9,178万元``,
    full-width ``１２．６万``.  Zero is allowed.

    Raises ``ValidationError(field, ...)`` for empty, negative, unrecognised (a comma that does
    not group thousands, superscript or circled digits), finer than 1 分, or larger than
    ``MAX_FEN`` input.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown money unit {unit!r}")
    shown = text.strip()
    if not shown:
        raise ValidationError(field, "金额不能为空")
    for char in shown:
        if char not in _FULL_WIDTH and unicodedata.normalize("NFKC", char) != char:
            raise ValidationError(field, f"金额中有无法识别的字符「{char}」：「{shown}」")
    # NFKC folds full-width digits, "．", "，", "－" and "￥" to their ASCII/half-width forms.
    normal = unicodedata.normalize("NFKC", shown)
    match = _MONEY_RE.fullmatch(normal)
    if match is None or (match["sign1"] and match["sign2"]):
        number = re.search(r"[0-9.,]+", normal)
        if number and "," in number[0] and _GROUPING_COMMA.fullmatch(number[0].split(".")[0]):
            raise ValidationError(
                field, f"金额中的逗号不是千位分隔：「{shown}」，请写成如 9,178万 或 12.6万"
            )
        raise _unrecognised(field, shown)
    if match["sign1"] or match["sign2"]:
        raise ValidationError(field, f"金额不能为负数：「{shown}」")
    written = match["unit"] or ("元" if match["yuan"] else unit)
    if match["yuan"] and written != "元":
        raise _unrecognised(field, shown)  # "￥12万": say which one
    digits = match["num"].replace(",", "")
    # Enough precision that multiplying by the unit is exact however many digits were typed;
    # the default 28 digits would silently round long inputs.
    with decimal.localcontext() as ctx:
        ctx.prec = len(digits) + 20
        ctx.traps[decimal.Inexact] = True
        fen = Decimal(digits) * _UNIT_FEN[written]
    if fen > MAX_FEN:
        raise ValidationError(field, f"金额过大：「{shown}」，最多 {format_yuan(MAX_FEN)}")
    if fen != fen.to_integral_value():
        raise ValidationError(field, f"金额最多精确到分（两位小数）：「{shown}」")
    return int(fen)


def cell_money(value: object, field: str, unit: str = DEFAULT_UNIT) -> int:
    """A spreadsheet cell (a number, or text as typed) in a column of ``unit``, by the same
    rule as typed text: a number is written out exactly (never through float arithmetic) and
    parsed as if typed beside that unit."""
    if isinstance(value, bool):
        raise ValidationError(field, "应为金额")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if not number.is_finite():
            raise _unrecognised(field, str(value))
        if number < 0:
            raise ValidationError(field, f"金额不能为负数：「{value}」")
        return parse_money(f"{number:f}", field, unit)
    return parse_money(str(value), field, unit)


_HEADER_UNIT = re.compile(
    r"(?:[（(]\s*(?:金额为|单位[:：]?)?\s*|单位\s*[:：]\s*)(千元|万元|亿元|元)"
)


def unit_in_header(header: str, default: str = DEFAULT_UNIT) -> str:
    """The unit a column header (``金额（万元）``, ``资金(元)``, ``单位：万元``) gives, else ``default``."""
    found = _HEADER_UNIT.search(unicodedata.normalize("NFKC", header))
    return found[1] if found else default


def implausible(table: str, fen: int, label: str = "金额") -> str | None:
    """A warning when ``fen`` is above the plausibility bound of its kind of record, else None."""
    bound = PLAUSIBLE_FEN.get(table, PLAUSIBLE_DEFAULT_FEN)
    if fen <= bound:
        return None
    return f"{label} {format_wan(fen)} 超过了通常的上限 {format_wan(bound)}，请核对单位是否正确"


def _in_unit(fen: int, fen_per_unit: int) -> Decimal:
    """``fen`` in a unit of ``fen_per_unit`` (a power of ten), exactly, with as many decimals
    as the unit has zeros, so 元 always shows 分 and 万元 always six places."""
    places = len(str(fen_per_unit)) - 1
    # Building from a string is exact regardless of the decimal context's precision.
    return Decimal(f"{fen}e-{places}")


def fen_to_yuan(fen: int) -> Decimal:
    """Exact value in 元, e.g. ``123450`` → ``Decimal("1234.50")``."""
    return _in_unit(fen, FEN_PER_YUAN)


def fen_to_wan(fen: int) -> Decimal:
    """Exact value in 万元 (not rounded), e.g. ``1`` → ``Decimal("0.000001")``."""
    return _in_unit(fen, FEN_PER_WAN)


def yuan_to_fen(yuan: Decimal, field: str = "amount") -> int:
    """Convert 元 to fen; raises ``ValidationError`` unless it is a whole number of 分."""
    if not isinstance(yuan, Decimal):
        # A float here would already have lost precision, so refuse it outright.
        raise TypeError(f"yuan_to_fen expects Decimal, got {type(yuan).__name__}")
    if not yuan.is_finite():
        raise ValidationError(field, f"无法识别的金额：「{yuan}」")
    fen = yuan.scaleb(2, decimal.Context(prec=len(yuan.as_tuple().digits) + 2))
    if fen != fen.to_integral_value():
        raise ValidationError(field, f"金额最多精确到分（两位小数）：「{yuan}」")
    return int(fen)


def _format(value: Decimal, places: int, grouping: bool, suffix: str) -> str:
    with decimal.localcontext() as ctx:
        ctx.prec = len(value.as_tuple().digits) + places + 2
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        # Small negatives round to "-0.00", which reads as a real (negative) difference.
        rounded = abs(rounded)
    spec = f"{',' if grouping else ''}.{places}f"
    return f"{rounded:{spec}}{suffix}"


def format_wan(fen: int, *, unit: bool = True, grouping: bool = True, places: int = 2) -> str:
    """Format as 万元, e.g. ``91780000000`` → ``9,178.00万元``; negatives get a leading ``-``.

    ``places`` decimals of 万 are shown, rounded half up.  The default 2 is what reports use
    (0.01万 = 100 元); ``places=6`` is exact to the 分, so ``parse_money`` reads it back unchanged.
    """
    if not 0 <= places <= 6:
        raise ValueError(f"places must be 0..6, got {places}")
    return _format(fen_to_wan(fen), places, grouping, "万元" if unit else "")


def format_yuan(fen: int, *, unit: bool = True, grouping: bool = True) -> str:
    """Format as 元 with exactly 2 decimals, e.g. ``123450`` → ``1,234.50元``."""
    return _format(fen_to_yuan(fen), 2, grouping, "元" if unit else "")
