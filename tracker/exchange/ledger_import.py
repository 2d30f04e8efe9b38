"""``import FILE.xlsx``: a filled-in template or an exported workbook, back into the ledger.

Rows with an id update that record; rows without one create a record, unless it matches a
live record (or an earlier row of the same file) on its kind's natural key: then it is listed
as 疑似重复 and not created. Every problem is reported by sheet, row and column in Chinese.
All or nothing by default; ``valid_only`` imports the good rows and writes the rejected ones
to a new workbook beside the file (``write_rejected``: the original columns, then 原工作表 /
原行号 / 原因), before the import commits: if that workbook cannot be written, nothing is
imported. The reader ignores those three trailing columns, so the fixed rows import back as
they are. Each row is validated by the services' own coerce and
rules (one truth, habit 8). The import is recorded as a batch (``tracker.imports``) that can
be undone as a whole.
"""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]  # no stubs
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]  # no stubs
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # no stubs
from sqlalchemy.orm import Session

from tracker.duplicates import key_labels, matching_record
from tracker.errors import PairTrackError, ValidationError
from tracker.exchange import cells
from tracker.exchange.columns import (
    DATE_FORMAT,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    SUMMARY_SHEET,
    Column,
    header_map,
    neutralise,
    unneutralise,
)
from tracker.exchange.report import Duplicate, ImportReport, RecordChange, RowProblem
from tracker.fieldtext import label, record_label, shown
from tracker.imports import UndoLog, begin_import, file_sha256, finish_import
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from tracker.kinds import BY_TABLE
from tracker.money import implausible

if TYPE_CHECKING:
    from tracker.ledger import Ledger
    from tracker.services.base import EntityService

IGNORED_SHEETS = {SUMMARY_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET}
# The columns a rejected-rows workbook adds after the original ones; the reader drops them.
REJECTED_HEADERS = ("原工作表", "原行号", "原因")
REJECTED_SUFFIX = "-未导入"
_WRITE_PROBLEMS = {
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "文件夹不存在",
}


class LedgerRefused(PairTrackError):
    """The workbook cannot be read as a ledger; nothing was written."""


class _Rollback(Exception):
    pass


@dataclass
class _Sheet:
    table: str
    title: str
    service: EntityService[Any]
    headers: list[str]
    columns: list[Column | None]  # per header position
    rows: list[tuple[int, tuple[Any, ...]]]


@dataclass
class _Run:
    """What one import keeps while it goes through the rows."""

    report: ImportReport
    undo: UndoLog
    created: dict[str, tuple[str, int]]  # id of a row this file created → (sheet, row)


def import_ledger(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    sha256: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> ImportReport:
    sheets = read_workbook(ledger, path)
    report = ImportReport("ledger")
    run = _Run(report, UndoLog(), {})
    rejected: list[Rejected] = []
    written: Path | None = None
    total, done = sum(len(s.rows) for s in sheets), 0
    digest = sha256 or file_sha256(path)
    try:
        with ledger.write() as session:
            # in this transaction: a dry run or a refused import leaves no batch
            import_id = begin_import(session, kind="ledger", path=path, sha256=digest)
            for sheet in sheets:
                for number, values in sheet.rows:
                    reasons = _row(session, sheet, number, values, run)
                    if reasons:
                        rejected.append(Rejected(sheet, number, values, "；".join(reasons)))
                    done += 1
                    if done % 200 == 0:
                        check_cancelled(cancelled)
                        progress(done, total)
            check_cancelled(cancelled)
            if dry_run or (report.problems and not valid_only):
                raise _Rollback()
            if rejected:
                # before the commit: a workbook that cannot be written imports nothing
                written = write_rejected(path, rejected)
            finish_import(
                session, import_id, counts=report.counts_json(), undo=run.undo.undo(session)
            )
    except _Rollback:
        return report
    except BaseException:
        if written is not None:  # the commit failed: no rows were imported, none were rejected
            written.unlink(missing_ok=True)
        raise
    report.committed = True
    report.import_id = import_id
    report.rejected_path = written
    progress(total, total)
    return report


def read_workbook(ledger: Ledger, path: Path) -> list[_Sheet]:
    if not zipfile.is_zipfile(path):
        raise LedgerRefused(f"「{path.name}」不是 Excel 工作簿（.xlsx）。")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise LedgerRefused(f"无法读取工作簿「{path.name}」：{exc}") from exc
    by_title = {title: (table, getattr(ledger, attr)) for table, title, attr in SHEETS}
    sheets = []
    try:
        for ws in workbook.worksheets:
            if ws.title in IGNORED_SHEETS or ws.title not in by_title:
                continue
            table, service = by_title[ws.title]
            known = header_map(service)
            rows = ws.iter_rows(values_only=True)
            headers = [("" if h is None else str(h).strip()) for h in next(rows, ())]
            while headers and not headers[-1]:
                headers.pop()
            if tuple(headers[-len(REJECTED_HEADERS) :]) == REJECTED_HEADERS:
                del headers[-len(REJECTED_HEADERS) :]  # a rejected-rows workbook, fixed
            unknown = [h for h in headers if h and h not in known]
            if unknown:
                raise LedgerRefused(
                    f"工作表「{ws.title}」有无法识别的列：{'、'.join(unknown)}（请使用导出的模板）。"
                )
            width = len(headers)
            body = [
                (number, tuple(values[:width]))
                for number, values in enumerate(rows, start=2)
                if any(v is not None and str(v).strip() for v in values[:width])
            ]
            columns = [known.get(h) for h in headers]
            sheets.append(_Sheet(table, ws.title, service, headers, columns, body))
    finally:
        workbook.close()
    order = [t for t, _title, _attr in SHEETS]
    return sorted(sheets, key=lambda s: order.index(s.table))


def _row(
    session: Session, sheet: _Sheet, number: int, values: tuple[Any, ...], run: _Run
) -> list[str]:
    """Import one row in a savepoint; returns its problems (empty when it was written or
    set aside as 疑似重复)."""
    headers = {c.name: c.header for c in sheet.columns if c is not None}
    report, service = run.report, sheet.service
    counts = report.counts(sheet.table)
    try:
        row_id, data = _values(session, sheet, values)
        if row_id is None and (duplicate := _duplicate(session, sheet, number, data, run)):
            report.duplicates.append(duplicate)
            return []
        with session.begin_nested():
            obj = None if row_id is None else session.get(service.model, row_id)
            if obj is None:
                # No id, or the id of another database (an export imported elsewhere): new.
                created = service.create_in(session, data)
                counts.inserted += 1
                if counts.inserted <= RecordChange.LISTED_INSERTS:
                    report.changes.append(
                        RecordChange(
                            sheet.table, created.id, record_label(service, data), "新增", []
                        )
                    )
                run.undo.inserted(sheet.table, created.id)
                run.created[created.id] = (sheet.title, number)
            elif obj.deleted_at is not None:
                raise ValidationError("id", f"编号为 {row_id} 的记录已删除，请先在本程序中恢复它")
            else:
                before = UndoLog.stored(session, sheet.table, obj.id)
                stamp = obj.updated_at
                service.update_in(session, obj, data)
                if obj.updated_at != stamp:
                    counts.updated += 1
                    run.undo.changed(sheet.table, obj.id, before)
                    report.changes.append(_update(session, sheet, obj.id, before))
                else:
                    counts.skipped += 1
        report.warnings += _implausible(sheet, number, data)
    except ValidationError as exc:
        column = headers.get(exc.field or "", "")
        report.problems.append(RowProblem(sheet.title, number, column, exc.message))
        counts.conflicts += 1
        return [f"{column}：{exc.message}" if column else exc.message]
    return []


def _implausible(sheet: _Sheet, number: int, data: dict[str, Any]) -> list[RowProblem]:
    """Amounts of the row above their kind's plausibility bound (DESIGN §7 one unit rule): a
    5 亿 that was meant as 5 万 is imported but listed for a look."""
    out = []
    for column in sheet.columns:
        if column is None or not isinstance(fen := data.get(column.name), int):
            continue
        money = column.kind == "money" or (
            column.kind == "target_value" and cells.is_money_indicator(data.get("indicator"))
        )
        if money and (warning := implausible(sheet.table, fen)):
            out.append(RowProblem(sheet.title, number, column.header, warning))
    return out


def _update(
    session: Session, sheet: _Sheet, row_id: str, before: dict[str, Any] | None
) -> RecordChange:
    """What an updated record became, field by field (for the preview)."""
    service, after = sheet.service, UndoLog.stored(session, sheet.table, row_id) or {}
    old = before or {}
    fields = [
        (
            label(service, name),
            shown(service, name, old.get(name), old),
            shown(service, name, after.get(name), after),
            False,
        )
        for name in service.content
        if name not in ("id", "origin", "created_at", "updated_at")
        and old.get(name) != after.get(name)
    ]
    return RecordChange(sheet.table, row_id, record_label(service, after), "更新", fields)


def _duplicate(
    session: Session, sheet: _Sheet, number: int, data: dict[str, Any], run: _Run
) -> Duplicate | None:
    """疑似重复: the row matches a live record, or a row this file created, on a natural key."""
    kind = BY_TABLE[sheet.table]
    if not kind.natural_keys:
        return None
    typed = sheet.service.coerce(data, partial=False)  # a bad value is reported as usual
    found = matching_record(session, kind, typed)
    if found is None:
        return None
    key, match_id = found
    labels = key_labels(kind, key)
    if match_id in run.created:
        title, row = run.created[match_id]
        text = f"与本文件「{title}」第 {row} 行的{labels}相同"
    else:
        text = f"与已有的{sheet.service.noun}（编号 {match_id}）的{labels}相同"
    return Duplicate(sheet.title, number, sheet.table, match_id, text)


def _values(
    session: Session, sheet: _Sheet, values: tuple[Any, ...]
) -> tuple[str | None, dict[str, Any]]:
    resolver = cells.Resolver(session)
    raw: dict[str, Any] = {}
    by_name: dict[str, Column] = {}
    for column, value in zip(sheet.columns, values, strict=False):
        if column is not None:
            raw[column.name] = cells.cell_to_value(column, value)
            by_name[column.name] = column
    row_id = raw.pop("id", None)
    data: dict[str, Any] = {}
    for name, value in raw.items():
        column = by_name[name]
        if value is not None and column.kind == "region":
            value = resolver.region(value, column)
        elif value is not None and column.kind == "pairing":
            value = resolver.pairing(value, column)
        data[name] = value
    for name, column in by_name.items():
        if column.kind == "agreement" and data.get(name) is not None:
            data[name] = resolver.agreement(data[name], data.get("pairing_id"), column)
        if column.kind == "target_value" and data.get(name) is not None:
            data[name] = cells.target_value(data[name], data.get("indicator"), column)
    if row_id is not None:
        # An update changes only the columns the sheet has.
        return str(row_id), data
    return None, data


@dataclass
class Rejected:
    """A row the import refused: where it was, what was typed, and why."""

    sheet: _Sheet
    number: int
    values: tuple[Any, ...]
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
    sheets: dict[str, Any] = {}
    for row in rejected:
        sheet = row.sheet
        width = len(sheet.headers)
        ws = sheets.get(sheet.title)
        if ws is None:
            ws = sheets[sheet.title] = workbook.create_sheet(sheet.title)
            widths = [12 if c is None else c.width for c in sheet.columns] + [14, 8, 40]
            for index, size in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(index)].width = size
            ws.freeze_panes = "A2"
            ws.append([*sheet.headers, *REJECTED_HEADERS])
        padded = list(row.values[:width]) + [None] * (width - len(row.values))
        ws.append([_rejected_cell(ws, v) for v in padded] + [sheet.title, row.number, row.reason])
    return workbook


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
