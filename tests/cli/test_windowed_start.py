"""A command given to the windowed program (PairTrack.exe, or ``pairtrack`` from gui_scripts on
Windows) runs to the end although the process has no stdout or stderr to write to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
WINDOWED = """
import sys
sys.stdout = sys.stderr = None  # as pythonw and a windowed PyInstaller program start
from pairtrack.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_demo_and_an_export_with_its_progress_bar_run_without_streams(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    db, out = tmp_path / "台账.db", tmp_path / "导出.xlsx"
    for args in (["demo"], ["export", "--format", "xlsx", "-o", str(out)]):
        done = subprocess.run(
            [sys.executable, "-c", WINDOWED, "--db", str(db), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, args
    book = load_workbook(out, read_only=True)
    assert len(book.sheetnames) >= 7
    book.close()
