"""The one-folder bundle (issue 15): its size, and start-up from the bundle vs from source.

Each figure is a whole process, the median of N runs after one warm-up run (files in the
page cache, as on the second start of the day), the bundle beside ``python main.py`` from this
checkout, and their ratio:
- ``--version``: how long before any command starts working (interpreter, imports, parser);
- ``demo`` into a new database: the migrations and a write, the heaviest start of a command;
- the window: start until the dashboard is drawn (PAIRTRACK_SMOKE: the window saves a
  picture of itself once the figures are shown, and exits).

Usage: python -m bench.bench_bundle [N] [--untrimmed] [--quick] [--json]   (N runs each: 5; 1 with --quick)
(builds the bundle first when it is missing or out of date: packaging/build.py; --untrimmed
also builds one without the trimming, into a temporary folder, to print both sizes)
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench.common import Measure, Size, bench_main, log

ROOT = Path(__file__).resolve().parents[1]


def load_build() -> ModuleType:
    # packaging/ is not a package (it would shadow the PyPI "packaging"): load by path
    spec = importlib.util.spec_from_file_location("build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build"] = module
    spec.loader.exec_module(module)
    return module


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (0 where not measured: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: Callable[[int], list[str]], env: dict[str, str], cwd: Path, repeat: int
) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of ``command(i)`` over ``repeat``
    runs, after one warm-up run. The CPU time is the steadier figure on a busy machine."""
    walls, cpus = [], []
    for i in range(repeat + 1):
        before = children_cpu()
        start = time.perf_counter()
        subprocess.run(command(i), env=env, cwd=cwd, check=True, capture_output=True)
        wall = time.perf_counter() - start
        if i:
            walls.append(wall)
            cpus.append(children_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def measure(size: Size, untrimmed: bool = False, repeat: int | None = None) -> list[Measure]:
    """The bundle's size and three start-ups, bundle vs source (``size.records`` is not
    used: the window starts on the demo data)."""
    repeat = repeat or size.repeat(5)
    build = load_build()
    built = build.build()
    bundle_size, files = build.folder_size(built.folder)
    log(
        f"bundle: {built.folder} ({'reused' if built.reused else f'built in {built.seconds:.0f} s'})"
    )
    log(f"bundle size: {bundle_size / 1e6:.1f} MB in {files} files")
    if untrimmed:
        scratch = Path(tempfile.mkdtemp(prefix="pairtrack-untrimmed-"))
        untrimmed_built = build.build(scratch / "dist", scratch / "work", trim=False)
        full, full_files = build.folder_size(untrimmed_built.folder)
        log(f"untrimmed: {full / 1e6:.1f} MB in {full_files} files; trimming saves "
            f"{(full - bundle_size) / 1e6:.1f} MB ({(full - bundle_size) / full:.0%})")  # fmt: skip
        shutil.rmtree(scratch)

    work = Path(tempfile.mkdtemp(prefix="pairtrack-bench-bundle-"))
    home = work / "home"
    home.mkdir()
    bundle_env = {"PATH": str(home), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    source_env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    source_env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    source = [sys.executable, str(ROOT / "main.py")]
    bundled_cli, bundled_gui = [str(built.cli)], [str(built.gui)]
    office = ["settings", "--office-name", "基准测试办公室", "--office-code", "131000"]
    db = work / "window.db"
    for step in (["demo"], office):
        subprocess.run([*bundled_cli, "--db", str(db), *step], env=bundle_env, check=True,
                       capture_output=True)  # fmt: skip

    Timing = tuple[float, float]

    def both(args: Callable[[int, str], list[str]], smoke: bool = False) -> tuple[Timing, Timing]:
        """(bundle, source) median seconds; ``args(i, side)`` gives run i's arguments."""
        picture = {"PAIRTRACK_SMOKE": str(work / "window.png")} if smoke else {}
        ours = bundled_gui if smoke else bundled_cli
        return (
            timed(lambda i: [*ours, *args(i, "b")], bundle_env | picture, work, repeat),
            timed(lambda i: [*source, *args(i, "s")], source_env | picture, work, repeat),
        )

    rows = {
        "--version": both(lambda _i, _side: ["--version"]),
        "demo 装入新数据库": both(lambda i, side: ["--db", str(work / f"{side}{i}.db"), "demo"]),
        "窗口启动到总览画出数字": both(lambda _i, _side: ["--db", str(db)], smoke=True),
    }
    shutil.rmtree(work)
    log(f"start-up, median of {repeat} (after one warm-up), bundle vs source:")
    measures = [Measure("一文件夹程序（PyInstaller）的大小", bundle_size / 1e6, "MB", note="报告")]
    for name, ((wall, cpu), (source_wall, source_cpu)) in rows.items():
        log(f"  {name}: bundle {wall:.2f} s vs source {source_wall:.2f} s, ratio "
            f"{wall / source_wall:.2f}x"
            + (f"; CPU {cpu:.2f} s vs {source_cpu:.2f} s, ratio {cpu / source_cpu:.2f}x"
               if cpu else ""))  # fmt: skip
        measures.append(
            Measure(f"一文件夹程序 vs 源码启动：{name}", wall, "s", source_wall, note="报告")
        )
    return measures


def main() -> int:
    untrimmed = "--untrimmed" in sys.argv
    rest = [a for a in sys.argv[1:] if a != "--untrimmed"]
    return bench_main(
        lambda size: measure(size, untrimmed),
        rest,
        usage=__doc__.splitlines()[0],
        engines=("sqlite",),
    )


if __name__ == "__main__":
    sys.exit(main())
