"""Column widths of a record table, from the headers and cells as they read in the language
in use: a header is never cut, and the leading columns that tell records apart and carry the
key figures and dates (``Kind.on_screen``) fit the table at the default window size.

English headers are longer than Chinese ones ("Allocation date" for 拨付日期), and so are
some cells ("Fiscal assistance funds" for 财政援助资金): widths sized for Chinese cut them,
and widths sized to English contents push the voucher off the screen. So each column starts
at its contents (at most ``MAX_WIDTH``) but never below its header; when the leading columns
are wider than the table, the widest text columns give way first, down to their header (a
long purpose or name is then elided in its cell, where the whole of it is in its tooltip and
form). Widths a person dragged are kept per language (``RecordPage.save_columns``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableView

from pairtrack.ui.i18n import SOURCE_LANGUAGE, current_language

MAX_WIDTH = 280  # a long purpose or title does not take the whole table
PADDING = 12  # beside a cell's text
NARROWEST_TEXT = 90  # a text column gives way no further than this (unless its header is wider)


def fitted(
    headers: Sequence[int], contents: Sequence[int], available: int, leading: int
) -> list[int]:
    """Widths for columns whose headers need ``headers`` pixels and whose cells ``contents``;
    the first ``leading`` columns (all when 0) fit ``available`` where narrowing the text
    columns can make them (``available`` ≤ 0: not known yet, nothing is narrowed)."""
    widths = [max(h, min(MAX_WIDTH, c + PADDING)) for h, c in zip(headers, contents, strict=True)]
    count = len(widths) if leading <= 0 else min(leading, len(widths))
    if available <= 0:
        return widths
    floors = [max(h, min(w, NARROWEST_TEXT)) for h, w in zip(headers, widths, strict=True)]
    excess = sum(widths[:count]) - available
    while excess > 0:
        # the widest column of the leading ones that may still give way
        room = [
            (widths[i] - floors[i], widths[i], i) for i in range(count) if widths[i] > floors[i]
        ]
        if not room:
            break  # only headers left: nothing more can give way
        _room, width, widest = max(room, key=lambda r: (r[1], r[2]))
        others = [widths[i] for i in range(count) if i != widest and widths[i] > floors[i]]
        # down to the next widest (so that the wide ones give way together), the floor, or
        # as far as needed
        target = max(floors[widest], max(others, default=0), width - excess)
        if target >= width:
            target = width - 1
        excess -= width - target
        widths[widest] = target
    return widths


def size_columns(view: QTableView, leading: int) -> None:
    """Size ``view``'s columns (``fitted``) from its translated headers and its cells."""
    # the rows just set decide the row numbers' width and the vertical scroll bar, which
    # take their room from the viewport once laid out: lay them out before measuring it
    view.doItemsLayout()
    header = view.horizontalHeader()
    columns = range(view.model().columnCount())
    heads = [header.sectionSizeFromContents(c).width() for c in columns]
    cells = [view.sizeHintForColumn(c) for c in columns]
    available = view.viewport().width() if view.isVisible() else 0
    bar = view.verticalScrollBar()
    if available and not bar.isVisible():  # it may come with the next rows: its room is kept
        available -= bar.sizeHint().width()
    for column, width in enumerate(fitted(heads, cells, available, leading)):
        view.setColumnWidth(column, width)


def _key(table: str) -> str:
    """Widths are kept per language: Chinese widths cut English headers."""
    return f"columns/{current_language()}/{table}"


def restore_columns(view: QTableView, table: str) -> bool:
    """The widths kept for ``table`` in this language, if any (whether there were)."""
    settings = QSettings()
    state = settings.value(_key(table))
    if state is None and current_language() == SOURCE_LANGUAGE:
        state = settings.value(f"columns/{table}")  # kept before widths had a language
    if state is None:
        return False
    view.horizontalHeader().restoreState(state)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return True


def save_columns(view: QTableView, table: str) -> None:
    QSettings().setValue(_key(table), view.horizontalHeader().saveState())
