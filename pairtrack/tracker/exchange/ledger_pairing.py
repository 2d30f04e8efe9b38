"""The default pairing of a ledger's rows: a sheet without a 结对关系 column (an office keeps one
ledger per pairing) takes the pairing given (``--pairing``, or chosen in the window), else one a
remembered mapping holds, else the database's only one; with several and none given, its rows
are refused with the way out. The pairing is written into each row as people write it
(帮扶方→受援方), so a rejected-rows workbook reads back alone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pairtrack.db.models import Pairing
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange import cells
from pairtrack.tracker.exchange.columns import columns_of
from pairtrack.tracker.exchange.ledger_rows import LedgerSheet
from pairtrack.tracker.exchange.report import ImportReport, RowProblem
from pairtrack.tracker.services.targets import pairing_label


def default_pairing(
    session: Session, sheet: LedgerSheet, pairing: str | None, report: ImportReport
) -> str:
    """Give a sheet without a 结对关系 column its default pairing: ``pairing`` (--pairing, or
    chosen in the window), else the database's only one. Returns why its rows cannot be
    imported when there is none to give ("" when there is). A pairing given now wins over
    the one a remembered mapping holds (the person said which pairing this workbook is for)."""
    fields = {f.name for f in sheet.service.fields}
    remembered_pairing = sheet.mapping.defaults.get("pairing_id")
    if pairing and remembered_pairing and remembered_pairing != pairing:
        sheet.mapping = replace(
            sheet.mapping, defaults={**sheet.mapping.defaults, "pairing_id": pairing}
        )
        for record in sheet.records:
            if record.implied.get("pairing_id") == remembered_pairing:
                record.implied["pairing_id"] = pairing
    if "pairing_id" not in fields or "pairing_id" in sheet.mapping.fields():
        if pairing and "pairing_id" in fields:
            sheet.mapping = replace(
                sheet.mapping, defaults={"pairing_id": pairing, **sheet.mapping.defaults}
            )
            _imply(sheet, "pairing_id", sheet.mapping.defaults["pairing_id"])
        return ""
    chosen = sheet.mapping.defaults.get("pairing_id") or pairing
    if chosen and not pairing:
        said = pairing_label(session, chosen)
        report.notes.append(
            RowProblem(
                sheet.title, 0, "", f"表中没有结对关系列，各行记为上次确认的结对关系「{said}」"
            )
        )
    if not chosen:
        live = session.scalars(select(Pairing.id).where(Pairing.deleted_at.is_(None))).all()
        if len(live) == 1:
            chosen = live[0]
            said = pairing_label(session, chosen)
            report.notes.append(
                RowProblem(
                    sheet.title, 0, "", f"表中没有结对关系列，各行记为唯一的结对关系「{said}」"
                )
            )
        else:
            why = (
                f"表中没有「结对关系」列，而本库有 {len(live)} 个结对关系：请指定默认结对关系"
                "（命令行加 --pairing 帮扶方→受援方；窗口中在导入时选择）"
            )
            report.problems.append(
                RowProblem(sheet.title, sheet.mapping.header_row + 1, "结对关系", why)
            )
            return why
    _imply(sheet, "pairing_id", _pairing_label(session, sheet, chosen))
    return ""


def _pairing_label(session: Session, sheet: LedgerSheet, pairing_id: str) -> str:
    """「帮扶方→受援方」 for the pairing, as people write it (in a rejected-rows workbook), when
    that names it alone; else its id."""
    label = pairing_label(session, pairing_id)
    if label == pairing_id:
        return pairing_id
    column = next(c for c in columns_of(sheet.service) if c.name == "pairing_id")
    try:
        return label if cells.Resolver(session).pairing(label, column) == pairing_id else pairing_id
    except ValidationError:  # two pairings of different programmes share the label
        return pairing_id


def _imply(sheet: LedgerSheet, name: str, value: Any) -> None:
    for record in sheet.records:
        record.implied.setdefault(name, value)
