"""An office's own 100k-row funds workbook: ledger import (dry run and real) against reading the
same file with python-calamine alone, each case in its own process.

The workbook is generated once (openpyxl write-only) and kept in the temp folder: a title row,
a 填报单位 line with 单位：万元, the header with 序号, a section row every few thousand rows
(「一、财政帮扶资金」… carrying the kind), a 结对关系 column naming the demo pairings (or none
with ``--pairing``: every row then gets the default pairing), amounts mostly as numbers and
some as 「300万元」/「8000元」 text, dates mostly as dates and some as 「2017.10」 text (month
only), one record in 10,000 typed twice (疑似重复), a =SUM() 合计 row without a saved result and a
填表人 footer.

Cases (time: best of ``--repeat``; memory: peak RSS, ``ru_maxrss`` of the case's own process,
and how much of it the measured work added over the process after its imports and set-up):

- ``calamine``: ``CalamineWorkbook.from_path(p).get_sheet_by_name(n).to_python()`` for every
  sheet — the baseline;
- ``dry``: ``import_ledger(..., dry_run=True)`` on a demo database;
- ``real``: ``import_ledger(...)`` into a fresh copy of a demo database (copied outside the
  timing), checked afterwards: records, 疑似重复 and problems as the generator planned them.

With ``--engine postgresql`` the demo databases are databases of the server (``--pg URL`` or
PAIRTRACK_BENCH_PG); the baseline reads the file and touches no database, so it is the same.

Goal (issue 11): both imports ≤ 3× the baseline's time.

Usage: python -m bench.ledger_import [--rows N] [--repeat R] [--pairing] [--check] [--json]
[--engine E] [--pg URL]
(``--check`` also runs ``pairtrack check``'s checks on the database the real import left.)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    ENGINES,
    PG_ENV,
    Measure,
    Size,
    Target,
    copy_database,
    drop_database,
    log,
    new_database,
    table,
    to_json,
)

ROOT = Path(__file__).resolve().parents[1]
VERSION = 2  # of the generator: a change makes new cached workbooks
SHEET = "资金台账"
PAIRINGS = (
    "廊坊开发区→康保县", "三河市→阳原县", "大厂回族自治县→沽源县", "香河县→张北县",
    "固安县→尚义县", "济南市→湘西州", "济南市→武隆区", "济南市→临沂市",
)  # fmt: skip
DEFAULT_PAIRING = PAIRINGS[0]
KINDS = (("财政帮扶资金", "fiscal"), ("社会帮扶资金", "social"), ("物资折款", "in_kind"))
DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (section numbers, up to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def section_every(rows: int) -> int:
    """Records per section row: 5,000 in 100k (20 sections), 50 in a small workbook."""
    return max(rows // 20, 50)


def twin_every(rows: int) -> int:
    """One record in this many repeats the one above it (疑似重复): 10 in 100k, 2 in 200."""
    return max(rows // 10, 100)


def plan(rows: int) -> dict[str, int]:
    """What a correct import of the generated workbook finds."""
    every = twin_every(rows)
    twins = sum(1 for i in range(rows) if i % every == every - 1)
    return {"records": rows, "inserted": rows - twins, "duplicates": twins, "problems": 0}


def workbook_path(rows: int, pairing_column: bool) -> Path:
    """The generated workbook, written on first use and reused."""
    suffix = "" if pairing_column else "-nopairing"
    path = (
        Path(tempfile.gettempdir()) / "pairtrack-bench" / f"ledger-v{VERSION}-{rows}{suffix}.xlsx"
    )
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_suffix(".building.xlsx")
        write_workbook(building, rows, pairing_column)
        building.replace(path)
    return path


def _record(i: int, twins: int, pairing_column: bool) -> list[Any]:
    """Row ``i`` (0-based) of the ledger, as staff type it."""
    if i % twins == twins - 1:
        i -= 1  # typed twice
    day = date(2017, 1, 1) + timedelta(days=i % 365)
    wan = (i * 7919 % 99_991 + 9) / 100  # 0.09 … 999.99 万元
    amount: Any = wan
    if i % 13 == 0:
        amount = f"{wan}万元"
    elif i % 97 == 0:
        amount = f"{i % 9000 + 1000}元"
    allocated: Any = datetime(day.year, day.month, day.day)
    if i % 17 == 0:
        allocated = f"{day.year}.{day.month}"  # month only
    arrived: Any = None
    if i % 3:
        later = day + timedelta(days=20)
        arrived = datetime(later.year, later.month, later.day)
    row: list[Any] = [i + 1]
    if pairing_column:
        row.append(PAIRINGS[i % len(PAIRINGS)])
    row += [
        f"产业帮扶项目第{i + 1}号",
        amount,
        allocated,
        arrived,
        ("廊坊开发区财政局", "某某集团有限公司", "开发区慈善协会")[i % 3],
        f"LF{i:07d}",
        "分两批拨付" if i % 29 == 0 else None,
    ]
    return row


def write_workbook(path: Path, rows: int, pairing_column: bool) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs

    header = ["序号", *(["结对关系"] if pairing_column else []), "项目名称", "金额",
              "拨付时间", "到位时间", "出资单位", "凭证号", "备注"]  # fmt: skip
    width = len(header)
    blank = [None] * width
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append(["对口帮扶资金台账（基准测试生成数据）", *blank[1:]])
    sheet.append(["填报单位：某市对口帮扶办公室", *blank[1:-2], "单位：万元", None])
    sheet.append(header)
    amount_column = "ABCDEFGHIJ"[header.index("金额")]
    first = 4
    section = 0
    sections, twins = section_every(rows), twin_every(rows)
    for i in range(rows):
        if i % sections == 0:
            section += 1
            words = KINDS[(section - 1) % len(KINDS)][0]
            sheet.append([f"{chinese_number(section)}、{words}", *blank[1:]])
        sheet.append(_record(i, twins, pairing_column))
    last = first + rows + section - 1
    total = ["合计", *blank[1:]]
    total[header.index("金额")] = f"=SUM({amount_column}{first}:{amount_column}{last})"
    sheet.append(total)
    sheet.append(blank)
    sheet.append(["填表人：某某", *blank[1:3], "审核人：某某", *blank[4:]])
    workbook.save(path)


# --- one case, in its own process ------------------------------------------------------------
def demo_copy(folder: Path, engine: str) -> Target:
    """A demo database: a file in ``folder`` built once per run, or on the server one of
    this case process's own."""
    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger

    if engine == "sqlite" and (folder / "demo.db").exists():
        return folder / "demo.db"  # the dry run's, for the real import
    target = new_database(engine, folder / "demo.db")
    ledger = Ledger.open(target)
    load_demo(ledger)
    ledger.set_settings(operator="基准测试")
    ledger.close()
    return target


def case(name: str, workbook: Path, folder: Path, repeat: int, args: dict[str, Any]) -> dict:
    times: list[float] = []
    extra: dict[str, Any] = {}
    if name == "calamine":
        import python_calamine

        ready = _maxrss_mb()
        for _ in range(repeat):
            start = time.perf_counter()
            book = python_calamine.CalamineWorkbook.from_path(str(workbook))
            rows = [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]
            times.append(time.perf_counter() - start)
            extra["cells"] = sum(len(r) for sheet in rows for r in sheet)
            del rows, book
        return {"seconds": min(times), "ready_mb": ready, **extra}

    from pairtrack.tracker.exchange.ledger_import import import_ledger
    from pairtrack.tracker.ledger import Ledger

    source = demo_copy(folder, args["engine"])
    pairing = DEFAULT_PAIRING if args["pairing"] else None
    ready = 0.0
    for attempt in range(repeat):
        target = copy_database(source, folder / f"{name}-{attempt}.db")
        ledger = Ledger.open(target)
        ready = ready or _maxrss_mb()
        start = time.perf_counter()
        report = import_ledger(ledger, workbook, dry_run=name == "dry", pairing=pairing)
        times.append(time.perf_counter() - start)
        extra = {
            "records": sum(
                int(c.inserted + c.updated + c.skipped + c.conflicts)
                for c in report.tables.values()
            )
            + len(report.duplicates),
            "inserted": sum(int(c.inserted) for c in report.tables.values()),
            "duplicates": len(report.duplicates),
            "problems": len(report.problems),
            "committed": report.committed,
        }
        if name == "real" and args["check"] and attempt == repeat - 1:
            from pairtrack.tracker.check import run_checks

            extra["check"] = [f.message for f in run_checks(ledger)]
        del report
        ledger.close()
        if attempt < repeat - 1:
            drop_database(target)
            if isinstance(target, Path):
                target.unlink()
    return {"seconds": min(times), "ready_mb": ready, **extra}


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_case(name: str, workbook: Path, folder: Path, options: argparse.Namespace) -> dict:
    command = [sys.executable, "-m", "bench.ledger_import", "--case", name,
               "--workbook", str(workbook), "--folder", str(folder),
               "--repeat", str(options.repeat), "--engine", options.engine]  # fmt: skip
    command += ["--pairing"] * options.pairing + ["--check"] * options.check
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"case {name} failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairing", action="store_true", help="no 结对关系 column: --pairing")
    parser.add_argument("--check", action="store_true", help="run the checks after the import")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (run_all)")
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument("--pg", metavar="URL", help=f"the PostgreSQL server (or {PG_ENV})")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--workbook", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.pg:
        os.environ[PG_ENV] = options.pg  # the case processes inherit it
    if options.case:
        sys.path.insert(0, str(ROOT))
        data = case(options.case, options.workbook, options.folder, options.repeat, vars(options))
        data["peak_mb"] = _maxrss_mb()
        print(json.dumps(data, ensure_ascii=False))
        return 0

    measures = measure(
        Size(options.rows, quick=options.repeat == 1, engine=options.engine), options.repeat,
        options.pairing, options.check,
    )  # fmt: skip
    if options.json:
        print(to_json(measures))
    else:
        print(table(measures))
    return 0 if all(m.passed for m in measures if m.goal == "exact") else 1


def measure(
    size: Size, repeat: int | None = None, pairing: bool = False, check: bool = True
) -> list[Measure]:
    """Three cases on a workbook of ``size.records`` rows; the import checked against what the
    generator planned (and, with ``check``, ``pairtrack check`` on the database it left)."""
    options = argparse.Namespace(
        rows=size.records, repeat=repeat or size.repeat(3), pairing=pairing, check=check,
        engine=size.engine,
    )  # fmt: skip
    start = time.perf_counter()
    workbook = workbook_path(options.rows, not options.pairing)
    made = time.perf_counter() - start
    folder = Path(tempfile.mkdtemp(prefix="pairtrack-bench-"))
    log(f"workbook: {options.rows:,} records, {workbook.stat().st_size / 2**20:.1f} MB "
        f"({workbook}{f', written in {made:.1f} s' if made > 0.5 else ''})")  # fmt: skip
    log(f"time: best of {options.repeat}; memory: peak RSS of each case's own process "
        "(growth: over the process after its imports and set-up)")  # fmt: skip
    results = {}
    try:
        for name in ("calamine", "dry", "real"):
            results[name] = data = run_case(name, workbook, folder, options)
            growth = data["peak_mb"] - data["ready_mb"]
            log(f"{name:9s} {data['seconds']:7.2f} s   peak {data['peak_mb']:6.0f} MB "
                f"(growth {growth:5.0f} MB)")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = results["calamine"]
    for name in ("dry", "real"):
        data = results[name]
        ratio = data["seconds"] / base["seconds"]
        memory = data["peak_mb"] / base["peak_mb"]
        log(f"ratio {name:5s} {ratio:6.2f}x time (goal <= 3x), {memory:5.2f}x peak memory")
    expected = plan(options.rows)
    wrong = []
    for name in ("dry", "real"):
        found = {k: results[name][k] for k in expected}
        if found != expected:
            wrong.append(f"{name}: found {found}, expected {expected}")
    if not results["real"]["committed"] or results["dry"]["committed"]:
        wrong.append("the real import must commit and the dry run must not")
    if results["real"].get("check"):
        wrong.append("check after the real import: " + "; ".join(results["real"]["check"][:5]))
    if wrong:
        log("WRONG: " + " | ".join(wrong))
    else:
        log(f"import found what was generated: {expected}" + ("; check passed" * options.check))
    rows = options.rows
    return [
        Measure(f"{rows:,} 行单位自制台账试导入 vs python-calamine 只读出", results["dry"]["seconds"],
                "s", base["seconds"], "ratio", 3.0),
        Measure(f"{rows:,} 行单位自制台账实际导入 vs python-calamine 只读出",
                results["real"]["seconds"], "s", base["seconds"], "ratio", 3.0),
        Measure("台账导入的峰值内存（实际导入）", results["real"]["peak_mb"], "MB",
                base["peak_mb"]),
        Measure("台账导入读出的记录、疑似重复与生成的一致" + ("，check 通过" if check else ""),
                float(not wrong), "", goal="exact", note="; ".join(wrong)),
    ]  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
