"""Column widths of the record tables in both languages (issue 14): at the default window size
no header is cut, and the key columns are on screen, in Chinese and in English; widths a
person set are kept per language.

Before: the tables were sized for Chinese: in English "Arrival date" was cut at the table's
edge and the voucher was off screen; widths kept from a Chinese session cut English headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QTableView

from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.i18n import install_translators
from pairtrack.ui.pages.column_widths import MAX_WIDTH, NARROWEST_TEXT, fitted
from pairtrack.ui.worker import pool

RECORD_KINDS = [k for k in KINDS if k.page == "records"]


@pytest.fixture
def in_language(qapp: Any) -> Iterator[Any]:
    def use(language: str) -> None:
        assert install_translators(qapp, language) == language

    yield use
    install_translators(qapp, "zh_CN")


@pytest.fixture
def windows(qtbot: Any) -> Iterator[Any]:
    from pairtrack.ui.main_window import MainWindow

    made: list[MainWindow] = []

    def make(ledger: Ledger) -> MainWindow:
        window = MainWindow(ledger)  # at the default size (no geometry kept yet)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    pool().waitForDone()
    for window in made:
        window.close()


def shown_page(qtbot: Any, window: Any, table: str) -> Any:
    page = window.show_page(table)
    qtbot.waitUntil(lambda: page._sized and page.model.loaded(), timeout=20_000)
    return page


def cut_headers(view: QTableView) -> list[str]:
    """Headers narrower than their text (with the sort indicator's room)."""
    header = view.horizontalHeader()
    model = view.model()
    return [
        str(model.headerData(c, header.orientation()))
        for c in range(model.columnCount())
        if view.columnWidth(c) < header.sectionSizeFromContents(c).width()
    ]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_header_is_cut_and_the_key_columns_are_on_screen(
    qtbot: Any, demo_ledger: Ledger, windows: Any, in_language: Any, language: str
) -> None:
    in_language(language)
    window = windows(demo_ledger)
    assert window.width() <= 1280 and window.height() <= 800
    for kind in RECORD_KINDS:
        page = shown_page(qtbot, window, kind.table)
        view = page.view
        assert cut_headers(view) == [], (language, kind.table)
        key = kind.on_screen or len(kind.columns)
        right = view.columnViewportPosition(key - 1) + view.columnWidth(key - 1)
        assert 0 < right <= view.viewport().width(), (language, kind.table, right)


def test_widths_set_in_chinese_do_not_cut_english_headers(
    qtbot: Any, demo_ledger: Ledger, windows: Any, in_language: Any
) -> None:
    chinese = windows(demo_ledger)
    funds = shown_page(qtbot, chinese, "fund_transfer")
    arrived = funds.spec.columns.index("arrived_on")
    funds.view.setColumnWidth(arrived, 70)  # a person narrowed 到位日期 to its Chinese header
    chinese.save_layout()
    in_language("en")
    english = windows(demo_ledger)
    funds_en = shown_page(qtbot, english, "fund_transfer")
    assert cut_headers(funds_en.view) == []
    in_language("zh_CN")
    again = windows(demo_ledger)
    assert shown_page(qtbot, again, "fund_transfer").view.columnWidth(arrived) == 70  # kept


widths = st.lists(st.integers(0, 400), min_size=1, max_size=12)


@given(widths, widths, st.integers(-1, 1500), st.integers(0, 12))
def test_fitted_widths_never_cut_a_header_and_fit_where_they_can(
    heads: list[int], cells: list[int], available: int, leading: int
) -> None:
    cells = (cells * len(heads))[: len(heads)] if cells else [0] * len(heads)
    out = fitted(heads, cells, available, leading)
    assert all(w >= h for w, h in zip(out, heads, strict=True))  # never below a header
    assert all(w <= max(h, MAX_WIDTH) for w, h in zip(out, heads, strict=True))
    start = fitted(heads, cells, 0, leading)
    assert all(w <= s for w, s in zip(out, start, strict=True))  # only narrowed
    count = len(heads) if leading == 0 else min(leading, len(heads))
    if available > 0 and sum(out[:count]) > available:  # did not fit: all gave what they could
        floors = [
            max(h, min(s, NARROWEST_TEXT))
            for h, s in zip(heads[:count], start[:count], strict=True)
        ]
        assert out[:count] == floors
