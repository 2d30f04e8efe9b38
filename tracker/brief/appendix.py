"""附表: every row behind every indicator figure, so a reader can check any number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from db.choices import AGREEMENT_CATEGORY, AGREEMENT_STATUS, CADRE_CATEGORY, FUND_KIND
from tracker.brief.blocks import Block, Heading, Para, Table
from tracker.brief.data import BriefData
from tracker.dates import format_date
from tracker.money import format_wan


def _d(value: Any) -> str:
    return format_date(value) if value else "—"


Columns = tuple[tuple[str, float, bool, Callable[[Any, dict[str, str]], str]], ...]

# table → (header, width share, right-aligned, cell) for each column
COLUMNS: dict[str, Columns] = {
    "fund_transfer": (
        ("到位日期", 0.13, False, lambda r, p: _d(r.arrived_on)),
        ("结对关系", 0.22, False, lambda r, p: p.get(r.pairing_id, "")),
        ("类别", 0.14, False, lambda r, p: FUND_KIND.get(r.kind, r.kind)),
        ("用途/项目", 0.21, False, lambda r, p: r.purpose),
        ("凭证号", 0.18, False, lambda r, p: r.voucher),
        ("金额（万元）", 0.12, True, lambda r, p: format_wan(r.amount_fen, unit=False)),
    ),
    "cadre_exchange": (
        ("姓名", 0.09, False, lambda r, p: r.person_name),
        ("类别", 0.14, False, lambda r, p: CADRE_CATEGORY.get(r.category, r.category)),
        ("结对关系", 0.24, False, lambda r, p: p.get(r.pairing_id, "")),
        ("挂职岗位", 0.14, False, lambda r, p: r.post or r.host_unit),
        ("开始", 0.13, False, lambda r, p: _d(r.start_on)),
        ("计划结束", 0.13, False, lambda r, p: _d(r.end_on)),
        ("返回", 0.13, False, lambda r, p: _d(r.returned_on)),
    ),
    "training": (
        ("培训名称", 0.26, False, lambda r, p: r.title),
        ("结对关系", 0.22, False, lambda r, p: p.get(r.pairing_id, "")),
        ("开班", 0.13, False, lambda r, p: _d(r.start_on)),
        ("结业", 0.13, False, lambda r, p: _d(r.end_on)),
        ("名额", 0.08, True, lambda r, p: f"{r.quota:,}"),
        ("报名", 0.08, True, lambda r, p: f"{r.enrolled:,}"),
        ("结业人数", 0.10, True, lambda r, p: f"{r.completed:,}"),
    ),
    "agreement": (
        ("签订日期", 0.13, False, lambda r, p: _d(r.signed_on)),
        ("协议名称", 0.33, False, lambda r, p: r.title),
        ("类别", 0.12, False, lambda r, p: AGREEMENT_CATEGORY.get(r.category, r.category)),
        ("结对关系", 0.28, False, lambda r, p: p.get(r.pairing_id, "")),
        ("状态", 0.14, False, lambda r, p: AGREEMENT_STATUS.get(r.status, r.status)),
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
        columns = COLUMNS[part.behind.table]
        out.append(
            Table(
                tuple(c[0] for c in columns),
                [tuple(c[3](r, data.pairing_labels) for c in columns) for r in part.rows],
                tuple(c[1] for c in columns),
                right=frozenset(i for i, c in enumerate(columns) if c[2]),
                small=True,
            )
        )
    return out


def appendix_rows(data: BriefData) -> int:
    return sum(len(p.rows) for p in data.appendix)
