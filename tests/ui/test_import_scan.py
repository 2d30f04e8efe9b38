"""PySide6's check of every module imported after it (``ui.import_scan``): the same answer as
shiboken's own, without reading each module's source through ``inspect``."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import pairtrack.ui  # noqa: F401  (installs the check)
from pairtrack.ui import import_scan


def shibokens_answer(module: ModuleType) -> bool:
    """What ``shibokensupport.feature._mod_uses_pyside`` (PySide6 6.11) answers."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def feature() -> Any:
    module = sys.modules.get("shibokensupport.feature")
    if module is None:
        pytest.skip("this PySide6 has no per-import check")
    return module


def test_the_window_package_puts_the_cheap_check_in_place() -> None:
    assert feature()._mod_uses_pyside is import_scan.uses_pyside


def test_it_answers_as_shiboken_for_every_module_loaded_here() -> None:
    """Qt's modules, SQLAlchemy's, the standard library's, the program's and the tests':
    every module this test run has loaded, files or not."""
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    assert len(modules) > 500
    differ = [m.__name__ for m in modules if import_scan.uses_pyside(m) != shibokens_answer(m)]
    assert differ == []
    assert any(import_scan.uses_pyside(m) for m in modules)  # the window's own modules
    assert not import_scan.uses_pyside(sys)  # built in


def test_a_module_imported_now_is_still_recorded_as_shiboken_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook itself still runs: a new module mentioning PySide6 is one that may switch
    features (0), any other is ignored (-1)."""
    kept = feature().pyside_feature_dict
    (tmp_path / "scan_probe_qt.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "scan_probe_plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("scan_probe_qt", "scan_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        __import__(name)  # the import statement's path, where shiboken's hook sits
    try:
        assert kept["scan_probe_qt"] == 0
        assert kept["scan_probe_plain"] == -1
    finally:
        for name in ("scan_probe_qt", "scan_probe_plain"):
            kept.pop(name, None)
            sys.modules.pop(name, None)


def test_a_file_it_cannot_read_is_a_module_without_qt(tmp_path: Path) -> None:
    gone = ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # as in a bundle: the path of no file
    assert import_scan.uses_pyside(gone) is False
    compiled = ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.so")
    assert import_scan.uses_pyside(compiled) is False
