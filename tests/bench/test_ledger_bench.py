"""The ledger-import benchmark runs end to end on a small workbook (``--rows 200``): it builds
the office-layout workbook, times the three cases, and its real import finds exactly the
records and 疑似重复 the generator planned and leaves a database that ``check`` passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.ledger_import import plan

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_small_and_checks_what_it_imported() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.ledger_import", "--rows", "200", "--repeat", "1",
         "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert plan(200) == {"records": 200, "inserted": 198, "duplicates": 2, "problems": 0}
    details = result.stderr  # the details; stdout has the rows of the report
    assert f"import found what was generated: {plan(200)}; check passed" in details
    for case in ("calamine", "dry", "real"):
        assert any(line.startswith(case) and " s " in line for line in details.splitlines())
    assert "ratio dry" in details and "ratio real" in details
    assert "200 行单位自制台账实际导入" in result.stdout and "as generated" in result.stdout
