"""What an import did, or would do: counts per table and every problem by place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pairtrack.tracker.exchange.columns import SHEETS
from pairtrack.tracker.textable import render

TABLE_TITLES = {table: title for table, title, _attr in SHEETS}


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0
    conflicts: int = 0

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass(frozen=True)
class RowProblem:
    sheet: str  # sheet title, or the package member
    row: int  # spreadsheet row, or the JSON line number
    column: str  # header, or "" when the whole row is at fault
    reason: str

    def __str__(self) -> str:
        # each form whole, so that the window can find its English (ui.i18n.tr_message)
        if not self.row:  # the whole sheet
            if self.column:
                return f"「{self.sheet}」「{self.column}」列：{self.reason}"
            return f"「{self.sheet}」：{self.reason}"
        if self.column:
            return f"「{self.sheet}」第 {self.row} 行「{self.column}」列：{self.reason}"
        return f"「{self.sheet}」第 {self.row} 行：{self.reason}"


@dataclass(frozen=True)
class RecordChange:
    """What one record becomes: 新增, 更新, 合并, 删除 or 冲突, with the fields that change as
    (label, before, after, in conflict) — for a conflict, "after" is the incoming value."""

    table: str
    row_id: str
    label: str
    action: str
    fields: list[tuple[str, Any, Any, bool]]

    LISTED_INSERTS: ClassVar[int] = 200  # new records are counted; only the first are listed

    def lines(self) -> list[str]:
        out = [f"{self.action}：{self.label}"]
        for label, before, after, conflict in self.fields:
            mark = "（冲突：本地值保留，待处理）" if conflict else ""
            out.append(f"    {label}：{_shown(before)} → {_shown(after)}{mark}")
        return out


def _shown(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)


@dataclass(frozen=True)
class Duplicate:
    """A row that looks like a record already there (疑似重复). A workbook row without an id
    is not created; a package row, which has an id of its own, is kept and listed."""

    sheet: str
    row: int
    table: str
    match_id: str  # the record it matches
    match: str  # what it matches, in Chinese
    kept: bool = False

    def __str__(self) -> str:
        outcome = "已导入，请核对" if self.kept else "未导入"
        return f"「{self.sheet}」第 {self.row} 行：疑似重复，{self.match}，{outcome}"


@dataclass
class ImportReport:
    kind: str  # "package" | "ledger"
    source: str = ""  # the origin office of a package
    tables: dict[str, TableCounts] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    # imported all the same, but worth a look: amounts above their kind's plausibility bound
    warnings: list[RowProblem] = field(default_factory=list)
    committed: bool = False
    rejected_path: Path | None = None
    sha256: str = ""
    import_id: int | None = None  # the recorded batch (tracker.imports), once committed
    changes: list[RecordChange] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # set when the same file was imported before (a dry run reports it instead of refusing)
    already_imported: str = ""
    cross_office: list[str] = field(default_factory=list)  # 疑似跨单位重复, as sentences
    history: str = ""  # a package whose sender's history does not extend one received before
    # a ledger workbook: how each sheet was read, the rows (and sheets: row 0) that were not
    # records and why, and what reading noticed without refusing (dates written to the month)
    sheets: list[str] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    def counts(self, table: str) -> TableCounts:
        return self.tables.setdefault(table, TableCounts())

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables.values())

    def counts_json(self) -> dict[str, dict[str, int]]:
        """The counts per table as the import's batch records them."""
        out = {table: asdict(counts) for table, counts in self.tables.items()}
        for duplicate in self.duplicates:
            table_counts = out.setdefault(duplicate.table, asdict(TableCounts()))
            table_counts["duplicates"] = table_counts.get("duplicates", 0) + 1
        return out

    def rows(self) -> list[tuple[str, int, int, int, int, int]]:
        return [
            (TABLE_TITLES.get(t, t), c.inserted, c.updated, c.skipped, c.deleted, c.conflicts)
            for t, c in self.tables.items()
        ]

    HEADERS = ("表", "新增", "更新", "跳过", "删除", "冲突")

    def table_text(self) -> str:
        rows = [tuple(str(v) for v in r) for r in self.rows()]
        return render(self.HEADERS, rows, right={1, 2, 3, 4, 5})


def in_conflict(change: RecordChange) -> bool:
    return change.action.startswith("冲突") or any(f[3] for f in change.fields)


def conflicts_first(changes: list[RecordChange]) -> list[RecordChange]:
    """The preview's order (command line and window): records in conflict first, then the
    rest as the import met them."""
    return sorted(changes, key=lambda change: not in_conflict(change))


def reading_lines(report: ImportReport, limit: int) -> list[str]:
    """How a ledger workbook was read (command line and window alike): each sheet, the rows
    that are not records and why, and what reading noticed (at most ``limit`` notes)."""
    return [
        *(f"读取{line}" for line in report.sheets),
        *skipped_lines(report.skipped),
        *(f"说明：{note}" for note in report.notes[:limit]),
    ]


def skipped_lines(skipped: list[RowProblem]) -> list[str]:
    """Rows that are not records, one line per sheet and reason: 「资金」第 3、12–15 行：空行."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for item in skipped:
        grouped.setdefault((item.sheet, item.reason), []).append(item.row)
    out = []
    for (sheet, reason), rows in grouped.items():
        if rows == [0]:
            out.append(f"跳过「{sheet}」：{reason}")
        else:
            out.append(f"跳过「{sheet}」第 {row_ranges(rows)} 行：{reason}")
    return out


def row_ranges(rows: list[int]) -> str:
    """3、5、12–15: consecutive rows as one range."""
    parts: list[str] = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if row is not None:
            start = previous = row
    return "、".join(parts)
