"""Build the one-folder PairTrack bundle with PyInstaller, or reuse an up-to-date one.

    python packaging/build.py [--dist DIR] [--work DIR] [--force] [--no-trim] [--installer]

The result is DIST/PairTrack/ holding PairTrack(.exe) (the window, no console) and
pairtrack-cli(.exe) (the commands), on the build machine's system: PyInstaller does not
cross-compile, so the Windows bundle is built on Windows (docs/deploy.md). A build is reused
when nothing it is made from changed (the code, the resources, the spec and the installed
packages' versions); --force builds anyway. Prints the time taken, the bundle's size and what
the trimming dropped (PAIRTRACK_BUNDLE_TRIM=0 / --no-trim: the untrimmed size). On Windows,
--installer then compiles packaging/pairtrack.iss with Inno Setup's ISCC.exe into
DIST/installer/PairTrack-<version>-setup.exe.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bundle  # noqa: E402

ROOT = bundle.ROOT
SPEC = HERE / "pairtrack.spec"
INSTALLER_SCRIPT = HERE / "pairtrack.iss"
# Where Inno Setup 6 installs itself (for all users, or per user); Windows reads environment
# variable names in any case.
ISCC_PLACES = tuple(
    Path(os.environ.get(variable, default)) / folder / "ISCC.exe"
    for variable, default, folder in (
        ("PROGRAMFILES(X86)", r"C:\Program Files (x86)", "Inno Setup 6"),
        ("PROGRAMFILES", r"C:\Program Files", "Inno Setup 6"),
        ("LOCALAPPDATA", "", r"Programs\Inno Setup 6"),
    )
)
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


@dataclass(frozen=True)
class Built:
    folder: Path  # DIST/PairTrack
    seconds: float  # 0 when reused
    reused: bool

    @property
    def gui(self) -> Path:
        return self.folder / f"{bundle.APP_NAME}{EXE_SUFFIX}"

    @property
    def cli(self) -> Path:
        return self.folder / f"{bundle.CLI_NAME}{EXE_SUFFIX}"


def inputs_digest(trim: bool) -> str:
    """What the bundle is made from: every file of our packages, the spec and its rules, and
    the Python and package versions it would freeze."""
    digest = hashlib.sha256(f"{sys.version}|trim={trim}".encode())
    files = [ROOT / "main.py", ROOT / "setup.cfg", SPEC, HERE / "bundle.py"]
    for package in bundle.PACKAGES:
        folder = ROOT / package
        if folder.is_dir():
            files += (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder`` (links not followed, not counted twice)."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def build(
    dist: Path = ROOT / "dist",
    work: Path = ROOT / "build" / "pyinstaller",
    *,
    force: bool = False,
    trim: bool = True,
) -> Built:
    folder = dist / bundle.APP_NAME
    stamp = work / "inputs.json"
    digest = inputs_digest(trim)
    result = Built(folder, 0.0, True)
    fresh = result.gui.exists() and result.cli.exists() and stamp.exists()
    if fresh and not force and json.loads(stamp.read_text("utf-8")).get("inputs") == digest:
        return result
    stamp.unlink(missing_ok=True)  # an interrupted build is never taken for a finished one
    env = dict(os.environ, PAIRTRACK_BUNDLE_TRIM="1" if trim else "0")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--log-level=WARN",
            f"--distpath={dist}",
            f"--workpath={work}",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - start
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"inputs": digest}), encoding="utf-8")
    return Built(folder, seconds, False)


def trimmed(work: Path) -> tuple[int, int]:
    """Bytes and number of files the last build's trimming dropped."""
    report = work / "pairtrack" / "trimmed.txt"
    if not report.exists():
        return 0, 0
    sizes = [int(line.split("\t")[0]) for line in report.read_text("utf-8").splitlines() if line]
    return sum(sizes), len(sizes)


def find_iscc() -> Path | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    return next((place for place in ISCC_PLACES if place.is_file()), None)


def installer(built: Built, dist: Path) -> Path:
    """Compile the Inno Setup script for this version; the setup program's path."""
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit(
            "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php "
            "or put ISCC.exe on PATH (Windows only)."
        )
    sys.path.insert(0, str(ROOT))
    from pairtrack.tracker import __version__

    output = dist / "installer"
    subprocess.run(
        [
            str(iscc),
            f"/DAppVersion={__version__}",
            f"/DBundleDir={built.folder}",
            f"/O{output}",
            str(INSTALLER_SCRIPT),
        ],
        check=True,
    )
    return output / f"PairTrack-{__version__}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder PairTrack bundle.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--force", action="store_true", help="build even if up to date")
    parser.add_argument("--no-trim", action="store_true", help="keep every Qt plugin/translation")
    parser.add_argument("--installer", action="store_true", help="then run Inno Setup (Windows)")
    args = parser.parse_args(argv)
    result = build(args.dist, args.work, force=args.force, trim=not args.no_trim)
    size, files = folder_size(result.folder)
    if result.reused:
        print(f"up to date: {result.folder}")
    else:
        print(f"built {result.folder} in {result.seconds:.0f} s")
    print(f"bundle: {size / 1e6:.1f} MB in {files} files")
    if not args.no_trim:
        dropped, count = trimmed(args.work)
        print(
            f"trimmed: {count} Qt files, {dropped / 1e6:.1f} MB (list: {args.work}/pairtrack/trimmed.txt)"
        )
    if args.installer:
        print(f"installer: {installer(result, args.dist)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
