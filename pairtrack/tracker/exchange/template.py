"""``export --template``: the ledger sheets empty, a 说明 sheet, and drop-down lists.

Drop-downs (data validation) offer the Chinese labels of kinds, categories and statuses and
the existing pairings and regions; the lists live on a hidden sheet, because a list typed
into the validation itself is limited to 255 characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook  # type: ignore[import-untyped]  # no stubs
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from pairtrack.tracker.exchange.columns import INSTRUCTIONS_SHEET, LISTS_SHEET, SHEETS, columns_of
from pairtrack.tracker.outputs import replacing

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

TEMPLATE_ROWS = 2000  # rows that carry the drop-downs
INSTRUCTIONS = (
    "PairTrack 台账模板 · 填写说明",
    "每个工作表对应一类记录；第一行是列名，请勿修改或增加列。",
    "id 列留空表示新增记录；导出的工作簿中带 id 的行导入时会更新该记录。",
    "地区按名称（或 6 位行政区划代码）填写；结对关系写作「帮扶方→受援方」，如「廊坊开发区→康保县」。",
    "金额列以万元为单位：可填数字（如 12.6），也可填「12.6万」「12.6千」「1.2亿元」「9,178万元」；以元为单位须写明（如「800元」「￥800」）。",
    "日期列可填 Excel 日期，或文字「2017-11-30」「2017年11月30日」。",
    "带下拉箭头的列请从列表中选择。",
    "导入时每个问题都会按「工作表 / 行 / 列 / 原因」列出；默认有任何错误则不导入任何内容。",
)


def export_template(ledger: Ledger, path: Path, *, force: bool = False) -> None:
    """Write the template; an existing file is replaced only with ``force``, and only once
    the new one is complete (``tracker.outputs``)."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = INSTRUCTIONS_SHEET
    notes.column_dimensions["A"].width = 110
    for line in INSTRUCTIONS:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    sources = _lists(ledger)
    ranges: dict[str, str] = {}
    for index, (key, values) in enumerate(sources.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        if values:
            ranges[key] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    for _table, title, attr in SHEETS:
        ws = workbook.create_sheet(title)
        columns = columns_of(getattr(ledger, attr))
        ws.append([c.header for c in columns])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = column.width
            ws.cell(row=1, column=index).font = Font(bold=True)
            key = column.kind if column.kind in ("pairing", "region") else column.name
            if column.kind == "choice":
                key = f"{title}.{column.name}"
            if key in ranges:
                rule = DataValidation(type="list", formula1=ranges[key], allow_blank=True)
                rule.error = "请从下拉列表中选择"
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
    with replacing(path, database=ledger.path, force=force) as temporary:
        workbook.save(temporary)


def _lists(ledger: Ledger) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for _table, title, attr in SHEETS:
        for column in columns_of(getattr(ledger, attr)):
            if column.kind == "choice" and column.field is not None and column.field.choices:
                out[f"{title}.{column.name}"] = list(column.field.choices.values())
    out["pairing"] = sorted(set(ledger.pairings.labels(include_deleted=False).values()))
    out["region"] = sorted({r.name for r in ledger.regions.list()})
    return out
