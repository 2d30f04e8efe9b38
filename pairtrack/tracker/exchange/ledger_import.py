"""``import FILE``: a ledger workbook — the template, an export, or an office's own layout —
into the ledger.

The reader (``workbook`` → ``layout`` → ``ledger_rows``) finds each sheet's header and what
its columns mean; a mapping a person confirmed in the window is used instead, and remembered
(``mappings``). Rows with an id update that record; rows without one create a record, unless
it matches a live record (or an earlier row of the same file) on its kind's natural key: then
it is listed as 疑似重复 and not created. Every problem is reported by sheet, row and column in
Chinese, and every row that is not a record by why it was skipped. All or nothing by default;
``valid_only`` imports the good rows and writes the rejected ones to a new workbook beside the
file (``ledger_rejected``) before the import commits: if that workbook cannot be written,
nothing is imported. Each row is validated by the services' own coerce and rules (one truth,
habit 8). The import is recorded as a batch (``tracker.imports``) that can be undone whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from pairtrack.tracker.duplicates import key_labels
from pairtrack.tracker.errors import PairTrackError, ValidationError
from pairtrack.tracker.exchange import cells
from pairtrack.tracker.exchange.columns import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    SUMMARY_SHEET,
    columns_of,
)
from pairtrack.tracker.exchange.layout import Mapping, detect
from pairtrack.tracker.exchange.ledger_pairing import default_pairing
from pairtrack.tracker.exchange.ledger_rejected import Rejected, write_rejected
from pairtrack.tracker.exchange.ledger_rows import LedgerSheet, Notes, Record, row_values, sort_rows
from pairtrack.tracker.exchange.ledger_writes import NewRecords, bulk_ready
from pairtrack.tracker.exchange.mappings import find, remember, remembered
from pairtrack.tracker.exchange.report import Duplicate, ImportReport, RecordChange, RowProblem
from pairtrack.tracker.exchange.workbook import RawSheet, WorkbookRefused, read_book
from pairtrack.tracker.fieldtext import label, record_label, shown
from pairtrack.tracker.imports import UndoLog, begin_import, file_sha256, finish_import
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.kinds import BY_TABLE
from pairtrack.tracker.money import implausible

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

IGNORED_SHEETS = {SUMMARY_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET}
_ORDER = [t for t, _title, _attr in SHEETS]


class LedgerRefused(PairTrackError):
    """The workbook cannot be read as a ledger; nothing was written."""


class _Rollback(Exception):
    pass


@dataclass
class SheetReading:
    """One sheet of the workbook and how it will be read (the window shows and edits these)."""

    raw: RawSheet
    mapping: Mapping
    how: str  # template | detected | remembered | given | excluded | none | ignored


@dataclass
class _Run:
    """What one import keeps while it goes through the rows."""

    report: ImportReport
    undo: UndoLog
    created: dict[str, tuple[str, int]]  # id of a row this file created → (sheet, row)
    month_only: dict[tuple[str, str], list[int]]  # (sheet, header) → rows written to the month
    new: NewRecords


def read_ledger(
    ledger: Ledger, path: Path, mappings: dict[str, Mapping] | None = None
) -> list[SheetReading]:
    """Every sheet of the workbook with its mapping: the one ``mappings`` gives for it (a
    person's choice), else one remembered for its headers, else what detection finds."""
    try:
        raws = read_book(path)
    except WorkbookRefused as exc:
        raise LedgerRefused(str(exc)) from exc
    with ledger.read() as session:
        known = remembered(session)
    out = []
    for raw in raws:
        given = (mappings or {}).get(raw.name)
        if given is not None:
            out.append(SheetReading(raw, given, "given" if given.table else "excluded"))
        elif raw.name in IGNORED_SHEETS:
            out.append(SheetReading(raw, Mapping(None, 0, 1, [], []), "ignored"))
        elif (found := find(raw, known)) is not None:
            out.append(SheetReading(raw, found, "remembered"))
        else:
            mapping = detect(raw)
            how = (
                "none" if mapping.table is None else "template" if mapping.template else "detected"
            )
            out.append(SheetReading(raw, mapping, how))
    return out


def import_ledger(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    sha256: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
    mappings: dict[str, Mapping] | None = None,
    pairing: str | None = None,
) -> ImportReport:
    """Import the workbook; ``mappings`` (sheet → Mapping) overrides what the reader finds and
    is remembered once the import commits; ``pairing`` is the default pairing of rows that
    name none (a sheet without a 结对关系 column)."""
    report = ImportReport("ledger")
    pairing = _pairing_id(ledger, pairing)
    readings = read_ledger(ledger, path, mappings)
    sheets = _sorted_sheets(ledger, readings, report)
    if not sheets:
        raise LedgerRefused(_nothing_readable(path, readings))
    rejected: list[Rejected] = []
    written: Path | None = None
    total, done = sum(len(s.records) for s in sheets), 0
    digest = sha256 or file_sha256(path)
    try:
        with ledger.write() as session:
            # in this transaction: a dry run or a refused import leaves no batch
            import_id = begin_import(session, kind="ledger", path=path, sha256=digest)
            cells.Resolver.forget(session)  # names are resolved afresh in this transaction
            run = _Run(report, UndoLog(), {}, defaultdict(list), NewRecords(session))
            for sheet in sheets:
                refusal = default_pairing(session, sheet, pairing, report)
                headers = _headers(sheet)
                bulk = bulk_ready(sheet.service)
                for record in sheet.records:
                    reasons = (
                        [refusal] if refusal else _row(session, sheet, headers, bulk, record, run)
                    )
                    if reasons:
                        rejected.append(Rejected(sheet, record, "；".join(reasons)))
                    done += 1
                    if done % 200 == 0:
                        check_cancelled(cancelled)
                        progress(done, total)
                run.new.end_sheet(sheet.service)
            check_cancelled(cancelled)
            _month_only_notes(run)
            if dry_run or (report.problems and not valid_only):
                raise _Rollback()
            if rejected:
                # before the commit: a workbook that cannot be written imports nothing
                written = write_rejected(path, rejected)
            for reading in readings:
                if reading.how == "given" and reading.mapping.table:
                    remember(session, reading.mapping)
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


# How a sheet was read, as the report and the window's mapping step say it.
HOW = {
    "template": "按导出模板",
    "detected": "自动识别",
    "remembered": "按上次确认的对应关系",
    "given": "按确认的对应关系",
    "none": "未能识别",
}


def _sorted_sheets(
    ledger: Ledger, readings: list[SheetReading], report: ImportReport
) -> list[LedgerSheet]:
    """The sheets that hold records, in the order references need them; the others and every
    skipped row are named in the report."""
    sheets = []
    for reading in readings:
        raw, mapping = reading.raw, reading.mapping
        if reading.how == "ignored":
            report.skipped.append(RowProblem(raw.name, 0, "", "程序生成的说明或汇总页，不导入"))
            continue
        if reading.how == "excluded":  # a person chose 不导入 for it in the window
            report.skipped.append(RowProblem(raw.name, 0, "", "已选择不导入"))
            continue
        if mapping.table is None:
            if any(any(v not in ("", None) for v in row) for row in raw.rows):
                why = "未能识别为任何台账：找不到表头（请在导入窗口中指定记录类型和各列的含义）"
            else:
                why = "空白工作表"
            report.skipped.append(RowProblem(raw.name, 0, "", why))
            continue
        service = ledger.services[mapping.table]
        sheet = sort_rows(raw, service, mapping, report.skipped)
        unmapped = mapping.unmapped()
        said = f"{BY_TABLE[mapping.table].title}，表头在第 {mapping.header_row + 1} 行"
        if mapping.header_rows == 2:
            said += f"—第 {mapping.header_row + 2} 行"
        said += f"（{HOW[reading.how]}），{len(sheet.records)} 行记录"
        units = {c.unit for c in sheet.columns if c is not None and c.unit}
        if len(units) == 1:
            said += f"，金额按{units.pop()}读"
        elif units:
            said += "，金额按各列表头所写的单位读"
        if unmapped:
            said += "；未导入的列：" + "、".join(unmapped)
        report.sheets.append(f"「{raw.name}」：{said}")
        sheets.append(sheet)
    return sorted(sheets, key=lambda s: _ORDER.index(s.table))


def _pairing_id(ledger: Ledger, pairing: str | None) -> str | None:
    """The id of the default pairing given as「帮扶方→受援方」or as an id."""
    if not pairing:
        return None
    column = next(c for c in columns_of(ledger.cadres) if c.name == "pairing_id")
    with ledger.read() as session:
        try:
            return cells.Resolver(session).pairing(pairing.strip(), column)
        except ValidationError as exc:
            raise LedgerRefused(f"默认结对关系（--pairing）：{exc}") from exc


def _nothing_readable(path: Path, readings: list[SheetReading]) -> str:
    if any(r.how == "excluded" for r in readings) and all(
        r.how in ("excluded", "ignored") for r in readings
    ):
        return f"工作簿「{path.name}」的工作表都选择了不导入：请至少为一个工作表选择记录类型。"
    names = "、".join(f"「{r.raw.name}」" for r in readings if r.how != "ignored") or "（无）"
    return (
        f"工作簿「{path.name}」中没有能识别的台账：工作表 {names} 都找不到表头。"
        "请在窗口中导入以指定各列的含义，或使用导出的模板。"
    )


def _month_only_notes(run: _Run) -> None:
    for (title, header), rows in run.month_only.items():
        shown_rows = "、".join(str(r) for r in rows[:8]) + ("…" if len(rows) > 8 else "")
        run.report.notes.append(
            RowProblem(
                title, rows[0], header,
                f"{len(rows)} 个日期只写到月份（第 {shown_rows} 行），按当月 1 日记",
            )
        )  # fmt: skip


def _headers(sheet: LedgerSheet) -> dict[str, str]:
    """Field → the header of its column (a range's end field too), for problems by column."""
    headers = {c.name: c.header for c in sheet.columns if c is not None}
    return headers | {c.end: c.header for c in sheet.columns if c is not None and c.end}


def _row(
    session: Session,
    sheet: LedgerSheet,
    headers: dict[str, str],
    bulk: bool,
    record: Record,
    run: _Run,
) -> list[str]:
    """Import one row; returns its problems (empty when it was written or set aside as
    疑似重复). A new record of a ``bulk`` sheet is checked here and held back to be inserted
    with the others (``ledger_writes``); any other write is made here, in a savepoint."""
    report, service, number = run.report, sheet.service, record.number
    counts = report.counts(sheet.table)
    notes = Notes()
    try:
        row_id, data = row_values(session, sheet, record, notes)
        for header in notes.month_only:
            run.month_only[(sheet.title, header)].append(number)
        obj = None if row_id is None else session.get(service.model, row_id)
        if obj is None:
            # No id, or the id of another database (an export imported elsewhere): new.
            typed = service.coerce(data, partial=False)  # a bad value is reported as usual
            if row_id is None and (duplicate := _duplicate(sheet, number, typed, run)):
                report.duplicates.append(duplicate)
                return []
            if bulk:
                service.check_new(session, typed)
                created_id = run.new.create(service, typed)
            else:
                with session.begin_nested():
                    created = service.create_in(session, data)
                run.new.written(sheet.table, created)
                cells.Resolver.forget(session)
                created_id = created.id
            counts.inserted += 1
            if counts.inserted <= RecordChange.LISTED_INSERTS:
                report.changes.append(
                    RecordChange(sheet.table, created_id, record_label(service, data), "新增", [])
                )
            run.undo.inserted(sheet.table, created_id)
            run.created[created_id] = (sheet.title, number)
        elif obj.deleted_at is not None:
            raise ValidationError("id", f"编号为 {row_id} 的记录已删除，请先在本程序中恢复它")
        else:
            with session.begin_nested():
                before = UndoLog.stored(session, sheet.table, obj.id)
                stamp = obj.updated_at
                service.update_in(session, obj, data)
            if obj.updated_at != stamp:
                counts.updated += 1
                run.undo.changed(sheet.table, obj.id, before)
                report.changes.append(_update(session, sheet, obj.id, before))
                run.new.written(sheet.table, obj)
                cells.Resolver.forget(session)
            else:
                counts.skipped += 1
        report.warnings += _implausible(sheet, number, data)
    except ValidationError as exc:
        column = headers.get(exc.field or "", "")
        report.problems.append(RowProblem(sheet.title, number, column, exc.message))
        counts.conflicts += 1
        return [f"{column}：{exc.message}" if column else exc.message]
    return []


def _implausible(sheet: LedgerSheet, number: int, data: dict[str, Any]) -> list[RowProblem]:
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
    session: Session, sheet: LedgerSheet, row_id: str, before: dict[str, Any] | None
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
    sheet: LedgerSheet, number: int, typed: dict[str, Any], run: _Run
) -> Duplicate | None:
    """疑似重复: the row matches a live record, or a row this file created, on a natural key."""
    found = run.new.twin(sheet.table, typed)
    if found is None:
        return None
    key, match_id = found
    labels = key_labels(BY_TABLE[sheet.table], key)
    if match_id in run.created:
        title, row = run.created[match_id]
        text = f"与本文件「{title}」第 {row} 行的{labels}相同"
    else:
        text = f"与已有的{sheet.service.noun}（编号 {match_id}）的{labels}相同"
    return Duplicate(sheet.title, number, sheet.table, match_id, text)
