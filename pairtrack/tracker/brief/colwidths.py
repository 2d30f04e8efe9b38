"""Column widths of a table from its content, as a browser sets an automatic table.

Each column has a natural width (its widest cell on one line) and a least width (its widest
piece that must not break: a date, an amount, a voucher number, or a few characters of
Chinese text, which may break anywhere). If the natural widths fit, each column gets its own
plus a share of what is left; otherwise every column gets its least width, the columns that
need little more get their natural width, and the columns that wrap share the rest in
proportion to how much they would need. Widths are measured in ems of
the table's type: by default estimated (a CJK character is one em, other characters about
half: the Word copy cannot know the PC's fonts), or measured with the fonts the PDF embeds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

PT_PER_MM = 72 / 25.4
MIN_CJK_EMS = 4.0  # a wrapping Chinese column is never narrower than four characters
UNBROKEN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]+")


def ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def least_ems(text: str, measure: Callable[[str], float] = ems) -> float:
    """The widest piece of ``text`` that cannot break: a run of digits or Latin letters, or
    ``MIN_CJK_EMS`` characters of Chinese."""
    pieces = [measure(m) for m in UNBROKEN.findall(text)]
    longest = max(pieces, default=0.0)
    return max(longest, min(measure(text), MIN_CJK_EMS))


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    size_pt: float,
    *,
    padding_mm: float = 3.0,
    measure: Callable[[str], float] = ems,
) -> list[float]:
    """Widths in mm, one per column, summing to ``total_mm``; ``measure`` gives a text's
    width in ems."""
    natural = [measure(h) for h in headers]
    least = [min(MIN_CJK_EMS, measure(h)) for h in headers]  # a header may wrap after 4 chars
    for row in rows:
        for column, value in enumerate(row):
            for line in str(value).split("\n"):
                natural[column] = max(natural[column], measure(line))
                least[column] = max(least[column], least_ems(line, measure))
    em_mm = size_pt / PT_PER_MM
    widest = [n * em_mm + padding_mm for n in natural]
    narrowest = [min(n, m) * em_mm + padding_mm for n, m in zip(natural, least, strict=True)]
    if sum(widest) <= total_mm:
        spare = total_mm - sum(widest)
        return [w + spare * w / sum(widest) for w in widest]
    if sum(narrowest) >= total_mm:  # even the least widths overflow: scale them down
        return [w * total_mm / sum(narrowest) for w in narrowest]
    spare = total_mm - sum(narrowest)
    need = [w - n for w, n in zip(widest, narrowest, strict=True)]
    widths = list(narrowest)
    # A column that needs less than an equal share of what is left gets all it needs, the
    # least needy first, so that short columns (a category, a date range) never wrap; the
    # columns that must wrap anyway share the rest in proportion to their need.
    wrapping = sorted(range(len(need)), key=lambda c: need[c])
    while wrapping and need[wrapping[0]] <= spare / len(wrapping):
        column = wrapping.pop(0)
        widths[column] += need[column]
        spare -= need[column]
    needed = sum(need[c] for c in wrapping)
    for column in wrapping:
        widths[column] += spare * need[column] / needed
    return widths
