"""Issue 14, search and risky defaults, as a person meets them in the window: a search finds a
region's records; a new record chooses nothing for the person; regions and pairings list in a
natural order; the key columns are on screen; a blocked deletion names everything in the way;
备份… asks where; 用系统程序打开 without a PDF viewer says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text

from pairtrack.db.backup import backup_dir, list_backups
from pairtrack.db.choices import REGION_LEVEL
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.forms.editors import ComboEditor
from tests.ui.conftest import run_dialog
from tests.ui.test_record_pages import fill, loaded, save


def xiangxi_funds_by_sql(ledger: Ledger) -> int:
    """Live funds of a pairing with 湘西 in a region's name, or with 湘西 in their own text."""
    query = """
        SELECT count(*) FROM fund_transfer f
        JOIN pairing p ON p.id = f.pairing_id
        JOIN region h ON h.id = p.helper_id JOIN region a ON a.id = p.assisted_id
        WHERE f.deleted_at IS NULL AND (h.name LIKE '%湘西%' OR a.name LIKE '%湘西%'
            OR f.purpose LIKE '%湘西%' OR f.donor LIKE '%湘西%' OR f.voucher LIKE '%湘西%'
            OR f.note LIKE '%湘西%')
    """
    with ledger.read() as session:
        return int(session.execute(text(query)).scalar_one())


def test_searching_a_region_shows_every_fund_of_its_pairings(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    expected = xiangxi_funds_by_sql(demo_ledger)
    assert expected == 17
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds)
    funds.filters.search.setText("湘西")  # setText: Chinese aborts keyClicks
    loaded(qtbot, funds, expected)
    assert funds.totals.text().startswith(f"共 {expected} 条")
    pairing = funds.spec.columns.index("pairing_id")
    funds.model.record(expected - 1)
    qtbot.waitUntil(funds.model.loaded, timeout=20_000)
    shown = {funds.model.data(funds.model.index(r, pairing)) for r in range(expected)}
    assert shown == {"济南市→湘西州"}


RECORD_KINDS = [k for k in KINDS if k.page == "records"]


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=[k.table for k in RECORD_KINDS])
def test_a_new_record_leaves_every_required_choice_empty(
    qtbot: Any, demo_ledger: Ledger, window: Any, kind: Any
) -> None:
    page = window.show_page(kind.table)
    loaded(qtbot, page)
    qtbot.waitUntil(lambda: not window.lookups.loading, timeout=20_000)
    seen: dict[str, Any] = {}

    def check(dialog: Any) -> None:
        for name, editor in dialog.editors.items():
            if isinstance(editor, ComboEditor):
                seen[name] = (editor.field.required, editor.value(), editor.combo.currentText())
        save(dialog)  # nothing filled in: refused, naming a field left empty
        shown = [label.text() for label in dialog.errors.values() if label.isVisible()]
        seen["error"] = (dialog.isVisible(), " ".join(shown))
        dialog.reject()

    run_dialog(qtbot, page.new_record, check)
    error = seen.pop("error")
    required = {n: v for n, v in seen.items() if v[0]}
    assert required, "every kind has a required choice"
    assert all(value is None and shown == "" for _r, value, shown in required.values()), required
    assert error[0] and "不能为空" in error[1]
    assert demo_ledger.services[kind.table].count() == page.model.rowCount()


def test_the_pages_pairing_filter_is_the_one_preset_and_the_level_is_empty(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    funds = window.show_page("fund_transfer")
    qtbot.waitUntil(lambda: not window.lookups.loading, timeout=20_000)
    combo = funds.filters.pairing
    combo.setCurrentIndex(combo.findText("济南市→武隆区"))
    chosen = combo.currentData()
    seen: list[Any] = []
    run_dialog(qtbot, funds.new_record,
               lambda d: (seen.append(d.editors["pairing_id"].value()), d.reject()))  # fmt: skip
    assert seen == [chosen]

    regions = window.show_page("region")
    run_dialog(
        qtbot,
        regions.new_record,
        lambda d: (
            seen.append(d.editors["level"].value()),
            fill(d, name="某新区"),
            save(d),
            seen.append(d.errors["level"].text()),
            d.reject(),
        ),
    )
    assert seen[1:] == [None, "「级别」不能为空"]


def test_regions_and_pairings_show_in_natural_order(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    regions = window.show_page("region")
    loaded(qtbot, regions, 16)
    records = [regions.model.record(r) for r in range(16)]
    levels = list(REGION_LEVEL)
    assert records == sorted(
        records, key=lambda r: (levels.index(r.level), r.code is None, r.code or "", r.name)
    )
    assert [r.name for r in records[:3]] == ["张家口市", "廊坊市", "济南市"]

    pairings = window.show_page("pairing")
    loaded(qtbot, pairings, 8)
    helpers = [pairings.model.data(pairings.model.index(r, 0)) for r in range(8)]
    assert helpers[:3] == ["济南市"] * 3  # one helper's pairings together, a city first
    assert helpers == sorted(helpers, key=lambda h: [r.name for r in records].index(h))


KEY_COLUMNS = {
    "agreement": ("pairing_id", "title", "committed_fen", "signed_on", "status"),
    "fund_transfer": ("pairing_id", "purpose", "kind", "amount_fen", "allocated_on",
                      "arrived_on", "voucher"),
    "cadre_exchange": ("pairing_id", "person_name", "category", "start_on", "end_on",
                       "returned_on"),
    "training": ("pairing_id", "title", "category", "quota", "completed", "start_on"),
}  # fmt: skip


@pytest.mark.parametrize("size", [None, (1280, 800)], ids=["default", "1280x800"])
def test_key_columns_are_on_screen(
    qtbot: Any, demo_ledger: Ledger, window: Any, size: tuple[int, int] | None
) -> None:
    if size is not None:
        window.resize(*size)
    assert window.width() <= 1280 and window.height() <= 800
    for table, names in KEY_COLUMNS.items():
        page = window.show_page(table)
        loaded(qtbot, page)
        qtbot.waitUntil(lambda p=page: p._sized and p.model.loaded(), timeout=20_000)
        width = page.view.viewport().width()
        for name in names:
            column = page.spec.columns.index(name)
            right = page.view.columnViewportPosition(column) + page.view.columnWidth(column)
            assert 0 < right <= width, (table, name, right, width)


def test_a_blocked_pairing_deletion_names_every_table(
    qtbot: Any, demo_ledger: Ledger, window: Any, answers: Any
) -> None:
    pairings = window.show_page("pairing")
    loaded(qtbot, pairings, 8)
    row = next(r for r in range(8) if pairings.model.data(pairings.model.index(r, 1)) == "湘西州")
    pairings.view.selectRow(row)
    window.act_delete.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=20_000)
    told = answers.told[-1]
    with demo_ledger.read() as session:
        pid = pairings.model.ids[row]
        for table, noun in (("agreement", "合作协议"), ("target", "年度目标"),
                            ("fund_transfer", "帮扶资金记录"), ("cadre_exchange", "干部交流记录"),
                            ("training", "培训记录")):  # fmt: skip
            count = session.execute(
                text(f"SELECT count(*) FROM {table} WHERE pairing_id = :p AND deleted_at IS NULL"),
                {"p": pid},
            ).scalar_one()
            assert count > 0 and f"{count} 条{noun}" in told, (noun, told)
    assert demo_ledger.pairings.count() == 8


def backup_dialog(monkeypatch: pytest.MonkeyPatch, answer: str | None) -> list[tuple[Any, ...]]:
    """Qt's save dialog, answering ``answer`` ("": cancelled; None: the name it suggested)."""
    asked: list[tuple[Any, ...]] = []

    def get_save_file_name(*args: Any, **_kwargs: Any) -> tuple[str, str]:
        asked.append(args)
        return (args[2] if answer is None else answer), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return asked


@pytest.mark.sqlite_only("about the ledger's file and its backups folder")
def test_backup_asks_where_starting_in_the_backups_folder(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    assert ledger.path is not None
    elsewhere = tmp_path / "外部" / "会前备份.db"
    asked = backup_dialog(monkeypatch, str(elsewhere))
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=20_000)
    [(_parent, _title, suggested, *_rest)] = asked
    assert Path(suggested).parent == backup_dir(ledger.path)
    assert answers.told[-1] == f"已备份到：{elsewhere}"
    copy = Ledger.open(elsewhere)
    try:
        assert copy.settings()["office_name"] == "测试办公室"
    finally:
        copy.close()

    # the suggestion taken as it is: one of the copies 备份与恢复 lists
    asked = backup_dialog(monkeypatch, None)
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: len(answers.told) == 2, timeout=20_000)
    suggested = asked[0][2]
    assert answers.told[-1] == f"已备份到：{suggested}"
    assert [b.path for b in list_backups(ledger.path) if b.kind == "manual"] == [Path(suggested)]

    # another name in that folder: still one of its listed copies, under a name it lists
    backup_dialog(monkeypatch, str(backup_dir(ledger.path) / "会前.db"))
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: len(answers.told) == 3, timeout=20_000)
    made = Path(answers.told[-1].removeprefix("已备份到："))
    assert made.parent == backup_dir(ledger.path) and made.name.endswith("-会前.db")
    assert made in [b.path for b in list_backups(ledger.path) if b.kind == "manual"]


@pytest.mark.sqlite_only("about the ledger's file and its backups folder")
def test_backup_cancelled_or_onto_the_database_writes_nothing(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ledger.path is not None
    backup_dialog(monkeypatch, "")
    window.act_backup.trigger()
    assert answers.told == [] and list_backups(ledger.path) == []

    before = ledger.path.read_bytes()
    backup_dialog(monkeypatch, str(ledger.path))
    window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=20_000)
    assert "正在使用的数据库文件" in answers.told[-1]
    assert ledger.path.read_bytes() == before


def test_open_without_a_pdf_viewer_says_so_and_offers_the_folder(
    qtbot: Any, demo_ledger: Ledger, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_brief_dialog import generate, open_dialog

    opened: list[str] = []
    works = {"folder": True}

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".pdf") and works["folder"]

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    pdf = str(dialog._pdf)
    dialog.open_button.click()
    assert opened == [pdf, str(Path(pdf).parent)]
    assert "没有找到能打开 PDF 文件的程序" in answers.asked[-1] and pdf in answers.asked[-1]

    answers.reply = False  # no folder wanted: nothing more is opened
    dialog.open_button.click()
    assert opened[2:] == [pdf]

    answers.reply, works["folder"] = True, False
    dialog.open_button.click()
    assert answers.told and pdf in answers.told[-1]
