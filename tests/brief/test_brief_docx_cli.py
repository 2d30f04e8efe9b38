"""The .docx copy, the stored user texts and ``pairtrack brief`` end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from pairtrack.tracker.brief import build_brief, load_texts, render_docx, save_texts
from pairtrack.tracker.brief.texts import KEY_LIMIT, text_key
from pairtrack.tracker.formatting import format_share, format_value
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import progress
from pairtrack.tracker.scopes import region_scope
from tests.brief.conftest import flat, options

ROOT = Path(__file__).resolve().parents[2]


def test_docx_holds_the_same_figures(demo: Ledger, tmp_path: Path) -> None:
    period = Period.through_month(2017, 11)
    out = tmp_path / "brief.docx"
    render_docx(build_brief(demo, options(demo, period, problems_text="<b>&")), out)
    document = docx.Document(str(out))
    body = flat("".join(p.text for p in document.paragraphs))
    assert "廊坊开发区对口帮扶工作进展简报（截至2017年11月底）" in body
    assert "七、存在问题" in body and "<b>&" in body
    table = document.tables[0]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    for p in progress(demo, period):
        assert rows[p.indicator.label] == [
            p.indicator.label,
            p.indicator.unit,
            format_value(p.indicator, p.target),
            format_value(p.indicator, p.actual),
            format_share(p.completion),
            format_share(p.elapsed),
            p.status,
        ]
    assert document.inline_shapes, "the chart is an image"
    assert document.core_properties.author == "廊坊开发区对口帮扶办公室"


def test_texts_are_kept_per_scope_and_period(demo: Ledger, db_target: Path) -> None:
    ledger = Ledger.open(db_target)
    try:
        from pairtrack.tracker.demo.load import load_demo

        load_demo(ledger)
        nov, q2 = Period.through_month(2017, 11), Period.quarter(2017, 2)
        helper = region_scope(ledger, "helper", "廊坊市")
        assert load_texts(ledger, nov, helper) == ("", "")
        save_texts(ledger, nov, helper, "问题<b>", "下一步\n第二行")
        save_texts(ledger, nov, Scope.everything(), "全部的问题", "")
        assert load_texts(ledger, nov, helper) == ("问题<b>", "下一步\n第二行")
        assert load_texts(ledger, q2, helper) == ("", "")
        assert load_texts(ledger, nov, Scope.everything()) == ("全部的问题", "")
        assert len(text_key(nov, helper, "next_steps")) <= KEY_LIMIT
    finally:
        ledger.close()


def pairtrack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    entry = [str(ROOT / "main.py")]
    return subprocess.run(
        [sys.executable, *entry, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


def test_cli_brief_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    out = tmp_path / "out.pdf"
    done = pairtrack("--db", db, "brief", "--year", "2017", "--month", "11", "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out.resolve()) in done.stdout
    editable = tmp_path / "out.docx"
    done = pairtrack("--db", db, "brief", "--year", "2017", "--quarter", "2", "--helper", "廊坊市",
                     "--appendix", "--problems", "<b>&", "-o", editable)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "<b>&" in "".join(p.text for p in docx.Document(str(editable)).paragraphs)


def test_cli_brief_bad_input_exits_1_with_one_chinese_line(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    for args in (
        ("--year", "2017", "--month", "13", "-o", tmp_path / "a.pdf"),
        ("--year", "2017", "--helper", "无此地", "-o", tmp_path / "b.pdf"),
        ("--year", "2017", "-o", tmp_path / "c.txt"),
    ):
        done = pairtrack("--db", db, "brief", *args)
        assert done.returncode == 1, done
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误："), done.stderr
    assert not list(tmp_path.glob("*.pdf*"))
