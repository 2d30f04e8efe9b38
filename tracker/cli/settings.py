"""``pairtrack settings``: print this office's name, code and operator; set any given.

The values given are checked first (``tracker.offices.check_settings``) and written in one
transaction through ``Store.set_settings``, which records each change in the audit trail, as
the window's settings dialog does.
"""

from __future__ import annotations

import argparse

from tracker.cli.args import open_ledger
from tracker.offices import SETTINGS, check_settings

NAME = "settings"
HELP = "查看或设置本单位名称、单位代码和操作员"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--office-name", metavar="名称", help="本单位名称（最多 200 字）")
    p.add_argument(
        "--office-code",
        metavar="代码",
        help="本单位代码（1–32 个字符，不含空格），即记录的来源单位",
    )
    p.add_argument("--operator", metavar="姓名", help="操作员（写入审计日志）")


def run(args: argparse.Namespace) -> int:
    given = {
        key: value
        for key, value in (
            ("office_name", args.office_name),
            ("office_code", args.office_code),
            ("operator", args.operator),
        )
        if value is not None
    }
    values = check_settings(given)  # before the database is opened: bad input writes nothing
    ledger = open_ledger(args)
    try:
        before = ledger.settings()
        changed = {k: v for k, v in values.items() if before.get(k, "") != v}
        if changed:
            ledger.set_settings(**changed)
        current = ledger.settings()
    finally:
        ledger.close()
    for key, (label, _limit) in SETTINGS.items():
        print(f"{label}：{current.get(key, '') or '（未设置）'}")
    if changed:
        print("已保存：" + "、".join(SETTINGS[k][0] for k in changed))
    elif given:
        print("设置未改变。")
    return 0
