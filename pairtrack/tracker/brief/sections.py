"""Compose the brief's sections (DESIGN §6) from gathered figures into ``Document`` blocks."""

from __future__ import annotations

from typing import Any

from pairtrack.db.choices import (
    AGREEMENT_CATEGORY,
    AGREEMENT_STATUS,
    CADRE_CATEGORY,
    DIRECTION,
    FUND_KIND,
    TRAINING_CATEGORY,
)
from pairtrack.tracker.brief.appendix import appendix_blocks
from pairtrack.tracker.brief.blocks import (
    Block,
    Chart,
    ChartBar,
    Distribution,
    Document,
    Heading,
    Para,
    Table,
)
from pairtrack.tracker.brief.data import BriefData, CountRow
from pairtrack.tracker.brief.pairings import BREAKDOWN_INDICATORS, pairing_blocks
from pairtrack.tracker.brief.summary import count_word, overview, scope_line
from pairtrack.tracker.dates import format_date, format_date_cn
from pairtrack.tracker.formatting import (
    INDICATOR_HEADERS,
    format_share,
    format_value,
    indicator_cells,
    prose_money,
)
from pairtrack.tracker.money import format_wan
from pairtrack.tracker.progress import LAG_MARGIN

NUMBERS = "一二三四五六七八九十"


def title_of(data: BriefData) -> str:
    """「廊坊开发区对口帮扶工作进展简报（…）」; with no office name 「对口帮扶工作进展简报（…）」."""
    office = data.options.office_name.strip()
    office = office.removesuffix("对口帮扶办公室").removesuffix("办公室")
    return f"{office}对口帮扶工作进展简报（{data.period.label}）"


def compose(data: BriefData) -> Document:
    options = data.options
    office = options.office_name.strip()  # no name: issued by nobody rather than the program
    scope = scope_line(data.scope)
    issued = format_date_cn(options.issued_on)
    frame = data.frame
    editor = f"{frame.editor}编印" if frame.editor else office
    doc = Document(
        title=title_of(data),
        subtitle=f"统计范围：{scope}",
        issued="　　".join(
            p
            for p in (editor, issued, f"数据校验码 {data.check_code}" if data.check_code else "")
            if p
        ),
        issue=frame.issue_line(),
        header="　·　".join(p for p in (office, scope, data.period.label) if p),
        subject=f"对口帮扶工作进展简报 · {data.period.label} · {scope}",
        author=office,
    )
    parts: list[tuple[str, list[Block]]] = [
        ("总体情况", [Para(p) for p in overview(data)]),
        ("主要指标完成情况", indicator_blocks(data)),
        ("资金拨付与到位", fund_blocks(data)),
        ("干部人才交流", cadre_blocks(data)),
        ("培训与委培", training_blocks(data)),
        ("合作协议", agreement_blocks(data)),
        ("存在问题", problem_blocks(data)),
    ]
    # A handout leaves out 下一步工作 when nobody wrote it rather than print that it is missing.
    if options.next_steps_text.strip():
        parts.append(("下一步工作", user_text(options.next_steps_text, "")))
    for number, (name, blocks) in enumerate(parts):
        doc.blocks.append(Heading(f"{NUMBERS[number]}、{name}"))
        doc.blocks.extend(blocks)
    if frame.closing():
        doc.blocks.append(Distribution(frame.closing()))
    if options.appendix:
        doc.blocks.extend(appendix_blocks(data))
    return doc


def indicator_blocks(data: BriefData) -> list[Block]:
    rows = [indicator_cells(p) for p in data.progress]
    marked = frozenset(i for i, p in enumerate(data.progress) if p.lagging)
    table = Table(
        INDICATOR_HEADERS,
        rows,
        (0.27, 0.08, 0.15, 0.15, 0.12, 0.12, 0.11),
        right=frozenset({2, 3, 4, 5}),
        marked=marked,
    )
    elapsed = data.progress[0].elapsed if data.progress else 0
    chart = Chart(
        [ChartBar(p.indicator.short or p.indicator.label, p.completion) for p in data.progress],
        elapsed,  # type: ignore[arg-type]
        caption=f"图1  主要指标完成率（虚线为序时进度{format_share(data.progress[0].elapsed)}）"
        if data.progress
        else "",
    )
    points = f"{LAG_MARGIN * 100:f}".rstrip("0").rstrip(".")  # 0.05 → "5"
    note = f"注：完成率低于序时进度{points}个百分点以上的指标标为“滞后”，表中以粗体标出。"
    return [
        Heading("表1  主要指标完成情况", 2),
        table,
        Para(note),
        chart,
        *office_blocks(data),
        *pairing_blocks(data.by_pairing, data.progress),
    ]


def office_blocks(data: BriefData) -> list[Block]:
    """A consolidated database's figures per office (来源单位), which add up to table 1."""
    if not data.offices:
        return []
    shown = [p.indicator for p in data.progress if p.indicator.key in BREAKDOWN_INDICATORS]
    headers = (
        "来源单位",
        "数据截至",
        *(i.short or i.label for i in shown),
    )
    rows = []
    for office in data.offices:
        actual = {p.indicator.key: p.actual for p in office.progress}
        rows.append((office.office, office.as_of, *(format_value(i, actual[i.key]) for i in shown)))
    whole = {p.indicator.key: p.actual for p in data.progress}
    rows.append(("合计", "", *(format_value(i, whole[i.key]) for i in shown)))
    share = 0.58 / len(shown)
    table = Table(
        headers,
        rows,
        (0.28, 0.14, *(share for _ in shown)),
        right=frozenset(range(2, len(headers))),
        total=True,
    )
    by_unit: dict[str, list[str]] = {}
    for i in shown:
        by_unit.setdefault(i.unit, []).append(i.short or i.label)
    units = "，".join(f"{'、'.join(names)}为{unit}" for unit, names in by_unit.items())
    note = "注：各单位数字按其录入的记录（来源单位）分列，合计等于表1的实际完成数。"
    return [
        Heading("表1-2  各来源单位实际完成情况", 2),
        table,
        Para(note),
        Para(f"单位：{units}。"),
    ]


def fund_blocks(data: BriefData) -> list[Block]:
    if not data.funds:
        return [Para("本期暂无帮扶资金拨付或到位记录。")]
    allocated = sum(r.allocated for r in data.funds)
    arrived = sum(r.arrived for r in data.funds)
    pending = sum(r.pending for r in data.funds)
    text = (
        f"{data.period.label}，共拨付帮扶资金{prose_money(allocated)}，"
        f"到位{prose_money(arrived)}（含往期拨付本期到位的资金），"
        f"涉及结对关系{len({r.pairing for r in data.funds})}个。"
    )
    # 未到位 is judged on the as-of day (tracker.as_of.outstanding): money allocated in the
    # period that arrived later still counts as not arrived in this period's brief.
    day = format_date_cn(data.as_of or data.period.end)
    if pending:
        text += f"本期拨付的资金中，截至{day}尚未到位{prose_money(pending)}。"
    elif allocated:
        text += f"本期拨付的资金截至{day}已全部到位。"
    rows = [
        (
            r.pairing,
            FUND_KIND.get(r.kind, r.kind),
            _wan(r.allocated),
            _wan(r.arrived),
            _wan(r.pending),
        )
        for r in data.funds
    ]
    rows.append(("合计", "", _wan(allocated), _wan(arrived), _wan(pending)))
    table = Table(
        ("结对关系", "资金类别", "拨付（万元）", "到位（万元）", "未到位（万元）"),
        rows,
        (0.28, 0.16, 0.18, 0.18, 0.20),
        right=frozenset({2, 3, 4}),
        total=True,
    )
    note = f"注：未到位指本期拨付、截至{day}尚未到位的资金。"
    return [
        Para(text),
        Heading("表2  帮扶资金拨付与到位（按结对关系和类别）", 2),
        table,
        Para(note),
    ]


def cadre_blocks(data: BriefData) -> list[Block]:
    if not data.cadres:
        return [Para("本期暂无干部交流记录。")]
    total = sum(r.count for r in data.cadres)
    out: list[Block] = [
        Para(
            f"{data.period.label}，开展交流的干部人才共{total}人次，按交流方向和人员类别统计如下。"
        ),
        Heading("表3  干部人才交流（本期交流人次）", 2),
        _count_table(
            ("交流方向", "人员类别", "人数"),
            [
                (
                    DIRECTION.get(r.first, r.first),
                    CADRE_CATEGORY.get(r.second, r.second),
                    r.count,
                )
                for r in data.cadres
            ],
        ),
    ]
    day = format_date_cn(data.as_of or data.period.end)  # 在岗: on that one day only
    if not data.seconded:
        out.append(Para(f"截至{day}，暂无在岗的派出干部人才。"))
        return out
    shown = len(data.seconded)
    more = data.seconded_total - shown
    tail = f"，下表列出其中开始最早的{shown}人" if more > 0 else ""
    out.append(Para(f"截至{day}，在岗的派出干部人才{data.seconded_total}人{tail}。"))
    rows = [
        (
            c.person_name,
            CADRE_CATEGORY.get(c.category, c.category),
            data.pairing_labels.get(c.pairing_id, ""),
            c.post or c.host_unit,
            format_date(c.start_on),
            format_date(c.end_on) if c.end_on else "—",
        )
        for c in data.seconded
    ]
    out += [
        Heading(f"表4  截至{day}在岗的派出干部人才", 2),
        Table(
            ("姓名", "人员类别", "结对关系", "挂职岗位", "开始日期", "计划结束"),
            rows,
            (0.10, 0.14, 0.28, 0.20, 0.14, 0.14),
        ),
    ]
    return out


def training_blocks(data: BriefData) -> list[Block]:
    if not data.trainings:
        return [Para("本期暂无培训记录。")]
    t = data.trainings
    quota, enrolled, done = (
        sum(getattr(r, n) for r in t) for n in ("quota", "enrolled", "completed")
    )
    text = (
        f"{data.period.label}，开班培训项目{sum(r.programmes for r in t)}期，"
        f"培训名额{quota}人次，报名{enrolled}人次，结业{done}人次。"
    )
    rows: list[tuple[Any, ...]] = [
        (
            TRAINING_CATEGORY.get(r.category, r.category),
            r.programmes,
            r.quota,
            r.enrolled,
            r.completed,
        )
        for r in t
    ]
    rows.append(("合计", sum(r.programmes for r in t), quota, enrolled, done))
    table = Table(
        ("培训类别", "开班（期）", "名额（人次）", "报名（人次）", "结业（人次）"),
        [tuple(v if isinstance(v, str) else f"{v:,}" for v in row) for row in rows],
        (0.32, 0.17, 0.17, 0.17, 0.17),
        right=frozenset({1, 2, 3, 4}),
        total=True,
    )
    note = "注：开班、名额、报名按开班日期计入本期，结业按结业日期计入本期。"
    return [Para(text), Heading("表5  培训与委培（按培训类别）", 2), table, Para(note)]


def agreement_blocks(data: BriefData) -> list[Block]:
    out: list[Block] = []
    if not data.signed_total:
        out.append(Para("本期暂无新签订的合作协议。"))
    else:
        shown = len(data.signed)
        tail = f"，下表列出其中最早签订的{shown}个" if data.signed_total > shown else ""
        out.append(Para(f"{data.period.label}，新签订合作协议{data.signed_total}个{tail}。"))
        rows = [
            (
                format_date(a.signed_on) if a.signed_on else "—",
                a.title,
                AGREEMENT_CATEGORY.get(a.category, a.category),
                data.pairing_labels.get(a.pairing_id, ""),
                _wan(a.committed_fen) if a.committed_fen else "—",
            )
            for a in data.signed
        ]
        out += [
            Heading("表6  本期签订的合作协议", 2),
            Table(
                ("签订日期", "协议名称", "类别", "结对关系", "金额（万元）"),
                rows,
                (0.15, 0.31, 0.13, 0.26, 0.15),
                right=frozenset({4}),
            ),
        ]
    if data.statuses:
        total = sum(r.count for r in data.statuses)
        parts = "，".join(
            f"{AGREEMENT_STATUS.get(r.first, r.first)}{r.count}个" for r in data.statuses
        )
        day = format_date_cn(data.as_of or data.period.end)  # statuses as of that day
        out.append(Para(f"截至{day}，在册合作协议（含意向）共{total}个，其中{parts}。"))
    return out


def problem_blocks(data: BriefData) -> list[Block]:
    out: list[Block] = []
    if data.alerts:
        many = len(data.alerts) > 1
        out.append(
            Para(f"经系统比对，本期发现以下{count_word(len(data.alerts))}个方面的问题：")
            if many
            else Para("经系统比对，本期发现以下问题：")
        )
        out += [
            Para(f"（{NUMBERS[i] if i < 10 else i + 1}）{a.message}" if many else a.message)
            for i, a in enumerate(data.alerts)
        ]
    else:
        out.append(
            Para(
                "经系统比对，本期未发现进度滞后、资金逾期未到位、干部逾期未返回或意向逾期未签约等问题。"
            )
        )
    if data.options.problems_text.strip():
        out.append(Para("此外，还存在以下问题："))
        out += user_text(data.options.problems_text, "")
    return out


def user_text(text: str, empty: str) -> list[Block]:
    if not text.strip():
        return [Para(empty)] if empty else []
    return [Para(text.strip("\n"), literal=True)]


def _count_table(headers: tuple[str, ...], rows: list[tuple[str, str, int]]) -> Table:
    shown = [(a, b, f"{n:,}") for a, b, n in rows]
    shown.append(("合计", "", f"{sum(n for *_, n in rows):,}"))
    return Table(headers, shown, (0.3, 0.45, 0.25), right=frozenset({2}), total=True)


def _wan(fen: int) -> str:
    return format_wan(fen, unit=False)


def counts(rows: list[CountRow]) -> int:
    return sum(r.count for r in rows)
