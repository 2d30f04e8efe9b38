"""``export --format csv``: one UTF-8-with-BOM file per record type, in a folder or a .zip.

The BOM is what makes Excel on Chinese Windows read the file as UTF-8. Columns and values
are those of the xlsx sheets; money is written as plain 万元 numbers, dates as 2017-11-30.
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

from tracker.exchange.columns import Names, Selection, converters, export_columns
from tracker.exchange.rows import live_rows, total_live
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress

if TYPE_CHECKING:
    from tracker.ledger import Ledger

REPORT_EVERY = 1000


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
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> dict[str, int]:
    """Into ``path`` as a folder, or as a zip when it ends in .zip; returns rows per table.
    ``scope``: all, own (rows this office created) or reference (see ``Selection``)."""
    selection = Selection.of(ledger, scope)
    names = Names(ledger)
    tables = [table for table, _title, _attr in selection.sheets]
    total, done = total_live(ledger, tables, origin=selection.origin), 0
    counts: dict[str, int] = {}
    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) if path.suffix == ".zip" else None
    if archive is None:
        path.mkdir(parents=True, exist_ok=True)
    try:
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
                        [
                            "" if c is None else c.isoformat() if type(c) is date else c
                            for c in cells
                        ]
                    )
                    count += 1
                    done += 1
                    if done % REPORT_EVERY == 0:
                        check_cancelled(cancelled)
                        progress(done, total)
            counts[table] = count
    except BaseException:
        if archive is not None:
            archive.close()
            path.unlink(missing_ok=True)
        raise
    if archive is not None:
        archive.close()
    progress(total, total)
    return counts
