"""The rows an import refused, to a new workbook beside the ledger (``台账-未导入.xlsx``).

Each refused row as it was typed, then 原工作表 / 原行号 / 原因. Columns are headed so that the
workbook reads back by itself once fixed: a column the import read is headed by its field's
own header (a money column with the unit its cells are in), a column it did not read keeps its
header, and what the row took from its section row or from the mapping's defaults (交流方向,
结对关系) is written out in a column of its own. The reader ignores the three trailing columns.
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]  # no stubs
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # no stubs

from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.columns import (
    DATE_FORMAT,
    Column,
    columns_of,
    neutralise,
    unneutralise,
)
from pairtrack.tracker.exchange.ledger_rows import LedgerSheet, Record
from pairtrack.tracker.exchange.ledger_words import RANGE_HEADER
from pairtrack.tracker.money import DEFAULT_UNIT

# The columns a rejected-rows workbook adds after the original ones; the reader ignores them.
REJECTED_HEADERS = ("原工作表", "原行号", "原因")
REJECTED_SUFFIX = "-未导入"
_WRITE_PROBLEMS = {
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "文件夹不存在",
}


@dataclass
class Rejected:
    """A row the import refused: where it was, what was typed, and why."""

    sheet: LedgerSheet
    record: Record
    reason: str


def write_rejected(source: Path, rejected: list[Rejected]) -> Path:
    """The rejected rows as they were typed, under the sheet's own headers, then 原工作表 /
    原行号 / 原因, to a new workbook beside ``source`` (``台账-未导入.xlsx``, or
    ``台账-未导入(2).xlsx`` when that exists: a file is never replaced). Text is neutralised,
    dates are dates. The file is written under a temporary name and moved into place when
    complete; raises ``PairTrackError`` naming the file if it cannot be written."""
    target = source.with_name(f"{source.stem}{REJECTED_SUFFIX}.xlsx")
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{source.stem}{REJECTED_SUFFIX}-", suffix=".xlsx", dir=source.parent
        )
        os.close(handle)
        temporary = Path(name)
        _rejected_workbook(rejected).save(temporary)
        return _move_to_free_name(temporary, target)
    except OSError as exc:
        why = _WRITE_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))
        if isinstance(exc, PermissionError):
            why = "没有写入权限，或同名文件正被其他程序（如 Excel）打开"
        raise PairTrackError(
            f"无法写入未导入行的工作簿「{target}」：{why}。因此未导入任何内容，"
            "请换一个可写入的文件夹（或关闭该文件）后再试。"
        ) from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _rejected_workbook(rejected: list[Rejected]) -> Workbook:
    workbook = Workbook(write_only=True)
    sheets: dict[str, tuple[Any, list[str]]] = {}
    implied_of: dict[str, list[str]] = {}
    for row in rejected:  # the implied fields of each sheet, in the order first met
        names = implied_of.setdefault(row.sheet.title, [])
        names += [n for n in row.record.implied if n not in names]
    for row in rejected:
        sheet = row.sheet
        width = len(sheet.headers)
        if sheet.title not in sheets:
            ws = workbook.create_sheet(sheet.title)
            read = sheet.mapping.fields()
            implied = [n for n in implied_of[sheet.title] if n not in read]
            extra = [c for c in columns_of(sheet.service) if c.name in implied]
            widths = [12 if c is None else c.width for c in sheet.columns]
            widths += [c.width for c in extra] + [14, 8, 40]
            for index, size in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(index)].width = size
            ws.freeze_panes = "A2"
            headers = [_header(c, h) for c, h in zip(sheet.columns, sheet.headers, strict=True)]
            ws.append([*headers, *(c.header for c in extra), *REJECTED_HEADERS])
            sheets[sheet.title] = (ws, [c.name for c in extra])
        ws, extra_names = sheets[sheet.title]
        values = row.record.values
        padded = list(values[:width]) + [None] * (width - len(values))
        padded += [_implied_shown(sheet, n, row.record.implied.get(n)) for n in extra_names]
        reasons = [sheet.title, row.record.number, row.reason]
        ws.append([_rejected_cell(ws, v) for v in padded] + reasons)
    return workbook


def _header(column: Column | None, header: str) -> str:
    """A column's header in the rejected workbook: one that reads back as the same column,
    with the unit its cells are in."""
    if column is None or column.kind == "id" or column.field is None:
        return header
    if column.kind == "range":
        return RANGE_HEADER
    if column.kind == "target_value":
        return header if column.unit in (None, DEFAULT_UNIT) else f"目标值（金额为{column.unit}）"
    if column.kind == "money":
        return f"{column.field.label}（{column.unit or DEFAULT_UNIT}）"
    return column.field.label


def _implied_shown(sheet: LedgerSheet, name: str, value: Any) -> Any:
    """A value a row took from its section or defaults, as a person would write it."""
    field = sheet.service.field(name)
    if value is not None and field.choices is not None:
        return field.choices.get(value, value)
    return value


def _rejected_cell(ws: Any, value: Any) -> Any:
    """A cell as the import read it: text neutralised once (the reader takes the quote off),
    dates as dates a column can show."""
    if isinstance(value, str):
        return neutralise(unneutralise(value))
    if isinstance(value, date):  # datetime too
        cell = WriteOnlyCell(ws, value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _move_to_free_name(temporary: Path, target: Path) -> Path:
    """Move the finished file to ``target``, or ``target(2)``…, never over an existing file."""
    for n in range(1, 1000):
        candidate = target if n == 1 else target.with_name(f"{target.stem}({n}){target.suffix}")
        try:
            os.link(temporary, candidate)  # fails if the name is taken: no race, no overwrite
        except FileExistsError:
            continue
        except OSError:
            # a file system without hard links
            if candidate.exists():
                continue
            os.rename(temporary, candidate)
        return candidate
    raise FileExistsError(f"{target} 及其编号副本都已存在")
