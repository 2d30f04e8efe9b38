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
for pkg in ("pairtrack.db", "pairtrack.tracker"):
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
    probe = BLOCK_QT.replace(
        'for pkg in ("pairtrack.db", "pairtrack.tracker"):', 'for pkg in ("PySide6",):'
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Qt imported" in result.stderr


def test_only_ui_imports_qt() -> None:
    """Qt appears in ui/ (and GUI tests) only; main.py reaches the window through ui.app.
    (packaging/ names Qt's files for the bundle; dist/ is a built bundle.)"""
    offenders = []
    skipped = ("tests", ".venv", "build", "dist", "tools", "bench", "packaging")
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in skipped or relative.parts[:2] == ("pairtrack", "ui"):
            continue
        text = path.read_text(encoding="utf-8")
        if "PySide6" in text or "shiboken6" in text:
            offenders.append(str(relative))
    assert offenders == []


def test_ui_never_talks_to_the_database_directly() -> None:
    """Widgets call tracker services; SQLAlchemy and sqlite3 stay out of ui/ (habit 1)."""
    offenders = []
    for path in (ROOT / "pairtrack" / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("import sqlalchemy", "from sqlalchemy", "sqlite3")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def _module_imports(path: Path) -> set[str]:
    """Every module ``path`` names in an import: at the top, for type checking, or lazily
    inside a function (a lazy import hides a cycle rather than removing it)."""
    import ast

    found: set[str] = set()
    for sub in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(sub, ast.Import):
            found.update(alias.name for alias in sub.names)
        elif isinstance(sub, ast.ImportFrom) and sub.module and sub.level == 0:
            found.add(sub.module)
            found.update(f"{sub.module}.{alias.name}" for alias in sub.names)
    return found


def test_the_domain_layer_has_no_import_cycle() -> None:
    """Before: tracker.ledger and tracker.services imported each other."""
    modules: dict[str, Path] = {}
    for path in [*ROOT.glob("pairtrack/tracker/**/*.py"), *ROOT.glob("pairtrack/db/*.py")]:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph = {name: {m for m in _module_imports(path) if m in modules and m != name}
             for name, path in modules.items()}  # fmt: skip

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, set()))
    assert cycles == []
    assert not reaches("pairtrack.tracker.services.base", "pairtrack.tracker.ledger", set())
