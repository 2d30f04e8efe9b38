"""The 总览's last figures for each database and period, kept to be drawn at once next start.

Opening a ledger at start-up first imports SQLAlchemy, the models and the services (a quarter
of a second) before its first read can run; the figures the window showed last for the same
database and period are drawn in the meantime, marked as being checked, and the real read
replaces them (``ui.pages.dashboard``).

They are used only when the key matches: this program's version, the database file's identity
(its resolved path, device and inode: a restored or replaced file is another file) and the
head of its audit chain (the last event's number and hash), read with plain ``sqlite3`` in
well under a millisecond. Every write PairTrack makes, ``meta`` included, appends an audit
event (``tracker.audit``), so a database written since the figures were read — by this window,
another one or the command line — never shows them. The figures are plain numbers (indicator
key, target, actual); the 序时进度 is worked out again for the day they are shown.

The file is ``last_figures.json`` in the user's data folder, a few kilobytes; a missing,
unreadable or foreign file is as if nothing were kept.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairtrack.tracker import __version__

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.progress import IndicatorProgress

log = logging.getLogger(__name__)

FILE_NAME = "last_figures.json"
KEEP = 24  # entries (database × period) kept, newest first
Head = tuple[int, str]  # the last audit event's seq and hash; (0, "") with none yet
Row = tuple[str, int | None, int]  # indicator key, target (None: none set), actual


@dataclass(frozen=True)
class Figures:
    """The figures shown for one period and scope: what the period picker said (``state``),
    the scope's label as the title showed it, and one row per indicator. ``opening``: read
    when no period was remembered (the month where the data is, found by that read)."""

    state: dict[str, Any]
    scope_label: str
    rows: tuple[Row, ...]
    opening: bool = False

    @classmethod
    def of(
        cls,
        state: dict[str, Any],
        scope_label: str,
        rows: Sequence[IndicatorProgress],
        opening: bool = False,
    ) -> Figures:
        values = tuple((r.indicator.key, r.target, r.actual) for r in rows)
        return cls(dict(state), scope_label, values, opening)


@dataclass(frozen=True)
class Key:
    path: str
    device: int
    inode: int
    head: Head
    version: str


def database_file(target: str | Path) -> Path | None:
    """The file a ``--db`` path names, resolved as the engine resolves it (``db.engine``); a
    URL (``sqlite://…``) is left alone: its figures are not kept."""
    text = str(target)
    if "://" in text:
        return None
    return Path(text).expanduser().resolve()


def stored_head(file: Path) -> Head | None:
    """The audit chain's head as committed in ``file``, read-only with plain sqlite3; None
    when the file cannot be read so (missing, not a ledger, a folder that keeps no -shm)."""
    uri = file.as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=0.2)) as connection:
            row = connection.execute(_HEAD_SQL).fetchone()
    except sqlite3.Error:
        return None
    return (0, "") if row is None else (int(row[0]), str(row[1]))


_HEAD_SQL = "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"


def head_in(session: Session) -> Head:
    """The head as the caller's read sees it: taken in the same snapshot as the figures."""
    from sqlalchemy import text

    row = session.execute(text(_HEAD_SQL)).first()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def key_of(file: Path, head: Head) -> Key | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return Key(str(file), status.st_dev, status.st_ino, head, __version__)


def current_key(target: str | Path) -> Key | None:
    """The key of the database ``target`` as it is on disk now."""
    file = database_file(target)
    if file is None:
        return None
    head = stored_head(file)
    return None if head is None else key_of(file, head)


def lookup(target: str | Path, folder: Path | None = None) -> list[Figures]:
    """Every period's figures kept for ``target`` as it is now; none when it changed since."""
    key = current_key(target)
    if key is None:
        return []
    return [figures for entry_key, figures in _entries(folder) if entry_key == key]


def remember(file: Path | None, head: Head, figures: Figures, folder: Path | None = None) -> None:
    """Keep ``figures`` (read at ``head``) for ``file``; the entries of the same file kept at
    another head or version are dropped. A folder we cannot write to keeps nothing."""
    if file is None:
        return
    key = key_of(file, head)
    if key is None:
        return
    kept = [(key, figures)]
    for entry_key, entry in _entries(folder):
        same_file = (entry_key.path, entry_key.device, entry_key.inode) == (
            key.path,
            key.device,
            key.inode,
        )
        if same_file and (
            entry_key != key or entry.state == figures.state or (entry.opening and figures.opening)
        ):
            continue
        kept.append((entry_key, entry))
    try:
        _write(_file(folder), [_encode(k, f) for k, f in kept[:KEEP]])
    except OSError as exc:  # figures kept are a convenience: the window works without them
        log.info("未能保存总览数字：%s", exc)  # i18n: not shown (the log)


def _file(folder: Path | None) -> Path:
    if folder is None:
        from pairtrack.tracker.paths import data_folder

        folder = data_folder()
    return folder / FILE_NAME


def _entries(folder: Path | None) -> list[tuple[Key, Figures]]:
    try:
        data = json.loads(_file(folder).read_text(encoding="utf-8"))
        return [_decode(item) for item in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return []  # none yet, or written by hand or by another version


def _encode(key: Key, figures: Figures) -> dict[str, Any]:
    return {
        "version": key.version,
        "path": key.path,
        "device": key.device,
        "inode": key.inode,
        "head": list(key.head),
        "state": figures.state,
        "scope_label": figures.scope_label,
        "rows": [list(row) for row in figures.rows],
        "opening": figures.opening,
    }


def _decode(item: dict[str, Any]) -> tuple[Key, Figures]:
    seq, digest = item["head"]
    key = Key(str(item["path"]), int(item["device"]), int(item["inode"]), (int(seq), str(digest)),
              str(item["version"]))  # fmt: skip
    rows = tuple((str(k), None if t is None else int(t), int(a)) for k, t, a in item["rows"])
    if not isinstance(item["state"], dict):
        raise TypeError("state")
    return key, Figures(item["state"], str(item["scope_label"]), rows, bool(item["opening"]))


def _write(path: Path, entries: list[dict[str, Any]]) -> None:
    """Written whole and then moved into place: two windows saving at once leave one
    complete file, never a mixture."""
    import tempfile

    text = json.dumps({"entries": entries}, ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(prefix=".last_figures-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
