"""``pairtrack settings``: print this office's name, code and operator; set any given.

The values given are checked first (``tracker.offices.check_settings``) and written in one
transaction through ``Store.set_settings``, which records each change in the audit trail, as
the window's settings dialog does.
"""

from __future__ import annotations

import argparse

from pairtrack.tracker.brief.frame import FRAME_SETTINGS, check_frame
from pairtrack.tracker.cli.args import open_ledger
from pairtrack.tracker.offices import SETTINGS, check_settings

NAME = "settings"
HELP = "查看或设置本单位名称、单位代码、操作员和简报版头版记"
FRAME_OPTIONS = {  # key → (option, help); an empty value clears the setting
    "brief_issue": ("--brief-issue", "简报期号（正整数，印为“第 N 期”；空串清除）"),
    "brief_editor": ("--brief-editor", "简报编印单位（印为“××编印”；未设置时为单位名称）"),
    "brief_report_to": ("--brief-report-to", "简报版记“报：”一行"),
    "brief_send_to": ("--brief-send-to", "简报版记“送：”一行"),
    "brief_issue_to": ("--brief-issue-to", "简报版记“发：”一行"),
    "brief_copies": ("--brief-copies", "共印份数（正整数）"),
}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--office-name", metavar="名称", help="本单位名称（最多 200 字）")
    p.add_argument(
        "--office-code",
        metavar="代码",
        help="本单位代码（1–32 个字符，不含空格），即记录的来源单位",
    )
    p.add_argument("--operator", metavar="姓名", help="操作员（写入审计日志）")
    for key, (option, text) in FRAME_OPTIONS.items():
        p.add_argument(option, dest=key, metavar="文字", help=text)


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
    frame = {key: getattr(args, key) for key in FRAME_SETTINGS if getattr(args, key) is not None}
    # Checked before the database is opened: bad input writes nothing.
    values = {**check_settings(given), **check_frame(frame)}
    given = {**given, **frame}
    ledger = open_ledger(args, writes=bool(values))
    try:
        before = ledger.settings()
        changed = {k: v for k, v in values.items() if before.get(k, "") != v}
        if changed:
            ledger.set_settings(**changed)
        current = ledger.settings()
    finally:
        ledger.close()
    labels = {key: label for key, (label, _limit) in SETTINGS.items()}
    labels |= {key: label for key, (label, _limit, _number) in FRAME_SETTINGS.items()}
    for key, label in labels.items():
        print(f"{label}：{current.get(key, '') or '（未设置）'}")
    if changed:
        print("已保存：" + "、".join(labels[k] for k in changed))
    elif given:
        print("设置未改变。")
    return 0
