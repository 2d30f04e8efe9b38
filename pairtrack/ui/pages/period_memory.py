"""The period and scope 总览 showed for each database, kept between runs (QSettings).

Each ledger keeps its own: an office's 2017 archive opens on 2017, this year's ledger on this
year. With nothing remembered, 总览 opens where the ledger has data (``tracker.data_span``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QSettings

GROUP = "periods"


def _key(database: Path) -> str:
    # a short digest: a path may hold characters QSettings keys do not keep (/, \\, :)
    digest = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"{GROUP}/{digest}"


def remembered(database: Path | None) -> dict[str, object] | None:
    if database is None:
        return None
    text = QSettings().value(_key(database))
    try:
        state = json.loads(text) if isinstance(text, str) else None
    except ValueError:  # written by hand or by another version: as if nothing were kept
        return None
    return state if isinstance(state, dict) else None


def remember(database: Path | None, state: dict[str, object]) -> None:
    if database is not None:
        QSettings().setValue(_key(database), json.dumps(state, ensure_ascii=False))
