"""What the ledger-reader tests share: the default pairing, the records an import added (the
demo database holds records of its own), and checks on what the report says it skipped."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from pairtrack.tracker.exchange.report import ImportReport
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger

PAIRING = "廊坊开发区→康保县"
WAN = 10**6  # fen in one 万元


def fen(wan: Decimal | str | int) -> int:
    """万元 → fen, exactly."""
    value = Decimal(wan) * WAN
    assert value == value.to_integral_value()
    return int(value)


def pairing_id(ledger: Ledger, label: str = PAIRING) -> str:
    found = [i for i, text in ledger.pairings.labels().items() if text == label]
    assert len(found) == 1, label
    return found[0]


class Added:
    """The records written after it was made: ``Added(ledger)`` before the import, then
    ``added.rows("fund_transfer")`` — each record as a dict of its columns."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.before = self._ids()

    def _ids(self) -> dict[str, set[str]]:
        with self.ledger.read() as session:
            return {k.table: set(session.scalars(select(k.model.id))) for k in KINDS}

    def rows(self, table: str) -> list[dict[str, Any]]:
        model = next(k.model for k in KINDS if k.table == table)
        columns = [c.name for c in model.__table__.columns]
        with self.ledger.read() as session:
            found = session.scalars(
                select(model).where(model.id.not_in(self.before[table]), model.deleted_at.is_(None))
            ).all()
            return [{c: getattr(o, c) for c in columns} for o in found]

    def count(self) -> dict[str, int]:
        """New live records per table (tables with none left out)."""
        out = {k.table: len(self.rows(k.table)) for k in KINDS}
        return {t: n for t, n in out.items() if n}


def fen_by(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        out[row[key]] = out.get(row[key], 0) + row["amount_fen"]
    return out


def skipped_rows(report: ImportReport, sheet: str) -> dict[int, str]:
    """Row number → why the report says that row of ``sheet`` is not a record."""
    out: dict[int, str] = {}
    for item in report.skipped:
        if item.sheet == sheet:
            assert item.row not in out, f"row {item.row} skipped twice"
            out[item.row] = item.reason
    return out


def assert_skipped(report: ImportReport, sheet: str, expected: dict[int, str]) -> None:
    """Exactly these rows were skipped, each for the reason that starts as given (空行, 合计行,
    分组行, 表尾, 重复的表头)."""
    said = skipped_rows(report, sheet)
    assert sorted(said) == sorted(expected), said
    for row, start in expected.items():
        assert said[row].startswith(start), (row, said[row])


def month_only_count(report: ImportReport, sheet: str) -> int:
    """How many dates of ``sheet`` the notes say were written only to the month."""
    total = 0
    for note in report.notes:
        found = re.match(r"(\d+) 个日期只写到月份", note.reason)
        if note.sheet == sheet and found:
            total += int(found[1])
    return total
