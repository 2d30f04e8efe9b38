"""Importing a file, whichever kind it is: a consolidation package (``merge``) or a ledger
workbook (``ledger_import``). The command line and the window both call ``import_file``."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import PairTrackError
from tracker.jobs import Cancelled, Progress, never, no_progress

if TYPE_CHECKING:
    from tracker.exchange.report import ImportReport
    from tracker.ledger import Ledger

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
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> ImportReport:
    """The package or ledger import, whichever the file is (the window calls this too)."""
    if not path.is_file():
        raise PairTrackError(f"找不到文件「{path}」。")
    if is_package(path):
        from tracker.exchange.merge import import_package

        return import_package(ledger, path, dry_run=dry_run, progress=progress, cancelled=cancelled)
    from tracker.exchange.ledger_import import import_ledger

    return import_ledger(
        ledger,
        path,
        dry_run=dry_run,
        valid_only=valid_only,
        progress=progress,
        cancelled=cancelled,
    )
