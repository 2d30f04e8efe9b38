"""Tests for tracker.dates: parsing typed dates and formatting them back."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairtrack.tracker.dates import format_date, format_date_cn, parse_date, parse_optional_date
from pairtrack.tracker.errors import ValidationError

NOV_30 = datetime.date(2017, 11, 30)
JAN_5 = datetime.date(2017, 1, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-11-30", NOV_30),
        ("2017/11/30", NOV_30),
        ("2017.11.30", NOV_30),
        ("2017年11月30日", NOV_30),
        ("2017年11月30号", NOV_30),
        ("2017 年 11 月 30 日", NOV_30),
        ("20171130", NOV_30),
        ("2017-1-5", JAN_5),
        ("2017/01/05", JAN_5),
        ("2017年1月5日", JAN_5),
        ("20170105", JAN_5),
        ("２０１７－１１－３０", NOV_30),
        ("２０１７年１１月３０日", NOV_30),
        ("２０１７．１．５", JAN_5),
        ("  2017-11-30\n", NOV_30),
        ("\u30002017-11-30\u3000", NOV_30),
        ("1949-01-01", datetime.date(1949, 1, 1)),
        ("2100-12-31", datetime.date(2100, 12, 31)),
        ("2016-02-29", datetime.date(2016, 2, 29)),
    ],
)
def test_parse_date_accepts(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


EMPTY = "日期不能为空"
MISSING = "日期不存在"
OUT_OF_RANGE = "年份超出范围"
UNRECOGNISED = "无法识别的日期"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", EMPTY),
        ("  \t", EMPTY),
        ("2017-02-30", MISSING),
        ("2017-02-29", MISSING),
        ("2017-13-01", MISSING),
        ("2017-00-10", MISSING),
        ("2017年4月31日", MISSING),
        ("20170230", MISSING),
        ("1948-12-31", OUT_OF_RANGE),
        ("2101-01-01", OUT_OF_RANGE),
        ("0000-01-01", OUT_OF_RANGE),
        ("abc", UNRECOGNISED),
        ("2017-11", UNRECOGNISED),
        ("17-11-30", UNRECOGNISED),
        ("2017-11/30", UNRECOGNISED),
        ("2017-111-30", UNRECOGNISED),
        ("2017113", UNRECOGNISED),
        ("30/11/2017", UNRECOGNISED),
        ("2017-11-30 10:00", UNRECOGNISED),
    ],
)
def test_parse_date_rejects(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, field="signed_on")
    assert caught.value.field == "signed_on"
    assert fragment in caught.value.message
    if text.strip():
        # The user must see which input was refused.
        assert f"「{text.strip()}」" in caught.value.message


def test_exact_messages() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date("2017-02-30")
    assert caught.value.message == "日期不存在：「2017-02-30」"
    assert caught.value.field == "date"
    with pytest.raises(ValidationError, match="请按 2017-11-30 的格式输入"):
        parse_date("昨天")


def test_parse_optional_date() -> None:
    assert parse_optional_date(None) is None
    assert parse_optional_date("") is None
    assert parse_optional_date("   ") is None
    assert parse_optional_date("2017年11月30日") == NOV_30
    with pytest.raises(ValidationError) as caught:
        parse_optional_date("2017-02-30", field="due")
    assert caught.value.field == "due"


def test_format() -> None:
    assert format_date(NOV_30) == "2017-11-30"
    assert format_date(JAN_5) == "2017-01-05"
    assert format_date_cn(NOV_30) == "2017年11月30日"
    assert format_date_cn(JAN_5) == "2017年1月5日"


in_range = st.dates(min_value=datetime.date(1949, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(in_range)
def test_round_trip_iso(d: datetime.date) -> None:
    assert parse_date(format_date(d)) == d


@given(in_range)
def test_round_trip_cn(d: datetime.date) -> None:
    assert parse_date(format_date_cn(d)) == d


@given(in_range, st.sampled_from(["/", "."]))
def test_round_trip_other_separators(d: datetime.date, sep: str) -> None:
    assert parse_date(format_date(d).replace("-", sep)) == d
    assert parse_date(format_date(d).replace("-", "")) == d
