"""What goes into the PyInstaller bundle, and what is trimmed out of it.

Read by ``pairtrack.spec`` (the build), ``build.py`` (the report) and the tests, so that the
rules live in one place. No PyInstaller import at module level: the tests read the rules
without it.

This folder has no ``__init__.py`` on purpose: a regular package named ``packaging`` would
shadow the PyPI ``packaging`` that pip, setuptools and PyInstaller import.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP_NAME = "PairTrack"  # the folder and the windowed program
CLI_NAME = "pairtrack-cli"  # the console program beside it
ICON = ROOT / "pairtrack" / "resources" / "icons" / "app.ico"
# Our own packages, collected whole: tracker.brief loads its parts by name (importlib), and
# a module missed by the import graph would only fail in a user's hands.
PACKAGES = ("pairtrack",)
# The PostgreSQL client (``--db postgresql://…``). SQLAlchemy imports the driver by name only
# when a server URL is opened, so the import graph never reaches it: named here. psycopg loads
# its libpq binding by name too (psycopg_binary, else a system libpq through ctypes), and the
# binary wheel carries libpq with OpenSSL and Kerberos beside it (psycopg_binary.libs on Linux,
# psycopg_binary.libs / delvewheel DLLs on Windows), which PyInstaller collects as the
# extension's dependencies: Windows offices have no libpq of their own.
SERVER_CLIENT = ("psycopg", "psycopg_binary")
# Data folders copied as files (bundle path = repository path), so that the code finds them
# beside itself exactly as in a source checkout: resources.ROOT and db.migrate.MIGRATIONS are
# Path(__file__).parent, and PyInstaller sets a frozen module's __file__ to
# sys._MEIPASS/<package>/<module>.pyc. Alembic reads the migration scripts as .py files.
DATA_DIRS = (
    "pairtrack/resources/fonts",
    "pairtrack/resources/icons",
    "pairtrack/resources/regions",
    "pairtrack/resources/translations",  # when there are any
    "pairtrack/db/migrations",
)
DATA_SKIP = ("__pycache__", "*.pyc")
# python-docx opens its templates as docx/parts/../templates/…: on Linux every folder of such
# a path must exist, so docx's modules go into the folder as files rather than the archive.
MODULE_COLLECTION_MODE = {"docx": "pyc"}

# Not used by PairTrack at run time; some are pulled in by optional imports of libraries.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "pypdf",
    "IPython",
    "pydoc_data",
    "PIL.ImageQt",  # would pull in a second Qt binding
    "PIL.ImageTk",
)

# Qt plugins: what the window uses. The ones not listed are dropped with their libraries.
QT_PLUGINS_KEPT = (
    # windows of the desktop (Windows, X11, Wayland) and offscreen (CI, the smoke start)
    "platforms/*qwindows*",
    "platforms/*qxcb*",
    "platforms/*qwayland*",
    "platforms/*qoffscreen*",
    "wayland-*/*",
    "xcbglintegrations/*",
    # the native look: the Windows 11 style and the Linux desktop themes (native file dialogs)
    "styles/*",
    "platformthemes/*",
    # typing Chinese: fcitx, ibus and compose input methods on Linux (not Qt's on-screen
    # keyboard, which alone pulls in Qt Quick and QML: 17 MB)
    "platforminputcontexts/*compose*",
    "platforminputcontexts/*ibus*",
    "platforminputcontexts/*fcitx*",
    # the icons are SVG files; .ico for the window icon
    "imageformats/*qsvg*",
    "imageformats/*qico*",
    "iconengines/*qsvgicon*",
    # 打印 from the brief preview
    "printsupport/*",
)
# Qt's own strings (standard buttons, file dialogs) in Chinese, for the window to load as
# "qtbase_zh_CN" from QLibraryInfo's TranslationsPath. Not qt_zh_CN.qm: that catalog only
# points to those of every Qt module, most of them not in the bundle, and fails to load.
QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm",)

# Windows: the software OpenGL renderer and its shader compiler (about 25 MB), collected for
# OpenGL content; PairTrack's widgets, chart and PDF preview all paint without OpenGL.
QT_FILES_DROPPED = ("opengl32sw.dll", "d3dcompiler_*.dll")

# Qt's plugins and translations: PySide6/Qt/… in the Linux and macOS wheels, PySide6/… on Windows
QT_DIR = re.compile(r"^PySide6/(?:Qt/)?(plugins|translations)/(.+)$", re.IGNORECASE)


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for every data file, python-docx's templates aside."""
    found = []
    for folder in DATA_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(root)
            if path.is_dir() or any(
                fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in DATA_SKIP
            ):
                continue
            found.append((str(path), relative.parent.as_posix()))
    return found


def migration_imports(root: Path = ROOT) -> list[str]:
    """Modules the migration scripts import: Alembic loads them from files, so the import
    graph never sees them, and a module only they use must be named to PyInstaller."""
    modules: set[str] = set()
    for path in (root / "pairtrack" / "db" / "migrations").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
    modules.discard("__future__")
    return sorted(modules)


def server_client() -> tuple[str, ...]:
    """The PostgreSQL client packages to collect whole; refuses to build without them, since
    a bundle without libpq would only fail in an office that opens a server ledger."""
    missing = [name for name in SERVER_CLIENT if importlib.util.find_spec(name) is None]
    if missing:
        raise SystemExit(
            f"cannot bundle the PostgreSQL client: {', '.join(missing)} not installed "
            '(pip install "psycopg[binary]", constraints.txt has the tested version)'
        )
    return SERVER_CLIENT


def qt_kept(dest: str) -> bool:
    """Whether the file at ``dest`` (its path in the bundle) is kept: Qt's plugins and
    translations only when listed, everything else but the OpenGL fallbacks."""
    dest = dest.replace("\\", "/")
    if dest.startswith("PySide6/") and any(
        fnmatch.fnmatch(dest.rsplit("/", 1)[-1].lower(), pattern) for pattern in QT_FILES_DROPPED
    ):
        return False
    match = QT_DIR.match(dest)
    if match is None:
        return True
    kind, rest = match.groups()
    if kind.lower() == "translations":
        return rest in QT_TRANSLATIONS_KEPT
    return any(fnmatch.fnmatch(rest, pattern) for pattern in QT_PLUGINS_KEPT)


def trim(entries: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """Split a PyInstaller TOC (tuples ``(dest, source, kind)``) into the Qt plugins and
    translations kept and those dropped; everything else is kept."""
    kept, dropped = [], []
    for entry in entries:
        (kept if qt_kept(entry[0]) else dropped).append(entry)
    return kept, dropped


def is_qt_library(dest: str) -> bool:
    """Qt's own libraries (and the ICU that the Linux wheels ship with them): dropped when
    nothing kept links to them. Other libraries stay, since some are only ever loaded by
    name at run time."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return bool(QT_LIBRARY.match(name))


QT_LIBRARY = re.compile(r"^(?:lib)?(?:Qt6\w+|icu\w+)\.(?:so|dll)", re.IGNORECASE)


def unlinked_qt_libraries(binaries: list[Any]) -> set[str]:
    """Bundle paths of the Qt libraries that no kept binary links to, directly or through
    another library (PyInstaller collected them for the plugins dropped)."""
    from PyInstaller.depend.bindepend import get_imports

    by_name = {
        Path(dest).name.lower(): (dest, src)
        for dest, src, kind in binaries
        if kind != "SYMLINK" and is_qt_library(dest)
    }
    todo = [src for dest, src, kind in binaries if kind != "SYMLINK" and not is_qt_library(dest)]
    reached: set[str] = set()
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name, _path in get_imports(src):
            entry = by_name.get(Path(name).name.lower())
            if entry and entry[0] not in reached:
                reached.add(entry[0])
                todo.append(entry[1])
    return {dest for dest, _src in by_name.values()} - reached


def trim_analysis(binaries: list[Any], datas: list[Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """Drop the unused Qt plugins and translations, then the Qt libraries only they needed
    and the links to those in the top folder (PyInstaller lists links among the datas);
    returns the binaries, datas and what was dropped."""
    binaries, dropped = trim(binaries)
    datas, dropped_data = trim(datas)
    unlinked = unlinked_qt_libraries(binaries)

    def orphan(entry: Any) -> bool:
        dest, src, kind = entry[:3]
        return dest in unlinked or (kind == "SYMLINK" and src.replace("\\", "/") in unlinked)

    dropped += [e for e in binaries if orphan(e)] + [e for e in datas if orphan(e)]
    binaries = [e for e in binaries if not orphan(e)]
    datas = [e for e in datas if not orphan(e)]
    return binaries, datas, dropped + dropped_data


def write_trim_report(dropped: list[Any], folder: str | Path) -> Path:
    """One line per dropped file (size in bytes, bundle path), read by build.py."""
    lines = []
    for dest, src, kind in (entry[:3] for entry in dropped):
        size = 0 if kind == "SYMLINK" else Path(src).stat().st_size
        lines.append(f"{size}\t{dest}")
    path = Path(folder) / "trimmed.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(sorted(lines, key=lambda line: line.split("\t")[1])) + "\n", encoding="utf-8"
    )
    return path


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """ "0.1.0" → (0, 1, 0, 0): Windows versions are four numbers."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return (*numbers, *[0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_strings(version: str) -> dict[str, str]:
    """The text fields of the Windows version resource (Explorer → 属性 → 详细信息)."""
    return {
        "CompanyName": "PairTrack",
        "FileDescription": "PairTrack 对口帮扶项目台账",
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": "PairTrack 对口帮扶项目台账",
        "ProductVersion": version,
    }


def version_file_text(version: str, original_filename: str) -> str:
    """The Windows version resource of one program, in PyInstaller's text form (a Python
    expression it evaluates on Windows; off Windows the resource is ignored)."""
    numbers = version_tuple(version)
    strings = version_strings(version) | {"OriginalFilename": original_filename}
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0804: Chinese (PRC); 1200 (0x04B0): Unicode
    return f"""# -*- coding: utf-8 -*-
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[
    StringFileInfo([
      StringTable(
        "080404B0",
        [
{table},
        ],
      ),
    ]),
    VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
  ],
)
"""


def write_version_file(version: str, original_filename: str, folder: str | Path) -> str:
    path = Path(folder) / f"version-{Path(original_filename).stem}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_file_text(version, original_filename), encoding="utf-8")
    return str(path)
