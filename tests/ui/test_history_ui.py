"""历史 (Ctrl+H, the row's context menu, the record dialog): a record edited twice shows both
edits, who made them and when, each field as the pages show it, before → after."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt

from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import Record
from tests import engines
from tests.ui.conftest import refreshed, run_dialog


def a_fund(ledger: Ledger) -> Record:
    helper = ledger.regions.create(name="廊坊开发区", province="河北省", level="zone")
    assisted = ledger.regions.create(name="康保县", province="河北省", level="county")
    pairing = ledger.pairings.create(
        helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
    )
    return ledger.funds.create(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen=100_000_000,
        purpose="产业扶贫",
        allocated_on=date(2017, 3, 1),
    )


def select_first(page: Any) -> None:
    """The first row alone. Not ``selectRow``: in a multi-selection table it toggles the row
    when the keyboard state says Ctrl is down, as an earlier test may leave it."""
    flags = QItemSelectionModel.SelectionFlag
    page.view.selectionModel().select(page.model.index(0, 0), flags.ClearAndSelect | flags.Rows)


def funds_page(qtbot: Any, window: Any) -> Any:
    page = window.show_page("fund_transfer")
    refreshed(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    select_first(page)
    return page


def edit(qtbot: Any, page: Any, **texts: str) -> None:
    def fill(dialog: Any) -> None:
        for name, text in texts.items():
            dialog.editors[name].edit.setText(text)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    with qtbot.waitSignal(page.loaded, timeout=10_000):  # the page shows the saved edit
        run_dialog(qtbot, page.edit_selected, fill)


def test_editing_a_record_twice_shows_both_changes(qtbot: Any, ledger: Ledger, window: Any) -> None:
    a_fund(ledger)
    page = funds_page(qtbot, window)
    edit(qtbot, page, purpose="劳务协作")
    ledger.set_settings(operator="李娜")  # the next edit is someone else's
    edit(qtbot, page, amount_fen="1.5亿")
    qtbot.waitUntil(lambda: not page._busy)  # a reload clears the selection
    select_first(page)
    assert page.selected_ids()

    assert window.act_history.isEnabled()
    assert window.act_history.shortcut().toString() == "Ctrl+H"
    window.act_history.trigger()
    dialog = page.history_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    assert dialog.isVisible()
    assert "产业扶贫" not in dialog.windowTitle() and "劳务协作" in dialog.windowTitle()
    rows = dialog.rows()
    steps = [(r[1], r[2]) for r in rows if r[0]]
    lina, tester = (engines.recorded(ledger, name) for name in ("李娜", "测试员"))
    assert steps == [(lina, "修改"), (tester, "修改"), (tester, "新增")]
    assert all(r[0].startswith(str(date.today().year)) for r in rows if r[0])
    # the second edit, under the first step: the amount in 万元, before → after
    assert rows[1][3:] == ("金额（万元）", "100.00", "15,000.00")
    edits = [r[3:] for r in rows if not r[0]]
    assert ("用途/项目", "产业扶贫", "劳务协作") in edits
    # the creation lists what the record was given, names rather than ids
    assert ("结对关系", "（空）", "廊坊开发区→康保县") in edits
    assert ("资金类别", "（空）", "财政援助资金") in edits
    dialog.close()


def test_history_from_the_context_menu_and_from_the_record_dialog(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    fund = a_fund(ledger)
    ledger.funds.update(fund.id, purpose="劳务协作")
    page = funds_page(qtbot, window)
    menu = page.context_menu()
    [history] = [a for a in menu.actions() if a.text() == "历史…"]
    history.trigger()
    with qtbot.waitSignal(page.history_dialog.loaded, timeout=10_000):
        pass
    assert [r[2] for r in page.history_dialog.rows() if r[0]] == ["修改", "新增"]
    page.history_dialog.close()

    seen: list[list[tuple[str, ...]]] = []

    def look(dialog: Any) -> None:
        assert dialog.history_button is not None and dialog.history_button.text() == "历史…"
        dialog.history_button.click()
        qtbot.waitUntil(lambda: dialog.history_dialog is not None, timeout=5000)
        history = dialog.history_dialog
        qtbot.waitUntil(lambda: bool(history.lines), timeout=10_000)
        seen.append(history.rows())
        assert history.isModal() or history.windowModality() != Qt.WindowModality.NonModal
        history.close()
        dialog.reject()

    run_dialog(qtbot, page.edit_selected, look)
    assert [r[2] for r in seen[0] if r[0]] == ["修改", "新增"]
    assert ("用途/项目", "产业扶贫", "劳务协作") in [r[3:] for r in seen[0]]


def test_a_new_record_has_no_history_button(qtbot: Any, ledger: Ledger, window: Any) -> None:
    a_fund(ledger)
    page = funds_page(qtbot, window)

    def look(dialog: Any) -> None:
        assert dialog.history_button is None
        dialog.reject()

    run_dialog(qtbot, page.new_record, look)


def test_history_of_a_target_in_the_year_grid(
    qtbot: Any, demo_ledger: Ledger, window: Any, answers: Any
) -> None:
    page = window.show_page("target")
    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2017)
    model = page.model
    row = [label for _id, label in model.grid.pairings].index("廊坊开发区→康保县")
    fiscal = list(model.grid.indicators).index("fiscal_funds")
    with qtbot.waitSignal(page.loaded):
        assert model.setData(model.index(row, fiscal), "3200")
    page.view.setCurrentIndex(model.index(row, fiscal))
    assert window.act_history.isEnabled()
    window.act_history.trigger()
    qtbot.waitUntil(lambda: page.history_dialog is not None, timeout=10_000)
    dialog = page.history_dialog
    qtbot.waitUntil(lambda: bool(dialog.lines), timeout=10_000)
    assert "廊坊开发区→康保县" in dialog.windowTitle() and "2017年" in dialog.windowTitle()
    rows = dialog.rows()
    assert next(r[2] for r in rows if r[0]) == "修改"
    assert ("目标值（万元）", "3,000.00", "3,200.00") in [r[3:] for r in rows]
    dialog.close()

    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2018)
    unset = next((r, c) for r, (pid, _label) in enumerate(model.grid.pairings)
                 for c, key in enumerate(model.grid.indicators)
                 if (pid, key) not in model.grid.values)  # fmt: skip
    page.view.setCurrentIndex(model.index(*unset))
    window.act_history.trigger()
    qtbot.waitUntil(lambda: bool(answers.told), timeout=10_000)
    assert "还没有设置过目标" in answers.told[-1]


def test_history_of_a_record_merged_from_another_office(
    qtbot: Any, ledger: Ledger, window: Any, tmp_path: Path
) -> None:
    """汇总 (issue 10): a county's record brought in twice by packages shows both merges in
    the city's window, with what the second one changed."""
    from pairtrack.tracker.exchange.merge import import_package
    from pairtrack.tracker.exchange.package_write import export_package

    county = Ledger.open(tmp_path / "county.db")
    try:
        county.set_settings(office_code="130723", office_name="康保县帮扶办", operator="县级操作员")
        fund = a_fund(county)
        export_package(county, tmp_path / "1.pairtrack.zip")
        import_package(ledger, tmp_path / "1.pairtrack.zip")
        county.funds.update(fund.id, amount_fen=150_000_000)
        export_package(county, tmp_path / "2.pairtrack.zip")
        import_package(ledger, tmp_path / "2.pairtrack.zip")
    finally:
        county.close()

    page = funds_page(qtbot, window)
    window.act_history.trigger()
    dialog = page.history_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    rows = dialog.rows()
    tester = engines.recorded(ledger, "测试员")  # who merged them: the city's operator
    assert [(r[1], r[2]) for r in rows if r[0]] == [(tester, "汇总合并"), (tester, "汇总合并")]
    assert rows[1][3:] == ("金额（万元）", "100.00", "150.00")
    dialog.close()
