"""The neutral document model both renderers lay out: headings, paragraphs, tables, a chart.

Every figure is already formatted as text here, so the PDF and the .docx cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、… 2: a table caption or 附表 title 3: a （一） heading (楷体)


@dataclass(frozen=True)
class Para:
    text: str  # plain text, never markup: renderers escape it
    literal: bool = False  # typed by a user: keep its line breaks, no first-line indent


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[float, ...]  # shares of the text width, summing to 1
    right: frozenset[int] = frozenset()  # right-aligned (numeric) columns
    marked: frozenset[int] = frozenset()  # rows to stress (lagging indicators)
    total: bool = False  # the last row (the last group) is the 合计
    small: bool = False  # a smaller type, for the long 附表 listings
    note: str = ""  # 注 printed under the table and kept with its last rows
    # Rows come in groups of this many (a pairing's 目标, 实际, 完成率): the first column is
    # one cell over the group, and a group never breaks across pages.
    group: int = 1


@dataclass(frozen=True)
class ChartBar:
    label: str
    completion: Decimal | None  # None: no target, no bar


@dataclass(frozen=True)
class Chart:
    bars: list[ChartBar]
    elapsed: Decimal  # 序时进度, drawn as a line across the bars
    caption: str = ""


@dataclass(frozen=True)
class Distribution:
    """The 版记 at the end of a 简报: 报：… 送：… 发：… and （共印N份）, between two rules."""

    lines: tuple[str, ...]


Block = Heading | Para | Table | Chart | Distribution


@dataclass
class Document:
    title: str
    subtitle: str  # the period, under the title
    issued: str  # the issuing line, e.g. "廊坊开发区对口帮扶办公室  2017年12月5日"
    header: str  # running header: office · scope · period
    subject: str  # PDF metadata subject
    author: str
    blocks: list[Block] = field(default_factory=list)
    issue: str = ""  # 期号 under the title, 「第5期」; empty: not printed
