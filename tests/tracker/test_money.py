"""Tests for tracker.money: parsing typed amounts, exact conversions and formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.money import (
    FEN_PER_YI,
    MAX_FEN,
    PLAUSIBLE_FEN,
    cell_money,
    fen_to_wan,
    fen_to_yuan,
    format_wan,
    format_yuan,
    implausible,
    parse_money,
    unit_in_header,
    yuan_to_fen,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12.6万", 12_600_000),
        ("1.2亿元", 12_000_000_000),
        ("1.2亿", 12_000_000_000),
        ("9,178万元", 9_178_000_000),
        ("9，178万元", 9_178_000_000),
        ("1234.50元", 123_450),
        ("12.6", 12_600_000),  # a bare number is the unit beside the field: 万元
        ("12.6千", 1_260_000),
        ("3千元", 300_000),
        ("１２．６万", 12_600_000),
        ("12.345万元", 12_345_000),  # 123,450.00 元: not finer than 1 分
        ("1234.5元", 123_450),
        ("１２.５万", 12_500_000),
        ("１２．５万", 12_500_000),
        ("￥800", 80_000),
        ("¥800", 80_000),
        ("800 元", 80_000),
        ("  800元\t", 80_000),
        ("1,234,567.89元", 123_456_789),
        ("1,234,567.89", 123_456_789 * 10_000),
        ("0", 0),
        ("0.01元", 1),
        ("0.00001万", 10),
        ("0.000001万", 1),
        ("10000000000000元", MAX_FEN),
        ("1000000000", MAX_FEN),
    ],
)
def test_parse_money_accepts(text: str, fen: int) -> None:
    assert parse_money(text) == fen


EMPTY = "金额不能为空"
NEGATIVE = "金额不能为负数"
PRECISION = "金额最多精确到分（两位小数）"
TOO_LARGE = "金额过大"
UNRECOGNISED = "无法识别的金额"
COMMA = "逗号不是千位分隔"
ODD = "无法识别的字符"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", EMPTY),
        ("   ", EMPTY),
        ("-5", NEGATIVE),
        ("-12.6万", NEGATIVE),
        ("－5", NEGATIVE),
        ("1.234元", PRECISION),
        ("0.0000001", PRECISION),
        ("1.234元", PRECISION),
        ("0.0000001万", PRECISION),
        ("0.000000000001亿", PRECISION),
        ("10000000000000.01元", TOO_LARGE),
        ("1000000000.000001", TOO_LARGE),
        ("99999999999999999999999999999999999.01亿", TOO_LARGE),
        ("abc", UNRECOGNISED),
        ("12.6千万", UNRECOGNISED),
        ("￥12万", UNRECOGNISED),
        ("1,2万", COMMA),
        ("1，2万", COMMA),
        ("12,34", COMMA),
        ("1,2345", COMMA),
        ("1²万", ODD),
        ("①万", ODD),
        ("½万", ODD),
        ("١٢", UNRECOGNISED),
        ("1e5", UNRECOGNISED),
        ("NaN", UNRECOGNISED),
        ("Infinity", UNRECOGNISED),
        ("1..2", UNRECOGNISED),
        ("--5", UNRECOGNISED),
        ("万元", UNRECOGNISED),
        ("12 34", UNRECOGNISED),
    ],
)
def test_parse_money_rejects(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text, field="total_budget")
    assert caught.value.field == "total_budget"
    assert fragment in caught.value.message
    if text.strip():
        # The user must see which input was refused.
        assert f"「{text.strip()}」" in caught.value.message


def test_unrecognised_message_and_default_field() -> None:
    with pytest.raises(ValidationError, match=r"请输入如 12\.6万、800元 这样的数字") as caught:
        parse_money("abc")
    assert caught.value.field == "amount"


def test_exact_conversions() -> None:
    assert fen_to_yuan(123_450) == Decimal("1234.50")
    assert fen_to_yuan(-1) == Decimal("-0.01")
    assert fen_to_wan(1) == Decimal("0.000001")
    assert fen_to_wan(91_780_000_000) == Decimal(91780)
    assert yuan_to_fen(Decimal("1234.5")) == 123_450
    assert yuan_to_fen(Decimal("-0.01")) == -1


@pytest.mark.parametrize("bad", [Decimal("1.234"), Decimal("NaN"), Decimal("Infinity")])
def test_yuan_to_fen_rejects(bad: Decimal) -> None:
    with pytest.raises(ValidationError) as caught:
        yuan_to_fen(bad, field="paid")
    assert caught.value.field == "paid"


def test_yuan_to_fen_refuses_float() -> None:
    with pytest.raises(TypeError):
        yuan_to_fen(1.5)  # type: ignore[arg-type]


def test_format_examples() -> None:
    assert format_wan(9_178_000_000) == "9,178.00万元"  # 9,178万元 = 91,780,000 元
    assert format_wan(91_780_000_000) == "91,780.00万元"
    assert format_wan(9_178_000_000, unit=False, grouping=False) == "9178.00"
    assert format_wan(-12_345_000) == "-12.35万元"  # half up, away from zero
    assert format_wan(12_345_000) == "12.35万元"
    assert format_wan(12_344_999) == "12.34万元"
    assert format_wan(-1) == "0.00万元"  # no "-0.00"
    assert format_wan(1, places=6) == "0.000001万元"
    assert format_wan(123_456_789, places=0) == "123万元"
    assert format_yuan(123_450) == "1,234.50元"
    assert format_yuan(123_450, unit=False, grouping=False) == "1234.50"
    assert format_yuan(-5) == "-0.05元"
    assert format_yuan(0) == "0.00元"


def test_format_wan_rejects_bad_places() -> None:
    with pytest.raises(ValueError):
        format_wan(1, places=7)


amounts = st.integers(min_value=0, max_value=MAX_FEN)


@given(amounts, st.booleans(), st.booleans())
def test_format_yuan_round_trip(fen: int, unit: bool, grouping: bool) -> None:
    # a bare figure is read in the unit shown beside it, here 元
    assert parse_money(format_yuan(fen, unit=unit, grouping=grouping), unit="元") == fen


@given(amounts, st.booleans())
def test_bare_wan_figures_read_back_by_default(fen: int, grouping: bool) -> None:
    assert parse_money(format_wan(fen, unit=False, grouping=grouping, places=6)) == fen


@given(amounts, st.booleans())
def test_format_wan_exact_round_trip(fen: int, grouping: bool) -> None:
    assert parse_money(format_wan(fen, grouping=grouping, places=6)) == fen


@given(st.integers(min_value=0, max_value=MAX_FEN // 10_000), st.booleans())
def test_format_wan_round_trip_whole_hundreds(hundreds: int, grouping: bool) -> None:
    fen = hundreds * 10_000  # 0.01万 = 100 元, the resolution of the default format
    assert parse_money(format_wan(fen, grouping=grouping)) == fen


@given(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN))
def test_format_wan_within_half_a_step(fen: int) -> None:
    shown = format_wan(fen, unit=False, grouping=False)
    assert abs(Decimal(shown) - fen_to_wan(fen)) <= Decimal("0.005")


@pytest.mark.parametrize(
    ("unit", "fen"),
    [("元", 1_260), ("千元", 1_260_000), ("万元", 12_600_000), ("亿元", 126 * 10**9)],
)
def test_a_bare_number_is_read_in_the_unit_shown(unit: str, fen: int) -> None:
    assert parse_money("12.6", unit=unit) == fen
    assert parse_money("12.6万", unit=unit) == 12_600_000  # a written unit wins
    assert parse_money("￥12.6", unit=unit) == 1_260


def test_an_unknown_unit_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_money("1", unit="美元")


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("金额（万元）", "万元"),
        ("金额(元)", "元"),
        ("资金（千元）", "千元"),
        ("目标值（金额为万元）", "万元"),
        ("单位：亿元", "亿元"),
        ("金额", "万元"),
    ],
)
def test_the_unit_of_a_column_header(header: str, unit: str) -> None:
    assert unit_in_header(header) == unit


@pytest.mark.parametrize(
    ("value", "unit", "fen"),
    [
        (12.6, "万元", 12_600_000),
        (0.01, "元", 1),
        (1e-05, "万元", 10),
        (9178, "万元", 9178 * 10**6),
    ],
)
def test_cells_hold_numbers_in_the_unit_of_their_header(value: float, unit: str, fen: int) -> None:
    assert cell_money(value, "amount_fen", unit) == fen


@pytest.mark.parametrize("value", [-1.0, float("nan"), float("inf"), True, 0.001])
def test_cells_refuse_what_typing_refuses(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        cell_money(value, "amount_fen", "元")
    assert caught.value.field == "amount_fen"


def test_plausibility_bound_per_kind() -> None:
    assert PLAUSIBLE_FEN["fund_transfer"] == 10 * FEN_PER_YI < MAX_FEN
    assert implausible("fund_transfer", 10 * FEN_PER_YI) is None
    warning = implausible("fund_transfer", 10 * FEN_PER_YI + 1, "金额")
    assert warning is not None and "金额" in warning and "100,000.00万元" in warning
    assert implausible("agreement", 50 * FEN_PER_YI) is None
