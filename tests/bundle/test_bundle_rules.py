"""What the PyInstaller bundle holds and what its trimming drops (packaging/bundle.py), the
Windows version resource and the icon. The bundle itself: test_bundle_smoke.py (slow)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from pairtrack.tracker import __version__
from tests.bundle.packaging_modules import ROOT, load

bundle = load("bundle")


def test_the_migrations_fonts_icons_and_region_table_go_in_as_files() -> None:
    placed = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in bundle.data_files()}
    versions = sorted((ROOT / "pairtrack" / "db" / "migrations" / "versions").glob("[0-9]*_*.py"))
    assert len(versions) >= 7
    for path in [
        *versions,
        ROOT / "pairtrack/db/migrations/env.py",
        ROOT / "pairtrack/db/migrations/script.py.mako",
    ]:
        relative = path.relative_to(ROOT)
        assert (relative.as_posix(), relative.parent.as_posix()) in placed
    for folder in ("fonts", "icons", "regions"):
        for path in (ROOT / "pairtrack" / "resources" / folder).iterdir():
            assert (
                f"pairtrack/resources/{folder}/{path.name}",
                f"pairtrack/resources/{folder}",
            ) in placed
    assert ("pairtrack/resources/icons/app.ico", "pairtrack/resources/icons") in placed
    assert not [src for src, _dest in placed if "__pycache__" in src or src.endswith(".pyc")]


def test_a_module_only_a_migration_imports_is_named_to_pyinstaller(tmp_path: Path) -> None:
    assert {"alembic", "sqlalchemy"} <= set(bundle.migration_imports())
    versions = tmp_path / "pairtrack" / "db" / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "0099_new.py").write_text(
        "from __future__ import annotations\nimport csv\nfrom xml.dom import minidom\n"
        "def upgrade():\n    import zipfile\n",
        encoding="utf-8",
    )
    assert bundle.migration_imports(tmp_path) == ["csv", "xml.dom", "zipfile"]


def test_the_postgresql_client_is_named_and_the_build_refuses_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLAlchemy imports psycopg only when a server URL is opened: the spec names psycopg
    and psycopg_binary (libpq inside) itself, and a build without them stops."""
    assert bundle.server_client() == ("psycopg", "psycopg_binary")
    spec = (ROOT / "packaging" / "pairtrack.spec").read_text(encoding="utf-8")
    assert "bundle.server_client()" in spec
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "psycopg_binary" else found(name)
    )
    with pytest.raises(SystemExit, match="psycopg_binary not installed"):
        bundle.server_client()


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6\\translations\\qtbase_zh_CN.qm",
        # not Qt's plugins or translations: never trimmed
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "pairtrack/resources/fonts/PairTrackSansSC-Regular.ttf",
        "lxml/etree.cpython-311-x86_64-linux-gnu.so",
    ],
)
def test_kept(dest: str) -> None:
    assert bundle.qt_kept(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6\\plugins\\platforms\\qdirect2d.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6/Qt/translations/qtwebengine_zh_CN.qm",
        "PySide6\\opengl32sw.dll",
        "PySide6\\d3dcompiler_47.dll",
    ],
)
def test_dropped(dest: str) -> None:
    assert not bundle.qt_kept(dest)


@pytest.mark.skipif(sys.platform != "linux", reason="reads the Linux wheel's libraries")
def test_a_qt_library_only_a_dropped_plugin_needed_goes_too() -> None:
    pytest.importorskip("PyInstaller")
    qt = Path(sys.modules["PySide6.QtWidgets"].__file__ or "").parent
    binaries = [
        ("PySide6/QtWidgets.abi3.so", str(qt / "QtWidgets.abi3.so"), "EXTENSION"),
        *(
            (f"PySide6/Qt/lib/{lib.name}", str(lib), "BINARY")
            for name in ("Core", "Gui", "DBus", "Widgets", "Quick", "Qml")
            for lib in (qt / "Qt" / "lib").glob(f"libQt6{name}.so.6")
        ),
    ]
    # PyInstaller lists the links from the top folder among the datas
    links = [
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
    ]
    assert bundle.unlinked_qt_libraries(binaries) == {
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
    }
    kept, datas, dropped = bundle.trim_analysis(binaries, links)
    assert {entry[0] for entry in dropped} == {
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "libQt6Quick.so.6",
    }
    assert "PySide6/Qt/lib/libQt6Widgets.so.6" in {entry[0] for entry in kept}
    assert datas == [links[1]]


def test_the_windows_version_resource_names_this_version() -> None:
    def record(kind: str):  # stands in for PyInstaller's classes (Windows only: pefile)
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    namespace = {name: record(name) for name in (*names, "VarFileInfo", "VarStruct")}
    text = bundle.version_file_text(__version__, "PairTrack.exe")
    info = eval(text, namespace)  # how PyInstaller reads the file
    fixed = info[2]["ffi"][2]
    numbers = tuple(int(n) for n in __version__.split("."))
    assert fixed["filevers"] == fixed["prodvers"] == (*numbers, *(0,) * (4 - len(numbers)))
    table = info[2]["kids"][0][1][0][0]
    assert table[1][0] == "080404B0"
    strings = {struct[1][0]: struct[1][1] for struct in table[1][1]}
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["OriginalFilename"] == "PairTrack.exe"
    assert "对口帮扶" in strings["ProductName"]
    assert bundle.version_tuple("1.2") == (1, 2, 0, 0)
    assert bundle.version_tuple("2.0.1rc1") == (2, 0, 1, 1)


def test_the_program_icon_holds_every_windows_size(tmp_path: Path) -> None:
    icon = Image.open(bundle.ICON)
    assert {16, 24, 32, 48, 256} <= {w for w, h in icon.info["sizes"] if w == h}
    # Drawn from app.svg at each size, not a scaled 256 px picture: the tool makes it again.
    pytest.importorskip("PySide6.QtSvg")
    tools = load_tool()
    made = tools.make_icon(target=tmp_path / "app.ico")
    for size in (16, 256):
        ours, again = Image.open(bundle.ICON), Image.open(made)
        ours.size = again.size = (size, size)  # picks that size's picture
        small = ours.convert("RGBA")
        assert small.size == (size, size)
        assert len(small.getcolors(size * size) or []) > 8  # a picture, not a flat square
        assert abs(_mean(small) - _mean(again.convert("RGBA"))) < 3


def load_tool():  # tools/ is not a package either
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "tools" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mean(image: Image.Image) -> float:
    return sum(ImageStat.Stat(image).mean) / 4


def test_the_spec_and_the_installer_script_are_where_the_docs_say() -> None:
    for name in ("pairtrack.spec", "build.py", "bundle.py", "pairtrack.iss"):
        assert (ROOT / "packaging" / name).is_file(), name
    assert not (ROOT / "packaging" / "__init__.py").exists()  # would shadow PyPI "packaging"


def test_the_installer_is_per_user_and_leaves_the_data_folder() -> None:
    script = (ROOT / "packaging" / "pairtrack.iss").read_text(encoding="utf-8-sig")
    settings = {
        key.strip(): value.strip()
        for key, _, value in (
            line.partition("=") for line in script.splitlines() if not line.startswith(";")
        )
    }
    assert settings["PrivilegesRequired"] == "lowest"  # no administrator, no UAC prompt
    assert "PrivilegesRequiredOverridesAllowed" not in settings
    assert settings["DefaultDirName"] == r"{autopf}\PairTrack"
    assert settings["SetupIconFile"] == r"..\pairtrack\resources\icons\app.ico"
    # the data folder (pairtrack/tracker/paths.py) is never named for deletion
    sections = script.split("\n[")
    deleting = [s for s in sections if s.startswith(("UninstallDelete]", "InstallDelete]"))]
    assert not any("{localappdata}" in s.lower() or "{userappdata}" in s.lower() for s in deleting)
    assert not any(s.startswith("UninstallDelete]") for s in sections)
    assert all(
        line.split("Name:")[1].strip().startswith('"{app}')
        for s in deleting
        for line in s.splitlines()[1:]
        if line.startswith("Type:")
    )
