"""The one-folder bundle works on a machine without Python: built with PyInstaller (or an
up-to-date build reused), copied to a folder whose path has Chinese characters and spaces, and
run with nothing of this checkout or its virtual environment in reach (PATH of an empty folder,
no PYTHONPATH, another HOME): the window starts offscreen, draws the dashboard and exits 0;
the commands load the demo, write the PDF and Word briefs and the Excel export, each exit 0,
and give the same text and figures as the program run from source. The PostgreSQL client is
inside too (psycopg with the libpq of its binary wheel): an unreachable server is reported by
libpq in the usual Chinese message, and with ``PAIRTRACK_TEST_PG`` the bundle loads the demo
into a fresh server database and reports on it as the source does.

Slow (a build takes 1–2 minutes here; reused while nothing changed): marked ``slow``. Skipped
where PyInstaller is not installed (``pip install -e ".[test,build]"``), unless
PAIRTRACK_BUNDLE_REQUIRED=1 (.ci/run) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from pairtrack.tracker import __version__
from tests import engines
from tests.bundle.packaging_modules import ROOT, load

pytestmark = pytest.mark.slow

OFFICE = ["--office-name", "廊坊市对口帮扶办公室", "--office-code", "131000", "--operator", "张三"]
BRIEF = ["brief", "--year", "2017", "--month", "11", "--appendix"]
GUARD = 600  # seconds: a guard against a hang, not a measurement


@pytest.fixture(scope="module")
def bundle_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("PAIRTRACK_BUNDLE_REQUIRED") == "1":
            pytest.fail("PyInstaller is not installed: pip install -e '.[test,build]'")
        pytest.skip("PyInstaller is not installed (the build extra)")
    built = load("build").build()
    # Somewhere else entirely, under a name with Chinese characters and spaces.
    target = tmp_path_factory.mktemp("bundle") / "试 点 bundle" / "PairTrack"
    shutil.copytree(built.folder, target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def bare_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment that offers no Python: PATH is an empty folder, HOME a fresh one."""
    home = tmp_path_factory.mktemp("home")
    nothing = tmp_path_factory.mktemp("empty-path")
    env = {"PATH": str(nothing), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    for name in ("SYSTEMROOT", "TEMP", "TMP", "TMPDIR"):  # Windows needs SYSTEMROOT
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run(program: Path, *args: str, env: dict[str, str], cwd: Path, code: int = 0) -> str:
    """The program's output (with ``code`` other than 0: what it printed to stderr)."""
    done = subprocess.run(
        [str(program), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=GUARD
    )
    assert done.returncode == code, (
        f"{program.name} {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout if code == 0 else done.stderr


def from_source(*args: str, cwd: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=GUARD,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def docx_text(path: Path) -> list[str]:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


def workbook_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def test_the_bundle_holds_both_programs_and_what_they_read(bundle_folder: Path) -> None:
    build = load("build")
    for name in ("PairTrack", "pairtrack-cli"):
        assert (bundle_folder / f"{name}{build.EXE_SUFFIX}").is_file()
    inside = bundle_folder / "_internal"
    versions = sorted(
        p.name for p in (ROOT / "pairtrack/db/migrations/versions").glob("[0-9]*_*.py")
    )
    assert (
        sorted(p.name for p in (inside / "pairtrack/db/migrations/versions").glob("*.py"))
        >= versions
    )
    assert (inside / "pairtrack/db/migrations/env.py").is_file()
    assert (inside / "docx/templates/default.docx").is_file()
    for folder in ("fonts", "icons", "regions"):
        for source in (ROOT / "pairtrack" / "resources" / folder).iterdir():
            assert (inside / "pairtrack" / "resources" / folder / source.name).is_file(), (
                source.name
            )
    # trimmed: one Qt translation, no on-screen keyboard and so no Qt Quick
    qt_translations = [p.name for p in (inside / "PySide6").rglob("*.qm")]
    assert qt_translations == ["qtbase_zh_CN.qm"]
    assert not [p for p in inside.rglob("*virtualkeyboard*")]
    assert not [p for p in inside.rglob("*Qt6Quick*")]


def test_the_commands_run_from_the_bundle_alone(
    bundle_folder: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils)")
    cli = bundle_folder / f"pairtrack-cli{load('build').EXE_SUFFIX}"
    work = bundle_folder.parent  # the folder with Chinese characters and spaces
    db = work / "台账 一.db"
    assert run(cli, "--version", env=bare_env, cwd=work).strip() == f"PairTrack {__version__}"
    assert "已装入演示数据" in run(cli, "--db", str(db), "demo", env=bare_env, cwd=work)
    run(cli, "--db", str(db), "settings", *OFFICE, env=bare_env, cwd=work)
    for suffix in ("pdf", "docx"):
        out = work / f"简报 一.{suffix}"
        assert "已生成简报" in run(
            cli, "--db", str(db), *BRIEF, "-o", str(out), env=bare_env, cwd=work
        )
    run(cli, "--db", str(db), "export", "--format", "xlsx", "-o", str(work / "导出 一.xlsx"),
        env=bare_env, cwd=work)  # fmt: skip
    assert "未发现问题" in run(cli, "--db", str(db), "check", env=bare_env, cwd=work)

    # The same ledger through the source: the same brief text and the same export.
    source = tmp_path / "source"
    source.mkdir()
    copy = source / "台账.db"
    shutil.copyfile(db, copy)
    from_source("--db", str(copy), *BRIEF, "-o", str(source / "简报.pdf"), cwd=source)
    from_source("--db", str(copy), *BRIEF, "-o", str(source / "简报.docx"), cwd=source)
    from_source("--db", str(copy), "export", "--format", "xlsx", "-o", str(source / "导出.xlsx"),
                cwd=source)  # fmt: skip
    bundled = pdf_text(work / "简报 一.pdf")
    assert "对口帮扶工作进展简报" in bundled and "9,178" in bundled  # the 9178 万元 agreement
    assert bundled == pdf_text(source / "简报.pdf")
    assert docx_text(work / "简报 一.docx") == docx_text(source / "简报.docx")
    exported = workbook_values(work / "导出 一.xlsx")
    assert exported == workbook_values(source / "导出.xlsx")
    assert sum(len(rows) - 1 for rows in exported.values()) > 500


def test_the_window_starts_from_the_bundle_and_draws_the_dashboard(
    bundle_folder: Path, bare_env: dict[str, str]
) -> None:
    suffix = load("build").EXE_SUFFIX
    work = bundle_folder.parent / "窗 口"
    work.mkdir()
    db = work / "台账 二.db"
    run(bundle_folder / f"pairtrack-cli{suffix}", "--db", str(db), "demo", env=bare_env, cwd=work)
    run(bundle_folder / f"pairtrack-cli{suffix}", "--db", str(db), "settings", *OFFICE,
        env=bare_env, cwd=work)  # fmt: skip
    picture = work / "窗口 截图.png"
    env = dict(bare_env, PAIRTRACK_SMOKE=str(picture))
    run(bundle_folder / f"PairTrack{suffix}", "--db", str(db), env=env, cwd=work)
    image = Image.open(picture)
    assert image.width >= 640 and image.height >= 480
    assert len(image.convert("RGB").getcolors(image.width * image.height) or []) > 50
    assert (work / "backups").is_dir()  # the window's first-start-of-the-day backup


def test_the_bundle_holds_the_postgresql_client(
    bundle_folder: Path, bare_env: dict[str, str]
) -> None:
    """Nothing listens on port 1: the refusal comes from libpq inside the bundle (its
    "Connection refused", which ``db.reach`` reads as 没有在这个端口上接受连接), not "no
    psycopg"."""
    cli = bundle_folder / f"pairtrack-cli{load('build').EXE_SUFFIX}"
    work = bundle_folder.parent
    said = run(cli, "--db", "postgresql://nobody@127.0.0.1:1/ledger", "check", env=bare_env,
               cwd=work, code=1)  # fmt: skip
    assert "无法连接数据库服务器" in said and "没有在这个端口上接受连接" in said, said
    assert "没有 PostgreSQL 客户端" not in said and "Traceback" not in said
    inside = bundle_folder / "_internal"
    assert [p for p in inside.rglob("*") if p.name.lower().startswith(("libpq", "pq."))], (
        "libpq is not in the bundle"
    )


@pytest.mark.skipif(engines.SERVER is None, reason=f"{engines.PG_ENV} is not set")
def test_the_bundle_works_on_a_server_database(
    bundle_folder: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    cli = bundle_folder / f"pairtrack-cli{load('build').EXE_SUFFIX}"
    work = bundle_folder.parent
    with engines.database("postgresql", tmp_path, migrated=False) as url:
        assert "已装入演示数据" in run(cli, "--db", url, "demo", env=bare_env, cwd=work)
        summary = run(cli, "--db", url, "summary", "--year", "2017", env=bare_env, cwd=work)
        assert "35,000.00" in summary  # 财政援助资金（到位）, 2017
        assert summary == from_source("--db", url, "summary", "--year", "2017", cwd=tmp_path)
        assert "未发现问题" in run(cli, "--db", url, "check", env=bare_env, cwd=work)
