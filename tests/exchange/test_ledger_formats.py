"""The same ledger kept as .xlsx, as .xls (Excel 97–2003, still common in offices) or as .ods
(WPS and LibreOffice) comes in the same, to the 分; a file is read by what it holds, not by
its name (an .xlsx saved as 台账.xls).

openpyxl writes neither .xls nor .ods: the .xls is a committed file written from the same
rows by ``tools/make_xls_fixture.py``, the .ods is written here (a minimal OpenDocument
spreadsheet) and read back with python-calamine alone before the import reads it."""

from __future__ import annotations

import re
import shutil
import zipfile
import zlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
import python_calamine

from pairtrack.tracker.exchange.ledger_import import LedgerRefused, import_ledger
from pairtrack.tracker.exchange.workbook import WorkbookRefused, kind_of, read_book
from pairtrack.tracker.ledger import Ledger
from tests.exchange.ledger_helpers import (
    PAIRING,
    Added,
    assert_skipped,
    fen,
    fen_by,
    month_only_count,
)
from tests.exchange.ledger_shapes import (
    FUNDS_EXPECTED,
    FUNDS_MERGES,
    FUNDS_ROWS,
    FUNDS_TITLE,
    funds_ledger,
)

XLS = Path(__file__).parent / "data" / "funds_ledger.xls"

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _point(ref: str) -> tuple[int, int]:
    """``C5`` → (row, column), 0-based."""
    letters = re.match(r"[A-Z]+", ref)
    assert letters is not None
    column = 0
    for letter in letters[0]:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(ref[len(letters[0]) :]) - 1, column - 1


def _sum(formula: str, rows: list[list[Any]]) -> Decimal:
    """The result a spreadsheet program saves for ``=SUM(C5:C9)``: the numbers in the range
    (text, even 300万元, counts as nothing)."""
    found = re.fullmatch(r"=SUM\(([A-Z]+[0-9]+):([A-Z]+[0-9]+)\)", formula)
    assert found is not None, formula
    (r0, c0), (r1, c1) = _point(found[1]), _point(found[2])
    return sum(
        (
            Decimal(str(v))
            for row in rows[r0 : r1 + 1]
            for v in row[c0 : c1 + 1]
            if isinstance(v, int | float)
        ),
        Decimal(0),
    )


def _ods_cell(value: Any, rows: list[list[Any]], span: int) -> str:
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if value is None:
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, str) and value.startswith("="):
        formula = "of:" + re.sub(r"([A-Z]+[0-9]+):([A-Z]+[0-9]+)", r"[.\1:.\2]", value)
        result = _sum(value, rows)
        return (
            f"<table:table-cell{spanned} table:formula={quoteattr(formula)} "
            f'office:value-type="float" office:value="{result}"><text:p>{result}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell{spanned} office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell{spanned} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{spanned} office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def write_ods(path: Path, title: str, rows: list[list[Any]], merges: list[str]) -> Path:
    """A minimal valid OpenDocument spreadsheet: ``mimetype`` first and stored, a manifest,
    and content.xml with one table; numbers as float, dates as date, text as string, a
    =SUM() with its saved result (as LibreOffice and WPS save it), merged cells spanned."""
    spans = {}
    covered = set()
    for text in merges:
        start, end = text.split(":")
        (r0, c0), (r1, c1) = _point(start), _point(end)
        assert r0 == r1, "row spans are not needed here"
        spans[(r0, c0)] = c1 - c0 + 1
        covered |= {(r0, c) for c in range(c0 + 1, c1 + 1)}
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(_ods_cell(value, rows, spans.get((r, c), 1)))
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    namespaces = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {namespaces} office:version="1.2">'
        "<office:body><office:spreadsheet>"
        f"<table:table table:name={quoteattr(title)}>"
        f'<table:table-column table:number-columns-repeated="{max(map(len, rows))}"/>'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
    return path


def _as_stored(value: Any) -> Any:
    """A cell of ``FUNDS_ROWS`` as a spreadsheet file gives it back."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    return value


def test_the_ods_written_here_is_a_valid_spreadsheet(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "资金台账.ods", FUNDS_TITLE, FUNDS_ROWS, FUNDS_MERGES)
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        assert book.sheet_names == [FUNDS_TITLE]
        rows = book.get_sheet_by_name(FUNDS_TITLE).to_python(skip_empty_area=False)
    finally:
        book.close()
    assert len(rows) == len(FUNDS_ROWS)
    for stored, typed in zip(rows, FUNDS_ROWS, strict=True):
        for got, want in zip(stored, typed, strict=False):
            if isinstance(want, str) and want.startswith("="):
                assert got == 9298.75  # 9178 + 120.75: the text amounts are not numbers
            else:
                assert got == _as_stored(want)
    assert kind_of(path) == "ods"


def test_the_committed_xls_holds_the_funds_ledger() -> None:
    """``tools/make_xls_fixture.py`` wrote it from ``FUNDS_ROWS``; if they drift apart, run
    the script again."""
    assert kind_of(XLS) == "xls"
    [sheet] = read_book(XLS)
    assert sheet.name == FUNDS_TITLE
    assert len(sheet.rows) == len(FUNDS_ROWS)
    for stored, typed in zip(sheet.rows, FUNDS_ROWS, strict=True):
        for got, want in zip(stored, typed, strict=False):
            if not (isinstance(want, str) and want.startswith("=")):
                assert got == _as_stored(want)
    assert sorted(sheet.merged) == [((0, 0), (0, 6)), ((1, 0), (1, 4)), ((3, 0), (3, 6)),
                                    ((7, 0), (7, 6))]  # fmt: skip


def _funds_file(kind: str, folder: Path) -> Path:
    if kind == "xlsx":
        funds_ledger(folder / "资金台账.xlsx")
        return folder / "资金台账.xlsx"
    if kind == "xls":
        return Path(shutil.copy(XLS, folder / "资金台账.xls"))
    return write_ods(folder / "资金台账.ods", FUNDS_TITLE, FUNDS_ROWS, FUNDS_MERGES)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_the_funds_ledger_in_each_format_imports_the_same(
    demo: Ledger, tmp_path: Path, kind: str
) -> None:
    path = _funds_file(kind, tmp_path)
    added = Added(demo)
    report = import_ledger(demo, path, pairing=PAIRING)

    assert report.committed and not report.problems
    rows = added.rows("fund_transfer")
    assert len(rows) == FUNDS_EXPECTED.records
    assert fen_by(rows, "kind") == {
        "fiscal": fen(FUNDS_EXPECTED.totals["fiscal"]),
        "social": fen(FUNDS_EXPECTED.totals["social"]),
    }
    assert sorted((r["allocated_on"], r["arrived_on"], r["amount_fen"]) for r in rows) == [
        (date(2017, 7, 1), date(2017, 8, 15), fen(300)),
        (date(2017, 9, 5), None, fen("120.75")),  # a date cell, in each format
        (date(2017, 10, 1), date(2017, 11, 1), fen(9178)),
        (date(2017, 12, 1), date(2017, 12, 1), fen("50.5")),
        (date(2017, 12, 20), None, 8000_00),
    ]
    assert_skipped(
        report, FUNDS_TITLE, {4: "分组行", 8: "分组行", 11: "合计行", 12: "空行", 13: "表尾"}
    )
    assert month_only_count(report, FUNDS_TITLE) == FUNDS_EXPECTED.totals["month_only"]


@pytest.mark.parametrize(
    ("kind", "named"), [("xlsx", "台账.xls"), ("ods", "台账.xlsx"), ("xls", "台账.ods")]
)
def test_a_renamed_file_is_read_by_what_it_holds(
    demo: Ledger, tmp_path: Path, kind: str, named: str
) -> None:
    path = _funds_file(kind, tmp_path).rename(tmp_path / named)
    assert kind_of(path) == kind
    report = import_ledger(demo, path, pairing=PAIRING, dry_run=True)
    assert not report.problems
    assert report.counts("fund_transfer").inserted == FUNDS_EXPECTED.records


def test_a_file_that_is_no_spreadsheet_is_refused_by_name(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "台账.xls"
    path.write_text("序号,项目名称,金额\n1,冷链物流,100\n", encoding="utf-8")
    with pytest.raises(LedgerRefused, match=r"「台账\.xls」不是 Excel 或 WPS 表格文件"):
        import_ledger(demo, path, pairing=PAIRING)


def test_a_sheet_whose_compressed_data_is_damaged_is_refused_naming_the_file(
    tmp_path: Path,
) -> None:
    """Found by the fuzz test (tests/exchange/test_bounded_reader.py): one flipped bit in a
    sheet's deflate stream ended the import with ``zlib.error``, in English."""
    from openpyxl import Workbook

    book = Workbook()
    for row in range(200):
        book.active.append([f"康保县项目{row}", row * 10, "2017-04-17"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    data = good.read_bytes()
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    bad = tmp_path / "台账.xlsx"
    for offset in range(start, start + info.compress_size):  # the first byte that breaks it
        damaged = bytearray(data)
        damaged[offset] ^= 0xFF
        bad.write_bytes(bytes(damaged))
        try:
            with zipfile.ZipFile(bad) as archive:
                archive.read("xl/worksheets/sheet1.xml")
        except zlib.error:
            break
        except zipfile.BadZipFile:
            continue
    else:
        pytest.fail("no byte of the sheet's data makes zlib refuse it")
    with pytest.raises(WorkbookRefused, match=re.escape("「台账.xlsx」已损坏")):
        read_book(bad)
