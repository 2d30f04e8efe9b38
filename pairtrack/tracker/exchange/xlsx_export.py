"""``export --format xlsx``: one sheet per record type plus a 汇总 sheet, written streaming.

openpyxl's write-only mode appends rows straight to the file, so memory stays bounded at
100k rows. Money cells are numbers in 万元 with a number format exact to the 分; dates are
real Excel dates; choice codes show their Chinese labels.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook  # type: ignore[import-untyped]  # openpyxl ships no stubs
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]  # openpyxl ships no stubs
from openpyxl.styles import Font  # type: ignore[import-untyped]  # openpyxl ships no stubs
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]  # openpyxl ships no stubs
from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]  # openpyxl ships no stubs

from pairtrack.tracker.audit import head as audit_head
from pairtrack.tracker.dates import check_year
from pairtrack.tracker.exchange.columns import (
    DATE_FORMAT,
    INSTRUCTIONS_SHEET,
    MONEY_FORMAT,
    SUMMARY_SHEET,
    Column,
    Names,
    Selection,
    converters,
    export_columns,
)
from pairtrack.tracker.exchange.rows import live_rows, total_live
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.money import fen_to_wan
from pairtrack.tracker.outputs import replacing
from pairtrack.tracker.periods import Group, Period, Scope
from pairtrack.tracker.progress import progress as indicator_progress

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

BOLD = Font(bold=True)
CODE_LABEL = "数据校验码"
CODE_HINT = "导出时的审计记录链头；可用 pairtrack check --anchor 校验码 核对此前的历史未被改写"
REPORT_EVERY = 1000


def header_row(ws: WriteOnlyWorksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, column.header)
        cell.font = BOLD
        cells.append(cell)
    ws.append(cells)


def _cells(ws: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    # Only money and dates need a styled cell; plain values stay plain (the fast path).
    out: list[Any] = []
    for value in values:
        if isinstance(value, Decimal):
            cell = WriteOnlyCell(ws, value)
            cell.number_format = MONEY_FORMAT
            out.append(cell)
        elif isinstance(value, date):
            cell = WriteOnlyCell(ws, value)
            cell.number_format = DATE_FORMAT
            out.append(cell)
        else:
            out.append(value)
    return out


def export_xlsx(
    ledger: Ledger,
    path: Path,
    *,
    year: int | None = None,
    scope: str = "all",
    force: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> dict[str, int]:
    """Write the workbook; returns rows written per table. A cancel, an error or a full disk
    leaves no file and an existing one as it was (``tracker.outputs``; ``force`` allows
    replacing an existing file).

    ``scope`` (see ``Selection``): "own" writes only the rows this office created, and its
    汇总 sheet counts only them; "reference" writes the reference sheets and no 汇总. The
    数据校验码 at export ends the 汇总 sheet (a 说明 sheet holds it in a reference export).
    """
    summary_year = check_year(date.today().year if year is None else year, "year", "汇总年度")
    selection = Selection.of(ledger, scope)
    names = Names(ledger)
    tables = [table for table, _title, _attr in selection.sheets]
    total = total_live(ledger, tables, origin=selection.origin)
    counts: dict[str, int] = {}
    with ledger.read() as session:
        code = audit_head(session).code
    with replacing(path, database=ledger.path, force=force) as temporary:
        summary = None if scope == "reference" else summary_year
        _write(
            ledger, temporary, selection, names, summary, code, counts, total, progress, cancelled
        )
    progress(total, total)
    return counts


def _write(
    ledger: Ledger,
    path: Path,
    selection: Selection,
    names: Names,
    summary_year: int | None,
    code: str,
    counts: dict[str, int],
    total: int,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    done = 0
    workbook = Workbook(write_only=True)
    try:
        for table, title, attr in selection.sheets:
            service = getattr(ledger, attr)
            columns = export_columns(service)
            ws = workbook.create_sheet(title)
            header_row(ws, columns)
            count = 0
            convert = converters(columns, names)
            rows = live_rows(ledger, service, [c.name for c in columns], origin=selection.origin)
            for row in rows:
                values = [f(v, row) for f, v in zip(convert, row, strict=True)]
                ws.append(_cells(ws, values))
                count += 1
                done += 1
                if done % REPORT_EVERY == 0:
                    check_cancelled(cancelled)
                    progress(done, total)
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
            counts[table] = count
        if summary_year is not None:
            ws = summary_sheet(workbook, ledger, summary_year, own=selection.origin)
        else:
            ws = workbook.create_sheet(INSTRUCTIONS_SHEET)
            ws.column_dimensions["A"].width = 16
        ws.append([])
        ws.append([_bold(ws, CODE_LABEL), code, CODE_HINT])
        check_cancelled(cancelled)
        workbook.save(path)
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Workbook) -> None:
    """Finish the sheets' streaming writers so that they end cleanly, not in the collector."""
    for ws in workbook.worksheets:
        if not ws.closed:
            ws.close()


def summary_sheet(
    workbook: Workbook, ledger: Ledger, year: int, own: str | None = None
) -> WriteOnlyWorksheet:
    """The indicator table of ``year``; with ``own`` (an office code), of its rows only."""
    period = Period.year(year)
    scope = Scope.everything()
    if own is not None:
        scope = scope.grouped(Group("origin", own, f"本单位（{own}）"))
    ws = workbook.create_sheet(SUMMARY_SHEET)
    headers = ("指标", "单位", "目标", "实际", "完成率", "序时进度", "状态")
    for index, width in enumerate((24, 8, 16, 16, 10, 10, 10), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    title = WriteOnlyCell(ws, f"指标完成情况 · {period.label} · {scope.label}")
    title.font = BOLD
    ws.append([title])
    ws.append([_bold(ws, h) for h in headers])
    for item in indicator_progress(ledger, period, scope):
        money = item.indicator.is_money

        def shown(value: int | None, money: bool = money) -> Any:
            if value is None:
                return None
            return fen_to_wan(value) if money else value

        share = item.completion
        ws.append(
            _cells(
                ws,
                [
                    item.indicator.label,
                    item.indicator.unit,
                    shown(item.target),
                    shown(item.actual),
                    None if share is None else _percent(ws, share),
                    _percent(ws, item.elapsed),
                    item.status,
                ],
            )
        )
    return ws


def _bold(ws: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, text)
    cell.font = BOLD
    return cell


def _percent(ws: WriteOnlyWorksheet, share: Decimal) -> WriteOnlyCell:
    # A share is a ratio, not money: a float is what Excel stores for it anyway.
    cell = WriteOnlyCell(ws, float(share))
    cell.number_format = "0.0%"
    return cell
