"""``pairtrack import --dry-run`` lists what each record becomes, conflicts first (DESIGN §7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from tests.cli.test_cli import pairtrack
from tests.exchange.test_offices import seed

WAN = 10**6


def office(path: Path, code: str, name: str) -> Ledger:
    ledger = Ledger.open(path)
    ledger.set_settings(operator="测试员", office_code=code, office_name=name)
    return ledger


def test_dry_run_lists_the_conflict_first_with_both_values(tmp_path: Path) -> None:
    zone = office(tmp_path / "zone.db", "131002", "廊坊开发区")
    city = office(tmp_path / "city.db", "130700", "张家口市")
    try:
        ids = seed(zone)
        export_package(zone, tmp_path / "first.pairtrack.zip")
        import_package(city, tmp_path / "first.pairtrack.zip")
        zone.pairings.update(ids["pairing"], lead_unit="开发区对口帮扶办")  # met first
        zone.funds.update(ids["fund"], amount_fen=825 * WAN)
        city.funds.update(ids["fund"], amount_fen=830 * WAN)
        export_package(zone, tmp_path / "second.pairtrack.zip")
    finally:
        zone.close()
        city.close()

    result = pairtrack("--db", tmp_path / "city.db", "import", "--dry-run",
                       tmp_path / "second.pairtrack.zip")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    conflict = next(i for i, line in enumerate(lines) if line.startswith("冲突"))
    update = next(i for i, line in enumerate(lines) if line.startswith("更新"))
    assert conflict < update
    assert "耕地指标款" in lines[conflict]
    assert (
        lines[conflict + 1].strip() == "金额：830.00万元 → 825.00万元（冲突：本地值保留，待处理）"
    )
    assert lines[update + 1].strip() == "牵头单位：（空） → 开发区对口帮扶办"
    assert "试运行" in result.stdout


def test_dry_run_lists_the_first_records_and_counts_the_rest(tmp_path: Path) -> None:
    zone = office(tmp_path / "zone.db", "131002", "廊坊开发区")
    try:
        ids = seed(zone)
        zone.funds.bulk_create(
            {"pairing_id": ids["pairing"], "budget_year": 2017, "kind": "social",
             "amount_fen": (n + 1) * WAN, "purpose": f"捐助{n}", "allocated_on": date(2017, 5, 1)}
            for n in range(250)
        )  # fmt: skip
        export_package(zone, tmp_path / "all.pairtrack.zip")
    finally:
        zone.close()
    office(tmp_path / "city.db", "130700", "张家口市").close()

    result = pairtrack("--db", tmp_path / "city.db", "import", "--dry-run",
                       tmp_path / "all.pairtrack.zip")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sum(line.startswith("新增") for line in result.stdout.splitlines()) == 50
    # 2 regions, 1 pairing and 251 funds are new: 50 listed, 204 more (the report itself
    # names only the first 200 new records of a table; the counts table has them all)
    assert "……另有 204 条记录的变化未列出" in result.stdout
