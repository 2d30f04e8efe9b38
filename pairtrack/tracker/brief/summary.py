"""一、总体情况: full Chinese sentences built from the figures, the same every time.

Figures are formatted exactly as ``pairtrack summary`` prints them (tracker.formatting), so a
reader can find each one in the indicator table below.
"""

from __future__ import annotations

from pairtrack.tracker.brief.data import BriefData
from pairtrack.tracker.brief.highlights import highlight_paragraph
from pairtrack.tracker.brief.yoy import change
from pairtrack.tracker.dates import format_date_cn
from pairtrack.tracker.formatting import format_share, prose_money, prose_value
from pairtrack.tracker.periods import Scope
from pairtrack.tracker.progress import IndicatorProgress

COUNT_WORDS = "零一二三四五六七八九十"


def scope_phrase(scope: Scope) -> str:
    """How the scope reads inside a sentence."""
    if scope.kind == "helper":
        return f"{scope.region_name}作为帮扶方的"
    if scope.kind == "assisted":
        return f"{scope.region_name}作为受援方的"
    if scope.kind == "pairing":
        return f"「{scope.label.removeprefix('结对：')}」"
    return "全部"


def scope_line(scope: Scope) -> str:
    """The 统计范围 under the title: 「康保县（受援方）」, 「全部结对关系」."""
    if scope.kind == "helper":
        return f"{scope.region_name}（帮扶方）"
    if scope.kind == "assisted":
        return f"{scope.region_name}（受援方）"
    if scope.kind == "pairing":
        return f"{scope.label.removeprefix('结对：')}（结对关系）"
    return "全部结对关系"


def count_word(n: int) -> str:
    """``两`` for 2 as reports count things (以下两个方面), digits from 11 on."""
    if n == 2:
        return "两"
    return COUNT_WORDS[n] if 0 <= n <= 10 else str(n)


def amount(row: IndicatorProgress) -> str:
    """``2350.3万元`` / ``67人``: a figure with its unit, as prose writes it."""
    return prose_value(row.indicator, row.actual)


def against_target(row: IndicatorProgress) -> str:
    """``，完成年度目标3.55亿元的98.6%``, ``，年度目标为0个`` (a target of 0 is a target,
    with no share of it) or ``（未设年度目标）``."""
    if row.target is None:
        return "（未设年度目标）"
    target = prose_value(row.indicator, row.target)
    if row.completion is None:
        return f"，年度目标为{target}"
    return f"，完成年度目标{target}的{format_share(row.completion)}"


ALLOCATED = "allocated"  # the funds allocated in the period, compared like an indicator


def compared(data: BriefData, key: str, now: int) -> str:
    """The 同比 clause of a figure (``tracker.brief.yoy.change``); empty when the previous
    year has no data at all. ``key``: an indicator key or ``ALLOCATED``."""
    before = data.previous
    if before is None:
        return ""
    if key == ALLOCATED:
        return change(now, before.allocated, prose_money(before.allocated))
    then = before.actuals.get(key, 0)
    return change(now, then, prose_value(data.row(key).indicator, then))


def overview(data: BriefData) -> list[str]:
    """The paragraphs of 一、总体情况."""
    period = data.period
    count = len(data.pairing_labels)
    if count == 0:
        first = f"{period.label}，本简报统计范围（{scope_line(data.scope)}）内暂无结对关系。"
    else:
        first = (
            f"本简报统计{scope_phrase(data.scope)}结对关系{count}个，"
            f"统计期间为{format_date_cn(period.start)}至{format_date_cn(period.end)}。"
        )
    row = data.row

    def said(key: str) -> str:
        """A figure with its target and its 同比: 「3.5亿元，完成年度目标…的98.6%，同比增长12.5%」."""
        found = row(key)
        return amount(found) + against_target(found) + compared(data, key, found.actual)

    allocated = sum(r.allocated for r in data.funds)
    funds = (
        f"{period.label}，拨付帮扶资金{prose_money(allocated)}"
        f"{compared(data, ALLOCATED, allocated)}；"
        f"到位财政援助资金{said('fiscal_funds')}；到位社会帮扶资金{said('social_funds')}。"
    )
    day = format_date_cn(data.as_of or period.end)
    cadres = (
        f"选派党政干部{said('cadres_sent')}；选派专业技术人才{said('professionals_sent')}；"
        f"受援方来挂职跟岗{said('cadres_received')}。"
        f"截至{day}，在岗的派出干部人才{data.seconded_total}人。"
    )
    programmes = sum(t.programmes for t in data.trainings)
    training = (
        f"开班培训项目{programmes}期，培训名额{said('training_quota')}；培训结业{said('trained')}。"
    )
    agreements = f"签订合作协议{said('agreements_signed')}。"
    named = highlight_paragraph(data.highlights)
    return [
        first,
        funds + cadres,
        training + agreements,
        *([named] if named else []),
        lag_sentence(data),
    ]


def lag_sentence(data: BriefData) -> str:
    """How the indicators with a target stand against 序时进度; only the counts that are not
    zero are said, and 「均已完成」 when every one is done."""
    rows = data.progress
    with_target = [r for r in rows if r.has_target]
    lagging = [r for r in with_target if r.lagging]
    elapsed = format_share(rows[0].elapsed) if rows else "—"
    if not with_target:
        return f"本期各项指标均未设定年度目标，暂无法对照序时进度（{elapsed}）评估进度。"
    done = sum(1 for r in with_target if r.status == "已完成")
    normal = len(with_target) - done - len(lagging)
    head = f"对照序时进度{elapsed}，已设目标的{len(with_target)}项主要指标中，"
    if done == len(with_target):
        return f"对照序时进度{elapsed}，已设目标的{len(with_target)}项主要指标均已完成年度目标。"
    parts = []
    if done:
        parts.append(f"已完成{done}项")
    if normal:
        parts.append(f"进度正常{normal}项")
    if not lagging:
        return head + "，".join(parts) + "，没有进度滞后的指标。"
    parts.append(f"进度滞后{len(lagging)}项")
    names = "、".join(f"“{r.indicator.label}”" for r in lagging)
    return head + "，".join(parts) + f"。进度滞后的指标是{names}，需加快推进。"
