"""``pairtrack check``: everything that can be wrong in a database, listed, not fixed.

SQLite's own integrity and foreign-key checks, the audit hash chain, rows changed behind the
program's back (their JSON no longer matches the event that last wrote them), stored rows
that break the domain rules, and the same payment entered by two offices (疑似跨单位重复).

An undone package import takes rows out of the tables and puts others back as they were: its
``undo_import`` event lists both, so neither reads as tampering.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from pairtrack.db.diagnose import describe
from pairtrack.db.dialects import is_sqlite
from pairtrack.db.models import AuditEvent
from pairtrack.tracker.audit import (
    GENESIS,
    canonical,
    code_letters,
    event_hash,
    parse_code,
    row_hash,
)
from pairtrack.tracker.duplicates import cross_office_duplicates
from pairtrack.tracker.errors import ValidationError, is_busy
from pairtrack.tracker.import_undo import undo_events
from pairtrack.tracker.row_events import UNDO_ACTION

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.ledger import Ledger
    from pairtrack.tracker.services.base import EntityService


@dataclass(frozen=True)
class Finding:
    kind: str  # integrity | foreign_key | audit_chain | anchor | tampered | rule | duplicate
    message: str


def run_checks(ledger: Ledger) -> list[Finding]:
    findings: list[Finding] = []
    try:
        with ledger.read() as session:
            findings += _sqlite_checks(session)
            expected, chain = _audit_chain(session)
            findings += chain
            # After a break no row has a trustworthy record to compare with; listing them all
            # would bury the one finding that matters, so row comparison is skipped.
            for service in ledger.services.all():
                findings += _table_checks(session, service, None if chain else expected)
            findings += [Finding("duplicate", str(d)) for d in cross_office_duplicates(session)]
    except DatabaseError as exc:
        # A damaged page stops SQLite reading on: what was found so far, and where it stopped.
        if is_busy(exc):
            raise
        findings.append(Finding("integrity", "检查无法继续：" + describe(exc, ledger.path)))
    return findings


def check_anchor(ledger: Ledger, code: str) -> list[Finding]:
    """Whether the history printed as ``code`` (数据校验码, see ``tracker.audit``) is still
    here: the event with that number has that hash. Together with the chain walk of
    ``run_checks`` (every later event chains to it) this proves the history up to the code
    intact. A malformed code is refused (PairTrackError)."""
    count, letters = parse_code(code)
    with ledger.read() as session:
        total = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        if count > total:
            return [
                Finding(
                    "anchor",
                    f"数据校验码 {code} 表示当时已有 {count} 条审计事件，现在只有 {total} 条："
                    "此后有历史记录被删除或整个数据库被替换过",
                )
            ]
        digest: str | None = GENESIS
        if count:
            digest = session.scalar(
                select(AuditEvent.hash).order_by(AuditEvent.seq).offset(count - 1).limit(1)
            )
    if code_letters(digest or "") != letters:
        return [
            Finding(
                "anchor",
                f"第 {count} 条审计事件与数据校验码 {code} 不符：这条事件或它之前的历史记录"
                "被改写过（校验值被重新计算）",
            )
        ]
    return []


def _sqlite_checks(session: Session) -> list[Finding]:
    """SQLite's own page and foreign-key checks. A PostgreSQL server has nothing to ask here:
    it enforces every foreign key on each write (SQLite only where the connection asked) and
    guards its pages itself, so only the checks below (audit chain, rows, rules) apply."""
    if not is_sqlite(session):
        return []
    out = []
    for (line,) in session.execute(text("PRAGMA integrity_check")):
        if line != "ok":
            out.append(Finding("integrity", f"SQLite 完整性检查：{line}"))
    for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
        out.append(Finding("foreign_key", f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在"))
    return out


def _audit_chain(session: Session) -> tuple[dict[tuple[str, str], str], list[Finding]]:
    """Walk the chain; return what each row should look like, and the first break if any.

    The expected state maps (table, row id) to the full JSON of a single-row event, or to the
    short row hash of a bulk event, whichever wrote the row last.
    """
    expected: dict[tuple[str, str], str] = {}
    prev = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        digest = event_hash(
            prev,
            event.at,
            event.operator,
            event.action,
            event.table_name,
            event.row_id,
            event.before,
            event.after,
        )
        if event.prev_hash != prev or event.hash != digest:
            return expected, [
                Finding(
                    "audit_chain",
                    f"审计记录链在第 {event.seq} 条事件处断开（{event.at}，{event.action} "
                    f"{event.table_name}）：该事件或之前的记录被改动过；此后的记录无法再逐条核对",
                )
            ]
        prev = event.hash
        if event.action == UNDO_ACTION and event.after is not None:
            removed, restored = undo_events(json.loads(event.after))
            for table_name, ids in removed.items():
                for row_id in ids:
                    expected.pop((table_name, row_id), None)
            for table_name, hashes in restored.items():
                for row_id, short in hashes.items():
                    expected[(table_name, row_id)] = short
            continue
        if event.table_name == "meta" or event.after is None:
            continue
        if event.row_id is not None:
            expected[(event.table_name, event.row_id)] = event.after
        else:
            for row_id, short in json.loads(event.after)["rows"].items():
                expected[(event.table_name, row_id)] = short
    return expected, []


def _table_checks(
    session: Session, service: EntityService[Any], expected: dict[tuple[str, str], str] | None
) -> list[Finding]:
    out = []
    seen = set()
    table = service.model.__table__
    for row in session.execute(select(table)).mappings():
        row_id = row["id"]
        seen.add(row_id)
        where = f"{service.noun}（编号 {row_id}）"
        if expected is not None:
            out += _tamper_finding(where, service, row, expected.get((service.table, row_id)))
        if row["deleted_at"] is None:
            out += [
                Finding("rule", f"{where}：{p.message}")
                for p in _broken_rules(session, service, row)
            ]
    for table_name, row_id in expected or ():
        if table_name == service.table and row_id not in seen:
            out.append(
                Finding(
                    "tampered", f"{service.noun}（编号 {row_id}）已从数据库中消失（被直接删除）"
                )
            )
    return out


def _tamper_finding(
    where: str, service: EntityService[Any], row: Any, recorded: str | None
) -> list[Finding]:
    current = canonical(service.content, row)
    if recorded is None:
        return [Finding("tampered", f"{where}没有任何审计记录：它不是经由本程序写入的")]
    if recorded != current and recorded != row_hash(current):
        return [Finding("tampered", f"{where}在最后一次审计记录之后被程序之外的方式改动")]
    return []


def _broken_rules(session: Session, service: EntityService[Any], row: Any) -> list[Any]:
    values = {name: row[name] for name in service.columns}
    problems = []
    for field in service.fields:
        try:
            field.coerce(values.get(field.name))
        except ValidationError as problem:
            problems.append(problem)
    return problems + list(service.rules(session, values, row["id"]))
