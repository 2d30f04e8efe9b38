"""The audit trail: every write appends an event whose hash chains to the previous one.

A row's canonical JSON is recorded in the event that last wrote it (bulk writes record a
short hash per row), so ``tracker.check`` can tell when a row or an event was edited behind
the program's back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pairtrack.db.base import format_timestamp, utc_now
from pairtrack.db.dialects import is_sqlite
from pairtrack.db.models import AuditEvent
from pairtrack.tracker.changes import ChangeLog
from pairtrack.tracker.errors import PairTrackError

GENESIS = "0" * 64
ROW_HASH_LENGTH = 16


_PLAIN = (str, int, type(None))
# One encoder, made once: bulk writes and imports hash every row they write.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_IN_ORDER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical(columns: Iterable[str], values: Mapping[str, Any]) -> str:
    """The row as compact, key-sorted JSON; identical for an ORM object and a raw SQL row."""
    data = {}
    get = values.get
    for name in _sorted(tuple(columns)):
        value = get(name)
        data[name] = value if type(value) in _PLAIN else _plain(value)
    # keys already in sorted order: the same text as sort_keys=True, without sorting per row
    return _IN_ORDER.encode(data)


@lru_cache(maxsize=256)
def _sorted(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(columns))


def row_hash(canonical_json: str) -> str:
    return hashlib.sha256(canonical_json.encode()).hexdigest()[:ROW_HASH_LENGTH]


def event_hash(
    prev_hash: str,
    at: str,
    operator: str,
    action: str,
    table_name: str,
    row_id: str | None,
    before: str | None,
    after: str | None,
) -> str:
    parts = (prev_hash, at, operator, action, table_name, row_id or "", before or "", after or "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    return last or GENESIS


@dataclass(frozen=True)
class Entry:
    """One event to append: what was done to which row, its canonical JSON before and after."""

    operator: str
    action: str
    table_name: str
    row_id: str | None
    before: str | None
    after: str | None


def append_event(
    session: Session,
    *,
    operator: str,
    action: str,
    table_name: str,
    row_id: str | None,
    before: str | None,
    after: str | None,
) -> None:
    """Append one event in the caller's transaction."""
    append_events(session, [Entry(operator, action, table_name, row_id, before, after)])


def append_events(session: Session, entries: Sequence[Entry]) -> None:
    """Append ``entries`` in order, each chained to the one before, in the caller's
    transaction: the chain's head is read once and the events written in one statement, so
    deleting 2,000 rows is not 2,000 round trips of read-head, insert, flush.

    The write transaction holds the writers' lock (BEGIN IMMEDIATE on SQLite, the advisory
    lock on PostgreSQL: pairtrack/db/engine.py), so reading the last hash here cannot race
    another writer.
    """
    if not entries:
        return
    session.flush()
    # What the transaction touched, for the window's change notifications (tracker.changes).
    changes = session.info.setdefault("changes", ChangeLog())
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    prev, seq = (GENESIS, 0) if last is None else (last.hash, last.seq)
    numbered = not is_sqlite(session)  # numbered as SQLite numbers them: no gaps (db.dialects)
    rows = []
    for e in entries:
        changes.add(e.table_name, e.row_id)
        at = format_timestamp(utc_now())
        digest = event_hash(prev, at, e.operator, e.action, e.table_name, e.row_id, e.before,
                            e.after)  # fmt: skip
        row = {**vars(e), "at": at, "prev_hash": prev, "hash": digest}  # Entry names columns
        seq += 1
        if numbered:
            row["seq"] = seq
        rows.append(row)
        prev = digest
    session.execute(insert(AuditEvent), rows)


def bulk_after(row_hashes: Mapping[str, str]) -> str:
    """The ``after`` text of a bulk event: a short hash of every row it wrote."""
    return json.dumps({"rows": dict(row_hashes)}, separators=(",", ":"))


# --- the chain's head as a short code (数据校验码) ----------------------------------------
# "1234-ABCD-EFGH": the number of events, then the first 8 base32 characters (40 bits) of the
# last event's hash. Printed on briefs, exports and packages; ``check --anchor`` proves the
# history up to it is intact. Base32 has no 0/1/8/9, so a code read back over the phone with
# those digits in the letters is understood as O/I/B.
CODE_LETTERS = 8
_CODE = re.compile(r"(\d{1,12})-([A-Z2-7]{4})-?([A-Z2-7]{4})")
_MISREAD = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Head:
    """The chain's head: how many events, and the last one's hash (GENESIS when none)."""

    count: int
    hash: str

    @property
    def code(self) -> str:
        return check_code(self.count, self.hash)


def head(session: Session) -> Head:
    """The head as the caller's transaction sees it."""
    count = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    return Head(count, _last_hash(session))


def code_letters(digest: str) -> str:
    """The first ``CODE_LETTERS`` base32 characters of a hex hash."""
    return base64.b32encode(bytes.fromhex(digest)).decode()[:CODE_LETTERS]


def check_code(count: int, digest: str) -> str:
    letters = code_letters(digest)
    return f"{count}-{letters[:4]}-{letters[4:]}"


def parse_code(text: str) -> tuple[int, str]:
    """(event count, base32 letters) of a typed code; full-width characters, spaces and
    lower case are accepted. A code that is not one is refused with a Chinese message."""
    plain = unicodedata.normalize("NFKC", text).upper().replace(" ", "").replace("—", "-")
    number, dash, rest = plain.partition("-")
    match = _CODE.fullmatch(number + dash + rest.translate(_MISREAD))
    if match is None:
        raise PairTrackError(
            f"「{text}」不是数据校验码：应形如 1234-ABCD-EFGH（事件数-8 个字母或数字 2–7）。"
        )
    return int(match.group(1)), match.group(2) + match.group(3)
