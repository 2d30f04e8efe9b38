"""附表: every row behind every indicator figure, so a reader can check any number.

Each table ends with a 合计 row that sums every money and count column (and counts the rows
of a table that has none), so its total can be checked against table 1. ``estimate`` tells,
before anything is built, how many pages the 附表 will take and about how long it will run,
so the window and the command line can warn before a 700-page appendix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from pairtrack.db.choices import AGREEMENT_CATEGORY, AGREEMENT_STATUS, CADRE_CATEGORY, FUND_KIND
from pairtrack.tracker.brief.blocks import Block, Heading, Para, Table
from pairtrack.tracker.brief.data import BriefData
from pairtrack.tracker.dates import format_date
from pairtrack.tracker.indicators import INDICATORS
from pairtrack.tracker.money import format_wan
from pairtrack.tracker.periods import Period, Scope
from pairtrack.tracker.progress import RowsBehind

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger


def _d(value: Any) -> str:
    return format_date(value) if value else "—"


def _wan(fen: int) -> str:
    return format_wan(fen, unit=False)


def _count(n: int) -> str:
    return f"{n:,}"


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # share of the text width
    cell: Callable[[Any, dict[str, str]], str]
    # a money or count column: the row's value and how the 合计 of them prints
    value: Callable[[Any], int] | None = None
    shown: Callable[[int], str] = _count

    @property
    def right(self) -> bool:
        return self.value is not None


# table → its columns, and the unit its rows are counted in when no column can be summed
COLUMNS: dict[str, tuple[tuple[Column, ...], str]] = {
    "fund_transfer": (
        (
            Column("到位日期", 0.13, lambda r, p: _d(r.arrived_on)),
            Column("结对关系", 0.22, lambda r, p: p.get(r.pairing_id, "")),
            Column("类别", 0.14, lambda r, p: FUND_KIND.get(r.kind, r.kind)),
            Column("用途/项目", 0.21, lambda r, p: r.purpose),
            Column("凭证号", 0.18, lambda r, p: r.voucher),
            Column(
                "金额（万元）",
                0.12,
                lambda r, p: _wan(r.amount_fen),
                value=lambda r: int(r.amount_fen),
                shown=_wan,
            ),
        ),
        "笔",
    ),
    "cadre_exchange": (
        (
            Column("姓名", 0.09, lambda r, p: r.person_name),
            Column("类别", 0.14, lambda r, p: CADRE_CATEGORY.get(r.category, r.category)),
            Column("结对关系", 0.24, lambda r, p: p.get(r.pairing_id, "")),
            Column("挂职岗位", 0.14, lambda r, p: r.post or r.host_unit),
            Column("开始", 0.13, lambda r, p: _d(r.start_on)),
            Column("计划结束", 0.13, lambda r, p: _d(r.end_on)),
            Column("返回", 0.13, lambda r, p: _d(r.returned_on)),
        ),
        "人",
    ),
    "training": (
        (
            Column("培训名称", 0.26, lambda r, p: r.title),
            Column("结对关系", 0.22, lambda r, p: p.get(r.pairing_id, "")),
            Column("开班", 0.13, lambda r, p: _d(r.start_on)),
            Column("结业", 0.13, lambda r, p: _d(r.end_on)),
            Column("名额", 0.08, lambda r, p: _count(r.quota), value=lambda r: int(r.quota)),
            Column("报名", 0.08, lambda r, p: _count(r.enrolled), value=lambda r: int(r.enrolled)),
            Column(
                "结业人数", 0.10, lambda r, p: _count(r.completed), value=lambda r: int(r.completed)
            ),
        ),
        "期",
    ),
    "agreement": (
        (
            Column("签订日期", 0.13, lambda r, p: _d(r.signed_on)),
            Column("协议名称", 0.33, lambda r, p: r.title),
            Column("类别", 0.12, lambda r, p: AGREEMENT_CATEGORY.get(r.category, r.category)),
            Column("结对关系", 0.28, lambda r, p: p.get(r.pairing_id, "")),
            Column("状态", 0.14, lambda r, p: AGREEMENT_STATUS.get(r.status, r.status)),
        ),
        "个",
    ),
}


def appendix_blocks(data: BriefData) -> list[Block]:
    out: list[Block] = [Heading("附表：各项指标明细")]
    for number, part in enumerate(data.appendix, start=1):
        ind = part.behind.indicator
        out.append(Heading(f"附表{number}  {ind.label}明细（{ind.rule}，{len(part.rows)}条）", 2))
        if not part.rows:
            out.append(Para("本期无明细记录。"))
            continue
        columns, unit = COLUMNS[part.behind.table]
        rows = [tuple(c.cell(r, data.pairing_labels) for c in columns) for r in part.rows]
        rows.append(total_row(columns, unit, part.rows))
        out.append(
            Table(
                tuple(c.header for c in columns),
                rows,
                tuple(c.width for c in columns),
                right=frozenset(i for i, c in enumerate(columns) if c.right),
                total=True,
                small=True,
            )
        )
    return out


def total_row(columns: tuple[Column, ...], unit: str, records: list[Any]) -> tuple[str, ...]:
    """合计 in the first column, the sum under every money and count column; a table without
    any says how many rows it has."""
    cells = ["合计"] + [""] * (len(columns) - 1)
    summed = False
    for i, column in enumerate(columns):
        if column.value is not None:
            cells[i] = column.shown(sum(column.value(r) for r in records))
            summed = True
    if not summed:
        cells[1] = f"{len(records):,}{unit}"
    return tuple(cells)


def appendix_rows(data: BriefData) -> int:
    return sum(len(p.rows) for p in data.appendix)


# --- how big it will be ---------------------------------------------------------------------

# Measured on generated ledgers (tests/brief/test_appendix_progress.py keeps these honest):
# with columns as wide as their content, a page of 附表 holds about 33 rows (some wrap onto
# two lines), a table's title and header take about two rows; the 100k-record 附表 (773
# pages) is laid out at about 55 pages a second on one core of a shared server, so an
# office PC is counted at half that.
ROWS_PER_PAGE = 33  # table rows in the official type (16 pt body, 9 pt 附表)
SECONDS_PER_PAGE = 0.035
WARN_PAGES = 50  # above this the window asks before it starts, and the command line says so


@dataclass(frozen=True)
class AppendixSize:
    rows: int
    pages: int
    seconds: int

    @property
    def large(self) -> bool:
        return self.pages > WARN_PAGES

    @property
    def notice(self) -> str:
        return f"附表约 {self.pages:,} 页（{self.rows:,} 条记录），生成需要约 {self.seconds:,} 秒"

    @property
    def question(self) -> str:
        return f"{self.notice}，是否继续？"


def estimate(ledger: Ledger, period: Period, scope: Scope) -> AppendixSize:
    """Count the rows behind every indicator (one COUNT per indicator, no rows read)."""
    rows = 0
    parts = 0
    with ledger.read() as session:
        for indicator in INDICATORS:
            query = RowsBehind(indicator, period, scope).id_query().subquery()
            rows += int(session.scalar(select(func.count()).select_from(query)) or 0)
            parts += 1
    return size_of(rows, parts)


def size_of(rows: int, parts: int) -> AppendixSize:
    # each table's title, header and 合计 take about three rows of room
    pages = math.ceil((rows + 3 * parts) / ROWS_PER_PAGE)
    return AppendixSize(rows, pages, max(1, math.ceil(pages * SECONDS_PER_PAGE)))
