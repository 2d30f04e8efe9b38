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


def save_rows(rows: list[list[Any]], path: Path, title: str, merges: list[str]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


# The funds ledger's cells, as staff typed them (the .xls and .ods tests write these same rows).
FUNDS_TITLE = "资金台账"
FUNDS_ROWS: list[list[Any]] = [
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
FUNDS_MERGES = ["A1:G1", "A2:E2", "A4:G4", "A8:G8"]
FUNDS_EXPECTED = Expected(
    records=5,
    skipped_rows=(4, 8, 11, 12, 13),
    totals={
        "fiscal": Decimal("9598.75"),  # 万元: 9178 + 300 + 120.75
        "social": Decimal("51.3"),  # 50.5 万元 + 8000 元
        "month_only": 5,  # 2017.10, 2017年11月, 2017年7月, 2017.12, 2017.12
    },
)


def funds_ledger(path: Path) -> Expected:
    """资金台账: merged title, 填报单位 and 单位：万元 lines, 序号, section rows carrying the
    kind, amounts as 9178 and 300万元, dates as 2017.10 and 2017年7月, a =SUM() 合计 row, and
    a 填表人 footer; no 结对关系 column (one pairing per ledger)."""
    save_rows(FUNDS_ROWS, path, FUNDS_TITLE, FUNDS_MERGES)
    return FUNDS_EXPECTED


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
    save_rows(rows, path, "干部挂职", ["A1:I1", "H2:I2", "A2:A3", "B2:B3", "A4:I4", "A7:I7"])
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
    save_rows(rows, path, "培训", ["A1:G1"])
    return Expected(
        records=3,
        skipped_rows=(6,),
        totals={
            "completed": 291,
            "starts": (date(2017, 4, 17), date(2017, 7, 3), date(2017, 10, 1)),
            "ends": (date(2017, 6, 9), date(2017, 7, 14), None),
        },
    )


# More shapes real offices keep. Each is small and made up; the comment above the rows says
# what the shape has that the three above do not.


def _book(path: Path, sheets: list[tuple[str, list[list[Any]], list[str]]]) -> Path:
    """A workbook of several sheets (title, rows, merged ranges), in that order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows, merges in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in merges:
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


FUNDS_HEADER = ["序号", "资金\n类别", "项目\n名称", "金额(万元)", "拨付\n时间", "到位\n时间", "凭证号", "备注"]  # fmt: skip


def funds_printed_ledger(path: Path) -> Expected:
    """A funds sheet left as 「Sheet1」, laid out for printing: headers broken over two lines
    (「拨付\\n时间」), 金额(万元) with ASCII brackets, the kind in a column in the office's
    words (财政资金, 社会捐赠, 物资), blank rows between records, a 小计 row, the header row
    repeated where the printed page breaks, and a 合计 at the end."""
    rows = [
        ["2018年度对口帮扶资金拨付明细", *[None] * 7],
        FUNDS_HEADER,
        [1, "财政资金", "康保县冷链物流中心", 1500, "2018.3.15", "2018.4.2", "开财〔2018〕12号", None],
        [None] * 8,
        [2, "财政资金", "光伏扶贫电站", 2200.5, date(2018, 5, 10), date(2018, 6, 1), "开财〔2018〕31号", None],
        ["小计", None, None, "=SUM(D3:D5)", None, None, None, None],
        FUNDS_HEADER,
        [3, "社会捐赠", "贫困学生助学金", "12.2", "2018年9月", None, None, "某某公司捐助"],
        [None] * 8,
        [4, "物资", "冬衣折款", 0.85, "2018-11-20", "2018-11-28", None, None],
        ["合计", None, None, "=SUM(D3:D10)", None, None, None, None],
    ]  # fmt: skip
    save_rows(rows, path, "Sheet1", ["A1:H1"])
    return Expected(
        records=4,
        skipped_rows=(4, 6, 7, 9, 11),
        totals={
            "fiscal": Decimal("3700.5"),  # 万元
            "social": Decimal("12.2"),
            "in_kind": Decimal("0.85"),
            "month_only": 1,  # 2018年9月
            "budget_year": 2018,  # from the allocation dates (no 年度 column)
        },
    )


def funds_in_yuan_ledger(path: Path) -> Expected:
    """Donations kept in 元: 金额（元） in the header (a bare 800 is 800 元, not 800 万元),
    a thousands separator typed as text, section rows with a 小计 under each, no 结对关系."""
    rows = [
        ["社会帮扶资金到位情况", *[None] * 5],
        ["序号", "捐赠单位", "用途", "金额（元）", "拨付时间", "到账时间"],
        ["一、企业捐赠", *[None] * 5],
        [1, "某某商贸有限公司", "助学", 800, "2017-06-01", "2017-06-05"],
        [2, "某某建材有限公司", "村道硬化", "25,000.50", "2017-08-10", "2017-08-20"],
        ["小计", None, None, "=SUM(D4:D5)", None, None],
        ["二、物资捐赠", *[None] * 5],
        [3, "开发区慈善协会", "衣物折款", 12000, "2017.12", "2017.12"],
        ["小计", None, None, 12000, None, None],
        ["合计", None, None, 37800.5, None, None],
    ]
    save_rows(rows, path, "社会捐赠", ["A1:F1", "A3:F3", "A7:F7"])
    return Expected(
        records=3,
        skipped_rows=(3, 6, 7, 9, 10),
        totals={"social_fen": 800_00 + 25000_50, "in_kind_fen": 12000_00, "month_only": 1},
    )


def funds_unit_line_ledger(path: Path) -> Expected:
    """The unit given once, on a 单位：元 line above the header (the header says only 金额);
    an amount written with its own unit (1.5万) keeps it; dates as numbers (20170915) and
    as 2017/10/20."""
    rows = [
        ["开发区帮扶康保县财政资金拨付表", None, None, None, None],
        ["填报单位：廊坊开发区对口帮扶办", None, None, None, "单位：元"],
        ["序号", "资金类别", "项目名称", "金额", "拨付日期"],
        [1, "财政援助资金", "村级卫生室改造", 800, 20170915],
        [2, "财政援助资金", "安全饮水工程", "1.5万", "2017/10/20"],
        ["合计", None, None, 15800, None],
    ]
    save_rows(rows, path, "财政资金", ["A1:E1", "A2:D2"])
    return Expected(records=2, skipped_rows=(6,), totals={"fiscal_fen": 800_00 + 15000_00})


def office_workbook(path: Path) -> dict[str, Expected]:
    """One workbook holding an office's whole year: funds, training (ranges written out in a
    培训时间 column, a 期数 column nobody reads), cadres (one 挂职时间 column holding a range
    「2017.3—2018.3」 and the direction in a column) and agreements (a 协议 sheet). Returns
    what each sheet must give, by sheet name."""
    funds = [
        ["序号", "资金类别", "项目名称", "金额（万元）", "拨付时间", "到位时间"],
        [1, "财政援助资金", "耕地指标款", 9178, "2017-06-30", "2017-07-15"],
        [2, "社会帮扶资金", "捐助图书955册", 12.2, "2017-05-04", None],
    ]
    training = [
        ["2017年培训情况", *[None] * 6],
        ["序号", "培训班名称", "培训类别", "培训时间", "期数", "培训人数", "承办单位"],
        [1, "乡村振兴干部培训班", "党政干部培训", "2017年4月17日-6月9日", "3期", "186人", "开发区党校"],
        [2, "电商创业培训", "职业技能培训", "2017.7.3—7.14", "1期", "45人", "开发区职教中心"],
        [3, "骨干教师研修班", "专业技术人才培训", "2017年10月9日至10月20日", "2期", 60, "开发区教育局"],
    ]  # fmt: skip
    cadres = [
        ["序号", "姓名", "性别", "交流方向", "人员类别", "派出单位", "挂职单位", "挂职职务", "挂职时间"],
        [1, "吴某", "男", "派出挂职", "党政干部", "开发区管委会", "康保县政府", "副县长", "2017.3—2018.3"],
        [2, "郑某", "女", "来访跟岗", "教师", "康保县一中", "开发区一中", "跟岗学习", "2017年9月1日-2018年1月20日"],
    ]  # fmt: skip
    agreements = [
        ["合作协议签订情况", *[None] * 5],
        ["序号", "协议名称", "签约单位", "合作领域", "签订时间", "状态"],
        [
            1,
            "农产品产销对接合作协议",
            "某某农业科技有限公司",
            "电商/消费",
            "2017年6月8日",
            "已签约",
        ],
        [2, "劳务协作框架协议", "康保县人社局", "就业培训", "2017.5.20", "执行中"],
    ]
    _book(
        path,
        [
            ("资金", funds, []),
            ("培训情况", training, ["A1:G1"]),
            ("干部交流", cadres, []),
            ("协议", agreements, ["A1:F1"]),
        ],
    )
    return {
        "资金": Expected(2, (), {"fiscal_fen": 9178 * 10**6, "social_fen": 12_2000_00}),
        "培训情况": Expected(
            3,
            (),
            {
                "completed": 291,
                "starts": (date(2017, 4, 17), date(2017, 7, 3), date(2017, 10, 9)),
                "ends": (date(2017, 6, 9), date(2017, 7, 14), date(2017, 10, 20)),
            },
        ),
        "干部交流": Expected(
            2,
            (),
            {
                "periods": {
                    "吴某": ("to_assisted", date(2017, 3, 1), date(2018, 3, 1)),
                    "郑某": ("to_helper", date(2017, 9, 1), date(2018, 1, 20)),
                }
            },
        ),
        "协议": Expected(2, (), {"signed": {date(2017, 6, 8), date(2017, 5, 20)}}),
    }
