"""What ``pip install .`` installs: the licence, complete dependencies, a constraints file of
tested versions, the window and command entry points, ``python -m pairtrack``; and (slow) the
wheel itself holds the migrations, the icon and the licence."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pairtrack.tracker import __version__

ROOT = Path(__file__).resolve().parents[1]
FIRST_PARTY = ("pairtrack",)
# PySide6 is a meta-package: its modules come in wheels it requires.
PROVIDED_THROUGH = {"pyside6-essentials": "pyside6", "pyside6-addons": "pyside6"}
PROVIDED_THROUGH["shiboken6"] = "pyside6"


def setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def requirements(text: str) -> list[Requirement]:
    lines = (line.strip() for line in text.splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith(("#", "%"))]


def imported_modules() -> set[str]:
    """Top-level names that the program's own code imports (not its tests or tools)."""
    files = [p for package in FIRST_PARTY for p in (ROOT / package).rglob("*.py")]
    found: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in FIRST_PARTY}


def test_the_licence_is_the_full_gpl_3_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "Version 3, 29 June 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text and "How to Apply These Terms" in text
    assert len(text.splitlines()) > 600
    metadata_section = setup_cfg()["metadata"]
    assert metadata_section["license"] == "GPL-3.0-or-later"
    assert metadata_section["license_files"].strip() == "LICENSE"


def test_every_library_the_code_imports_is_declared() -> None:
    declared = {
        canonicalize_name(r.name) for r in requirements(setup_cfg()["options"]["install_requires"])
    }
    providers = metadata.packages_distributions()
    missing = []
    for module in sorted(imported_modules()):
        names = {canonicalize_name(d) for d in providers.get(module, [module])}
        if not names & declared and not {PROVIDED_THROUGH.get(n) for n in names} & declared:
            missing.append(f"{module} (from {', '.join(sorted(names))})")
    assert not missing, "imported but not in install_requires: " + "; ".join(missing)
    assert "pillow" in declared  # the brief's chart picture in the Word brief


def test_the_constraints_pin_every_requirement_at_a_version_it_allows() -> None:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    config = setup_cfg()
    wanted = requirements(config["options"]["install_requires"])
    for extra in ("test", "build"):
        wanted += requirements(config["options.extras_require"][extra])
    for requirement in wanted:
        version = pins.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is not in constraints.txt"
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_pairtrack_is_the_window_and_pairtrack_cli_the_commands() -> None:
    points = setup_cfg()["options.entry_points"]
    assert requirements_lines(points["gui_scripts"]) == ["pairtrack = pairtrack.main:main"]
    assert requirements_lines(points["console_scripts"]) == ["pairtrack-cli = pairtrack.main:main"]
    extras = setup_cfg()["options.extras_require"]
    assert [r.name for r in requirements(extras["build"])] == ["pyinstaller"]


def requirements_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_python_dash_m_pairtrack_runs_the_program(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "pairtrack", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"PairTrack {__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "pairtrack", "no-such-command"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2  # usage error, as from the installed command


@pytest.mark.slow
def test_the_wheel_holds_the_program_its_data_and_the_licence(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
        ),
    )
    # setuptools before 70.1 needs the wheel package for bdist_wheel; without it, pip fetches
    # both into an isolated build environment (the package index must be reachable)
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("wheel") else []
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation,
         "-w", str(tmp_path / "wheel"), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp_path / "wheel").glob("pairtrack-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = f"pairtrack-{__version__}.dist-info"
    read = zipfile.ZipFile(wheel).read
    top_level = set(read(f"{info}/top_level.txt").decode().split())
    assert top_level == {"pairtrack"}
    entry_points = read(f"{info}/entry_points.txt").decode()
    assert "[gui_scripts]\npairtrack = pairtrack.main:main" in entry_points
    assert "[console_scripts]\npairtrack-cli = pairtrack.main:main" in entry_points
    assert any(n.startswith(f"{info}/") and n.endswith("LICENSE") for n in names)
    versions = (ROOT / "pairtrack/db/migrations/versions").glob("[0-9]*_*.py")
    for path in [
        *versions,
        ROOT / "pairtrack/db/migrations/env.py",
        ROOT / "pairtrack/db/migrations/script.py.mako",
    ]:
        assert path.relative_to(ROOT).as_posix() in names
    for path in (
        "pairtrack/resources/icons/app.ico",
        "pairtrack/resources/regions/gbt2260.csv",
        "pairtrack/__main__.py",
    ):
        assert path in names
    assert "Requires-Dist: Pillow>=10.0" in read(f"{info}/METADATA").decode()
