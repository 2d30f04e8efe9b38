"""Build ``pairtrack/resources/regions/gbt2260.csv`` from the areacodes dataset (CC0).

Source: https://github.com/yescallop/areacodes — ``result.csv``, the summary of the Ministry of
Civil Affairs' yearly lists 《中华人民共和国县级以上行政区划代码》 since 1981, each as of 31 December,
with the year every code came into use, the year it changed or was abolished and the codes
that took its area over. See ``pairtrack/resources/regions/SOURCE.md`` for the edition shipped.

What this script keeps and how it maps the columns
--------------------------------------------------
* Every entry still in use, and every entry that ended in 2015 or later (``--since``): staff
  still meet the old names in ledgers of those years (县改区, 县改市, renames, mergers).
  A code renamed in place (130502 桥东区 → 襄都区) gives two rows with the same code.
* ``level``: 省级 → province, 地级 → city, 县级 → district when the name ends in 区 (a
  市辖区), else county (县, 县级市, 旗, and the two county-level areas 神农架林区 and 六枝特区).
* ``province``: the province-level name; ``city``: the prefecture-level name the entry belonged
  to while in use (itself for a prefecture), empty for provinces and for counties directly
  under a province or a municipality (北京、天津、上海、重庆 districts, 海南、湖北… 省直辖县级).
* ``valid_from`` / ``valid_to``: the first year whose list (as of 31 December) holds the entry
  / the first year whose list no longer does; ``valid_to`` is empty while it is current.
* ``successor``: for an entry no longer current, the codes that took its area over when it
  ended (``;``-separated; the same code when only the name changed). Area transfers the
  dataset records in earlier years (``code[year]``) are not successors and are dropped.

Usage (build-time only, no network)::

    git clone https://github.com/yescallop/areacodes /tmp/areacodes
    .venv/bin/python tools/make_regions.py /tmp/areacodes/result.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pairtrack" / "resources" / "regions" / "gbt2260.csv"
COLUMNS = ("code", "name", "level", "province", "city", "valid_from", "valid_to", "successor")
LEVELS = {"省级": "province", "地级": "city", "县级": "county"}
# County-level areas whose names end in 区 but which are not 市辖区 (they stand like a county).
COUNTY_LEVEL_AREAS = {"神农架林区", "六枝特区"}
SOURCE_COLUMNS = (
    "代码",
    "一级行政区",
    "二级行政区",
    "名称",
    "级别",
    "状态",
    "启用时间",
    "变更/弃用时间",
    "新代码",
)


def level_of(row: dict[str, str]) -> str:
    level = LEVELS[row["级别"]]
    if level == "county" and row["名称"].endswith("区") and row["名称"] not in COUNTY_LEVEL_AREAS:
        return "district"
    return level


def successor_of(row: dict[str, str]) -> str:
    if not row["变更/弃用时间"]:
        return ""  # current: anything listed is an earlier transfer of part of its area
    codes = [c for c in row["新代码"].split(";") if c and "[" not in c]
    return ";".join(dict.fromkeys(codes))


def convert(rows: list[dict[str, str]], since: int) -> list[dict[str, str]]:
    out = []
    for row in rows:
        ended = row["变更/弃用时间"]
        if ended and int(ended) < since:
            continue
        level = level_of(row)
        city = row["二级行政区"]
        if level == "province" or city == "直辖":
            city = ""
        out.append(
            {
                "code": row["代码"],
                "name": row["名称"],
                "level": level,
                "province": row["一级行政区"],
                "city": city,
                "valid_from": row["启用时间"],
                "valid_to": ended,
                "successor": successor_of(row),
            }
        )
    out.sort(key=lambda r: (r["code"], r["valid_from"]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="areacodes result.csv")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    parser.add_argument(
        "--since", type=int, default=2015, help="keep entries that ended then or later"
    )
    args = parser.parse_args(argv)
    with args.source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != SOURCE_COLUMNS:
            print(f"unexpected columns in {args.source}: {reader.fieldnames}", file=sys.stderr)
            return 1
        rows = list(reader)
    out = convert(rows, args.since)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    current = sum(1 for r in out if not r["valid_to"])
    print(f"{args.output}: {len(out)} entries, {current} current, {len(out) - current} historical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
