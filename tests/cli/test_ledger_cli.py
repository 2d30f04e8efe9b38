"""``pairtrack import`` with an office's own ledger, run as users run it (DESIGN §5, §7): the
dry run says how each sheet is read, which rows are not records and why, and which dates were
written only to the month; the default pairing is given with --pairing, and without one a
database of several pairings refuses the sheet, saying so, with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.cli.test_cli import pairtrack
from tests.exchange.conftest import snapshot
from tests.exchange.ledger_helpers import PAIRING
from tests.exchange.ledger_shapes import funds_ledger


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, db_engine: str) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("ledger-cli")
    with engines.database(db_engine, folder, "demo.db", migrated=False) as db:
        result = pairtrack("--db", db, "demo")
        assert result.returncode == 0, result.stderr
        yield db


@pytest.fixture(scope="module")
def funds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ledgers") / "资金台账.xlsx"
    funds_ledger(path)
    return path


def counts(db: Path) -> tuple[object, ...]:
    ledger = Ledger.open(db)
    try:
        return snapshot(ledger)
    finally:
        ledger.close()


def test_dry_run_says_how_it_reads_the_ledger(demo_db: Path, funds: Path) -> None:
    before = counts(demo_db)
    result = pairtrack("--db", demo_db, "import", funds, "--dry-run", "--pairing", PAIRING)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "读取「资金台账」：帮扶资金，表头在第 3 行（自动识别），5 行记录，金额按万元读"
    )
    skipped = [line for line in lines if line.startswith("跳过")]
    assert skipped == [
        "跳过「资金台账」第 4 行：分组行「一、财政帮扶资金」：其下各行的资金类别「财政援助资金」",
        "跳过「资金台账」第 8 行：分组行「二、社会帮扶资金」：其下各行的资金类别「社会帮扶资金」",
        "跳过「资金台账」第 11 行：合计行（合计），不是记录",
        "跳过「资金台账」第 12 行：空行",
        "跳过「资金台账」第 13 行：表尾（填表人：张某），不是记录",
    ]
    notes = [line for line in lines if line.startswith("说明")]
    assert notes == [
        "说明：「资金台账」第 5 行「拨付时间」列：3 个日期只写到月份（第 5、6、9 行），按当月 1 日记",
        "说明：「资金台账」第 5 行「到位时间」列：2 个日期只写到月份（第 5、9 行），按当月 1 日记",
    ]
    assert sum(line.startswith("新增：帮扶资金记录") for line in lines) == 5
    assert lines[-1] == "试运行：未写入任何内容。"
    assert counts(demo_db) == before


@pytest.mark.parametrize(
    ("pairing", "said"),
    [
        ("北京市→康保县", "找不到地区「北京市」"),
        ("康保县→廊坊开发区", "找不到结对关系「康保县→廊坊开发区」"),  # the wrong way round
        ("廊坊开发区", "结对关系应写作「帮扶方→受援方」"),
    ],
)
def test_an_unknown_pairing_is_refused(demo_db: Path, funds: Path, pairing: str, said: str) -> None:
    before = counts(demo_db)
    result = pairtrack("--db", demo_db, "import", funds, "--pairing", pairing)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：默认结对关系（--pairing）：")
    assert said in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert counts(demo_db) == before


def test_without_a_pairing_column_or_pairing_nothing_is_written(demo_db: Path, funds: Path) -> None:
    """The demo has 8 pairings: which one the rows belong to is not guessed."""
    before = counts(demo_db)
    result = pairtrack("--db", demo_db, "import", funds)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "未导入任何内容" in result.stderr
    said = [line for line in result.stdout.splitlines() if "结对关系" in line]
    assert len(said) == 1
    assert "没有「结对关系」列" in said[0] and "8 个结对关系" in said[0]
    assert "--pairing 帮扶方→受援方" in said[0]
    assert "共变更" not in result.stdout
    assert counts(demo_db) == before


def test_the_only_pairing_is_used_and_said(db_target: Path, funds: Path) -> None:
    """A database with one pairing needs no --pairing: the rows take it, and the report says."""
    db = db_target
    ledger = Ledger.open(db)
    try:
        helper = ledger.regions.create(name="廊坊开发区", province="河北省", city="廊坊市",
                                       level="zone")  # fmt: skip
        assisted = ledger.regions.create(name="康保县", province="河北省", city="张家口市",
                                         level="county")  # fmt: skip
        ledger.pairings.create(helper_id=helper.id, assisted_id=assisted.id, programme="in_province",
                               start_year=2017)  # fmt: skip
    finally:
        ledger.close()
    result = pairtrack("--db", db, "import", funds)
    assert result.returncode == 0, result.stderr
    assert "说明：「资金台账」：表中没有结对关系列，各行记为唯一的结对关系" in result.stdout
    assert "已导入：共变更 5 条记录。" in result.stdout
