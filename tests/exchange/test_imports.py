"""Imports are recorded and undoable; no silent duplicates (DESIGN §7).

The same workbook twice is refused unless ``again``; rows without an id that match a record
on its natural key are 疑似重复 and not created; an import is undone as a whole (refused when
the rows it wrote have changed since, or when other records point at rows it created); the
same payment entered by two offices is a finding of ``check``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from pairtrack.db.base import new_id
from pairtrack.db.models import Conflict, FundTransfer, ImportBatch, RowAlias
from pairtrack.tracker.audit import canonical
from pairtrack.tracker.check import run_checks
from pairtrack.tracker.duplicates import cross_office_duplicates
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.importing import import_file
from pairtrack.tracker.import_undo import undo_import
from pairtrack.tracker.imports import (
    UndoLog,
    begin_import,
    finish_import,
    list_imports,
    previous_import,
)
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.revisions import keep_history, revision_id
from tests.exchange.conftest import snapshot

FUND_HEADERS = ["id", "结对关系", "所属协议", "资金年度", "资金类别", "金额（万元）", "用途/项目",
                "出资单位", "拨付日期", "到位日期", "凭证号", "备注"]  # fmt: skip
PAIRING = "廊坊开发区→康保县"


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with one sheet per entry: its first row holds the headers."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def fund_row(purpose: str, wan: Any, voucher: str = "", day: date = date(2017, 7, 1)) -> list[Any]:
    return [None, PAIRING, None, 2017, "财政援助资金", wan, purpose, None, day, None, voucher]


def two_funds(tmp_path: Path, name: str = "funds.xlsx") -> Path:
    return workbook(tmp_path / name, {"帮扶资金": [
        FUND_HEADERS,
        fund_row("耕地指标款（补录）", 9178, "KB-2017-001"),
        fund_row("捐助图书（补录）", "12.2万", "KB-2017-002"),
    ]})  # fmt: skip


# --- the same file again -------------------------------------------------------------------
def test_same_workbook_twice_is_refused_and_totals_stay(demo: Ledger, tmp_path: Path) -> None:
    path = two_funds(tmp_path)
    before = demo.funds.totals()
    first = import_file(demo, path, dry_run=False)
    assert first.committed and first.import_id is not None
    once = demo.funds.totals()
    assert once["count"] == before["count"] + 2
    snap = snapshot(demo)
    with pytest.raises(PairTrackError) as refused:
        import_file(demo, path, dry_run=False)
    message = str(refused.value)
    assert "funds.xlsx" in message and "测试员" in message and "--again" in message
    assert f"导入编号 {first.import_id}" in message
    assert demo.funds.totals() == once and snapshot(demo) == snap
    # a dry run says so but does not fail, and writes no batch
    dry = import_file(demo, path, dry_run=True)
    assert "已于" in dry.already_imported and not dry.committed and dry.import_id is None
    assert snapshot(demo) == snap and len(list_imports(demo)) == 1


def test_again_imports_it_and_records_a_second_batch(demo: Ledger, tmp_path: Path) -> None:
    path = two_funds(tmp_path)
    first = import_file(demo, path, dry_run=False)
    count = demo.funds.count()
    again = import_file(demo, path, dry_run=False, again=True)
    assert again.committed and again.import_id not in (None, first.import_id)
    assert again.already_imported == ""
    # ... and the rows it holds are still not entered twice: each is 疑似重复
    assert [(d.sheet, d.row) for d in again.duplicates] == [("帮扶资金", 2), ("帮扶资金", 3)]
    assert demo.funds.count() == count
    assert [r.id for r in list_imports(demo)] == [again.import_id, first.import_id]


def test_a_failed_or_dry_import_leaves_no_batch(demo: Ledger, tmp_path: Path) -> None:
    path = workbook(tmp_path / "bad.xlsx", {"帮扶资金": [
        FUND_HEADERS, fund_row("好的一行", 1), fund_row("坏金额", "十二万"),
    ]})  # fmt: skip
    assert not import_file(demo, path, dry_run=False).committed
    assert not import_file(demo, two_funds(tmp_path), dry_run=True).committed
    assert list_imports(demo) == []


# --- 疑似重复 ------------------------------------------------------------------------------
def test_rows_matching_a_record_are_duplicates_and_not_created(
    demo: Ledger, tmp_path: Path
) -> None:
    labels = demo.pairings.labels()
    cadre = demo.cadres.list(limit=1)[0]
    training = demo.trainings.list(limit=1)[0]
    agreement = demo.agreements.list(limit=1)[0]
    demo.agreements.update(agreement.id, doc_number="冀人社协〔2017〕1号")
    fund = demo.funds.create(pairing_id=cadre.pairing_id, budget_year=2017, kind="fiscal",
                             amount_fen=9178_0000_00, purpose="耕地指标款",
                             allocated_on=date(2017, 7, 1), voucher="KB-1")  # fmt: skip
    direction = demo.cadres.field("direction").choices
    category = demo.cadres.field("category").choices
    assert direction is not None and category is not None
    path = workbook(tmp_path / "dup.xlsx", {
        "合作协议": [
            ["结对关系", "协议名称", "文号", "类别", "状态"],
            [labels[agreement.pairing_id], agreement.title, "", "其他", "意向"],  # same title
            [labels[agreement.pairing_id], "另一个名字", "冀人社协〔2017〕1号", "其他", "意向"],
            [labels[agreement.pairing_id], "新协议甲", "", "其他", "意向"],
            [labels[agreement.pairing_id], "新协议乙", "", "其他", "意向"],  # no 文号: not alike
        ],
        "干部交流": [
            ["结对关系", "姓名", "交流方向", "人员类别", "开始日期"],
            [labels[cadre.pairing_id], cadre.person_name, direction[cadre.direction],
             category[cadre.category], cadre.start_on],
        ],
        "培训": [
            ["结对关系", "培训名称", "培训类别", "开班日期"],
            [labels[training.pairing_id], training.title, "职业技能培训", training.start_on],
        ],
        "帮扶资金": [
            FUND_HEADERS,
            [None, labels[fund.pairing_id], None, 2017, "财政援助资金", 9178, "另写的用途", None,
             date(2017, 7, 1), None, "KB-1"],
            fund_row("新的一笔", 5, "KB-9"),
            fund_row("新的一笔（又录一次）", 5, "KB-9"),
            fund_row("同日同额但凭证号不同", 5, "KB-10"),
        ],
    })  # fmt: skip
    counts = {s.table: s.count() for s in demo.services.all()}
    report = import_file(demo, path, dry_run=False)
    assert report.committed and report.problems == []
    found = {(d.sheet, d.row): d for d in report.duplicates}
    assert set(found) == {("合作协议", 2), ("合作协议", 3), ("干部交流", 2), ("培训", 2),
                          ("帮扶资金", 2), ("帮扶资金", 4)}  # fmt: skip
    assert found[("合作协议", 2)].match_id == agreement.id
    assert "协议名称" in found[("合作协议", 2)].match
    assert (
        found[("合作协议", 3)].match_id == agreement.id and "文号" in found[("合作协议", 3)].match
    )
    assert found[("干部交流", 2)].match_id == cadre.id
    assert found[("培训", 2)].match_id == training.id
    assert found[("帮扶资金", 2)].match_id == fund.id
    assert "本文件「帮扶资金」第 3 行" in found[("帮扶资金", 4)].match
    assert "疑似重复" in str(found[("帮扶资金", 4)])
    after = {s.table: s.count() for s in demo.services.all()}
    assert after["agreement"] == counts["agreement"] + 2
    assert after["cadre_exchange"] == counts["cadre_exchange"]
    assert after["training"] == counts["training"]
    assert after["fund_transfer"] == counts["fund_transfer"] + 2
    recorded = list_imports(demo)[0].counts
    assert recorded["fund_transfer"]["duplicates"] == 2
    assert recorded["fund_transfer"]["inserted"] == 2


def test_a_deleted_record_is_not_a_duplicate(demo: Ledger, tmp_path: Path) -> None:
    path = two_funds(tmp_path)
    report = import_file(demo, path, dry_run=False)
    assert report.import_id is not None
    undo_import(demo, report.import_id)
    again = import_file(demo, path, dry_run=False)  # undone: no --again needed
    assert again.committed and again.duplicates == []


# --- undo ----------------------------------------------------------------------------------
def test_undo_of_a_ledger_import_puts_everything_back(demo: Ledger, tmp_path: Path) -> None:
    existing = demo.funds.list(limit=1)[0]
    labels = demo.pairings.labels()
    path = workbook(tmp_path / "mixed.xlsx", {"帮扶资金": [
        FUND_HEADERS,
        fund_row("新的一笔", "12.6万", "V-1"),
        fund_row("又一笔", 800, "V-2"),
        [existing.id, labels[existing.pairing_id], None, existing.budget_year, "财政援助资金",
         "1万", "改过的用途", None, existing.allocated_on, None, existing.voucher],
    ]})  # fmt: skip
    totals = demo.funds.totals()
    original = demo.funds.get(existing.id)
    report = import_file(demo, path, dry_run=False)
    assert report.committed and report.import_id is not None
    assert report.counts("fund_transfer").inserted == 2
    assert report.counts("fund_transfer").updated == 1
    assert demo.funds.totals() != totals
    created = [f.id for f in demo.funds.list(text="笔")]
    assert len(created) == 2

    result = undo_import(demo, report.import_id)
    assert result.removed == {"fund_transfer": 2} and result.restored == {"fund_transfer": 1}
    assert "已撤销导入编号" in result.describe()
    assert demo.funds.totals() == totals
    restored = demo.funds.get(existing.id)
    assert restored.purpose == original.purpose and restored.amount_fen == original.amount_fen
    # the created rows are tombstones with a revision of their own, so an office that
    # already received them learns of the deletion
    with demo.read() as session:
        for fund_id in created:
            gone = session.get(FundTransfer, fund_id)
            assert gone is not None and gone.deleted_at is not None and gone.parents != ""
    assert run_checks(demo) == []
    batch = list_imports(demo)[0]
    assert batch.undone_at is not None
    with demo.read() as session:
        assert previous_import(session, batch.sha256) is None
    with pytest.raises(PairTrackError, match="撤销过"):
        undo_import(demo, report.import_id)
    # the same file may now be imported again without --again
    assert import_file(demo, path, dry_run=False).committed


def test_undo_refused_after_an_imported_row_was_edited(demo: Ledger, tmp_path: Path) -> None:
    report = import_file(demo, two_funds(tmp_path), dry_run=False)
    assert report.import_id is not None
    edited = demo.funds.list(text="耕地指标款（补录）")[0]
    demo.funds.update(edited.id, purpose="耕地指标款（已核对）")
    snap = snapshot(demo)
    with pytest.raises(PairTrackError) as refused:
        undo_import(demo, report.import_id)
    message = str(refused.value)
    assert "1 条" in message and edited.id in message and "耕地指标款（已核对）" in message
    assert snapshot(demo) == snap
    assert list_imports(demo)[0].undone_at is None


def test_undo_refused_while_other_records_point_at_what_it_created(
    demo: Ledger, tmp_path: Path
) -> None:
    labels = demo.pairings.labels()
    pairing_id = next(i for i, label in labels.items() if label == PAIRING)
    path = workbook(tmp_path / "agreement.xlsx", {"合作协议": [
        ["结对关系", "协议名称", "类别", "状态"], [PAIRING, "电商合作协议（导入）", "其他", "意向"],
    ]})  # fmt: skip
    report = import_file(demo, path, dry_run=False)
    assert report.import_id is not None
    agreement = demo.agreements.list(text="电商合作协议（导入）")[0]
    fund = demo.funds.create(pairing_id=pairing_id, agreement_id=agreement.id, budget_year=2017,
                             kind="social", amount_fen=100_00, purpose="协议下的捐款",
                             allocated_on=date(2017, 8, 1))  # fmt: skip
    snap = snapshot(demo)
    with pytest.raises(PairTrackError, match="引用") as refused:
        undo_import(demo, report.import_id)
    assert "协议下的捐款" in str(refused.value)
    assert snapshot(demo) == snap
    demo.funds.delete(fund.id)  # once nothing live points at it, the undo goes through
    undo_import(demo, report.import_id)
    assert demo.agreements.list(text="电商合作协议（导入）") == []


def test_unknown_import_id_is_one_chinese_error(demo: Ledger) -> None:
    with pytest.raises(PairTrackError, match="没有编号为 42 的导入记录"):
        undo_import(demo, 42)


def _dump(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit trail and the batches, as stored."""
    tables = [k.table for k in ledger.services.all()]
    tables += ["row_history", "row_alias", "conflict"]
    with ledger.read() as session:
        return {t: sorted(map(tuple, session.execute(text(f"SELECT * FROM {t}"))), key=repr)
                for t in tables}  # fmt: skip


def test_undo_of_a_package_import_restores_the_exact_state(demo: Ledger, tmp_path: Path) -> None:
    """A package batch built here the way the merge writes one: a row inserted, a row
    changed (its old revision kept in the history), an alias and a conflict."""
    before = _dump(demo)
    service = demo.funds
    existing = service.list(limit=1)[0]
    with demo.write() as session:
        import_id = begin_import(session, kind="package", path=tmp_path / "x.pairtrack.zip",
                                 sha256="ab" * 32, origin_code="131002",
                                 origin_name="三河市对口帮扶办公室")  # fmt: skip
        log = UndoLog()
        old = UndoLog.stored(session, "fund_transfer", existing.id)
        assert old is not None
        changed = {**old, "purpose": "三河改过的用途", "parents": old["rev"]}
        changed["rev"] = revision_id(
            "fund_transfer", old["rev"], canonical(service.content, changed)
        )
        inserted = {**old, "id": new_id(), "origin": "131002", "purpose": "三河的新资金",
                    "voucher": "SH-1", "parents": ""}  # fmt: skip
        inserted["rev"] = revision_id("fund_transfer", "", canonical(service.content, inserted))
        keep_history(session, "fund_transfer", [{"rev": old["rev"], "row_id": existing.id,
                     "parents": old["parents"], "data": canonical(service.content, old)}],
                     office="131002", import_id=import_id)  # fmt: skip
        hashes = service.write_rows_in(session, [inserted], [changed])
        service.bulk_audit_in(session, "merge", hashes)
        log.changed("fund_transfer", existing.id, old)
        log.inserted("fund_transfer", inserted["id"])
        session.add(RowAlias(table_name="region", foreign_id=new_id(),
                             local_id=existing.pairing_id, import_id=import_id))  # fmt: skip
        session.add(Conflict(table_name="fund_transfer", row_id=existing.id, field="purpose",
                             local_value='"a"', incoming_value='"b"', local_rev=old["rev"],
                             incoming_rev="c" * 32, import_id=import_id))  # fmt: skip
        finish_import(session, import_id, counts={"fund_transfer": {"inserted": 1}},
                      undo=log.undo(session))  # fmt: skip
    assert _dump(demo) != before and run_checks(demo) == []

    result = undo_import(demo, import_id)
    assert result.removed == {"fund_transfer": 1} and result.restored == {"fund_transfer": 1}
    assert _dump(demo) == before  # byte for byte, rev and parents included
    assert run_checks(demo) == []  # the audit trail accounts for the removed row
    with demo.read() as session:
        batch = session.get(ImportBatch, import_id)
        assert batch is not None and batch.undone_at is not None


def test_check_reports_a_row_removed_behind_the_programs_back(demo: Ledger) -> None:
    """The undo event is what makes a vanished row legitimate; a plain DELETE is not."""
    fund = demo.funds.list(limit=1)[0]
    with demo.write() as session:
        session.execute(text("DELETE FROM fund_transfer WHERE id = :i"), {"i": fund.id})
    assert any("消失" in f.message for f in run_checks(demo))


# --- the same payment at two offices -------------------------------------------------------
def test_cross_office_duplicate_is_found_by_check(demo: Ledger) -> None:
    pairing_id = next(i for i, label in demo.pairings.labels().items() if label == PAIRING)

    def land_payment(voucher: str) -> str:
        return demo.funds.create(pairing_id=pairing_id, budget_year=2017, kind="fiscal",
                                 amount_fen=9178_0000_00, purpose="耕地指标款",
                                 allocated_on=date(2017, 7, 1), voucher=voucher).id  # fmt: skip

    at_zone = land_payment("GD-9178")
    land_payment("")  # no voucher: nothing to tell two payments apart by
    assert run_checks(demo) == []
    demo.set_settings(office_code="130000")  # the same database, as the city enters it
    at_city = land_payment("GD-9178")
    land_payment("")
    findings = [f for f in run_checks(demo) if f.kind == "duplicate"]
    assert len(findings) == 1
    assert "疑似跨单位重复" in findings[0].message and "9,178.00万元" in findings[0].message
    assert at_zone in findings[0].message and at_city in findings[0].message
    with demo.read() as session:
        flagged = cross_office_duplicates(session, ids=[at_city])
    assert [(d.fund_id, d.other_id) for d in flagged] == [(at_city, at_zone)]
    assert {flagged[0].origin, flagged[0].other_origin} == {"131001", "130000"}
    demo.funds.delete(at_zone)
    assert [f for f in run_checks(demo) if f.kind == "duplicate"] == []


def test_a_workbook_preview_lists_what_each_record_becomes(tmp_path: Path) -> None:
    """Rows with an id update their record: the dry run names the fields that change."""
    from pairtrack.tracker.cli.import_ import describe
    from pairtrack.tracker.exchange.importing import import_file
    from pairtrack.tracker.exchange.xlsx_export import export_xlsx

    ledger = Ledger.open(tmp_path / "l.db")
    ledger.set_settings(operator="测试员", office_code="131001", office_name="开发区")
    region = ledger.regions.create(
        name="康保县", province="河北省", city="张家口市", level="county"
    )
    path = tmp_path / "l.xlsx"
    export_xlsx(ledger, path, year=2017)
    ledger.regions.update(region.id, note="改过")  # the workbook still has the old note
    report = import_file(ledger, path, dry_run=True)
    (change,) = report.changes
    assert (change.action, change.label) == ("更新", "地区「康保县」")
    assert change.fields == [("备注", "改过", "（空）", False)]
    assert "备注：改过 → （空）" in describe(report, dry_run=True)
    ledger.close()
