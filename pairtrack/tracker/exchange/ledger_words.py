"""The words offices write in their own ledgers, in one table each (DESIGN §7 ledger import).

Extend here, nowhere else: a header an office writes for a field (``HEADERS``), a word in a
sheet's name that says what it holds (``SHEET_HINTS``), and what a section row or a cell says
about a choice field (``VALUE_HINTS``: 「一、财政帮扶资金」 → 资金类别 财政援助资金; 「选派挂职干部」
→ 交流方向 派出挂职). Headers are compared after ``normal_header``: full-width folded, spaces and
line breaks removed, parenthesised notes (units) dropped — so ``金额(万元)``, ``金额（元）`` and
``金\\n额`` are all 金额. The template's own headers are always understood too (``layout``).
"""

from __future__ import annotations

import re
import unicodedata

# A column holding a range of dates (``2017.3—2018.3``): read into the two fields.
RANGE = "{start}~{end}"


def range_target(start: str, end: str) -> str:
    return RANGE.format(start=start, end=end)


def range_fields(target: str) -> tuple[str, str] | None:
    start, sep, end = target.partition("~")
    return (start, end) if sep else None


# Columns read by nobody: the row number, the exporting office (shown in exports), and what
# a rejected-rows workbook adds after the row (``ledger_rejected``).
IGNORED = ("序号", "序", "来源单位", "No", "NO", "no", "原工作表", "原行号", "原因")
# The header a rejected-rows workbook gives a column read as a date range.
RANGE_HEADER = "起止日期"

_START_WORDS = ("开始日期", "开始时间", "起始日期", "起始时间", "起", "起始", "开始", "自")
_END_WORDS = ("结束日期", "结束时间", "截止日期", "截止时间", "止", "截止", "结束", "至")
_RANGE_WORDS = ("起止日期", "起止时间", "时间", "日期", "期限", "时间段")
_NOTE = ("备注", "说明", "备注说明")
_PAIRING = ("结对关系", "结对", "帮扶关系", "结对帮扶关系", "对口关系", "结对情况")

# table → field (or a range of two fields) → headers, as written (compared normalised).
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "fund_transfer": {
        "pairing_id": _PAIRING,
        "budget_year": ("资金年度", "年度", "预算年度", "年份", "所属年度"),
        "kind": ("资金类别", "资金类型", "资金性质", "类别", "类型", "资金来源类别"),
        "amount_fen": (
            "金额", "资金", "资金金额", "拨付金额", "援助金额", "帮扶资金", "援助资金", "资金额",
            "资金数额", "数额", "投入资金", "拨付资金", "到位资金", "到位金额", "资金规模",
        ),
        "purpose": (
            "用途/项目", "用途", "项目", "项目名称", "资金用途", "建设内容", "项目内容",
            "用途项目", "资金用途及项目", "项目及用途", "援建项目", "帮扶项目",
        ),
        "donor": ("出资单位", "捐赠单位", "援助单位", "捐资单位", "捐赠方", "出资方", "帮扶单位"),
        "allocated_on": ("拨付日期", "拨付时间", "拨款日期", "拨款时间", "下达时间", "拨付"),
        "arrived_on": ("到位日期", "到位时间", "到账日期", "到账时间", "到位"),
        "voucher": ("凭证号", "凭证", "拨付文号", "凭证编号", "文号", "资金文号"),
        "agreement_id": ("所属协议",),
        "note": _NOTE,
    },
    "cadre_exchange": {
        "pairing_id": _PAIRING,
        "person_name": ("姓名", "人员姓名", "干部姓名", "挂职干部", "名字", "挂职人员"),
        "gender": ("性别",),
        "direction": ("交流方向", "方向", "挂职方向", "交流类型"),
        "category": ("人员类别", "类别", "干部类别", "人才类别", "人员类型", "类型", "身份"),
        "home_unit": ("派出单位", "原单位", "原工作单位", "所在单位", "工作单位", "单位"),
        "host_unit": ("接收单位", "挂职单位", "挂职地点", "接收地", "挂职去向", "挂职地"),
        "post": ("挂职岗位", "挂职职务", "岗位", "挂任职务", "拟任职务", "挂职岗位职务"),
        "start_on": (
            *("挂职时间起", "挂职起始时间", "挂职开始时间", "到岗时间", "到岗日期", "时间起"),
            *_START_WORDS,
        ),
        "end_on": (
            *("挂职时间止", "挂职结束时间", "挂职截止时间", "期满时间", "时间止", "计划结束日期"),
            *("计划结束时间", "计划返回时间"),
            *_END_WORDS,
        ),
        "returned_on": ("实际返回日期", "返回日期", "实际返回时间", "返回时间", "实际结束日期"),
        range_target("start_on", "end_on"): (
            "挂职时间", "挂职期限", "挂职起止时间", "交流时间", "起止时间", *_RANGE_WORDS,
        ),
        "note": _NOTE,
    },
    "training": {
        "pairing_id": _PAIRING,
        "title": (
            "培训名称", "培训班名称", "班次名称", "培训项目", "项目名称", "培训班次", "班次",
            "培训内容", "名称", "培训主题",
        ),
        "category": ("培训类别", "类别", "培训类型", "类型"),
        "quota": ("名额", "培训名额", "计划人数", "计划名额", "计划培训人数"),
        "enrolled": ("报名人数", "参训人数", "实到人数", "参加人数"),
        "completed": ("结业人数", "完成人数", "培训人数", "已培训人数", "完成培训人数", "人数"),
        "start_on": ("开班日期", "开班时间", "培训时间起", *_START_WORDS),
        "end_on": ("结业日期", "结业时间", "培训时间止", *_END_WORDS),
        range_target("start_on", "end_on"): (
            "培训时间", "培训日期", "培训起止时间", "举办时间", *_RANGE_WORDS,
        ),
        "organizer": ("承办单位", "主办单位", "组织单位", "举办单位", "培训单位", "承训单位"),
        "place": ("地点", "培训地点", "举办地点", "培训地址"),
        "note": _NOTE,
    },
    "agreement": {
        "pairing_id": _PAIRING,
        "title": ("协议名称", "合作协议", "协议", "协议项目", "项目名称", "名称"),
        "doc_number": ("文号", "协议编号", "编号", "协议文号"),
        "category": ("类别", "协议类别", "合作类别", "合作领域", "领域"),
        "status": ("状态", "协议状态", "进展", "进展情况", "执行情况"),
        "counterparty": ("签约对方", "签约单位", "合作方", "签约企业", "对方单位", "合作单位"),
        "signed_on": ("签订日期", "签约日期", "签约时间", "签订时间"),
        "start_on": ("开始日期", "开始时间"),
        "end_on": ("结束日期", "结束时间"),
        range_target("start_on", "end_on"): ("合作期限", "协议期限", "起止日期", "起止时间"),
        "committed_fen": ("协议金额", "金额", "签约金额", "投资额", "协议投资额", "投资金额"),
        "summary": ("主要内容", "内容", "合作内容", "协议内容"),
        "note": _NOTE,
    },
}  # fmt: skip

# Words in a sheet's name that say which kind of record it holds, besides the kind's own
# title (``tracker.kinds``: 结对关系, 地区 … are hints by themselves; the kinds are not listed
# twice).
SHEET_HINTS: dict[str, tuple[str, ...]] = {
    "fund_transfer": ("资金", "拨付", "援助金"),
    "cadre_exchange": ("干部", "挂职", "人才", "交流"),
    "training": ("培训", "委培"),
    "agreement": ("协议", "合作项目"),
    "target": ("目标", "任务"),
}

# table → choice field → code → patterns; matched against a section row's text or a cell.
# Order matters within a field: the first code whose pattern matches wins ("来…挂职" before
# "挂职").
VALUE_HINTS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "fund_transfer": {
        "kind": {
            "fiscal": ("财政",),
            "in_kind": ("物资",),
            "social": ("社会", "捐赠", "捐款", "企业"),
        },
    },
    "cadre_exchange": {
        "direction": {
            "to_helper": ("来.{0,8}(挂职|跟岗|学习|交流)", "跟岗", "受援.{0,6}来", "来访"),
            "to_assisted": ("选派", "派出", "赴.{0,8}挂职", "援派", "支援"),
        },
        "category": {
            "party_gov": ("党政",),
            "teacher": ("教师", "教育"),
            "doctor": ("医生", "医疗", "卫生", "医务"),
            "agri_tech": ("农技", "农业技术"),
            "other_pro": ("专业技术", "专技", "技术人才"),
        },
    },
    "training": {
        "category": {
            "cadre": ("党政干部", "干部培训", "干部"),
            "professional": ("专业技术",),
            "vocational": ("职业技能", "技能", "劳务"),
            "commissioned_education": ("委培", "委托培养"),
        },
    },
    "agreement": {
        "status": {
            "intent": ("意向",),
            "terminated": ("终止",),
            "completed": ("已完成", "完成"),
            "in_progress": ("执行中", "实施中", "推进中"),
            "signed": ("已签", "签约"),
        },
    },
}

# Rows a ledger has besides records (compared on the first non-empty text of the row).
TOTAL_ROW = re.compile(r"^(合\s*计|小\s*计|总\s*计|累\s*计|共\s*计)")
FOOTER_ROW = re.compile(
    r"^(填表人|填报人|制表人|审核人|审核|负责人|单位负责人|主要负责人|分管领导|联系电话|电话"
    r"|联系人|填报日期|填表日期|制表日期|注|说明|备注)\s*[:：]"
)
SECTION_ROW = re.compile(r"^([一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])")
# A line above the header that gives the sheet's money unit: 单位：万元, 金额单位：元.
UNIT_LINE = re.compile(r"单位\s*[:：]\s*(千元|万元|亿元|元)")
# Counts as staff write them: 186人, 3期, 12个.
COUNT_SUFFIX = re.compile(r"\s*(人次|人|名|期|个|次|项|班)$")


def normal_header(text: object) -> str:
    """A header as compared: full-width folded, no spaces or line breaks, no parenthesised
    note (the unit), no trailing colon or star."""
    folded = unicodedata.normalize("NFKC", str(text))
    folded = re.sub(r"\s+", "", folded)
    folded = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", folded)
    # once more: what was taken out may have parted a letter from its accent (NFKC spells
    # ´ as a space and a combining mark), and the same header must compare the same twice
    return unicodedata.normalize("NFKC", folded).rstrip(":*")


def hinted(table: str, field: str, text: str) -> str | None:
    """The code of ``field`` that ``text`` points to, if exactly one does."""
    for code, patterns in VALUE_HINTS.get(table, {}).get(field, {}).items():
        if any(re.search(p, text) for p in patterns):
            return code
    return None


def section_values(table: str, text: str) -> dict[str, str]:
    """What a section row (「一、财政帮扶资金」) says about the rows under it: field → code."""
    out = {}
    for field in VALUE_HINTS.get(table, {}):
        code = hinted(table, field, text)
        if code is not None:
            out[field] = code
    return out
