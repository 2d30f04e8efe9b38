"""Which field a column is (``layout``): header words compared as staff write them — spaces,
line breaks, full-width characters and a unit note change nothing — and a mapping a person
confirmed for a layout is remembered for the next workbook with the same headers, wherever
the header row now stands, in the window and on the command line alike."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from pairtrack.tracker.exchange.layout import IGNORE, detect, target_of
from pairtrack.tracker.exchange.ledger_import import import_ledger, read_ledger
from pairtrack.tracker.exchange.ledger_words import HEADERS, IGNORED, normal_header
from pairtrack.tracker.exchange.workbook import RawSheet
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.cli.test_cli import pairtrack
from tests.exchange.ledger_helpers import PAIRING, Added, fen

WORDS = sorted(
    {(table, word) for table, fields in HEADERS.items() for ws in fields.values() for word in ws}
)


def test_every_header_word_reads_as_the_field_it_is_listed_under() -> None:
    """A word listed under two fields of one kind would go to whichever comes first."""
    for table, fields in HEADERS.items():
        for target, words in fields.items():
            for word in words:
                assert target_of(table, word) == target, (table, word)
    for word in IGNORED:
        assert target_of("fund_transfer", word) == IGNORE


@given(st.text())
@example("金额（万元）")
@example("(a)(b)")
@example("金\n额 ( 万元 ) ：")
@example("A´")  # NFKC spells ´ as a space and an accent: the space goes, the accent joins A
def test_normal_header_is_idempotent(text: str) -> None:
    once = normal_header(text)
    assert normal_header(once) == once


def _full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def decorated(draw: st.DrawFn, word: str) -> str:
    """``word`` as it may stand in a header cell: broken over lines or spaced out to fit the
    column, typed with a Chinese input method (full-width), with the unit or a note in
    brackets and a trailing colon or star (a required column)."""
    out = draw(st.sampled_from(["", " ", "\n", "\u3000"]))
    for position, char in enumerate(word):
        if position:
            out += draw(st.sampled_from(["", "", " ", "\n", "\r\n", "\u3000", " \n "]))
        out += _full_width(char) if draw(st.booleans()) else char
    out += draw(
        st.sampled_from(
            ["", "（万元）", "(万元)", "(元)", "（单位：元）", "【万元】", "[注1]", "（年月日）",
             "\n（万元）", " (人)"]
        )
    )  # fmt: skip
    return out + draw(st.sampled_from(["", "：", ":", "*", " ", "\n"]))


@given(st.sampled_from(WORDS).flatmap(lambda tw: st.tuples(st.just(tw), decorated(tw[1]))))
def test_decorating_a_header_never_changes_its_field(case: tuple[tuple[str, str], str]) -> None:
    (table, word), header = case
    assert target_of(table, header) == target_of(table, word), repr(header)


# A mapping remembered across workbooks.

HEADER = ["序号", "项目名称", "资金类别", "援建资金额度", "拨付时间"]


def ledger(path: Path, rows: list[list[Any]], title: bool = False) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    if title:
        sheet.append(["2018年援建资金台账"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_confirmed_mapping_is_remembered_for_the_same_headers(
    demo: Ledger, tmp_path: Path
) -> None:
    first = ledger(
        tmp_path / "2017.xlsx",
        [[1, "村级活动场所", "财政援助资金", 150, "2017-05-06"],
         [2, "产业扶贫车间", "财政援助资金", 320.5, "2017-08-01"]],
    )  # fmt: skip
    [reading] = read_ledger(demo, first)
    assert reading.how == "detected" and reading.mapping.unmapped() == ["援建资金额度"]
    column = reading.mapping.headers.index("援建资金额度")
    targets = list(reading.mapping.targets)
    targets[column] = "amount_fen"
    confirmed = {"Sheet1": replace(reading.mapping, targets=targets)}

    # a dry run with the mapping reads by it, but remembers nothing
    report = import_ledger(demo, first, pairing=PAIRING, mappings=confirmed, dry_run=True)
    assert report.counts("fund_transfer").inserted == 2
    assert read_ledger(demo, first)[0].how == "detected"

    added = Added(demo)
    report = import_ledger(demo, first, pairing=PAIRING, mappings=confirmed)
    assert report.committed and not report.problems
    assert sorted(r["amount_fen"] for r in added.rows("fund_transfer")) == [
        fen(150),
        fen("320.5"),
    ]

    # the next year's workbook: the same headers under a title row that was not there before
    second = ledger(
        tmp_path / "2018.xlsx",
        [[1, "冷链物流中心", "财政援助资金", 880, "2018-04-02"]],
        title=True,
    )
    [reading] = read_ledger(demo, second)
    assert reading.how == "remembered"
    assert reading.mapping.header_row == 1
    assert reading.mapping.targets[column] == "amount_fen"

    # the command line reads it the same way, with nothing but --pairing
    added = Added(demo)
    result = pairtrack("--db", engines.target_of(demo), "import", second, "--pairing", PAIRING)
    assert result.returncode == 0, result.stderr
    assert "按上次确认的对应关系" in result.stdout and "未导入的列" not in result.stdout
    assert [r["amount_fen"] for r in added.rows("fund_transfer")] == [fen(880)]

    # and so does the import itself, given no mapping
    third = ledger(
        tmp_path / "2018下半年.xlsx",
        [[1, "光伏扶贫电站", "财政援助资金", "1,200", "2018-09-12"]],
        title=True,
    )
    added = Added(demo)
    report = import_ledger(demo, third, pairing=PAIRING)
    assert report.committed and not report.problems
    assert [r["amount_fen"] for r in added.rows("fund_transfer")] == [fen(1200)]
    assert any("按上次确认的对应关系" in s for s in report.sheets)


def test_other_headers_are_not_read_by_a_remembered_mapping(demo: Ledger, tmp_path: Path) -> None:
    first = ledger(tmp_path / "a.xlsx", [[1, "村级活动场所", "财政援助资金", 150, "2017-05-06"]])
    [reading] = read_ledger(demo, first)
    targets = list(reading.mapping.targets)
    targets[HEADER.index("援建资金额度")] = "amount_fen"
    report = import_ledger(
        demo, first, pairing=PAIRING, mappings={"Sheet1": replace(reading.mapping, targets=targets)}
    )
    assert report.committed

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HEADER, "备注"])  # one column more: another layout
    sheet.append([1, "冷链物流中心", "财政援助资金", 880, "2018-04-02", ""])
    workbook.save(tmp_path / "b.xlsx")
    [reading] = read_ledger(demo, tmp_path / "b.xlsx")
    assert reading.how == "detected" and "援建资金额度" in reading.mapping.unmapped()


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("挂职干部", "cadre_exchange"),
        ("2017年培训班", "training"),
        ("干部人才交流", "cadre_exchange"),
    ],
)
def test_the_sheet_name_decides_between_kinds_the_headers_fit_alike(name: str, table: str) -> None:
    """类别 / 开始日期 / 结束日期 / 备注 fit a cadre exchange and a training equally."""
    sheet = RawSheet(
        name, [["类别", "开始日期", "结束日期", "备注"], ["党政干部", "2017-03-01", "", ""]]
    )
    assert detect(sheet).table == table
