"""A spreadsheet's cells as they are stored: ``.xlsx``, ``.xls`` and ``.ods``, read by
python-calamine (fast, no formatting), plus what calamine cannot say: which cells of an
``.xlsx`` hold a formula with no saved result (a workbook written by a program, never opened
in Excel). Those read as empty and would be taken for blanks; the import reports them instead.
(``.xls`` always stores a formula's result; ``.ods`` stores it as the cell's value.)
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import python_calamine

from pairtrack.tracker.errors import PairTrackError

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_SUFFIXES_OF = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",)}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and other old Office files)

# A cell whose open tag is not self-closing, holding a formula: <c r="B5" …><f>SUM(…)</f>…</c>
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"[^>/]*>((?:(?!</c>).)*?<f[\s>/].*?)</c>', re.S
)
_CACHED = re.compile(rb"<v>[^<]+</v>")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class WorkbookRefused(PairTrackError):
    """The file cannot be read as a spreadsheet; nothing was written."""


@dataclass
class RawSheet:
    name: str
    rows: list[list[Any]]  # from cell A1; "" for an empty cell
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # (row, column), 0-based, of formula cells without a saved result
    uncached: set[tuple[int, int]] = field(default_factory=set)


def kind_of(path: Path) -> str:
    """``xlsx``, ``xls`` or ``ods`` by content (a renamed file is still read right)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        return "xls"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
                return "ods"
            if "xl/workbook.xml" in names:
                return "xlsx"
    raise WorkbookRefused(f"「{path.name}」不是 Excel 或 WPS 表格文件（.xlsx、.xls、.ods）。")


def read_book(path: Path) -> list[RawSheet]:
    """Every visible worksheet of the file, in order."""
    kind = kind_of(path)
    try:
        if path.suffix.lower() in _SUFFIXES_OF[kind]:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # renamed (.xlsx saved as .xls): calamine goes by the name, so give it the bytes
            with path.open("rb") as handle:
                book = python_calamine.CalamineWorkbook.from_filelike(handle)
    except Exception as exc:  # calamine raises its own kinds for damaged or protected files
        raise WorkbookRefused(f"无法读取工作簿「{path.name}」：{exc}") from exc
    uncached = _uncached_formulas(path) if kind == "xlsx" else {}
    sheets = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != str(python_calamine.SheetTypeEnum.WorkSheet):
                continue
            if str(meta.visible) != str(python_calamine.SheetVisibleEnum.Visible):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
            sheets.append(RawSheet(meta.name, rows, merged, uncached.get(meta.name, set())))
    except python_calamine.CalamineError as exc:
        raise WorkbookRefused(f"无法读取工作簿「{path.name}」：{exc}") from exc
    finally:
        book.close()
    return sheets


def _uncached_formulas(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → cells holding a formula with no saved result. Reads each sheet's XML as
    bytes: a sheet without any ``<f`` costs one search."""
    out: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name, part in _sheet_parts(archive).items():
                data = archive.read(part)
                if b"<f" not in data:
                    continue
                cells = set()
                for match in _FORMULA_CELL.finditer(data):
                    if not _CACHED.search(match[3]):
                        cells.add((int(match[2]) - 1, _column_index(match[1].decode())))
                if cells:
                    out[name] = cells
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return out  # calamine reports a broken file on its own
    except (zlib.error, EOFError, NotImplementedError) as exc:
        # A sheet whose compressed data is damaged: calamine opens sheets only when read,
        # and might not notice, so it is said here, naming the file.
        raise WorkbookRefused(
            f"工作簿「{path.name}」已损坏（其中的工作表数据无法解压），无法读取。"
            "请用 Excel 或 WPS 打开检查，或另存一份后再导入。"
        ) from exc
    return out


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
    out = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out[sheet.get("name", "")] = posixpath.normpath(part)
    return out


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
