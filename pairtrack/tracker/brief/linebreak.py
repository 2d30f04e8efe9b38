"""Where a line of Chinese text may break, and how a paragraph is cut into lines (DESIGN §6).

Chinese may break between any two characters, except:

* 避头尾: no line starts with a closing mark (，。、；：？！）》”’ …) and none ends with an
  opening one (（《“‘ …): the mark travels with the character next to it;
* a number stays with its unit: 「4个」「9178万元」「82.3%」「2017年」 are never split;
* a run of Latin letters, digits and ASCII punctuation (a voucher number, an ID, 82.3%) is one
  unit, broken only when it is wider than a whole line;
* 「——」 and 「……」 are never split in two.

Breaking is greedy (the longest line that fits) and runs in time linear in the text, whatever
the text is. Pure functions: no reportlab here, so the rules can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A line never starts with one of these (GB/T 15834 and common 避头尾 practice).
NO_START = frozenset(
    "，。、；：？！）》”’」』】〕〉〗〙〛％‰℃°′″·・…—～,.;:?!)]}%\uff09\uff3d\uff5d\uff0e\uff61"
)
# A line never ends with one of these.
NO_END = frozenset("（《“‘「『【〔〈〖〘〚([{￥$＄£€#＃")
# Marks that come in pairs and are never split: ——, …….
PAIRED = frozenset("—…")
# Characters a unit after a number is made of (万元, 亿元, 人次, 平方米, 个, 项, 亩 …): the run
# of these right after a digit stays with the number (at most UNIT_RUN of them).
UNIT_CHARS = frozenset(
    "万亿千百十余多元角分亩人次名个项期家所批条座间件处户套台辆吨公里米平方天年月日号时岁"
    "位本册份篇场届倍%％‰斤克升元股轮组支部栋层季周"
)
UNIT_RUN = 4
DIGITS = frozenset("0123456789０１２３４５６７８９")


def is_token_char(ch: str) -> bool:
    """Part of a Latin/number run that is kept whole (letters, digits, ASCII punctuation)."""
    return ("!" <= ch <= "~") or ch in DIGITS or ("Ａ" <= ch <= "ｚ")


def glued(text: str) -> list[bool]:
    """``glued[i]`` is True when no line may break before ``text[i]``."""
    n = len(text)
    glue = [False] * n
    if n:
        glue[0] = True  # nothing to break before the first character
    for i in range(1, n):
        ch, prev = text[i], text[i - 1]
        if (
            ch in NO_START
            or prev in NO_END
            or (is_token_char(ch) and is_token_char(prev))
            or (ch == prev and ch in PAIRED)
        ):
            glue[i] = True
    # Spaces do not open a way round the rules: "（ 中" and "元 。" stay together too.
    i = 0
    while i < n:
        if not text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        if (i > 0 and text[i - 1] in NO_END) or (j < n and text[j] in NO_START):
            for k in range(max(i, 1), min(j + 1, n)):
                glue[k] = True
        i = j
    # A number keeps its unit: the run of unit characters right after a digit.
    for i in range(1, n):
        if text[i - 1] in DIGITS and text[i] in UNIT_CHARS:
            j = i
            while j < n and j - i < UNIT_RUN and text[j] in UNIT_CHARS:
                glue[j] = True
                j += 1
    return glue


@dataclass(frozen=True)
class Line:
    start: int  # index of the first character
    end: int  # index after the last character (trailing spaces excluded)
    width: float  # natural width of text[start:end]
    last: bool  # the paragraph's last line (not justified)


def break_lines(
    text: str,
    width_of: Callable[[str], float],
    widths: Sequence[float],
) -> list[Line]:
    """Cut ``text`` (one paragraph, no newlines) into lines no wider than ``widths[k]`` (the
    last width is used for all further lines); ``width_of(ch)`` is a character's advance."""
    n = len(text)
    if n == 0:
        return [Line(0, 0, 0.0, True)]
    glue = glued(text)
    advance = [width_of(ch) for ch in text]
    lines: list[Line] = []
    full = max(widths)  # a unit that fits a whole line is moved there, not broken
    start = 0
    while start < n:
        limit = widths[min(len(lines), len(widths) - 1)]
        used = 0.0
        last_break = -1  # the latest index > start a line may break before
        i = start
        while i < n:
            if i > start and not glue[i]:
                last_break = i
            ch = text[i]
            if used + advance[i] > limit + 1e-6 and i > start and not ch.isspace():
                break
            used += advance[i]
            i += 1
        if i >= n:
            end = n
        elif last_break > start and not _unit_wider_than(text, glue, advance, last_break, full):
            end = last_break
        else:
            # No break opportunity on this line, or the unit starting at the last one is
            # wider than a whole line (a long voucher number): break where the line is full.
            end = i
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        lines.append(Line(start, stop, sum(advance[start:stop]), end >= n))
        start = end
        while start < n and text[start].isspace() and start != 0:
            start += 1
    return lines


def _unit_wider_than(
    text: str, glue: Sequence[bool], advance: Sequence[float], at: int, limit: float
) -> bool:
    """Whether the unbreakable unit starting at ``at`` would not fit on a line by itself."""
    width = advance[at]
    j = at + 1
    while j < len(text) and glue[j]:
        width += advance[j]
        if width > limit:
            return True
        j += 1
    return width > limit
