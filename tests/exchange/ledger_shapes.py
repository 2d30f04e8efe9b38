"""Hand-made office ledgers of the shapes offices keep (made up here; no real people's data).

Each builder writes a workbook the way staff lay them out by hand, not the program's template:
a merged title, a 填报单位 line, a 单位 line, 序号, section rows, a 合计 row (often a formula
with no saved result, as a program writes it), a 填表人 footer. Each returns what a correct
import must find: the record count and the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs


@dataclass(frozen=True)
class Expected:
    records: int
    skipped_rows: tuple[int, ...]  # the spreadsheet rows that are not records
    totals: dict[str, Any]


def _save(rows: list[list[Any]], path: Path, title: str, merges: list[str]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def funds_ledger(path: Path) -> Expected:
    """资金台账: merged title, 填报单位 and 单位：万元 lines, 序号, section rows carrying the
    kind, amounts as 9178 and 300万元, dates as 2017.10 and 2017年7月, a =SUM() 合计 row, and
    a 填表人 footer; no 结对关系 column (one pairing per ledger)."""
    rows = [
        ["廊坊开发区对口帮扶康保县资金台账（2017年度）", None, None, None, None, None, None],
        ["填报单位：廊坊经济技术开发区对口帮扶办公室", None, None, None, None, "单位：万元", None],
        ["序号", "项目名称", "金额", "拨付时间", "到位时间", "出资单位", "备注"],
        ["一、财政帮扶资金", None, None, None, None, None, None],
        [1, "康保县产业园区基础设施", 9178, "2017.10", "2017年11月", "廊坊开发区财政局", None],
        [2, "教育帮扶（学校改造）", "300万元", "2017年7月", "2017-08-15", "廊坊开发区财政局", None],
        [3, "医疗设备购置", 120.75, date(2017, 9, 5), None, "廊坊开发区财政局", "分两批"],
        ["二、社会帮扶资金", None, None, None, None, None, None],
        [4, "爱心企业捐赠助学金", "50.5", "2017.12", "2017.12", "某某集团有限公司", None],
        [5, "物资折款（衣物）", "8000元", "2017-12-20", None, "开发区慈善协会", None],
        ["合计", None, "=SUM(C5:C9)", None, None, None, None],
        [None] * 7,
        ["填表人：张某", None, None, "审核人：李某", None, "填报日期：2018年1月5日", None],
    ]
    _save(rows, path, "资金台账", ["A1:G1", "A2:E2", "A4:G4", "A8:G8"])
    return Expected(
        records=5,
        skipped_rows=(4, 8, 11, 12, 13),
        totals={
            "fiscal": Decimal("9598.75"),  # 万元: 9178 + 300 + 120.75
            "social": Decimal("51.3"),  # 50.5 万元 + 8000 元
            "month_only": 5,  # 2017.10, 2017年11月, 2017年7月, 2017.12, 2017.12
        },
    )


def cadres_ledger(path: Path) -> Expected:
    """干部挂职交流情况统计表: two header rows (起/止 under a merged 挂职时间), the direction
    only in section rows, months as 2017.3."""
    rows = [
        ["廊坊开发区与康保县干部挂职交流情况统计表", *[None] * 8],
        ["序号", "姓名", "性别", "人员类别", "派出单位", "挂职单位", "挂职职务", "挂职时间", None],
        [None, None, None, None, None, None, None, "起", "止"],
        ["一、选派到康保县挂职干部", *[None] * 8],
        [1, "王某某", "男", "党政干部", "廊坊开发区管委会", "康保县人民政府", "副县长", "2017.3", "2019.3"],
        [2, "赵某", "女", "教师", "开发区第一中学", "康保县第二中学", "副校长", "2017年9月", "2018年7月"],
        ["二、康保县来廊坊开发区挂职干部", *[None] * 8],
        [3, "钱某", "男", "党政干部", "康保县发改局", "廊坊开发区经发局", "副局长", "2017-04-01", "2017-10-01"],
        [4, "孙某", "男", "医生", "康保县医院", "开发区人民医院", "跟岗", "2017.5", "2017.11"],
        [5, "李某", "女", "党政干部", "康保县商务局", "廊坊开发区商务局", "副局长", "2017.6", "2017.12"],
        [None] * 9,
        ["制表人：周某", *[None] * 8],
    ]  # fmt: skip
    _save(rows, path, "干部挂职", ["A1:I1", "H2:I2", "A2:A3", "B2:B3", "A4:I4", "A7:I7"])
    return Expected(
        records=5,
        skipped_rows=(4, 7, 11, 12),
        totals={"to_assisted": 2, "to_helper": 3},
    )


def training_ledger(path: Path) -> Expected:
    """培训台账: date ranges (2017年4月17日-6月9日), counts as 186人, a =SUM() total row."""
    rows = [
        ["2017年康保县培训台账", *[None] * 6],
        ["序号", "培训班名称", "培训类别", "培训时间", "培训人数", "承办单位", "培训地点"],
        [1, "康保县乡村振兴干部培训班", "党政干部培训", "2017年4月17日-6月9日", "186人", "开发区党校", "廊坊"],
        [2, "家政服务技能培训", "职业技能", "2017.7.3—2017.7.14", "45人", "开发区职教中心", "康保"],
        [3, "中小学骨干教师研修", "专业技术人才培训", "2017年10月", 60, "开发区教育局", "廊坊"],
        ["合计", None, None, None, "=SUM(E3:E5)", None, None],
    ]  # fmt: skip
    _save(rows, path, "培训", ["A1:G1"])
    return Expected(
        records=3,
        skipped_rows=(6,),
        totals={
            "completed": 291,
            "starts": (date(2017, 4, 17), date(2017, 7, 3), date(2017, 10, 1)),
            "ends": (date(2017, 6, 9), date(2017, 7, 14), None),
        },
    )
