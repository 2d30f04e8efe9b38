"""The codes stored in enumerated columns, each with its Chinese label: one table per column.

This is the single list of codes: the CHECK constraints in ``db.models`` take the keys, forms,
filters, exports and briefs take the labels. A dict keeps its order, and the order matters
(pickers list codes in it; an agreement's status only moves forward along it).
"""

from __future__ import annotations

from collections.abc import Iterable

REGION_LEVEL = {
    "province": "省",
    "city": "市（州）",
    "county": "县（市）",
    "district": "区",
    "zone": "开发区",
}
PROGRAMME = {
    "east_west": "东西部协作",
    "in_province": "省内对口帮扶",
    "in_city": "市内结对",
    "other": "其他",
}
AGREEMENT_CATEGORY = {
    "framework": "框架",
    "employment_training": "就业培训",
    "industry": "产业",
    "land": "土地/耕地",
    "ecommerce": "电商/消费",
    "education": "教育",
    "medical": "医疗",
    "other": "其他",
}
# Order matters: an agreement only moves forward along this list (or to terminated).
AGREEMENT_STATUS = {
    "intent": "意向",
    "signed": "已签约",
    "in_progress": "执行中",
    "completed": "已完成",
    "terminated": "终止",
}
FUND_KIND = {"fiscal": "财政援助资金", "social": "社会帮扶资金", "in_kind": "物资折款"}
GENDER = {"male": "男", "female": "女"}
DIRECTION = {"to_assisted": "派出挂职", "to_helper": "来访跟岗"}
CADRE_CATEGORY = {
    "party_gov": "党政干部",
    "teacher": "教师",
    "doctor": "医生",
    "agri_tech": "农技人员",
    "other_pro": "其他专业技术人才",
}
TRAINING_CATEGORY = {
    "cadre": "党政干部培训",
    "professional": "专业技术人才培训",
    "vocational": "职业技能培训",
    "commissioned_education": "委培教育",
}


def in_list(column: str, codes: Iterable[str]) -> str:
    """SQL text for a CHECK that ``column`` holds one of ``codes`` (a table above: its keys)."""
    quoted = ", ".join(f"'{code}'" for code in codes)
    return f"{column} IN ({quoted})"
