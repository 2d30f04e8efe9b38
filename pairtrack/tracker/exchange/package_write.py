"""Writing a consolidation package (``.pairtrack.zip``, format in ``package``): the synced rows
of a scope with their history and the audit chain, from one read snapshot, each member hashed
as it streams, the manifest last; written beside the target and moved into place
(``tracker.outputs``).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import text

from pairtrack.db.base import format_timestamp, utc_now
from pairtrack.db.dialects import insertion_order, stored_values
from pairtrack.tracker.audit import head as audit_head  # the one query for the chain's head
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.package import (
    CHAIN,
    CHAIN_DIGITS,
    FORMAT,
    HISTORY,
    MANIFEST,
    REPORT_EVERY,
    SCOPES,
    VERSION,
    member_name,
)
from pairtrack.tracker.exchange.package_rows import HISTORY_KEYS
from pairtrack.tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from pairtrack.tracker.kinds import KINDS, Kind
from pairtrack.tracker.outputs import replacing
from pairtrack.tracker.revisions import stamp

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger


def _scope_clause(kind: Kind, scope: str) -> str | None:
    """The SQL condition on the table's rows a package of ``scope`` carries; None: no rows."""
    if scope == "reference" and not kind.reference:
        return None
    if scope == "own" and not kind.frame:
        return "t.origin = :office"
    return "1 = 1"


def export_package(
    ledger: Ledger,
    path: Path,
    *,
    scope: str = "all",
    force: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never,
) -> dict[str, int]:
    """Write the synced rows of ``scope`` (tombstones too) and their history; returns the
    rows per table.

    ``all``: every row. ``own``: the records this office created (origin = its code), with
    every region and pairing, on which the receiver places them. ``reference``: regions,
    pairings and targets only (``export --reference``).
    """
    if scope not in SCOPES:
        raise PairTrackError(f"未知的导出范围「{scope}」：只能是 {'、'.join(SCOPES)}")
    office = ledger.office_code
    params = {"office": office}
    # (member, [(query, columns, kind of its rows or None for history)])
    plan: list[tuple[str, list[tuple[str, list[str], Kind | None]]]] = []
    history: list[tuple[str, list[str], Kind | None]] = []
    for kind in KINDS:
        columns = [c.name for c in kind.model.__table__.columns]
        where = _scope_clause(kind, scope)
        # Raw SQL gives the stored text of dates and timestamps, byte for byte.
        rows = (
            f"SELECT {', '.join(f't.{c}' for c in columns)} FROM {kind.table} t "
            f"WHERE {where or '1 = 0'} ORDER BY {insertion_order(ledger.engine, 't')}"
        )
        plan.append((member_name(kind.table), [(rows, columns, kind)]))
        if where is not None:
            history.append(
                (
                    f"SELECT {', '.join(f'h.{c}' for c in HISTORY_KEYS)} FROM row_history h "
                    f"JOIN {kind.table} t ON t.id = h.row_id "
                    f"WHERE h.table_name = '{kind.table}' AND {where} "
                    f"ORDER BY {insertion_order(ledger.engine, 'h', history=True)}",
                    list(HISTORY_KEYS),
                    None,
                )
            )
    plan.append((HISTORY, history))
    chain = f"SELECT substr(hash, 1, {CHAIN_DIGITS}) FROM audit_event ORDER BY seq"
    plan.append((CHAIN, [(chain, ["hash"], None)]))
    counts: dict[str, int] = {}
    members: dict[str, dict[str, Any]] = {}
    with (
        replacing(path, database=ledger.path, force=force) as temporary,
        zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
        ledger.read() as session,
    ):
        # One snapshot: the rows, their history and the chain's head agree.
        head = audit_head(session)
        total = sum(
            int(
                session.execute(text(f"SELECT count(*) FROM ({q}) AS counted"), params).scalar()
                or 0
            )
            for _name, queries in plan
            for q, _c, _k in queries
        )
        done = 0
        for name, queries in plan:
            digest, size, count = hashlib.sha256(), 0, 0
            with archive.open(name, "w", force_zip64=True) as member:
                for query, columns, of in queries:
                    for values in session.execute(text(query), params):
                        row = dict(zip(columns, stored_values(values), strict=True))
                        if of is not None and not row["rev"]:
                            # Written by other means: its content revision, made now.
                            stamp(of.table, columns, row, row["parents"])
                        size += _write_line(member, digest, row)
                        count += 1
                        done += 1
                        if done % REPORT_EVERY == 0:
                            check_cancelled(cancelled)
                            progress(done, total)
            counts[name] = count
            members[name] = {"bytes": size, "sha256": digest.hexdigest()}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "origin": {"code": office, "name": ledger.office_name},
            "exported_at": format_timestamp(utc_now()),
            "scope": scope,
            "audit_head": head.hash,
            "audit_count": head.count,
            "counts": counts,
            "members": members,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    progress(total, total)
    return {kind.table: counts[member_name(kind.table)] for kind in KINDS}


def _write_line(member: IO[bytes], digest: Any, row: dict[str, Any]) -> int:
    line = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    member.write(line)
    digest.update(line)
    return len(line)
