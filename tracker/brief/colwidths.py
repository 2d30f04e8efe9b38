"""Column widths of a table from its content, as a browser sets an automatic table.

Each column has a natural width (its widest cell on one line) and a least width (its widest
piece that must not break: a date, an amount, a voucher number, or a few characters of
Chinese text, which may break anywhere). If the natural widths fit, each column gets its own
plus a share of what is left; otherwise every column gets its least width and the columns that
wrap share the rest in proportion to how much they would need. Widths are measured in ems of
the table's type: a CJK character is one em, other characters about half.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

PT_PER_MM = 72 / 25.4
MIN_CJK_EMS = 4.0  # a wrapping Chinese column is never narrower than four characters
UNBROKEN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]+")


def ems(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def least_ems(text: str) -> float:
    """The widest piece of ``text`` that cannot break: a run of digits or Latin letters, or
    ``MIN_CJK_EMS`` characters of Chinese."""
    pieces = [ems(m) for m in UNBROKEN.findall(text)]
    longest = max(pieces, default=0.0)
    return max(longest, min(ems(text), MIN_CJK_EMS))


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    size_pt: float,
    *,
    padding_mm: float = 3.0,
) -> list[float]:
    """Widths in mm, one per column, summing to ``total_mm``."""
    natural = [ems(h) for h in headers]
    least = [min(MIN_CJK_EMS, ems(h)) for h in headers]  # a header may wrap after 4 chars
    for row in rows:
        for column, value in enumerate(row):
            for line in str(value).split("\n"):
                natural[column] = max(natural[column], ems(line))
                least[column] = max(least[column], least_ems(line))
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
    return [n + spare * d / sum(need) for n, d in zip(narrowest, need, strict=True)]
