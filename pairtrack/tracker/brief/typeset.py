"""A paragraph flowable for Chinese official type: 避头尾, numbers kept with units, justified
lines, per-character font fallback, and text that always prints literally (DESIGN §6).

reportlab's own ``Paragraph(wordWrap="CJK")`` lets "，" "：" "”" start a line and "（" end one
(its tables miss the full-width marks and it never checks line ends), splits "4个" and
voucher numbers, and cannot justify CJK lines. This flowable takes plain text (never markup),
breaks it with ``linebreak.break_lines`` and draws each line with the character spacing that
makes both edges straight; the last line of a paragraph is left-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from pairtrack.tracker.brief.fonts import advance, printable, runs, text_width
from pairtrack.tracker.brief.linebreak import Line, break_lines, is_token_char


@dataclass(frozen=True)
class TextStyle:
    role: str  # a font chain of fonts.CHAINS
    size: float
    leading: float
    align: str = "justify"  # justify | left | center | right
    indent: float = 0.0  # first-line indent, points
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    color: Any = colors.black


@dataclass(frozen=True)
class _Laid:
    text: str
    line: Line


class TextBlock(Flowable):
    """Plain text (``\\n`` starts a new line) set in ``style``; splits between lines."""

    def __init__(self, text: str, style: TextStyle, _lines: list[_Laid] | None = None) -> None:
        super().__init__()
        parts = text.replace("\r\n", "\n").split("\n")
        self.text = "\n".join(printable(part, style.role) for part in parts)
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.keepWithNext = style.keep_with_next
        self._lines = _lines
        self._width = 0.0

    def _layout(self, width: float) -> list[_Laid]:
        style = self.style
        out: list[_Laid] = []
        for k, part in enumerate(self.text.split("\n")):
            first = width - style.indent if k == 0 else width
            lines = break_lines(
                part, lambda ch: advance(ch, style.role, style.size), [first, width]
            )
            out.extend(_Laid(part, line) for line in lines)
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lines is None or self._width != availWidth:
            self._lines = self._layout(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = int((availHeight + 1e-6) // self.style.leading)
        total = len(self._lines)
        if total >= 4:  # no widow or orphan line
            fit = min(fit, total - 2)
            if fit < 2:
                return []
        if fit <= 0 or fit >= total:
            return []
        first = TextBlock("", self.style, self._lines[:fit])
        rest = TextBlock("", replace(self.style, space_before=0), self._lines[fit:])
        first.text = rest.text = self.text
        first.spaceAfter = 0
        for part in (first, rest):
            part._width = availWidth
        rest._continued = True
        return [first, rest]

    def draw(self) -> None:
        assert self._lines is not None
        style = self.style
        canvas = self.canv
        y = self.height - style.leading + (style.leading - style.size) / 2 + style.size * 0.12
        continued = getattr(self, "_continued", False)
        for laid in self._lines:
            line = laid.line
            chunk = laid.text[line.start : line.end]
            starts_part = line.start == 0 and not continued
            indent = style.indent if starts_part and laid is self._first_of_text() else 0.0
            room = self.width - indent
            x, spacing = indent, 0.0
            if style.align == "center":
                x += (room - line.width) / 2
            elif style.align == "right":
                x += room - line.width
            elif style.align == "justify" and not line.last and len(chunk) > 1:
                spacing = max(0.0, room - line.width) / (len(chunk) - 1)
            if spacing:
                _draw_justified(canvas, x, y, chunk, style, room - line.width)
            else:
                draw_runs(canvas, x, y, chunk, style.role, style.size, style.color)
            y -= style.leading
            continued = False

    def _first_of_text(self) -> _Laid | None:
        """The line that opens the whole text (it alone gets the first-line indent)."""
        if getattr(self, "_continued", False) or not self._lines:
            return None
        return self._lines[0]


def _draw_justified(
    canvas: Any, x: float, y: float, chunk: str, style: TextStyle, slack: float
) -> None:
    """Spread ``slack`` over the gaps next to Chinese characters and marks; a Latin or number
    run (35,500.00, PZ-2017-001) keeps its own spacing. One text object per line: the gap
    after a character is its character spacing (Tc), changed only where it changes."""
    stretch = [
        j + 1 < len(chunk) and not (is_token_char(chunk[j]) and is_token_char(chunk[j + 1]))
        for j in range(len(chunk))
    ]
    count = sum(stretch)
    if not count:
        draw_runs(canvas, x, y, chunk, style.role, style.size, style.color)
        return
    gap = max(0.0, slack) / count
    tx = canvas.beginText(x, y)
    tx.setFillColor(style.color)
    for name, part, offset in _runs_with_offsets(chunk, style.role):
        start = offset
        for j in range(offset, offset + len(part) + 1):
            if j == offset + len(part) or (j > start and stretch[j] != stretch[start]):
                tx.setCharSpace(gap if stretch[start] else 0)
                tx.setFont(name, style.size)
                tx.textOut(chunk[start:j])
                start = j
    canvas.drawText(tx)


def _runs_with_offsets(text: str, role: str) -> list[tuple[str, str, int]]:
    out, offset = [], 0
    for name, part in runs(text, role):
        out.append((name, part, offset))
        offset += len(part)
    return out


def draw_runs(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    role: str,
    size: float,
    color: Any = colors.black,
    spacing: float = 0.0,
) -> None:
    """Draw one line of printable text at (x, y), switching fonts by coverage."""
    if not text:
        return
    tx = canvas.beginText(x, y)
    tx.setFillColor(color)
    if spacing:
        tx.setCharSpace(spacing)
    for name, part in runs(text, role):
        tx.setFont(name, size)
        tx.textOut(part)
    canvas.drawText(tx)


def draw_centred(canvas: Any, x: float, y: float, text: str, role: str, size: float) -> None:
    text = printable(text, role)
    draw_runs(canvas, x - text_width(text, role, size) / 2, y, text, role, size)
