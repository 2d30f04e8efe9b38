"""The one money rule as a table (DESIGN §2, §7 "One unit rule"): what a person types beside a
万元 field, or a 万元 column holds, and what it is in fen. The record form, the target grid and
the ledger import are each tested against this same table."""

from __future__ import annotations

ACCEPTED = [
    ("12.6", 12_600_000),  # bare: the unit beside the field, 万元
    ("12.6万", 12_600_000),
    ("12.6千", 1_260_000),
    ("800元", 80_000),
    ("￥800", 80_000),
    ("1.2亿", 12_000_000_000),
    ("9,178万元", 9_178_000_000),
    ("１２．６万", 12_600_000),  # full width
    ("9，178", 9_178_000_000),  # a full-width comma grouping thousands
    ("12.345万元", 12_345_000),  # 123,450.00 元: not finer than 1 分
]

REFUSED = [
    ("1,2万", "逗号不是千位分隔"),
    ("1，2万", "逗号不是千位分隔"),
    ("12,34", "逗号不是千位分隔"),
    ("1²万", "无法识别的字符「²」"),
    ("①万", "无法识别的字符「①」"),
    ("-5", "不能为负数"),
    ("12.3456789万", "最多精确到分"),
    ("12.6千万", "无法识别的金额"),
]
