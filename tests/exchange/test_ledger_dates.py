"""Dates as offices write them in their own ledgers (``tracker.ledger_dates``): every way of
writing a real date reads back as that date; a month alone reads as its first day and says
so; a range reads as its two ends whichever mark joins them; nothing else raises anything but
``ValidationError``. A number in a date column is read only where it cannot be mistaken:
2017.1 may have been typed as 2017.10 (Excel stores both as 2017.1) and is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange.ledger_import import import_ledger
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.ledger_dates import LooseDate, loose_date, loose_range
from tests.exchange.conftest import snapshot
from tests.exchange.ledger_helpers import PAIRING, Added

days = st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31))


def written(day: date, style: int) -> str:
    return [
        f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year:04d}{day.month:02d}{day.day:02d}",
        f"{day.year}/{day.month}/{day.day}",
    ][style]


@given(days, st.integers(0, 4), st.sampled_from(["", " ", "\u3000"]))
def test_any_real_date_reads_back(day: date, style: int, pad: str) -> None:
    assert loose_date(pad + written(day, style) + pad, "start_on") == LooseDate(day, False)


@given(days)
def test_a_date_typed_as_eight_digits_in_a_number_cell(day: date) -> None:
    number = day.year * 10000 + day.month * 100 + day.day
    assert loose_date(number, "start_on") == LooseDate(day, False)
    assert loose_date(float(number), "start_on") == LooseDate(day, False)


@given(
    days, st.sampled_from(["{y}.{m}", "{y}年{m}月", "{y}年{m}月份", "{y}-{m:02d}", "{y}.{m:02d}"])
)
@example(date(2017, 10, 1), "{y}.{m}")  # 2017.10 typed as text is October, not January
@example(date(2017, 1, 1), "{y}.{m}")
def test_a_month_reads_as_its_first_day_and_says_so(day: date, form: str) -> None:
    text = form.format(y=day.year, m=day.month)
    assert loose_date(text, "start_on") == LooseDate(day.replace(day=1), month_only=True)


ranges = st.tuples(days, days).map(sorted)
MARKS = ["—", "——", "~", "～", "至", "-", "－", " — ", " 至 ", " - "]


@given(ranges, st.integers(0, 4), st.integers(0, 4), st.sampled_from(MARKS))
@example([date(2017, 4, 17), date(2017, 6, 9)], 1, 1, "-")
def test_a_range_of_two_real_dates_reads_as_its_ends(
    ends: list[date], left: int, right: int, mark: str
) -> None:
    start, end = ends
    text = written(start, left) + mark + written(end, right)
    assert loose_range(text, "start_on") == (LooseDate(start), LooseDate(end))


@given(ranges, st.sampled_from(MARKS))
def test_a_range_of_two_months(ends: list[date], mark: str) -> None:
    start, end = ends
    text = f"{start.year}.{start.month}{mark}{end.year}.{end.month}"
    assert loose_range(text, "start_on") == (
        LooseDate(start.replace(day=1), True),
        LooseDate(end.replace(day=1), True),
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2017年4月17日-6月9日", date(2017, 4, 17), date(2017, 6, 9)),  # the year said once
        ("2017年10月9日至20日", date(2017, 10, 9), date(2017, 10, 20)),  # the month too
        ("2017.7.3—7.14", date(2017, 7, 3), date(2017, 7, 14)),
        ("2017/7/3-7/14", date(2017, 7, 3), date(2017, 7, 14)),
        ("2017.3—2018.3", date(2017, 3, 1), date(2018, 3, 1)),
        ("2017年3月-6月", date(2017, 3, 1), date(2017, 6, 1)),
    ],
)
def test_a_range_that_leaves_out_what_the_start_says(text: str, start: date, end: date) -> None:
    assert tuple(d.day for d in loose_range(text, "start_on") if d) == (start, end)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2017.6.9—2017.3.1", "结束日期早于开始日期"),
        ("2017.3—6.9", "无法识别"),  # after a month, 6.9 could be June 9 or nothing: not guessed
        ("2017.7.3—7.32", "日期不存在"),
        ("2017年2月30日", "无法识别"),
    ],
)
def test_what_is_not_a_range_is_refused_with_why(text: str, said: str) -> None:
    with pytest.raises(ValidationError, match=said) as caught:
        loose_range(text, "start_on")
    assert caught.value.field == "start_on"


junk = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.-/—~至年月日号份 ", max_size=24),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.booleans(),
    st.decimals(allow_nan=False),
)


@given(junk)
@example("2017.0")
@example("0000年13月")
@example("2017.13")
@example(2017.0)
@example(201713)
@example("9999-99-99至")
def test_garbage_raises_nothing_but_a_validation_error(value: object) -> None:
    for read in (loose_date, loose_range):
        try:
            read(value, "start_on")
        except ValidationError as exc:
            assert exc.field == "start_on" and exc.message
        # anything else (ValueError, IndexError, AssertionError…) fails the test


# Numbers in a date column.


@pytest.mark.parametrize(
    ("number", "day", "month_only"),
    [
        (2017.11, date(2017, 11, 1), True),  # 2017.11 typed: November, to the month
        (2017.12, date(2017, 12, 1), True),
        (2017.9, date(2017, 9, 1), True),
        (20171130, date(2017, 11, 30), False),
        (20171130.0, date(2017, 11, 30), False),
        (201711, date(2017, 11, 1), True),
    ],
)
def test_numbers_that_can_only_mean_one_date(number: float, day: date, month_only: bool) -> None:
    assert loose_date(number, "allocated_on") == LooseDate(day, month_only)


@pytest.mark.parametrize("number", [2017.1, 2017.10])  # the same float
def test_2017_1_as_a_number_is_ambiguous(number: float) -> None:
    with pytest.raises(ValidationError, match="有歧义") as caught:
        loose_date(number, "allocated_on")
    assert caught.value.field == "allocated_on"


def test_number_dates_in_a_ledger(demo: Ledger, tmp_path: Path) -> None:
    """Through the import: the ambiguous row is refused naming its column, the others read."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "资金"
    for row in [
        ["项目名称", "资金类别", "金额（万元）", "拨付时间"],
        ["一月拨付", "财政援助资金", 10, 2017.1],
        ["十一月拨付", "财政援助资金", 11, 2017.11],
        ["月底拨付", "财政援助资金", 12, 20171130],
    ]:
        sheet.append(row)
    workbook.save(tmp_path / "资金.xlsx")
    before = snapshot(demo)

    report = import_ledger(demo, tmp_path / "资金.xlsx", pairing=PAIRING)
    assert not report.committed and snapshot(demo) == before
    assert [(p.row, p.column) for p in report.problems] == [(2, "拨付时间")]
    assert "有歧义" in report.problems[0].reason and "2017-10" in report.problems[0].reason

    added = Added(demo)
    report = import_ledger(demo, tmp_path / "资金.xlsx", pairing=PAIRING, valid_only=True)
    assert report.committed
    assert sorted((r["purpose"], r["allocated_on"]) for r in added.rows("fund_transfer")) == [
        ("十一月拨付", date(2017, 11, 1)),
        ("月底拨付", date(2017, 11, 30)),
    ]
    assert [(n.row, n.column) for n in report.notes] == [(3, "拨付时间")]  # 2017.11: a month
