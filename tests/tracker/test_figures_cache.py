"""The figures kept between starts: found only for the same file, unchanged since, and the
same program version (``tracker.figures_cache``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pairtrack.tracker import figures_cache
from pairtrack.tracker.figures_cache import Figures
from pairtrack.tracker.ledger import Ledger

STATE = {"kind": "year", "year": 2017, "scope": "全部"}
ROWS = (("fiscal_funds", 100, 40), ("trained", None, 7))

pytestmark = pytest.mark.sqlite_only("figures kept for a database file (a server has none)")


def keep(ledger: Ledger, folder: Path, state: dict[str, object] = STATE) -> Figures:
    figures = Figures(state, "全部", ROWS)
    with ledger.read() as session:
        head = figures_cache.head_in(session)
    figures_cache.remember(ledger.path, head, figures, folder)
    return figures


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "data"
    made.mkdir()
    return made


def test_figures_are_found_for_the_database_as_it_was_read(ledger: Ledger, folder: Path) -> None:
    assert ledger.path is not None
    assert figures_cache.lookup(ledger.path, folder) == []
    kept = keep(ledger, folder)
    assert figures_cache.lookup(ledger.path, folder) == [kept]
    assert figures_cache.lookup(str(ledger.path), folder) == [kept]  # as typed after --db
    # the plain sqlite3 read sees the same head as the read that kept them
    with ledger.read() as session:
        assert figures_cache.stored_head(ledger.path) == figures_cache.head_in(session)


def test_any_write_makes_them_unusable(ledger: Ledger, folder: Path) -> None:
    assert ledger.path is not None
    keep(ledger, folder)
    ledger.set_settings(operator="另一位操作员")  # not a figure, but a write all the same
    assert figures_cache.lookup(ledger.path, folder) == []


def test_a_replaced_file_or_another_version_does_not_use_them(
    ledger: Ledger, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ledger.path is not None
    keep(ledger, folder)
    ledger.close()
    copy = tmp_path / "copy.db"
    shutil.copyfile(ledger.path, copy)
    copy.replace(ledger.path)  # same name and history, another file (a restore does this)
    assert figures_cache.stored_head(ledger.path) is not None
    assert figures_cache.lookup(ledger.path, folder) == []
    reopened = Ledger.open(ledger.path)
    try:
        keep(reopened, folder)
        assert figures_cache.lookup(ledger.path, folder) != []
        monkeypatch.setattr(figures_cache, "__version__", "9.9.9")
        assert figures_cache.lookup(ledger.path, folder) == []
    finally:
        reopened.close()


def test_one_entry_per_period_the_newest_first_and_a_bounded_file(
    ledger: Ledger, folder: Path
) -> None:
    assert ledger.path is not None
    for year in range(2000, 2000 + figures_cache.KEEP + 5):
        keep(ledger, folder, {**STATE, "year": year})
    again = keep(ledger, folder, {**STATE, "year": 2010})
    found = figures_cache.lookup(ledger.path, folder)
    assert len(found) == figures_cache.KEEP
    assert found[0] == again
    assert [f.state["year"] for f in found].count(2010) == 1


def test_a_damaged_or_missing_file_keeps_nothing(ledger: Ledger, folder: Path) -> None:
    assert ledger.path is not None
    (folder / figures_cache.FILE_NAME).write_text('{"entries": [{"path": 1}]', encoding="utf-8")
    assert figures_cache.lookup(ledger.path, folder) == []
    keep(ledger, folder)  # written again, whole
    assert len(figures_cache.lookup(ledger.path, folder)) == 1
    assert figures_cache.lookup(folder / "missing.db", folder) == []
    assert figures_cache.lookup("sqlite:///:memory:", folder) == []
    (folder / "not-a-ledger.db").write_text("notes", encoding="utf-8")
    assert figures_cache.lookup(folder / "not-a-ledger.db", folder) == []


def test_a_folder_that_cannot_be_written_keeps_nothing_and_says_nothing(
    ledger: Ledger, tmp_path: Path
) -> None:
    assert ledger.path is not None
    missing = tmp_path / "gone" / "data"  # not there: the write fails, nothing is raised
    keep(ledger, missing)
    assert figures_cache.lookup(ledger.path, missing) == []


def test_one_first_read_kept_per_database(ledger: Ledger, folder: Path) -> None:
    """The figures of a read with no period remembered (``opening``) are kept once per
    database, whatever month that read found, beside those of chosen periods."""
    assert ledger.path is not None
    with ledger.read() as session:
        head = figures_cache.head_in(session)
    for month in (10, 11):
        opening = Figures({**STATE, "month": month}, "全部", ROWS, opening=True)
        figures_cache.remember(ledger.path, head, opening, folder)
    chosen = keep(ledger, folder)
    found = figures_cache.lookup(ledger.path, folder)
    assert found == [chosen, opening]
