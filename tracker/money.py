"""Money as integer 分 (fen): parse what office staff type, format for tables and reports.

Amounts never pass through ``float``; every step uses ``int`` or ``Decimal`` so that a sum of
many entries matches the ledger to the last 分.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from tracker.errors import ValidationError

MAX_FEN = 10**15
"""Largest amount accepted from input (10 万亿元); anything above is surely a typo."""

# The units in fen: the one place 1 万元 is written. Each is a power of ten, so converting
# is moving the decimal point (see ``_in_unit``).
FEN_PER_YUAN = 100
FEN_PER_WAN = 10_000 * FEN_PER_YUAN
FEN_PER_YI = 10_000 * FEN_PER_WAN

_UNIT_FEN = {
    "": FEN_PER_YUAN,
    "元": FEN_PER_YUAN,
    "万": FEN_PER_WAN,
    "万元": FEN_PER_WAN,
    "亿": FEN_PER_YI,
    "亿元": FEN_PER_YI,
}

# Signs are captured separately so that "-5" gets the precise "negative" message while "--5"
# (two signs) stays unrecognised.  Digits are spelled [0-9] because \d also admits e.g.
# Arabic-Indic digits, which NFKC leaves alone and no one here types on purpose.
_MONEY_RE = re.compile(
    r"(?P<sign1>-?)\s*¥?\s*(?P<sign2>-?)\s*"
    r"(?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*"
    r"(?P<unit>万元|亿元|万|亿|元)?"
)


def _unrecognised(field: str, text: str) -> ValidationError:
    return ValidationError(
        field, f"无法识别的金额：「{text}」，请输入如 12.6万、1234.50 这样的数字"
    )


def parse_money(text: str, field: str = "amount") -> int:
    """Parse e.g. ``12.6万``, ``9，178万元``, ``￥800``, ``1234.50`` into fen; zero is allowed.

    Raises ``ValidationError(field, ...)`` for empty, negative, unrecognised, finer than 1 分,
    or larger than ``MAX_FEN`` input.
    """
    shown = text.strip()
    if not shown:
        raise ValidationError(field, "金额不能为空")
    # NFKC folds full-width digits, "．", "，", "－" and "￥" to their ASCII/half-width forms.
    normal = unicodedata.normalize("NFKC", shown).replace(",", "")
    match = _MONEY_RE.fullmatch(normal)
    if match is None or (match["sign1"] and match["sign2"]):
        raise _unrecognised(field, shown)
    if match["sign1"] or match["sign2"]:
        raise ValidationError(field, f"金额不能为负数：「{shown}」")
    # Enough precision that multiplying by the unit is exact however many digits were typed;
    # the default 28 digits would silently round long inputs.
    with decimal.localcontext() as ctx:
        ctx.prec = len(match["num"]) + 20
        ctx.traps[decimal.Inexact] = True
        fen = Decimal(match["num"]) * _UNIT_FEN[match["unit"] or ""]
    if fen > MAX_FEN:
        raise ValidationError(field, f"金额过大：「{shown}」，最多 {format_yuan(MAX_FEN)}")
    if fen != fen.to_integral_value():
        raise ValidationError(field, f"金额最多精确到分（两位小数）：「{shown}」")
    return int(fen)


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
