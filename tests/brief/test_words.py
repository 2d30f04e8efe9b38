"""The brief reads like a published 简报 (issue 12 "Reads unnaturally"): numbers in prose as
reports write them, no doubled words, no nested brackets, nothing said about what is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.brief.summary import lag_sentence
from pairtrack.tracker.formatting import prose_money
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from tests.brief.conftest import options, pdf_bytes

# The PDF's text as a reader copies it: poppler's pdftotext (Debian: poppler-utils).
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)


def pdftotext(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", "", out.stdout)


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (3000 * 10**6, "3000万元"),
        (9178 * 10**6, "9178万元"),
        (12000 * 10**6, "1.2亿元"),
        (23503 * 10**5, "2350.3万元"),
        (35500 * 10**6, "3.55亿元"),
        (8500000, "8.5万元"),
        (350000, "3500元"),
        (0, "0万元"),
        (10**10 - 1, "1亿元"),  # 9999.9999万 rounds up to 1亿, never "10000万元"
        (-3000 * 10**6, "-3000万元"),
    ],
)
def test_money_in_prose(fen: int, text: str) -> None:
    assert prose_money(fen) == text


BAD = (
    "完成培训完成",  # a doubled word
    "方面问题",  # "以下2方面问题"
    "已完成0项",
    "（财政援助资金（到位））",
    "统计范围：全部：",
    "未填写",
    "PairTrack",
    "期末仍在岗",  # 在岗 is said only as 「截至…在岗」
    "期内在岗",
)


def test_demo_brief_reads_naturally(demo: Ledger, tmp_path: Path) -> None:
    text = pdftotext(pdf_bytes(demo, Period.through_month(2017, 12)), tmp_path)
    for phrase in BAD:
        assert phrase not in text, phrase
    body = text[: text.index("二、")]
    # no thousands separators and no ".00" in the sentences of 一、总体情况
    assert not re.search(r"\d,\d{3}", body) and ".00" not in body
    for natural in (
        "到位财政援助资金3.5亿元，完成年度目标3.55亿元的98.6%",
        "到位社会帮扶资金2350.3万元",
        "培训名额4730人次",
        "签订合作协议26个",
        "截至2017年12月31日，在岗的派出干部人才121人",
        "已完成4项，进度正常3项，进度滞后1项",
        "以下两个方面的问题",
        "统计范围：全部结对关系",
    ):
        assert natural in text, natural


def test_lag_sentence_says_only_what_is_there(demo: Ledger) -> None:
    data = build_brief(demo, options(demo, Period.through_month(2017, 12)))
    # every target met: 「均已完成」, not 「已完成8项，其余进度正常」
    data.progress = [replace(r, target=r.actual) for r in data.progress]
    assert lag_sentence(data) == "对照序时进度100.0%，已设目标的8项主要指标均已完成年度目标。"
    # nothing done, nothing lagging: no 「已完成0项」, no 「进度滞后0项」
    data.progress = [
        replace(r, target=r.actual * 2 + 1, elapsed=Decimal("0.4")) for r in data.progress
    ]
    sentence = lag_sentence(data)
    assert sentence == (
        "对照序时进度40.0%，已设目标的8项主要指标中，进度正常8项，没有进度滞后的指标。"
    )
    # lagging names are quoted, never in brackets inside brackets
    data.progress[0] = replace(data.progress[0], actual=0)
    assert lag_sentence(data).endswith("进度滞后的指标是“财政援助资金（到位）”，需加快推进。")


def test_title_without_office_name(demo: Ledger) -> None:
    data = build_brief(demo, options(demo, Period.through_month(2017, 12)))
    data.options = replace(data.options, office_name="")
    doc = compose(data)
    assert doc.title == "对口帮扶工作进展简报（截至2017年12月底）"
    assert doc.issued == f"2017年12月5日　　数据校验码 {data.check_code}" and doc.author == ""
    assert "PairTrack" not in doc.header
