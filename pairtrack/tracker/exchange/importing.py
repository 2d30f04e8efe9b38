"""Importing a file, whichever kind it is: a consolidation package (``merge``) or a ledger
workbook (``ledger_import``). The command line and the window both call ``import_file``.

A file imported before (same sha256, that import not undone) is refused unless ``again``: a
second import of the same workbook would enter every row twice. A dry run reports it
instead of failing, so the preview can say so.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.imports import already_imported, file_sha256, previous_import
from pairtrack.tracker.jobs import Cancelled, Progress, never, no_progress

if TYPE_CHECKING:
    from pairtrack.tracker.exchange.layout import Mapping
    from pairtrack.tracker.exchange.report import ImportReport
    from pairtrack.tracker.ledger import Ledger

PACKAGE_SUFFIX = ".pairtrack.zip"


def is_package(path: Path) -> bool:
    """A consolidation package has a manifest; anything else zip-shaped is read as xlsx."""
    if path.name.endswith(PACKAGE_SUFFIX):
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return "manifest.json" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def import_file(
    ledger: Ledger,
    path: Path,
    *,
    dry_run: bool,
    valid_only: bool = False,
    again: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
    pairing: str | None = None,
    mappings: dict[str, Mapping] | None = None,
) -> ImportReport:
    """The package or ledger import, whichever the file is (the window calls this too).
    ``pairing`` and ``mappings`` are for a ledger workbook (``ledger_import``)."""
    if not path.is_file():
        raise PairTrackError(f"找不到文件「{path}」。")
    sha256 = file_sha256(path)
    with ledger.read() as session:
        earlier = previous_import(session, sha256)
        seen = "" if earlier is None or again else already_imported(earlier)
    if seen and not dry_run:
        raise PairTrackError(
            f"{seen}，再次导入会使记录重复，因此未导入任何内容。"
            "如确需再次导入，请加 --again（或先用 pairtrack imports --undo 撤销上次导入）。"
        )
    report: ImportReport
    if is_package(path):
        from pairtrack.tracker.exchange.merge import import_package

        if pairing:
            raise PairTrackError("--pairing 只用于台账工作簿，汇总包中的记录已有各自的结对关系。")
        report = import_package(
            ledger,
            path,
            dry_run=dry_run,
            valid_only=valid_only,
            sha256=sha256,
            progress=progress,
            cancelled=cancelled,
        )
    else:
        from pairtrack.tracker.exchange.ledger_import import import_ledger

        report = import_ledger(
            ledger,
            path,
            dry_run=dry_run,
            valid_only=valid_only,
            sha256=sha256,
            progress=progress,
            cancelled=cancelled,
            mappings=mappings,
            pairing=pairing,
        )
    report.already_imported = seen
    return report
