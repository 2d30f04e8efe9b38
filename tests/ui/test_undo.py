"""Every user action is one step on the undo stack, with its Chinese text in 编辑; undo and
redo run through the write helper; a step that cannot be undone stays where it was."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.ui.conftest import refreshed, run_dialog


def undo(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.undo_stack.busy_changed, check_params_cb=lambda b: not b):
        window.act_undo.trigger()


def redo(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.undo_stack.busy_changed, check_params_cb=lambda b: not b):
        window.act_redo.trigger()


def test_create_is_undone_and_redone(qtbot: Any, ledger: Ledger, window: Any) -> None:
    regions = window.show_page("region")

    def fill(dialog: Any) -> None:
        dialog.editors["name"].edit.setText("康保县")
        dialog.editors["level"].set_value("county")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    run_dialog(qtbot, regions.new_record, fill)
    [region] = ledger.regions.list()
    assert window.act_undo.text() == "撤销“新增地区”"
    undo(qtbot, window)
    assert ledger.regions.count() == 0
    assert window.act_redo.text() == "重做“新增地区”"
    redo(qtbot, window)
    assert [r.id for r in ledger.regions.list()] == [region.id]


def test_copying_last_years_targets_is_one_undoable_step(
    qtbot: Any, demo_ledger: Ledger, window: Any, answers: Any
) -> None:
    page = window.show_page("target")
    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2018)
    before = demo_ledger.targets.count(year=2018)
    with qtbot.waitSignal(page.loaded):
        page.copy_button.click()
    copied = demo_ledger.targets.count(year=2018)
    assert copied > before
    assert window.act_undo.text() == "撤销“复制 2017 年目标到 2018 年”"
    with qtbot.waitSignal(page.loaded):
        window.act_undo.trigger()
    assert demo_ledger.targets.count(year=2018) == before
    with qtbot.waitSignal(page.loaded):
        window.act_redo.trigger()
    assert demo_ledger.targets.count(year=2018) == copied


def test_changing_office_and_operator_is_undoable(qtbot: Any, ledger: Ledger, window: Any) -> None:
    from pairtrack.ui.app import Controller

    controller = Controller()
    controller.window = window

    def change_operator(dialog: QDialog) -> None:
        dialog.operator.setText("李娜")  # type: ignore[attr-defined]
        dialog.save()  # type: ignore[attr-defined]

    run_dialog(qtbot, controller.edit_settings, change_operator)
    # the status bar follows once the saved change has reloaded the window's settings
    qtbot.waitUntil(lambda: "李娜" in window.status_operator.text())
    assert ledger.operator == engines.recorded(ledger, "李娜")
    assert window.act_undo.text() == "撤销“修改单位与操作员”"
    undo(qtbot, window)
    assert ledger.operator == engines.recorded(ledger, "测试员")
    controller.window = None  # the window belongs to the fixture


def test_a_step_that_cannot_be_undone_stays_and_says_why(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any
) -> None:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    ledger.funds.create(pairing_id=pairing.id, budget_year=2017, kind="fiscal",
                        amount_fen="1万", purpose="项目", allocated_on="2017-03-01")  # fmt: skip
    refreshed(qtbot, window)
    funds = window.show_page("fund_transfer")
    qtbot.waitUntil(lambda: funds.model.rowCount() == 1)
    funds.view.selectRow(0)
    with qtbot.waitSignal(funds.loaded):
        funds.delete_selected()
    ledger.pairings.delete(pairing.id)  # meanwhile, elsewhere: the fund's pairing goes
    undo(qtbot, window)
    assert answers.told and "已删除" in answers.told[-1]
    assert ledger.funds.count() == 0
    assert window.undo_stack.canUndo()  # still there, to try again once the pairing is back
    assert window.act_undo.text() == "撤销“删除 1 条帮扶资金记录”"
