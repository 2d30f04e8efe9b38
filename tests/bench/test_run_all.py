"""``bench/run_all.py --quick`` runs every benchmark under bench/ on a small database and prints
one table with every row each of them reports: measure, PairTrack, baseline, ratio, goal and
pass/fail (a smoke test: the figures of a small run mean little, the rows must all be there).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import ENGINE_HEADERS, HEADERS, SQLITE_ONLY, Measure, engine_table, table
from bench.run_all import BENCHES, _side_by_side
from tests import engines

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = (  # the start of each measure's name, in the order run_all prints them
    "demo --records", "summary（年度", "summary 与原始 SQL", "简报 PDF", "简报 PDF", "附表",
    "xlsx 导出", "csv 导出", "汇总包导入空库", "汇总包导出", "汇总包合并", "导出、导入、合并的峰值内存",
    "2,000 行单位自制台账试导入", "2,000 行单位自制台账实际导入", "台账导入的峰值内存",
    "台账导入读出的记录", "启动：窗口首次绘制", "启动：总览数字显示 vs", "启动：总览数字显示，无上次的数字",
    "帮扶资金页边输入边筛选",
    "打开全部页面",
    "窗口最长停顿：删除", "窗口最长停顿：撤销", "窗口最长停顿：另一程序",
)  # fmt: skip
bench_modules = sorted(p.stem for p in (ROOT / "bench").glob("*.py"))


def test_every_benchmark_module_is_in_the_report() -> None:
    helpers = {"__init__", "common", "run_all"}
    assert sorted(b.name for b in BENCHES) == [m for m in bench_modules if m not in helpers]
    assert sum(b.rows for b in BENCHES if b.quick) == len(EXPECTED)
    assert all(b.why_not_quick for b in BENCHES if not b.quick)


@pytest.mark.slow
def test_the_quick_run_prints_one_table_with_every_row() -> None:
    result = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick"],
        capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split() == list(HEADERS))
    assert "machine:" in result.stdout and "cores" in result.stdout and "Python" in result.stdout
    rows = lines[header + 2 : header + 2 + len(EXPECTED)]
    for line, start in zip(rows, EXPECTED, strict=True):
        assert line.startswith(start), (line, start)
        assert line.rstrip().endswith(("pass", "FAIL", "—")), line
    assert "did not run" not in result.stdout
    assert "not in a quick run: bench_bundle" in result.stdout
    assert "台账导入读出的记录" in result.stdout and "FAIL" not in [
        r.split()[-1] for r in rows if r.startswith(("summary 与原始 SQL", "台账导入读出的记录"))
    ], "the benchmarks' own checks of what they measured must pass"


def test_the_table_says_pass_or_fail_against_each_goal() -> None:
    rows = [
        Measure("a", 3.0, "s", 1.0, "ratio", 2.0),
        Measure("b", 40.0, "ms", goal="max", limit=50),
        Measure("c", 0.0, "", goal="exact"),
        Measure("d", 900.0, "rows/s", note="线性即可"),
    ]
    text = table(rows)
    verdicts = [line.split()[-1] for line in text.splitlines()[2:]]
    assert verdicts == ["FAIL", "pass", "FAIL", "—"]
    assert "3.00×" in text and "≤ 2×" in text and "≤ 50 ms" in text and "线性即可" in text
    markdown = table(rows, markdown=True).splitlines()
    assert markdown[0] == "| " + " | ".join(HEADERS) + " |" and len(markdown) == 2 + len(rows)


def test_each_engine_has_its_figure_baseline_and_ratio_side_by_side() -> None:
    bulk = next(b for b in BENCHES if b.name == "bench_bulk_insert")
    stall = next(b for b in BENCHES if b.name == "bench_stall")
    found = {
        ("bench_bulk_insert", "sqlite"): [Measure("写入", 2.0, "s", 1.0, "ratio", 3.0)],
        ("bench_bulk_insert", "postgresql"): [Measure("写入", 8.0, "s", 2.0, "ratio", 3.0)],
        ("bench_stall", "sqlite"): [Measure("停顿", 40.0, "ms", 10.0, "max", 100)],
    }
    text = engine_table(_side_by_side([bulk, stall], found))
    header, _rule, written, stalled = text.splitlines()
    assert header.split() == list(ENGINE_HEADERS)
    # each ratio against the baseline of its own engine: 2 s / 1 s and 8 s / 2 s
    assert written.split() == ["写入", "2.00", "s", "1.00", "s", "2.00×", "8.00", "s", "2.00",
                               "s", "4.00×", "≤", "3×", "pass", "/", "FAIL"]  # fmt: skip
    assert SQLITE_ONLY in stalled and stalled.split()[-3:] == ["pass", "/", "—"]
    assert not bulk.sqlite_only and stall.sqlite_only
    assert {b.name for b in BENCHES if b.sqlite_only} == {
        "bench_window", "bench_stall", "bench_bundle"
    }  # fmt: skip
    # a benchmark that failed on SQLite still shows what the server gave
    alone = _side_by_side([bulk], {k: v for k, v in found.items() if k[1] == "postgresql"})
    assert engine_table(alone).splitlines()[2].split()[1:4] == ["did", "not", "run"]


@pytest.mark.slow
@pytest.mark.skipif(engines.SERVER is None, reason=f"{engines.PG_ENV} is not set")
def test_the_quick_run_on_both_engines_puts_the_server_beside_the_file() -> None:
    assert engines.SERVER is not None
    result = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick", "--pg", engines.SERVER,
         "--only", "bench_bulk_insert", "bench_summary", "bench_stall"],
        capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split() == list(ENGINE_HEADERS))
    rows = lines[header + 2 : header + 2 + 6]
    starts = ("demo --records", "summary（年度", "summary 与原始 SQL", "窗口最长停顿：删除",
              "窗口最长停顿：撤销", "窗口最长停顿：另一程序")  # fmt: skip
    for line, start in zip(rows, starts, strict=True):
        assert line.startswith(start), (line, start)
    assert rows[2].split()[-3:] == ["pass", "/", "pass"]  # the server's summary is right too
    assert all(SQLITE_ONLY in r for r in rows[3:]) and not any(SQLITE_ONLY in r for r in rows[:3])
    assert "PostgreSQL 1" in result.stdout  # the server's version, under the machine
    assert "on PostgreSQL" in result.stderr and "(SQLite only)" in result.stdout
