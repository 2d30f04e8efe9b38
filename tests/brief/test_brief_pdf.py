"""The PDF brief read back as text: figures, sentences, footers, fonts (DESIGN §6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pairtrack.tracker.brief import build_brief
from pairtrack.tracker.brief.summary import overview, scope_line
from pairtrack.tracker.formatting import format_share, format_value, prose_value
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import progress
from pairtrack.tracker.scopes import pairing_scope, region_scope
from tests.brief.conftest import body, flat, options, pages, pdf_bytes

PERIODS = [
    Period.through_month(2017, 11),
    Period.quarter(2017, 2),
    Period.year(2017),
    Period.between(
        Period.year(2017).start.replace(month=3), Period.year(2017).end.replace(month=9, day=30)
    ),
]


def scopes(ledger: Ledger) -> list[Scope]:
    first_pairing = next(iter(ledger.pairings.labels(include_deleted=False)))
    return [
        Scope.everything(),
        region_scope(ledger, "helper", "廊坊市"),
        region_scope(ledger, "assisted", "康保县"),
        pairing_scope(ledger, first_pairing),
    ]


def summary_row(p) -> str:  # type: ignore[no-untyped-def]
    """One row of ``pairtrack summary``, as the brief's table must read it."""
    return "".join(
        (
            p.indicator.label,
            p.indicator.unit,
            format_value(p.indicator, p.target),
            format_value(p.indicator, p.actual),
            format_share(p.completion),
            format_share(p.elapsed),
            p.status,
        )
    )


def test_title_period_and_metadata(demo: Ledger) -> None:
    data = pdf_bytes(demo, Period.through_month(2017, 11))
    first = flat(pages(data)[0])
    assert "廊坊开发区对口帮扶工作进展简报（截至2017年11月底）" in first
    assert "2017年12月5日" in first
    meta = PdfReader(__import__("io").BytesIO(data)).metadata
    assert meta is not None
    assert meta.title == "廊坊开发区对口帮扶工作进展简报（截至2017年11月底）"
    assert meta.author == "廊坊开发区对口帮扶办公室"
    assert "截至2017年11月底" in (meta.subject or "")
    assert meta.creation_date is not None


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_indicator_rows_equal_summary_across_scopes(demo: Ledger, period: Period) -> None:
    for scope in scopes(demo):
        text = flat("".join(pages(pdf_bytes(demo, period, scope))))
        assert flat(f"统计范围：{scope_line(scope)}") in text
        for row in progress(demo, period, scope):
            assert flat(summary_row(row)) in text, (scope.label, row.indicator.label)


def test_summary_sentences_carry_the_figures(demo: Ledger) -> None:
    period = Period.through_month(2017, 11)
    data = build_brief(demo, options(demo, period))
    sentences = "".join(overview(data))
    text = flat(body(pages(pdf_bytes(demo, period))))  # it runs over a page break
    assert flat(sentences) in text
    for row in progress(demo, period):
        assert prose_value(row.indicator, row.actual) in sentences
        if row.target:
            assert format_share(row.completion) in sentences
    assert "结对关系8个" in sentences
    assert "进度滞后1项。进度滞后的指标是“财政援助资金（到位）”" in sentences
    assert "{" not in sentences and "None" not in sentences


def test_footers_count_pages(demo: Ledger) -> None:
    texts = pages(pdf_bytes(demo, Period.through_month(2017, 11), appendix=True))
    assert len(texts) > 5
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 共 {len(texts)} 页" in text


def test_lagging_indicators_listed_under_problems(demo: Ledger) -> None:
    period = Period.through_month(2017, 11)
    text = flat("".join(pages(pdf_bytes(demo, period))))
    problems = text[text.index("七、存在问题") :]  # the last section: nobody wrote 下一步工作
    lagging = [r for r in progress(demo, period) if r.lagging]
    assert lagging
    for row in lagging:
        assert flat(row.indicator.label) + "指标完成率为" + format_share(row.completion) in problems


def test_user_text_prints_literally_and_wraps(demo: Ledger) -> None:
    long_line = "资金" * 300 + "x" * 400
    data = pdf_bytes(
        demo,
        Period.through_month(2017, 11),
        problems_text="<b>&<script>alert(1)</script>\n第二行 a&amp;b",
        next_steps_text="一、抓落实\n二、" + long_line,
    )
    text = body(pages(data))
    assert "<b>&<script>alert(1)</script>" in text
    assert "a&amp;b" in text
    assert flat(long_line) in flat(text)
    # the two lines stay two lines
    assert re.search(r"</script>\s*\n\s*第二行", text)


def test_empty_database_gives_a_brief_with_sentences(empty: Ledger) -> None:
    data = pdf_bytes(empty, Period.year(2017), appendix=True)
    assert data.startswith(b"%PDF")
    text = flat("".join(pages(data)))
    for sentence in (
        "暂无结对关系",
        "本期暂无帮扶资金拨付或到位记录。",
        "本期暂无干部交流记录。",
        "本期暂无培训记录。",
        "本期暂无新签订的合作协议。",
        "本期无明细记录。",
    ):
        assert sentence in text
    assert "未设目标" in text
    # nobody wrote 下一步工作: a handout leaves the section out rather than say so
    assert "下一步工作" not in text and "未填写" not in text


def test_font_embedded_and_subset_no_helvetica(demo: Ledger) -> None:
    data = pdf_bytes(demo, Period.through_month(2017, 11), appendix=True)
    assert b"/FontFile2" in data
    assert re.search(rb"/BaseFont /[A-Z]{6}\+PairTrack", data)
    assert b"Helvetica" not in data
    assert b"STSong" not in data


def test_demo_brief_size(demo: Ledger) -> None:
    data = pdf_bytes(demo, Period.through_month(2017, 11))
    with_appendix = pdf_bytes(demo, Period.through_month(2017, 11), appendix=True)
    print(f"demo brief: {len(data) / 1024:.0f} KB, with 附表 {len(with_appendix) / 1024:.0f} KB")
    assert len(data) < 400 * 1024
    assert len(with_appendix) < 600 * 1024


def test_cancel_stops_gathering_and_layout(demo: Ledger) -> None:
    import io

    from pairtrack.tracker.brief import render_pdf
    from pairtrack.tracker.jobs import JobCancelled

    opts = options(demo, Period.through_month(2017, 11), appendix=True)
    with pytest.raises(JobCancelled, match="已取消生成简报。"):
        build_brief(demo, opts, cancelled=lambda: True)
    data = build_brief(demo, opts)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 30

    with pytest.raises(JobCancelled, match="已取消生成简报。"):
        render_pdf(data, io.BytesIO(), cancelled=cancelled)


def test_a_brief_is_gathered_in_one_read(tmp_path: Path, db_target: Path) -> None:
    """One snapshot: before, a brief was gathered from 7–15 separate sessions."""
    from datetime import date

    from sqlalchemy import event

    from pairtrack.tracker.brief.data import BriefOptions, build_brief
    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.periods import Period, Scope

    ledger = Ledger.open(db_target)
    try:
        load_demo(ledger)
        checkouts: list[object] = []
        event.listen(ledger.engine, "checkout", lambda *args: checkouts.append(args))
        options = BriefOptions(
            Period.through_month(2017, 11), Scope.everything(), "测试", date(2017, 12, 1),
            appendix=True,
        )  # fmt: skip
        data = build_brief(ledger, options)
        assert data.progress and len(checkouts) == 1
    finally:
        ledger.close()
