"""附表: 合计 rows that add up to table 1, a page estimate that matches the layout, and the
command line's notice, progress bar and page count."""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from pairtrack.tracker.brief import build_brief, render_pdf
from pairtrack.tracker.brief.appendix import WARN_PAGES, estimate
from pairtrack.tracker.brief.blocks import Heading, Table
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.demo.generate import add_records
from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import format_wan
from pairtrack.tracker.periods import Period, Scope
from tests.brief.conftest import options
from tests.brief.test_brief_docx_cli import pairtrack

YEAR = Period.through_month(2017, 12)


def appendix_tables(ledger: Ledger) -> dict[str, Table]:
    """附表 title (the indicator's label) → its table."""
    blocks = compose(build_brief(ledger, options(ledger, YEAR, appendix=True))).blocks
    out: dict[str, Table] = {}
    for title, table in pairwise(blocks):
        if (
            isinstance(title, Heading)
            and title.text.startswith("附表")
            and isinstance(table, Table)
        ):
            out[title.text.split()[1].split("明细")[0]] = table
    return out


def test_every_appendix_table_ends_with_a_total(demo: Ledger) -> None:
    from pairtrack.tracker.progress import progress

    actual = {p.indicator.label: p.actual for p in progress(demo, YEAR)}
    tables = appendix_tables(demo)
    assert len(tables) == len(actual)
    for label, table in tables.items():
        assert table.total and table.rows[-1][0] == "合计", label
    fiscal = tables["财政援助资金（到位）"]
    assert fiscal.rows[-1][-1] == format_wan(actual["财政援助资金（到位）"], unit=False)
    trained = tables["完成培训"]
    column = trained.headers.index("结业人数")
    assert trained.rows[-1][column] == f"{actual['完成培训']:,}"
    quota = trained.headers.index("名额")
    assert (
        trained.rows[-1][quota]
        == f"{sum(int(r[quota].replace(',', '')) for r in trained.rows[:-1]):,}"
    )
    sent = tables["选派党政干部"]  # no column to sum: the row counts people
    assert sent.rows[-1][1] == f"{actual['选派党政干部']:,}人"
    assert sent.rows[-1][1] == f"{len(sent.rows) - 1:,}人"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("appendix") / "big.db"
    ledger = Ledger.open(path)
    load_demo(ledger)
    add_records(ledger, 7_000, seed=7)
    ledger.close()
    yield path


def pages_of(ledger: Ledger, appendix: bool) -> int:
    out = io.BytesIO()
    render_pdf(build_brief(ledger, options(ledger, YEAR, appendix=appendix)), out)
    return len(PdfReader(io.BytesIO(out.getvalue())).pages)


def test_the_estimate_matches_the_laid_out_pages(big: Path) -> None:
    ledger = Ledger.open(big)
    try:
        size = estimate(ledger, YEAR, Scope.everything())
        data = build_brief(ledger, options(ledger, YEAR, appendix=True))
        assert size.rows == sum(len(p.rows) for p in data.appendix)
        laid = pages_of(ledger, True) - pages_of(ledger, False) + 1
        assert size.pages == pytest.approx(laid, rel=0.15)
        assert size.large and size.pages > WARN_PAGES
        assert size.question.startswith(f"附表约 {size.pages} 页")
        assert size.question.endswith("秒，是否继续？")
    finally:
        ledger.close()


def test_cli_says_how_big_and_how_many_pages(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "附表.pdf"
    done = pairtrack("--db", big, "brief", "--year", "2017", "--appendix", "-o", out)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(str(out)).pages)
    assert f"共 {pages} 页。" in done.stdout
    assert "附表约" in done.stderr and "生成需要约" in done.stderr
    assert "[" not in done.stderr, "no progress bar when stderr is not a terminal"
    small = pairtrack("--db", big, "brief", "--year", "2017", "-o", tmp_path / "b.pdf")
    assert small.returncode == 0 and "附表约" not in small.stderr


def test_cli_progress_bar_on_a_terminal(big: Path, tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from tests.brief.test_brief_docx_cli import ROOT

    main, child = pty.openpty()
    out = tmp_path / "bar.pdf"
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(big), "brief"]
    process = subprocess.Popen(
        [*command, "--year", "2017", "--month", "3", "-o", str(out)],
        stderr=child,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=300) == 0
    text = seen.decode()
    assert "汇总数据 [" in text and "排版 [" in text and "100%" in text
