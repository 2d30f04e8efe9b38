"""The lock file naming who has a ledger open, and the daily copies with their thinning."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairtrack.db.backup import daily_backup, daily_copies, list_backups, thin
from pairtrack.db.lock import DatabaseLock, LockHeld, lock_path
from pairtrack.db.migrate import open_database


# --- the lock ----------------------------------------------------------------------------
def test_a_second_holder_is_told_who_has_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with DatabaseLock(db):
        with pytest.raises(LockHeld) as held:
            DatabaseLock(db).acquire()
        holder = held.value.holder
        assert holder.pid == os.getpid() and holder.host == socket.gethostname()
        assert f"进程 {os.getpid()}" in str(held.value) and "只读" in str(held.value)
    assert not lock_path(db).exists(), "released on close"
    with DatabaseLock(db):  # free again
        pass


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    lock_path(db).write_text(
        json.dumps({"user": "王敏", "host": socket.gethostname(), "pid": dead_pid,
                    "since": "2017-11-30T09:00:00"}),
        encoding="utf-8",
    )  # fmt: skip
    lock = DatabaseLock(db)
    assert lock.holder() is None
    lock.acquire()
    assert json.loads(lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
    lock.release()


def test_a_lock_from_another_computer_is_respected(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    lock_path(db).write_text(
        json.dumps({"user": "李娜", "host": "office-pc-2", "pid": 1, "since": "2017-11-30T09:00"}),
        encoding="utf-8",
    )
    with pytest.raises(LockHeld, match="李娜（计算机 office-pc-2"):
        DatabaseLock(db).acquire()


def test_an_empty_lock_file_left_by_a_crash_is_recovered(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    lock_path(db).touch()
    os.utime(lock_path(db), (0, 0))  # written long ago and never filled in
    with DatabaseLock(db):
        pass


# --- daily copies --------------------------------------------------------------------------
def test_the_first_start_of_a_day_makes_one_copy(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    open_database(db).dispose()
    first = daily_backup(db, date(2017, 11, 30))
    assert first is not None and first.name == "ledger-daily-20171130.db"
    assert daily_backup(db, date(2017, 11, 30)) is None, "not twice the same day"
    assert daily_backup(db, date(2017, 12, 1)) is not None
    assert [b.kind for b in list_backups(db)] == ["daily", "daily"]


def test_daily_copies_are_thinned_as_days_pass(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    open_database(db).dispose()
    start = date(2016, 1, 1)
    starts = [start + timedelta(days=offset) for offset in range(0, 420, 6)]
    for day in starts:  # the program is opened every sixth day
        daily_backup(db, day)
    kept = sorted(daily_copies(db))
    assert len(kept) <= 7 + 4 + 12
    assert kept[-7:] == starts[-7:]
    assert len({(d.year, d.month) for d in kept}) == 12


days = st.lists(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)), min_size=1, max_size=60
)


@settings(max_examples=300, deadline=None)
@given(days)
def test_thinning_keeps_the_newest_of_each_recent_day_week_and_month(dates: list[date]) -> None:
    keep = thin(dates, 7, 4, 12)
    unique = sorted(set(dates), reverse=True)
    assert keep <= set(dates)
    assert unique[0] in keep, "the newest copy always stays"
    assert set(unique[:7]) <= keep, "the 7 most recent days"
    for count, period in (
        (4, lambda d: d.isocalendar()[:2]),
        (12, lambda d: (d.year, d.month)),
    ):
        periods = list(dict.fromkeys(period(d) for d in unique))[:count]
        for key in periods:
            newest = max(d for d in unique if period(d) == key)
            assert newest in keep, f"the newest copy of {key}"
    assert len(keep) <= 7 + 4 + 12
    assert thin(keep, 7, 4, 12) == keep, "thinning again removes nothing more"


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=1, max_value=40))
def test_thinning_day_by_day_never_removes_what_a_later_day_would_keep(
    dates: list[date], step: int
) -> None:
    """Copies are thinned at every start: a copy thinned away on one day would never be
    chosen by a later day's rule either (nothing is lost by thinning early)."""
    ordered = sorted(set(dates))
    kept: set[date] = set()
    for day in ordered:
        kept = thin(kept | {day}, 7, 4, 12)
    assert kept == thin(ordered, 7, 4, 12)
