"""The national region code table (GB/T 2260): read-only reference data shipped in resources/.

``pairtrack/resources/regions/gbt2260.csv`` (source, edition and licence in ``SOURCE.md`` beside it)
lists every county-level-and-above code in use, and every code renamed, merged or abolished
since 2015. It is loaded once, on first use, from the file: it is not in the database and not
part of ``tracker.lookups``'s snapshot, so the window may search it on the GUI thread (a
search is an in-memory scan of ~3,500 entries, well under a millisecond).

The code identifies a place; its name is what staff call it. Both the region rules and the
merge of office packages rely on the same judgement of whether a typed name is that place's
name (``names_agree``): the official name, a former name under the same code, or a short
form of it (湘西州 for 湘西土家族苗族自治州, 河北 for 河北省, 武隆区 for the former 武隆县).
"""

from __future__ import annotations

import csv
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from pairtrack.resources import resource

EDITION = "民政部 2024 年县级以上行政区划代码（含 2015 年以来撤销或更名的代码）"
TABLE_FILE = resource("regions", "gbt2260.csv")
# What a place name may end with; the rest (at least two characters) is its short form.
NAME_SUFFIXES = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "新区",
    "省",
    "市",
    "州",
    "县",
    "区",
    "盟",
    "旗",
)
# Levels of the same tier: a county that became a district (县改区) keeps its place.
TIER = {"province": "province", "city": "city", "county": "county", "district": "county"}
TIER_LABEL = {"province": "省级", "city": "地级", "county": "县级"}


@dataclass(frozen=True)
class RegionCode:
    """One entry of the table: a code under one name for a span of years."""

    code: str
    name: str
    level: str  # a key of db.choices.REGION_LEVEL (never "zone")
    province: str
    city: str  # "" for a province and for units directly under a province or municipality
    valid_from: int
    valid_to: int | None  # None while current
    successors: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def tier(self) -> str:
        return TIER[self.level]

    def place(self) -> str:
        """Province, city and name, each once: "河北省 张家口市 康保县", "重庆市 武隆区"."""
        parts: list[str] = []
        for part in (self.province, self.city, self.name):
            if part and part not in parts:
                parts.append(part)
        return " ".join(parts)

    def label(self) -> str:
        """One line for a picker: "康保县 — 河北省 张家口市（130723）", marked when old."""
        where = " ".join(p for p in (self.province, self.city) if p and p != self.name)
        text = f"{self.name} — {where}（{self.code}）" if where else f"{self.name}（{self.code}）"
        return text if self.current else f"{text} [{self.valid_to} 年起停用]"


class CodeTable:
    """All entries, indexed by code; ``search`` for pickers."""

    def __init__(self, entries: Iterable[RegionCode]) -> None:
        self.entries: tuple[RegionCode, ...] = tuple(entries)
        by_code: dict[str, list[RegionCode]] = {}
        for entry in self.entries:
            by_code.setdefault(entry.code, []).append(entry)
        # Oldest first, so the last one is the current name when there is one.
        self.by_code = {
            code: tuple(sorted(found, key=lambda e: (e.current, e.valid_from)))
            for code, found in by_code.items()
        }

    def history(self, code: str) -> tuple[RegionCode, ...]:
        """Every name the code had since 2015, oldest first (empty when unknown)."""
        return self.by_code.get(code, ())

    def find(self, code: str) -> RegionCode | None:
        """The entry for ``code``: its current name, else the last it had."""
        found = self.by_code.get(code)
        return found[-1] if found else None

    @cached_property
    def _keys(self) -> list[tuple[RegionCode, str, str]]:
        return [(e, e.name, f"{e.province} {e.city}") for e in self.entries]

    def search(self, text: str, limit: int = 20) -> list[RegionCode]:
        """Entries whose name, province or city contains every word of ``text`` (a short form
        such as 湘西州 matches too), or whose code starts with it. Best first: exact name, name
        starting with it, name containing it, then place only; current entries before old."""
        words = [(w, w.isdigit(), _stem_or_none(w)) for w in normalise(text).split()]
        if not words or limit <= 0:
            return []
        scored: list[tuple[int, bool, str, int, RegionCode]] = []
        for entry, name, where in self._keys:
            best = 9
            for word, digits, stem in words:
                if digits:
                    if not entry.code.startswith(word):
                        break
                    score = 0
                elif word == name:
                    score = 0
                elif name.startswith(word):
                    score = 1
                elif word in name or (stem is not None and name.startswith(stem)):
                    score = 2
                elif word in where:
                    score = 3
                else:
                    break
                best = min(best, score)
            else:
                scored.append((best, not entry.current, entry.code, entry.valid_from, entry))
        scored.sort(key=lambda item: item[:4])
        return [item[4] for item in scored[:limit]]


_lock = threading.Lock()
_table: CodeTable | None = None


def table() -> CodeTable:
    """The table, read from the shipped file the first time it is asked for."""
    global _table
    with _lock:
        if _table is None:
            _table = CodeTable(_read(TABLE_FILE.read_text(encoding="utf-8").splitlines()))
        return _table


def _read(lines: Iterable[str]) -> Iterable[RegionCode]:
    for row in csv.DictReader(lines):
        yield RegionCode(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            province=row["province"],
            city=row["city"],
            valid_from=int(row["valid_from"]),
            valid_to=int(row["valid_to"]) if row["valid_to"] else None,
            successors=tuple(c for c in row["successor"].split(";") if c),
        )


def find(code: str) -> RegionCode | None:
    """The entry for a 6-digit code (its current name, else its last), or None if unknown."""
    return table().find(normalise(code))


def history(code: str) -> tuple[RegionCode, ...]:
    return table().history(normalise(code))


def search(text: str, limit: int = 20) -> list[RegionCode]:
    return table().search(text, limit)


def describe(code: str) -> str | None:
    """ "河北省 张家口市 康保县" for 130723; None for a code not in the table."""
    entry = find(code)
    return None if entry is None else entry.place()


def is_current(code: str) -> bool:
    """Whether the code is in use in the latest edition (False for old and unknown codes)."""
    entry = find(code)
    return entry is not None and entry.current


def current_code(code: str) -> str | None:
    """The current code for the same place: the code itself while current, else its successor
    followed while each old code passed to exactly one (500232 武隆县 → 500156). None when the
    code is unknown or its area was split among several codes (no one place to name)."""
    seen: set[str] = set()
    entry = find(code)
    while entry is not None and not entry.current and entry.code not in seen:
        seen.add(entry.code)
        if len(entry.successors) != 1:
            return None
        entry = find(entry.successors[0])
    return entry.code if entry is not None and entry.current else None


def status(code: str) -> str:
    """A line for the user about the code: where it is, and what became of it if it is old."""
    entry = find(code)
    if entry is None:
        return f"代码表中没有 {code}"
    if entry.current:
        return entry.place()
    after = [f"{c} {s.place()}" if (s := find(c)) else c for c in entry.successors]
    became = f"，现为 {'、'.join(after)}" if after else ""
    return f"{entry.place()}（{entry.valid_to} 年起停用{became}）"


def normalise(text: str) -> str:
    """What staff type, folded: full-width digits and spaces to ASCII, outer spaces gone."""
    return unicodedata.normalize("NFKC", text).strip()


def short_form(name: str) -> str:
    """The name without its administrative suffix, if two characters or more remain."""
    for suffix in NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _stem_or_none(word: str) -> str | None:
    stem = short_form(word)
    return stem if stem != word else None


def names_agree(typed: str, official: str) -> bool:
    """Whether ``typed`` names the place officially called ``official``: the same name, or a
    short form of it (河北, 湘西州, 大厂县 for 大厂回族自治县, 武隆区 for 武隆县)."""
    typed, official = normalise(typed), normalise(official)
    if not typed or not official:
        return False
    stem = short_form(typed)
    return typed == official or (len(stem) >= 2 and official.startswith(stem))
