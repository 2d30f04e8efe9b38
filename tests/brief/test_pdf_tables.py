"""The PDF's tables (issue 12): widths from their content so that no voucher number or date
is broken inside, long tables laid out a page at a time with every row once, the header on
every page and 合计 never alone, and the layout's progress following the pages laid out
(with a cancel that stops the 附表 midway)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pairtrack.tracker.brief import build_brief, render_pdf
from pairtrack.tracker.brief import pdf as brief_pdf
from pairtrack.tracker.brief.blocks import Document, Table
from pairtrack.tracker.brief.pdf import render_document
from pairtrack.tracker.brief.pdf_tables import WINDOW
from pairtrack.tracker.demo.generate import add_records
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.jobs import JobCancelled
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from tests.brief.conftest import options

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)

YEAR = Period.year(2017)
VOUCHERS = ("2017-KB-000123456", "SHANGYI-2017-000123", "WUMMW-2017-KB-0042")


def pages_text(data: bytes, tmp_path: Path) -> list[list[str]]:
    """Each page's lines as pdftotext reads them, spaces removed."""
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [[re.sub(r"\s+", "", line) for line in page.splitlines()] for page in out.split("\f")]


@pytest.fixture
def vouchers(empty: Ledger) -> Ledger:
    helper = empty.regions.create(name="大厂回族自治县", province="河北省", city="廊坊市",
                                  level="county")  # fmt: skip
    assisted = empty.regions.create(name="沽源县", province="河北省", city="张家口市",
                                    level="county")  # fmt: skip
    pairing = empty.pairings.create(helper_id=helper.id, assisted_id=assisted.id,
                                    programme="in_province", start_year=2017)  # fmt: skip
    for i, voucher in enumerate(VOUCHERS):
        empty.funds.create(
            pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="1234.5万",
            purpose="易地扶贫搬迁后续产业配套设施建设项目第二期工程款", voucher=voucher,
            allocated_on=f"2017-0{i + 3}-01", arrived_on=f"2017-0{i + 3}-10",
        )  # fmt: skip
    return empty


def test_voucher_numbers_and_dates_print_unbroken_in_the_appendix(
    vouchers: Ledger, tmp_path: Path
) -> None:
    out = io.BytesIO()
    render_pdf(build_brief(vouchers, options(vouchers, YEAR, appendix=True)), out)
    lines = [line for page in pages_text(out.getvalue(), tmp_path) for line in page]
    for voucher in VOUCHERS:
        assert any(voucher in line for line in lines), (voucher, [v for v in lines if "2017" in v])
    for day in ("2017-03-10", "2017-04-10", "2017-05-10"):
        assert any(day in line for line in lines), day
    assert any("1,234.50" in line for line in lines)
    assert any("3,703.50" in line for line in lines)  # the 合计, in the wider bold face


@pytest.fixture(scope="module")
def long(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = Ledger.open(tmp_path_factory.mktemp("long") / "long.db")
    load_demo(ledger)
    add_records(ledger, 2_500, seed=11)
    yield ledger
    ledger.close()


def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that holds, while a brief is laid out, one entry per page finished."""
    pages: list[int] = []
    show = brief_pdf._NumberedCanvas.showPage

    def counted(self: Any) -> None:
        pages.append(len(pages) + 1)
        show(self)

    monkeypatch.setattr(brief_pdf._NumberedCanvas, "showPage", counted)
    return pages


def test_progress_follows_the_pages_laid_out(long: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_brief(long, options(long, YEAR, appendix=True))
    pages = laid_out(monkeypatch)
    seen: list[tuple[float, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done / total, len(pages)))

    count = render_pdf(data, io.BytesIO(), progress=progress)
    assert count > 40 and len(seen) > 50
    shares = [share for share, _ in seen]
    assert shares == sorted(shares)
    # 100 % only once every page is laid out (the old count of story items reached it when
    # reportlab had laid out a fifth of the 附表)
    assert [share for share, laid in seen if laid < count] == [s for s in shares if s < 1]
    assert seen[-1] == (1.0, count)
    for share, laid in seen:
        assert abs(share - laid / count) < 0.1, (share, laid, count)


def test_cancel_stops_the_appendix_midway(long: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    data = build_brief(long, options(long, YEAR, appendix=True))
    pages = laid_out(monkeypatch)
    count = render_pdf(data, io.BytesIO())
    pages.clear()
    reached: list[float] = []
    with pytest.raises(JobCancelled, match="已取消生成简报"):
        render_pdf(
            data,
            io.BytesIO(),
            progress=lambda done, total: reached.append(done / total),
            cancelled=lambda: bool(reached) and reached[-1] > 0.5,
        )
    assert count / 2 < len(pages) < 0.7 * count


def table_document(rows: int) -> Document:
    body = [(f"第{i}行", f"PZ-2017-{i:06d}", f"{i:,}") for i in range(1, rows + 1)]
    total = ("合计", "", f"{sum(range(1, rows + 1)):,}")
    table = Table(("名称", "凭证号", "数量"), [*body, total], (0.4, 0.4, 0.2),
                  right=frozenset({2}), total=True, small=True)  # fmt: skip
    return Document("长表", "2017年", "测试", "测试", "测试", "测试", [table])


def test_a_long_table_prints_every_row_once_with_its_header_on_every_page(
    tmp_path: Path,
) -> None:
    rows = 3 * WINDOW + 17
    out = io.BytesIO()
    count = render_document(table_document(rows), out)
    pages = pages_text(out.getvalue(), tmp_path)[:count]
    lines = [line for page in pages for line in page]
    for i in range(1, rows + 1):
        assert lines.count(f"PZ-2017-{i:06d}") == 1, i
    assert all("凭证号" in page for page in pages)
    assert count > 3


def test_the_total_row_never_goes_to_a_page_alone(tmp_path: Path) -> None:
    """Row counts around a page's worth past the window: one of them fills the pages exactly,
    which would leave 合计 alone on the last page."""
    for rows in range(WINDOW + 4, WINDOW + 48):
        out = io.BytesIO()
        count = render_document(table_document(rows), out)
        last = pages_text(out.getvalue(), tmp_path)[count - 1]
        assert "合计" in last
        assert any(line.startswith("PZ-2017-") for line in last), (rows, last)
