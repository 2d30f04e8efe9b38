"""db/ and tracker/ must work where Qt cannot even be imported (STYLE habit 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK_QT = """
import importlib, pkgutil, sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
            raise ImportError(f"Qt imported: {name}")
for pkg in ("db", "tracker"):
    sys.meta_path.insert(0, Blocker())
    module = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(module.__path__, pkg + "."):
        if ".migrations." in info.name:
            continue  # Alembic loads these itself, inside a migration run
        importlib.import_module(info.name)
print("ok")
"""


def test_db_and_tracker_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_blocker_really_blocks_qt() -> None:
    probe = BLOCK_QT.replace('for pkg in ("db", "tracker"):', 'for pkg in ("PySide6",):')
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Qt imported" in result.stderr
