"""Each rule has one home (values: years, units, code lists, jobs, module names).

A rule written twice drifts: the chart coloured a bar that the table did not call lagging, the
brief counted a cadre "in post at the period end" whom its own table of active cadres left out.
Each test here pins one rule at its boundary through its home *and* through a caller, so that a
second copy that disagrees, or a change made in one place only, fails here.
"""

from __future__ import annotations

import argparse
import importlib
import io
import pkgutil
import random
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import CheckConstraint

from pairtrack import tracker
from pairtrack.db.base import Base
from pairtrack.db.choices import (
    AGREEMENT_CATEGORY,
    AGREEMENT_STATUS,
    CADRE_CATEGORY,
    DIRECTION,
    FUND_KIND,
    GENDER,
    PROGRAMME,
    REGION_LEVEL,
    TRAINING_CATEGORY,
    in_list,
)
from pairtrack.tracker.alerts import Alert, alerts
from pairtrack.tracker.brief.data import BriefOptions, build_brief
from pairtrack.tracker.brief.pdf import render_pdf
from pairtrack.tracker.cli.args import period_from
from pairtrack.tracker.dates import MAX_YEAR, MIN_YEAR, check_year, parse_date
from pairtrack.tracker.demo.figures import split_amount
from pairtrack.tracker.errors import PairTrackError, ValidationError
from pairtrack.tracker.exchange.cells import money as cell_money
from pairtrack.tracker.exchange.columns import columns_of
from pairtrack.tracker.exchange.xlsx_export import export_xlsx
from pairtrack.tracker.fields import Field
from pairtrack.tracker.jobs import (
    NOTHING_WRITTEN,
    JobCancelled,
    check_cancelled,
    never,
    no_progress,
)
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import FEN_PER_WAN, fen_to_wan, format_wan, parse_money
from pairtrack.tracker.periods import Period, Scope

ISSUED = date(2017, 12, 5)
LATER = date(2030, 1, 1)  # "today", so that elapsed shares do not depend on the real date
WAN = FEN_PER_WAN  # amounts below read in 万元
TRACKER = Path(tracker.__file__).parent

# --- 4. the accepted years: tracker.dates.check_year --------------------------------------

ROOT = TRACKER.parent


def _args(year: int) -> argparse.Namespace:
    return argparse.Namespace(year=year, month=None, quarter=None, date_from=None, date_to=None)


@pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1, 0, 9999])
def test_every_way_in_refuses_the_same_years(year: int, ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=f"{MIN_YEAR}–{MAX_YEAR}"):
        check_year(year, "year")
    with pytest.raises(ValidationError, match="超出范围") as typed:
        parse_date(f"{year:04d}-06-01", "signed_on")
    assert typed.value.field == "signed_on"
    with pytest.raises(ValidationError, match=f"「资金年度」超出范围.*{year}"):
        Field("budget_year", "资金年度", "year").coerce(year)
    with pytest.raises(ValidationError, match="--year"):
        period_from(_args(year))
    with pytest.raises(ValidationError, match="汇总年度"):
        export_xlsx(ledger, tmp_path / "out.xlsx", year=year)
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("year", [MIN_YEAR, MAX_YEAR])
def test_every_way_in_accepts_the_same_years(year: int) -> None:
    assert check_year(year, "year") == year
    assert parse_date(f"{year}-06-01").year == year
    assert Field("budget_year", "资金年度", "year").coerce(str(year)) == year
    assert period_from(_args(year)) == Period.year(year)


def test_command_line_year_out_of_range_is_one_chinese_line(tmp_path: Path) -> None:
    main = [sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "cli.db")]
    for command in (["summary", "--year", "99999"], ["export", "--year", "99999", "-o", "x.xlsx"]):
        done = subprocess.run(
            [*main, *command], capture_output=True, text=True, encoding="utf-8", cwd=tmp_path
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert f"应在 {MIN_YEAR}–{MAX_YEAR} 之间" in done.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_the_window_offers_exactly_the_accepted_years(qtbot: Any, ledger: Ledger) -> None:
    from pairtrack.tracker.kinds import BY_TABLE
    from pairtrack.ui import ops
    from pairtrack.ui.dialogs.export import ExportDialog
    from pairtrack.ui.display import Lookups
    from pairtrack.ui.pages.filter_bar import FilterBar
    from pairtrack.ui.pages.period_picker import PeriodPicker
    from pairtrack.ui.pages.targets import TargetPage
    from pairtrack.ui.undo import UndoStack
    from pairtrack.ui.worker import pool

    ops.attach(ledger)
    try:
        picker, export = PeriodPicker(Lookups()), ExportDialog()
        targets = TargetPage(UndoStack())
        funds = BY_TABLE["fund_transfer"]
        bar = FilterBar(funds, funds.service)
        for widget in (picker, export, targets, bar):
            qtbot.addWidget(widget)
        for spin in (picker.year, export.year, targets.year):
            assert (spin.minimum(), spin.maximum()) == (MIN_YEAR, MAX_YEAR)
        assert bar.year is not None
        years = [bar.year.itemData(i) for i in range(1, bar.year.count())]
        assert min(years) == MIN_YEAR and max(years) <= MAX_YEAR
    finally:
        pool().waitForDone()
        ops.attach(None)


# --- 5. 1 万元 in fen: tracker.money.FEN_PER_WAN -------------------------------------------


def test_one_wan_is_a_million_fen_to_every_reader_and_writer(ledger: Ledger) -> None:
    assert FEN_PER_WAN == 1_000_000  # 1 万元 = 10,000 元 = 1,000,000 分
    assert parse_money("1万") == parse_money("1万元") == parse_money("10000元") == FEN_PER_WAN
    assert parse_money("1.2亿元") == 12_000 * FEN_PER_WAN
    # A spreadsheet cell under a "（万元）" header, as a number or as bare text.
    column = next(c for c in columns_of(ledger.funds) if c.kind == "money")
    assert cell_money(1, column) == cell_money("12.6", column) / Decimal("12.6") == FEN_PER_WAN
    assert fen_to_wan(FEN_PER_WAN) == 1 and format_wan(FEN_PER_WAN) == "1.00万元"
    assert fen_to_wan(1) == Decimal("0.000001")  # exact to the 分, however small
    assert str(fen_to_wan(91_780_000_000)) == "91780.000000"
    assert sum(split_amount(9178, 4, random.Random(1))) == parse_money("9178万")


# --- 6. code lists: db.choices, codes with their labels ------------------------------------

CODE_TABLES = {  # (table, column) → the one code table the column stores
    ("region", "level"): REGION_LEVEL,
    ("pairing", "programme"): PROGRAMME,
    ("agreement", "category"): AGREEMENT_CATEGORY,
    ("agreement", "status"): AGREEMENT_STATUS,
    ("fund_transfer", "kind"): FUND_KIND,
    ("cadre_exchange", "gender"): GENDER,
    ("cadre_exchange", "direction"): DIRECTION,
    ("cadre_exchange", "category"): CADRE_CATEGORY,
    ("training", "category"): TRAINING_CATEGORY,
}


@pytest.mark.parametrize(("table", "column"), list(CODE_TABLES), ids="-".join)
def test_the_database_and_the_forms_take_one_code_table(
    ledger: Ledger, table: str, column: str
) -> None:
    codes = CODE_TABLES[(table, column)]
    checks = [
        str(c.sqltext)
        for c in Base.metadata.tables[table].constraints
        if isinstance(c, CheckConstraint)
    ]
    assert sum(in_list(column, codes) in text for text in checks) == 1, checks
    service = next(s for s in ledger.services.all() if s.table == table)
    assert service.field(column).choices is codes  # the same table, not a copy of it
    assert all(label and code.isascii() for code, label in codes.items())


def test_there_is_no_second_label_table() -> None:
    assert not (TRACKER / "labels.py").exists()


# --- 7. progress and cancel: tracker.jobs ---------------------------------------------------


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_one_cancel_error_for_all_long_work() -> None:
    for info in pkgutil.walk_packages(tracker.__path__, "pairtrack.tracker."):
        importlib.import_module(info.name)  # every module, so each error class is defined
    cancels = {c for c in _subclasses(PairTrackError) if "cancel" in c.__name__.lower()}
    assert cancels == {JobCancelled}
    assert not (TRACKER / "exchange" / "jobs.py").exists()
    with pytest.raises(JobCancelled, match=NOTHING_WRITTEN):
        check_cancelled(lambda: True)
    check_cancelled(never)
    no_progress(1, 2)


def test_the_brief_and_the_exchange_stop_with_it(ledger: Ledger, tmp_path: Path) -> None:
    options = BriefOptions(Period.year(2017), Scope.everything(), "", ISSUED)
    with pytest.raises(JobCancelled, match="已取消生成简报。"):
        build_brief(ledger, options, cancelled=lambda: True)
    data = build_brief(ledger, options)
    with pytest.raises(JobCancelled, match="已取消生成简报。"):
        render_pdf(data, io.BytesIO(), cancelled=lambda: True)
    with pytest.raises(JobCancelled, match=NOTHING_WRITTEN):
        export_xlsx(ledger, tmp_path / "out.xlsx", cancelled=lambda: True)
    assert not (tmp_path / "out.xlsx").exists()


# --- 8. modules are named for what they hold ----------------------------------------------


def test_alerts_live_in_tracker_alerts_only() -> None:
    # A file check, not an import: the editable install could still resolve an old module.
    assert not (TRACKER / "warnings.py").exists()
    assert alerts.__module__ == Alert.__module__ == "pairtrack.tracker.alerts"
