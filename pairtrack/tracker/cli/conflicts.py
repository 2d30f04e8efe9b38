"""``pairtrack conflicts [--take local|incoming ID…|all]``: open merge conflicts (DESIGN §5, §7).

Lists each open conflict (编号, record, field, local value, incoming value, from which office);
``--take local 3 4`` keeps the local value of conflicts 3 and 4, ``--take incoming all`` takes
every incoming value. Resolving all fields of a record gives it a revision made from both
sides, which the other office then accepts without conflict.
"""

from __future__ import annotations

import argparse

from pairtrack.tracker import conflicts
from pairtrack.tracker.cli.args import open_ledger, record_number
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.textable import render

NAME = "conflicts"
HELP = "列出汇总时的冲突，或用 --take 处理它们"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--take",
        nargs="+",
        metavar=("local|incoming", "ID"),
        help="处理冲突：local 保留本地值，incoming 采用对方的值；其后是冲突编号或 all",
    )


def run(args: argparse.Namespace) -> int:
    ledger = open_ledger(args, writes=bool(args.take))
    try:
        found = conflicts.list_conflicts(ledger)
        if not args.take:
            print(table(found) if found else "没有待处理的冲突。")
            return 0
        how, *which = args.take
        if how not in (conflicts.LOCAL, conflicts.INCOMING):
            raise PairTrackError(f"--take 之后应为 local 或 incoming，而不是「{how}」。")
        if not which:
            raise PairTrackError("请在 --take 之后给出冲突编号，或 all。")
        ids = [c.id for c in found] if which == ["all"] else [_number(w) for w in which]
        if not ids:
            print("没有待处理的冲突。")
            return 0
        done = conflicts.resolve(ledger, {i: (how, None) for i in ids})
        left = len(conflicts.list_conflicts(ledger))
    finally:
        ledger.close()
    side = "本地值" if how == conflicts.LOCAL else "对方的值"
    print(f"已处理 {done} 个冲突（采用{side}）；还有 {left} 个待处理。")
    return 0


def _number(text: str) -> int:
    return record_number(text, "冲突编号")


def table(found: list[conflicts.ConflictRecord]) -> str:
    rows = [
        (str(c.id), c.record, c.field_label, c.local_text, c.incoming_text, c.office) for c in found
    ]
    return render(("编号", "记录", "字段", "本地值", "对方的值", "来自"), rows, right={0})
