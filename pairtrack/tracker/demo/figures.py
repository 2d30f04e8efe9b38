"""The 2017 demo figures: totals match the published reports (DESIGN §1).

Published: 廊坊 fiscal funds 1.2 亿元 in 2017; 50+ cooperation intentions; 2000+ commissioned
education seats; 200+ exchanged cadres; 开发区→康保 耕地指标款 9178 万元, a 12.2 万元 donation
(and 955 books), the 京东物流 agreement with 12.6 万元 of crowd funding, the two 人社 bureaus'
agreement. 济南: 11.4 亿元 to 湘西州 and 武隆区 and 3.25 亿元 in 97 projects to 临沂 over
2017–2020. How each total is split between pairings, batches and dates is illustrative.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from pairtrack.tracker.money import FEN_PER_WAN

# Fiscal funds (万元) per pairing and year; each year arrives in batches.
FISCAL = {
    "kangbao": {2017: 3000},
    "yangyuan": {2017: 3000},
    "guyuan": {2017: 2000},
    "zhangbei": {2017: 2000},
    "shangyi": {2017: 2000},
    "xiangxi": {2017: 12000, 2018: 18000, 2019: 24000, 2020: 27000},
    "wulong": {2017: 5000, 2018: 7000, 2019: 9000, 2020: 12000},
    "linyi": {2017: 6000, 2018: 7500, 2019: 9000, 2020: 10000},
}
LINYI_PROJECTS = {2017: 18, 2018: 23, 2019: 27, 2020: 29}  # 97 协作项目 in all
BATCH_DATES = ((4, 10), (7, 12), (10, 16), (12, 8))

# (kind, amount in 万元 as text, purpose, donor, arrived, note)
SOCIAL = {
    "kangbao": (
        (
            "social",
            "12.2万",
            "“精准扶贫、护苗行动”捐助康保县中小学",
            "廊坊开发区",
            date(2017, 6, 1),
            "另购置科普图书955本",
        ),
        ("social", "12.6万", "康保老窖酒京东项目众筹发展资金", "京东物流", date(2017, 9, 15), ""),
    ),
    "yangyuan": (
        ("social", "80万", "阳原县贫困村产业扶持", "三河市企业联合会", date(2017, 8, 20), ""),
        ("in_kind", "8.5万", "冬季衣物捐赠（折款）", "三河市慈善总会", date(2017, 11, 6), ""),
    ),
    "guyuan": (("social", "35万", "沽源县贫困学生助学金", "大厂县工商联", date(2017, 9, 1), ""),),
    "zhangbei": (
        ("social", "60万", "张北县光伏扶贫配套", "香河县民营企业", date(2017, 7, 18), ""),
    ),
    "shangyi": (
        ("social", "42万", "尚义县村卫生室设备", "固安县工业园区企业", date(2017, 10, 9), ""),
    ),
    "xiangxi": (
        ("social", "1500万", "湘西州产业扶贫项目", "济南市社会各界", date(2017, 11, 20), ""),
    ),
    "wulong": (
        ("social", "600万", "武隆区乡村旅游扶贫", "济南市社会各界", date(2017, 10, 25), ""),
    ),
}

# Cadre exchanges in 2017: (party_gov sent, professionals sent, received). 廊坊: 206 people.
CADRES = {
    "kangbao": (10, 14, 17),
    "yangyuan": (9, 13, 19),
    "guyuan": (8, 14, 20),
    "zhangbei": (9, 12, 20),
    "shangyi": (8, 13, 20),
    "xiangxi": (12, 20, 15),
    "wulong": (6, 10, 8),
    "linyi": (5, 6, 4),
}

# Training programmes in 2017: (category, title, quota, enrolled, completed, start, end)
TRAINING = {
    "kangbao": (
        (
            "commissioned_education",
            "康保县学生委培教育（廊坊职业技术学院）",
            480,
            452,
            0,
            date(2017, 9, 1),
            None,
        ),
        (
            "vocational",
            "康保县农村劳动力职业技能培训",
            300,
            286,
            271,
            date(2017, 5, 8),
            date(2017, 6, 30),
        ),
        (
            "cadre",
            "康保县党政干部能力提升培训班",
            60,
            58,
            58,
            date(2017, 10, 16),
            date(2017, 10, 27),
        ),
    ),
    "yangyuan": (
        ("commissioned_education", "阳原县学生委培教育", 420, 401, 0, date(2017, 9, 1), None),
        (
            "vocational",
            "阳原县家政服务技能培训",
            150,
            141,
            130,
            date(2017, 6, 12),
            date(2017, 7, 21),
        ),
    ),
    "guyuan": (
        ("commissioned_education", "沽源县学生委培教育", 400, 388, 0, date(2017, 9, 1), None),
        ("professional", "沽源县乡村医生进修", 40, 40, 38, date(2017, 4, 10), date(2017, 8, 31)),
    ),
    "zhangbei": (
        ("commissioned_education", "张北县学生委培教育", 380, 372, 0, date(2017, 9, 1), None),
        ("vocational", "张北县电商从业人员培训", 120, 104, 96, date(2017, 8, 7), date(2017, 8, 25)),
    ),
    "shangyi": (
        ("commissioned_education", "尚义县学生委培教育", 360, 335, 0, date(2017, 9, 1), None),
        ("cadre", "尚义县乡镇干部培训班", 50, 50, 49, date(2017, 11, 6), date(2017, 11, 17)),
    ),
    "xiangxi": (
        ("cadre", "湘西州党政干部赴济南培训", 200, 196, 196, date(2017, 6, 5), date(2017, 6, 16)),
        (
            "professional",
            "湘西州教师医生跟岗培训",
            300,
            284,
            270,
            date(2017, 9, 4),
            date(2017, 11, 24),
        ),
        (
            "vocational",
            "湘西州劳务输出技能培训",
            800,
            752,
            700,
            date(2017, 3, 13),
            date(2017, 5, 26),
        ),
    ),
    "wulong": (
        ("cadre", "武隆区党政干部赴济南培训", 120, 118, 118, date(2017, 7, 10), date(2017, 7, 21)),
        (
            "vocational",
            "武隆区乡村旅游服务培训",
            400,
            366,
            340,
            date(2017, 4, 17),
            date(2017, 6, 9),
        ),
    ),
    "linyi": (
        ("professional", "临沂市农技人员培训", 150, 146, 140, date(2017, 5, 15), date(2017, 6, 2)),
    ),
}

# Named agreements (published ones for 开发区→康保; the 济南 frameworks are illustrative).
# (pairing, key, title, category, status, counterparty, signed, committed 万元, summary)
NAMED_AGREEMENTS = (
    (
        "kangbao",
        "employment",
        "就业服务和职业培训合作协议书",
        "employment_training",
        "signed",
        "康保县人力资源和社会保障局",
        date(2017, 8, 18),
        None,
        "两地人社部门签订；邀请康保县就业服务局参加廊坊开发区秋季大型公益人才招聘会",
    ),
    (
        "kangbao",
        "jd",
        "农村电商精准扶贫战略合作协议",
        "ecommerce",
        "signed",
        "京东物流",
        date(2017, 9, 6),
        None,
        "康保老窖酒京东项目众筹发展资金12.6万元",
    ),
    (
        "kangbao",
        "land",
        "委托补充耕地协议",
        "land",
        "in_progress",
        "康保县人民政府",
        date(2017, 10, 12),
        9178,
        "廊坊开发区委托康保县补充耕地458.9亩，补充耕地指标款9178万元",
    ),
    (
        "kangbao",
        "mingzhu",
        "康保县农产品加工企业与廊坊明珠集团合作意向",
        "industry",
        "intent",
        "廊坊明珠集团",
        None,
        None,
        "联系促成的初步合作意向",
    ),
    (
        "xiangxi",
        "framework",
        "济南市—湘西州东西部扶贫协作框架协议",
        "framework",
        "signed",
        "湘西州人民政府",
        date(2017, 3, 28),
        None,
        "",
    ),
    (
        "wulong",
        "framework",
        "济南市—武隆区东西部扶贫协作框架协议",
        "framework",
        "signed",
        "武隆区人民政府",
        date(2017, 4, 11),
        None,
        "",
    ),
    (
        "linyi",
        "framework",
        "济南市支援临沂市扶贫协作协议",
        "framework",
        "signed",
        "临沂市人民政府",
        date(2017, 2, 20),
        None,
        "",
    ),
)
# Further 廊坊 intentions and agreements per pairing, to reach the published "50余项".
MORE_AGREEMENTS = {"kangbao": 7, "yangyuan": 10, "guyuan": 10, "zhangbei": 11, "shangyi": 10}
AGREEMENT_TOPICS = (
    ("industry", "{a}特色农产品深加工项目合作"),
    ("industry", "{h}—{a}产业园区共建"),
    ("employment_training", "{a}贫困劳动力转移就业合作"),
    ("education", "{h}—{a}中小学结对帮扶"),
    ("medical", "{h}—{a}医院对口协作"),
    ("ecommerce", "{a}农产品进{h}超市消费扶贫"),
    ("industry", "{a}肉牛养殖基地合作"),
    ("industry", "{a}乡村旅游开发合作"),
    ("framework", "{h}—{a}对口帮扶框架协议"),
    ("industry", "{a}光伏扶贫项目合作"),
    ("employment_training", "{a}扶贫车间共建"),
)

# 2017 targets per pairing: indicator -> value (万元 as text for money, counts otherwise).
TARGETS = {
    "kangbao": dict(
        fiscal_funds="3000万",
        social_funds="50万",
        cadres_sent=10,
        professionals_sent=15,
        cadres_received=15,
        training_quota=800,
        trained=400,
        agreements_signed=4,
    ),
    "yangyuan": dict(
        fiscal_funds="3000万",
        social_funds="80万",
        cadres_sent=9,
        professionals_sent=12,
        cadres_received=18,
        training_quota=560,
        trained=150,
        agreements_signed=4,
    ),
    "guyuan": dict(
        fiscal_funds="2000万",
        social_funds="40万",
        cadres_sent=8,
        professionals_sent=14,
        cadres_received=20,
        training_quota=440,
        trained=40,
        agreements_signed=4,
    ),
    "zhangbei": dict(
        fiscal_funds="2500万",
        social_funds="60万",
        cadres_sent=10,
        professionals_sent=12,
        cadres_received=20,
        training_quota=500,
        trained=120,
        agreements_signed=5,
    ),
    "shangyi": dict(
        fiscal_funds="2000万",
        social_funds="50万",
        cadres_sent=8,
        professionals_sent=13,
        cadres_received=20,
        training_quota=410,
        trained=50,
        agreements_signed=4,
    ),
    "xiangxi": dict(
        fiscal_funds="12000万",
        social_funds="1500万",
        cadres_sent=12,
        professionals_sent=20,
        cadres_received=15,
        training_quota=1300,
        trained=1200,
        agreements_signed=2,
    ),
    "wulong": dict(
        fiscal_funds="5000万",
        social_funds="600万",
        cadres_sent=6,
        professionals_sent=10,
        cadres_received=8,
        training_quota=520,
        trained=480,
        agreements_signed=2,
    ),
    "linyi": dict(
        fiscal_funds="6000万",
        cadres_sent=5,
        professionals_sent=6,
        cadres_received=4,
        training_quota=150,
        trained=150,
        agreements_signed=1,
    ),
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建国志新海燕春雪梅林斌辉宇鹏飞晓东文博立波宁红霞亮凯"


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def split_amount(total_wan: int, parts: int, rng: random.Random) -> list[int]:
    """``total_wan`` 万元 in ``parts`` uneven whole-万 amounts (fen) that sum exactly."""
    weights = [rng.randint(2, 5) for _ in range(parts)]
    amounts = [total_wan * w // sum(weights) for w in weights]
    amounts[0] += total_wan - sum(amounts)
    return [a * FEN_PER_WAN for a in amounts]


def spread(start: date, days: int, rng: random.Random) -> date:
    return start + timedelta(days=rng.randrange(days))
