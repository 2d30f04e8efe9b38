"""The per-office commands end to end (DESIGN §5): ``settings``, ``summary --by``,
``export --own`` / ``--reference``, each run as the real command in a subprocess."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text as sql

from pairtrack.db.models import ImportBatch
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.store import login_in, operator_key
from tests import engines

ROOT = Path(__file__).resolve().parents[2]


def pairtrack(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )


CITY, CITY_NAME = "130700", "张家口市对口帮扶办公室"
ZONE, ZONE_NAME = "131001", "廊坊开发区对口帮扶办公室"  # the demo's office


@pytest.fixture(scope="module")
def two_offices(tmp_path_factory: pytest.TempPathFactory, db_engine: str) -> Iterator[Path]:
    """The demo (written by 廊坊开发区, 131001), received at the city (130700) as a package,
    and the city's own records on top: funds, a cadre and a training of its own."""
    folder = tmp_path_factory.mktemp("offices")
    with engines.database(db_engine, folder, "city.db", migrated=False) as db:
        yield from _city(db)


def _city(db: Path) -> Iterator[Path]:
    assert pairtrack("--db", db, "demo").returncode == 0
    result = pairtrack("--db", db, "settings", "--office-code", CITY, "--office-name", CITY_NAME)
    assert result.returncode == 0, result.stderr
    ledger = Ledger.open(db)
    try:
        with ledger.write() as session:
            session.add(ImportBatch(kind="package", file_name="zone.pairtrack.zip", sha256="0" * 64,
                                    origin_code=ZONE, origin_name=ZONE_NAME,
                                    exported_at=datetime(2017, 12, 1, 9, 0, tzinfo=UTC)))  # fmt: skip
        labels = {label: pid for pid, label in ledger.pairings.labels().items()}
        kangbao, wulong = labels["廊坊开发区→康保县"], labels["济南市→武隆区"]
        for pid, kind, amount in ((kangbao, "fiscal", "1234.56万"), (wulong, "social", "7.89万"),
                                  (wulong, "fiscal", "0.01万")):  # fmt: skip
            ledger.funds.create(pairing_id=pid, budget_year=2017, kind=kind, amount_fen=amount,
                                purpose="市级配套", allocated_on=date(2017, 5, 1),
                                arrived_on=date(2017, 6, 1))  # fmt: skip
        ledger.cadres.create(pairing_id=kangbao, person_name="市派干部", direction="to_assisted",
                             category="party_gov", start_on=date(2017, 3, 1))  # fmt: skip
        ledger.trainings.create(pairing_id=wulong, title="市级培训", category="vocational",
                                quota=30, enrolled=20, completed=20, start_on=date(2017, 7, 1))  # fmt: skip
    finally:
        ledger.close()
    yield db


def blocks(stdout: str) -> dict[str, dict[str, list[str]]]:
    """Heading → indicator → cells, for each block ``summary`` printed."""
    out: dict[str, dict[str, list[str]]] = {}
    for text in stdout.strip().split("\n\n"):
        lines = text.splitlines()
        rows = {
            line.split()[0]: line.split()[1:] for line in lines[3:] if not line.startswith("滞后")
        }
        out[lines[0]] = rows
    return out


def actual(rows: dict[str, list[str]], label: str) -> Decimal:
    return Decimal(rows[label][2].replace(",", ""))


MONEY = ("财政援助资金（到位）", "社会帮扶资金")
COUNTS = ("选派党政干部", "培训名额", "签订合作协议")


@pytest.mark.parametrize("by", ["origin", "helper"])
def test_summary_blocks_add_up_to_the_whole(two_offices: Path, by: str) -> None:
    whole = pairtrack("--db", two_offices, "summary", "--year", "2017")
    grouped = pairtrack("--db", two_offices, "summary", "--year", "2017", "--by", by)
    assert grouped.returncode == 0, grouped.stderr
    total = next(iter(blocks(whole.stdout).values()))
    parts = blocks(grouped.stdout)
    assert len(parts) >= 2
    for label in (*MONEY, *COUNTS):
        assert sum(actual(rows, label) for rows in parts.values()) == actual(total, label), label


def test_summary_by_origin_names_each_office(two_offices: Path) -> None:
    result = pairtrack("--db", two_offices, "summary", "--year", "2017", "--by", "origin")
    parts = blocks(result.stdout)
    assert list(parts) == [
        f"指标完成情况 · 2017年 · 全部 · 来源单位：{CITY_NAME}（{CITY}）",
        f"指标完成情况 · 2017年 · 全部 · 来源单位：{ZONE_NAME}（{ZONE}）",
    ]
    city = parts[f"指标完成情况 · 2017年 · 全部 · 来源单位：{CITY_NAME}（{CITY}）"]
    assert actual(city, "财政援助资金（到位）") == Decimal("1234.57")  # 1234.56 + 0.01 万元
    assert actual(city, "社会帮扶资金") == Decimal("7.89")
    assert actual(city, "选派党政干部") == 1


def test_summary_by_within_a_scope_and_by_pairing(two_offices: Path) -> None:
    result = pairtrack("--db", two_offices, "summary", "--year", "2017", "--assisted", "康保县",
                       "--by", "origin")  # fmt: skip
    assert result.returncode == 0, result.stderr
    parts = blocks(result.stdout)
    assert [h.split(" · ")[2:] for h in parts] == [
        ["受援方：康保县", f"来源单位：{CITY_NAME}（{CITY}）"],
        ["受援方：康保县", f"来源单位：{ZONE_NAME}（{ZONE}）"],
    ]
    by_pairing = pairtrack("--db", two_offices, "summary", "--year", "2017", "--by", "pairing")
    assert "结对：廊坊开发区→康保县" in by_pairing.stdout
    assert by_pairing.stdout.count("指标完成情况") == 8  # the demo's eight pairings


def test_settings_prints_sets_and_audits(new_db: Any) -> None:
    """On a server the operator set is the display name of the login (tracker.store)."""
    db = new_db("s.db", migrated=False)
    shown = pairtrack("--db", db, "settings")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "单位名称：（未设置）",
        "单位代码：（未设置）",
        "操作员：（未设置）",
        # the 简报 frame (tracker.brief.frame), printed only in briefs once set
        *(
            f"{label}：（未设置）"
            for label in ("简报期号", "编印单位", "报", "送", "发", "共印份数")
        ),
    ]
    result = pairtrack("--db", db, "settings", "--office-name", "三河市帮扶办",
                       "--office-code", "131082", "--operator", "李四")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "单位名称：三河市帮扶办",
        "单位代码：131082",
        "操作员：李四",
    ]
    ledger = Ledger.open(db)
    with ledger.read() as session:
        events = session.execute(
            sql("SELECT row_id, before, after FROM audit_event WHERE table_name = 'meta'")
        ).all()
        login = login_in(session)
    ledger.close()
    operator = "operator" if login is None else operator_key(login)
    assert sorted(map(tuple, events)) == sorted([
        ("office_code", None, "131082"), ("office_name", None, "三河市帮扶办"), (operator, None, "李四"),
    ])  # fmt: skip
    again = pairtrack("--db", db, "settings", "--operator", "王五")
    assert "操作员：王五" in again.stdout and "单位代码：131082" in again.stdout
    assert pairtrack("--db", db, "check").returncode == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--office-code", "13 1082"), "「单位代码」不能含空格"),
        (("--office-code", ""), "「单位代码」不能为空"),
        (("--office-code", "x" * 33), "「单位代码」过长"),
        (("--office-name", "名" * 201), "「单位名称」过长"),
        (("--operator", "张\t三"), "「操作员」不能含换行或控制字符"),
        (("--office-name", "好名字", "--office-code", "a\x01"), "控制字符"),
    ],
)
def test_bad_settings_are_refused_whole(
    tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    db = tmp_path / "s.db"
    assert (
        pairtrack(
            "--db", db, "settings", "--office-name", "旧名", "--office-code", "OLD"
        ).returncode
        == 0
    )
    result = pairtrack("--db", db, "settings", *argv)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and message in result.stderr
    assert "Traceback" not in result.stderr
    after = pairtrack("--db", db, "settings").stdout
    assert "单位名称：旧名" in after and "单位代码：OLD" in after  # nothing written


def xlsx_rows(path: Path, sheet: str) -> list[dict[str, object]]:
    ws = load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_own_holds_only_this_offices_rows(two_offices: Path, tmp_path: Path) -> None:
    everything, own = tmp_path / "all.xlsx", tmp_path / "own.xlsx"
    assert pairtrack("--db", two_offices, "export", "-o", everything).returncode == 0
    result = pairtrack("--db", two_offices, "export", "--own", "--year", "2017", "-o", own)
    assert result.returncode == 0, result.stderr
    funds = xlsx_rows(own, "帮扶资金")
    assert sorted(str(f["金额（万元）"]) for f in funds) == ["0.01", "1234.56", "7.89"]
    assert {f["来源单位"] for f in funds} == {CITY_NAME}
    assert len(xlsx_rows(own, "干部交流")) == 1 and len(xlsx_rows(own, "培训")) == 1
    assert xlsx_rows(own, "地区") == [] and xlsx_rows(own, "结对关系") == []
    whole = xlsx_rows(everything, "帮扶资金")
    assert {f["来源单位"] for f in whole} == {CITY_NAME, ZONE_NAME}
    assert list(whole[0])[-2:] == ["来源单位", "id"]
    # the 汇总 sheet of an --own export counts the office's own rows only
    summary = load_workbook(own)["汇总"]
    assert f"本单位（{CITY}）" in summary.cell(1, 1).value
    assert Decimal(str(summary.cell(3, 4).value)) == Decimal("1234.57")


def test_export_reference_holds_regions_pairings_and_targets(
    two_offices: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ref.xlsx"
    result = pairtrack("--db", two_offices, "export", "--reference", "-o", path)
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(path, read_only=True)
    # no 汇总; the 说明 sheet holds the 数据校验码
    assert workbook.sheetnames == ["地区", "结对关系", "年度目标", "说明"]
    assert len(xlsx_rows(path, "结对关系")) == 8
    folder = tmp_path / "ref-csv"
    assert pairtrack("--db", two_offices, "export", "--format", "csv", "--reference",
                     "-o", folder).returncode == 0  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == [
        "地区.csv", "年度目标.csv", "数据校验码.txt", "结对关系.csv"
    ]  # fmt: skip
    own = tmp_path / "own.zip"
    assert (
        pairtrack("--db", two_offices, "export", "--format", "csv", "--own", "-o", own).returncode
        == 0
    )
    with zipfile.ZipFile(own) as archive:
        funds = list(csv.DictReader(archive.read("帮扶资金.csv").decode("utf-8-sig").splitlines()))
    assert len(funds) == 3 and {f["来源单位"] for f in funds} == {CITY_NAME}


def test_own_and_reference_are_exclusive_and_own_needs_a_code(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    both = pairtrack("--db", db, "export", "--own", "--reference", "-o", tmp_path / "x.xlsx")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    assert pairtrack("--db", db, "settings", "--office-name", "无代码单位").returncode == 0
    no_code = pairtrack("--db", db, "export", "--own", "-o", tmp_path / "x.xlsx")
    assert no_code.returncode == 1 and "尚未设置单位代码" in no_code.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("flag", ["--own", "--reference"])
def test_package_export_carries_its_scope(two_offices: Path, tmp_path: Path, flag: str) -> None:
    path = tmp_path / "p.pairtrack.zip"
    result = pairtrack("--db", two_offices, "export", "--format", "package", flag, "-o", path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["scope"] == flag.removeprefix("--")
        member = "fund_transfer.jsonl"
        lines = archive.read(member).splitlines() if member in archive.namelist() else []
        funds = [json.loads(line) for line in lines]
    if flag == "--own":
        assert len(funds) == 3 and {f["origin"] for f in funds} == {CITY}
    else:
        assert funds == []
