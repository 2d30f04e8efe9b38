"""Plain-text tables for the terminal, aligned for Chinese (wide) characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Columns whose index is in ``right`` are right-aligned (numbers)."""
    sizes = [max(width(str(r[i])) for r in (headers, *rows)) for i in range(len(headers))]
    lines = ["  ".join(_pad(h, sizes[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    for row in rows:
        lines.append(
            "  ".join(_pad(str(c), sizes[i], i in right) for i, c in enumerate(row)).rstrip()
        )
    return "\n".join(lines)
