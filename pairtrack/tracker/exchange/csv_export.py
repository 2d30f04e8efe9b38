"""``export --format csv``: one UTF-8-with-BOM file per record type, in a folder or a .zip.

The BOM is what makes Excel on Chinese Windows read the file as UTF-8. Columns and values
are those of the xlsx sheets; money is written as plain 万元 numbers, dates as 2017-11-30.
The 数据校验码 at export is in ``数据校验码.txt`` beside them (a comment line in a csv file
would be read as a record by Excel and by other programs).

The files are written in a temporary folder (or zip) beside the target and moved into place
once all are complete (``tracker.outputs``): a full disk leaves no truncated csv and no
damaged zip, and what was there before stays as it was.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pairtrack.tracker.audit import head as audit_head
from pairtrack.tracker.exchange.columns import Names, Selection, converters, export_columns
from pairtrack.tracker.exchange.rows import live_rows, total_live
from pairtrack.tracker.exchange.xlsx_export import CODE_HINT
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.outputs import replacing, replacing_folder

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

REPORT_EVERY = 1000
CODE_FILE = "数据校验码.txt"


@contextmanager
def _member(target: Path, archive: zipfile.ZipFile | None, name: str) -> Iterator[IO[str]]:
    if archive is None:
        with open(target / name, "w", encoding="utf-8-sig", newline="") as handle:
            yield handle
    else:
        with (
            archive.open(name, "w", force_zip64=True) as raw,
            io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle,
        ):
            yield handle


def export_csv(
    ledger: Ledger,
    path: Path,
    *,
    scope: str = "all",
    force: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> dict[str, int]:
    """Into ``path`` as a folder, or as a zip when it ends in .zip; returns rows per table.
    ``scope``: all, own (rows this office created) or reference (see ``Selection``).
    ``force``: replace an existing zip, or same-named files in a folder that is not empty."""
    selection = Selection.of(ledger, scope)
    tables = [table for table, _title, _attr in selection.sheets]
    total = total_live(ledger, tables, origin=selection.origin)
    counts: dict[str, int] = {}
    with ledger.read() as session:
        code = audit_head(session).code
    if path.suffix.lower() == ".zip":
        with (
            replacing(path, database=ledger.path, force=force) as temporary,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            _write(ledger, temporary, archive, selection, code, counts, total, progress, cancelled)
    else:
        with replacing_folder(path, database=ledger.path, force=force) as temporary:
            _write(ledger, temporary, None, selection, code, counts, total, progress, cancelled)
    progress(total, total)
    return counts


def _write(
    ledger: Ledger,
    path: Path,
    archive: zipfile.ZipFile | None,
    selection: Selection,
    code: str,
    counts: dict[str, int],
    total: int,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    names = Names(ledger)
    done = 0
    for table, title, attr in selection.sheets:
        service = getattr(ledger, attr)
        columns = export_columns(service)
        with _member(path, archive, f"{title}.csv") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in columns])
            count = 0
            convert = converters(columns, names)
            wanted = [c.name for c in columns]
            for row in live_rows(ledger, service, wanted, origin=selection.origin):
                cells = [f(v, row) for f, v in zip(convert, row, strict=True)]
                # inline rather than a call per cell: this loop is the whole export
                writer.writerow(
                    ["" if c is None else c.isoformat() if type(c) is date else c for c in cells]
                )
                count += 1
                done += 1
                if done % REPORT_EVERY == 0:
                    check_cancelled(cancelled)
                    progress(done, total)
        counts[table] = count
    with _member(path, archive, CODE_FILE) as handle:
        handle.write(f"数据校验码：{code}\r\n{CODE_HINT}\r\n")
