"""Record pages driven like a user would: dialogs, search, sort, delete and undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.record import RecordDialog
from pairtrack.ui.forms.editors import DateEditor
from tests.ui.conftest import refreshed, run_dialog, wait_for


def loaded(qtbot: Any, page: Any, rows: int | None = None) -> None:
    """Wait for the page's worker query; optionally until it shows ``rows`` rows."""
    qtbot.waitUntil(
        lambda: not page._busy and (rows is None or page.model.rowCount() == rows), timeout=20_000
    )  # a loaded machine reads the demo's pages slowly


def fill(dialog: RecordDialog, **values: Any) -> None:
    for name, value in values.items():
        editor = dialog.editors[name]
        if hasattr(editor, "combo"):
            index = editor.combo.findText(value)
            assert index >= 0, (name, value)
            editor.combo.setCurrentIndex(index)
        elif isinstance(editor, DateEditor):
            editor.set_value(value)  # a date, or text as typed
        elif hasattr(editor, "edit") and hasattr(editor.edit, "setText"):
            editor.edit.setText(value)  # setText, not keyClicks: Chinese aborts QTest
        else:
            editor.edit.setPlainText(value)


def save(dialog: RecordDialog) -> None:
    """Click 保存 and wait for the worker's verdict (the dialog closes, or shows the error)."""
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    wait_for(lambda: not dialog.saving)


def test_add_region_pairing_and_fund_through_dialogs(qtbot: Any, window: Any) -> None:
    regions = window.show_page("region")
    for name, level in (("廊坊开发区", "开发区"), ("康保县", "县（市）")):
        run_dialog(
            qtbot,
            regions.new_record,
            lambda d, n=name, lv=level: (fill(d, name=n, level=lv), save(d)),
        )
    loaded(qtbot, regions, 2)

    pairings = window.show_page("pairing")
    run_dialog(
        qtbot,
        pairings.new_record,
        lambda d: (
            fill(d, helper_id="廊坊开发区", assisted_id="康保县", programme="省内对口帮扶",
                 start_year="2017"),
            save(d),
        ),
    )  # fmt: skip
    loaded(qtbot, pairings, 1)
    assert pairings.model.data(pairings.model.index(0, 0)) == "廊坊开发区"

    funds = window.show_page("fund_transfer")
    from datetime import date

    run_dialog(
        qtbot,
        funds.new_record,
        lambda d: (
            fill(d, pairing_id="廊坊开发区→康保县", budget_year="2017", kind="财政援助资金",
                 amount_fen="12.6万", purpose="产业扶贫项目", allocated_on=date(2017, 3, 1)),
            save(d),
        ),
    )  # fmt: skip
    loaded(qtbot, funds, 1)
    amount_column = funds.spec.columns.index("amount_fen")
    assert funds.model.data(funds.model.index(0, amount_column)) == "12.60"
    assert "共 1 条" in funds.totals.text()
    assert "金额合计 12.60万元" in funds.totals.text()
    assert window.status_rows.text() == "本页 1 条"


def test_bad_money_and_end_before_start_keep_the_dialog_open(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    kangbao = ledger.regions.create(name="康保县", level="county")
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    ledger.pairings.create(
        helper_id=zone.id, assisted_id=kangbao.id, programme="in_province", start_year=2017
    )
    refreshed(qtbot, window)
    funds = window.show_page("fund_transfer")
    from datetime import date

    def bad_money(d: RecordDialog) -> None:
        fill(
            d,
            pairing_id="廊坊开发区→康保县",
            kind="财政援助资金",
            budget_year="2017",
            amount_fen="12.6千万",
            purpose="项目",
            allocated_on=date(2017, 3, 1),
        )
        save(d)
        assert d.isVisible()
        assert d.errors["amount_fen"].isVisible()
        assert "无法识别的金额" in d.errors["amount_fen"].text()
        assert d.editors["amount_fen"].value() == "12.6千万"  # the input stays as typed
        fill(d, amount_fen="12.6万", arrived_on=date(2017, 2, 1))
        save(d)
        assert d.isVisible()
        assert not d.errors["amount_fen"].isVisible()
        assert "早于拨付日期" in d.errors["arrived_on"].text()
        d.reject()

    seen = run_dialog(qtbot, funds.new_record, bad_money)
    assert seen and seen[0].result() == QDialog.DialogCode.Rejected
    assert ledger.funds.count(include_deleted=True) == 0


def make_funds(ledger: Ledger, amounts: list[str]) -> None:
    """Fund transfers of ``amounts`` in 元 ("950"), or as written with a unit ("12.6万")."""
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    ledger.funds.bulk_create(
        dict(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
             amount_fen=amount if amount[-1] in "元万亿" else f"{amount}元",
             purpose=f"项目{amount}", allocated_on="2017-03-01")
        for amount in amounts
    )  # fmt: skip


def test_delete_then_ctrl_z_brings_the_row_back(qtbot: Any, ledger: Ledger, window: Any) -> None:
    make_funds(ledger, ["950", "1200", "80"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 3)
    funds.view.selectRow(1)
    victim = funds.selected_records()[0]
    funds.view.setFocus()
    qtbot.keyClick(funds.view, Qt.Key.Key_Delete)
    loaded(qtbot, funds, 2)
    assert ledger.funds.count() == 2
    assert ledger.funds.get(victim.id, include_deleted=True).deleted
    qtbot.keyClick(funds.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    loaded(qtbot, funds, 3)
    assert not ledger.funds.get(victim.id).deleted


def test_rows_picked_here_and_there_are_the_ones_deleted(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    """A selection of separate ranges (Ctrl-click, Shift-click), and only those rows. (Set
    on the selection model: QTest's clicks with modifiers leave them held for later tests.)"""
    make_funds(ledger, ["1", "2", "3", "4", "5", "6"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 6)
    picked = QItemSelection()
    for first, last in ((0, 0), (2, 2), (4, 5)):
        picked.select(funds.model.index(first, 0), funds.model.index(last, 0))
    flags = QItemSelectionModel.SelectionFlag
    funds.view.selectionModel().select(picked, flags.ClearAndSelect | flags.Rows)
    ids = [funds.model.ids[row] for row in (0, 2, 4, 5)]
    kept = [funds.model.ids[row] for row in (1, 3)]
    assert funds.selected_ids() == ids
    window.act_delete.trigger()
    loaded(qtbot, funds, 2)
    assert sorted(r.id for r in ledger.funds.list()) == sorted(kept)


def test_delete_asks_first_and_no_means_nothing_happens(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any
) -> None:
    make_funds(ledger, ["950"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 1)
    funds.view.selectRow(0)
    answers.reply = False
    window.act_delete.trigger()
    assert answers.asked and "撤销" in answers.asked[0]
    assert ledger.funds.count() == 1


def test_typing_in_search_narrows_rows(qtbot: Any, ledger: Ledger, window: Any) -> None:
    make_funds(ledger, ["950", "1200", "80"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 3)
    funds.filters.search.setText("项目12")
    loaded(qtbot, funds, 1)
    qtbot.keyClicks(funds.filters.search, "xyz")  # ASCII only: Chinese keyClicks abort Qt
    loaded(qtbot, funds, 0)
    funds.filters.search.clear()
    loaded(qtbot, funds, 3)


def test_sorting_the_money_column_orders_by_value(qtbot: Any, ledger: Ledger, window: Any) -> None:
    make_funds(ledger, ["950", "1200", "80", "1,000,000"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 4)
    column = funds.spec.columns.index("amount_fen")
    funds.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not funds._busy and funds.sort[0] == "amount_fen")
    values = [funds.model.record(r).amount_fen for r in range(4)]
    assert values == sorted(values) == [8000, 95000, 120000, 100000000]
    funds.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not funds._busy and funds.sort == ("amount_fen", True))
    loaded(qtbot, funds)
    assert [funds.model.record(r).amount_fen for r in range(4)] == [100000000, 120000, 95000, 8000]


def test_copy_puts_tab_separated_rows_on_the_clipboard(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    make_funds(ledger, ["12.6万"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 1)
    funds.view.selectRow(0)
    refreshed(qtbot, window)
    with qtbot.waitSignal(funds.copied):
        window.act_copy.trigger()
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["结对关系", "用途/项目", "资金类别", "金额（万元）"]
    assert lines[1].split("\t")[:4] == ["廊坊开发区→康保县", "项目12.6万", "财政援助资金", "12.60"]


def test_record_model_contract(qtbot: Any, qtmodeltester: Any, ledger: Ledger, window: Any) -> None:
    make_funds(ledger, ["950", "1200", "80"])
    for key in ("fund_transfer", "pairing", "region", "agreement", "cadre_exchange", "training"):
        page = window.show_page(key)
        loaded(qtbot, page)
        qtmodeltester.check(page.model)


def test_edit_through_the_dialog_then_ctrl_z_undoes_the_edit(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    make_funds(ledger, ["950"])
    funds = window.show_page("fund_transfer")
    loaded(qtbot, funds, 1)
    funds.view.selectRow(0)
    record = funds.selected_records()[0]
    run_dialog(qtbot, funds.edit_selected, lambda d: (fill(d, amount_fen="1,200元"), save(d)))
    assert ledger.funds.get(record.id).amount_fen == 120000
    loaded(qtbot, funds, 1)
    assert "金额合计 0.12万元" in funds.totals.text()
    assert window.act_undo.text() == "撤销“编辑帮扶资金记录”"
    with qtbot.waitSignal(funds.loaded):
        window.act_undo.trigger()
    assert ledger.funds.get(record.id).amount_fen == 95000
    assert not window.act_undo.isEnabled()
    with qtbot.waitSignal(funds.loaded):
        window.act_redo.trigger()
    assert ledger.funds.get(record.id).amount_fen == 120000


def test_ctrl_n_opens_the_form_for_the_current_page(qtbot: Any, window: Any) -> None:
    regions = window.show_page("region")
    loaded(qtbot, regions)
    seen = run_dialog(
        qtbot,
        lambda: qtbot.keyClick(regions.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        lambda d: d.reject(),
    )
    assert seen and seen[0].windowTitle() == "新增地区"


def test_column_widths_and_geometry_are_remembered(qtbot: Any, ledger: Ledger) -> None:
    from pairtrack.ui.main_window import MainWindow

    first = MainWindow(ledger)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # inside the offscreen screen (800×600): restore clamps to it
    qtbot.waitUntil(lambda: first.size().width() == 700)
    regions = first.show_page("region")
    loaded(qtbot, regions)
    regions.view.setColumnWidth(0, 333)
    size = (first.size().width(), first.size().height())
    first.close()
    second = MainWindow(ledger)
    qtbot.addWidget(second)
    second.show()
    assert (second.size().width(), second.size().height()) == size
    assert second.show_page("region").view.columnWidth(0) == 333


def test_view_menu_entries_open_their_pages(qtbot: Any, window: Any) -> None:
    """Each 视图 entry (Ctrl+1 … Ctrl+8) opens its own page, not 总览 (``triggered`` passes
    ``checked``, which once landed in the row argument)."""
    from pairtrack.ui.main_window import NAVIGATION

    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("视图"))
    entries = [a for a in view_menu.actions() if not a.isSeparator()][: len(NAVIGATION)]
    for action, (key, _title, _icon) in zip(entries, NAVIGATION, strict=True):
        action.trigger()
        assert window.current_key() == key
