"""Write ``tests/exchange/data/funds_ledger.xls``: the funds ledger of
``tests/exchange/ledger_shapes.py`` (``FUNDS_ROWS``) as an Excel 97–2003 workbook, the format
many offices' older ledgers are still kept in.

openpyxl cannot write ``.xls``; xlwt can. xlwt is used by this script only — it is not a
dependency of the program or of the tests, which read the committed file. Run it again only
when ``FUNDS_ROWS`` changes (``tests/exchange/test_ledger_formats.py`` checks that the file
still holds those rows)::

    pip install --target /tmp/xlwt xlwt
    PYTHONPATH=/tmp/xlwt .venv/bin/python tools/make_xls_fixture.py

Cells are written as staff type them: text as text, numbers as numbers, dates as dates with a
date format, the 合计 as a =SUM() formula (Excel stores a formula's result in an .xls; xlwt
stores none and leaves the sum to Excel, so the cell reads as empty — the reader skips 合计
rows by their words, not by their value), and the merged title and section rows merged.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import xlwt  # type: ignore[import-not-found]  # build-time only, see above

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.exchange.ledger_shapes import FUNDS_MERGES, FUNDS_ROWS, FUNDS_TITLE  # noqa: E402

TARGET = ROOT / "tests" / "exchange" / "data" / "funds_ledger.xls"


def _cell_range(text: str) -> tuple[int, int, int, int]:
    """``A1:G1`` → (first row, last row, first column, last column), 0-based."""
    start, end = text.split(":")

    def point(ref: str) -> tuple[int, int]:
        letters = "".join(c for c in ref if c.isalpha())
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - ord("A") + 1
        return int(ref[len(letters) :]) - 1, column - 1

    (r0, c0), (r1, c1) = point(start), point(end)
    return r0, r1, c0, c1


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(FUNDS_TITLE)
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    merged = {_cell_range(m)[:3:2]: _cell_range(m) for m in FUNDS_MERGES}
    for r, row in enumerate(FUNDS_ROWS):
        for c, value in enumerate(row):
            if (r, c) in merged:
                r0, r1, c0, c1 = merged[(r, c)]
                sheet.write_merge(r0, r1, c0, c1, value)
            elif any(m[0] <= r <= m[1] and m[2] <= c <= m[3] for m in merged.values()):
                continue  # covered by a merged cell
            elif value is None:
                continue
            elif isinstance(value, date):
                sheet.write(r, c, value, dated)
            elif isinstance(value, str) and value.startswith("="):
                sheet.write(r, c, xlwt.Formula(value[1:]))
            else:
                sheet.write(r, c, value)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(TARGET))
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
