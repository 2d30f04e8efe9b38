"""The record form when someone else saved the record after it was opened (issue 15).

A second ``Ledger`` on the same file is another PC: it saves while this window's form is
open. The form's save is then refused; the form stays open with what was typed and shows
who changed the record, when, and both versions; each of its three choices does what it says.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pairtrack.tracker.history import record_history
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import FundTransferRecord
from pairtrack.ui.dialogs.record import RecordDialog
from tests import engines
from tests.ui.conftest import Answers, refreshed, run_dialog, wait_for
from tests.ui.test_record_pages import fill, loaded, save
from tests.ui.test_undo import redo, undo


@pytest.fixture
def other_pc(ledger: Ledger) -> Iterator[Ledger]:
    """Another PC on the same shared database."""
    other = Ledger.open(engines.target_of(ledger))  # its file, or its server database
    try:
        yield other
    finally:
        other.close()


@pytest.fixture
def fund(ledger: Ledger) -> FundTransferRecord:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    pairing = ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    return ledger.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen="1200万",
        purpose="产业项目", allocated_on=date(2017, 3, 1),
    )  # fmt: skip


@pytest.fixture
def funds(qtbot: Any, window: Any, fund: FundTransferRecord) -> Any:
    refreshed(qtbot, window)
    page = window.show_page("fund_transfer")
    loaded(qtbot, page, 1)
    page.view.selectRow(0)
    return page


def saved_elsewhere(other_pc: Ledger, fund: FundTransferRecord) -> None:
    """乙, on the other PC, opens the record and saves 1300 万 and a donor."""
    other_pc.set_settings(operator="乙")
    opened = other_pc.funds.get(fund.id)
    other_pc.funds.update(fund.id, opened_rev=opened.rev, amount_fen="1300万", donor="京东物流")
    other_pc.set_settings(operator="甲")  # this window's operator again, for what follows


def refused(qtbot: Any, d: RecordDialog, other_pc: Ledger, fund: FundTransferRecord) -> None:
    """While the form is open the other PC saves; this form's save is then refused."""
    saved_elsewhere(other_pc, fund)
    fill(d, purpose="耕地指标", voucher="冀财-12")
    save(d)
    qtbot.waitUntil(d.changed_panel.isVisible, timeout=10_000)


def test_the_second_windows_save_shows_both_versions_and_keeps_what_was_typed(
    qtbot: Any, ledger: Ledger, other_pc: Ledger, fund: FundTransferRecord, funds: Any
) -> None:
    seen: dict[str, Any] = {}

    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        panel = d.changed_panel
        seen["message"] = panel.message.text()
        seen["rows"] = panel.rows()
        seen["bold"] = [panel.table.item(r, 0).font().bold() for r in range(len(panel.rows()))]
        seen["typed"] = (d.editors["purpose"].value(), d.editors["voucher"].value())
        seen["save enabled"] = d.buttons.button(d.buttons.StandardButton.Save).isEnabled()
        seen["focus"] = QApplication.focusWidget()
        seen["overwrite shown"] = panel.overwrite_button.isVisible()
        d.reject()

    [dialog] = run_dialog(qtbot, funds.edit_selected, drive)

    assert seen["message"].startswith(
        f"这条记录在您打开后已被 {engines.recorded(ledger, '乙')} 于 "
    )
    assert seen["message"].endswith(" 修改")
    assert seen["rows"] == [
        ("金额（万元）", "1,300.00", "1,200.00"),
        ("用途/项目", "产业项目", "耕地指标"),
        ("出资单位", "京东物流", "（空）"),
        ("凭证号", "（空）", "冀财-12"),
    ]
    assert seen["bold"] == [True, False, True, False]  # the fields 乙 changed
    assert seen["typed"] == ("耕地指标", "冀财-12")  # the form keeps what was typed
    assert not seen["save enabled"]  # a choice is to be made first
    assert seen["focus"] is dialog.changed_panel.back_button and seen["overwrite shown"]
    stored = ledger.funds.get(fund.id)
    assert (stored.amount_fen, stored.donor, stored.purpose) == (
        1_300_000_000,
        "京东物流",
        "产业项目",
    )


def test_overwriting_asks_then_saves_against_the_new_revision(
    qtbot: Any,
    ledger: Ledger,
    other_pc: Ledger,
    fund: FundTransferRecord,
    funds: Any,
    answers: Answers,
) -> None:
    still_open: list[bool] = []

    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        answers.reply = False  # 否: nothing is saved, the comparison stays
        d.changed_panel.overwrite_button.click()
        still_open.append(d.isVisible() and d.changed_panel.isVisible())
        answers.reply = True
        d.changed_panel.overwrite_button.click()
        wait_for(lambda: not d.saving)

    [dialog] = run_dialog(qtbot, funds.edit_selected, drive)

    assert still_open == [True]
    assert len(answers.asked) == 2
    assert answers.asked[0].startswith(f"将用您填写的内容覆盖 {engines.recorded(ledger, '乙')} 于 ")
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = ledger.funds.get(fund.id)
    assert (stored.purpose, stored.voucher) == ("耕地指标", "冀财-12")
    assert (stored.amount_fen, stored.donor) == (1_200_000_000, "")  # the form's values, all
    steps = [(e.operator, e.action) for e in record_history(ledger, "fund_transfer", fund.id)]
    who = lambda name: engines.recorded(ledger, name)  # noqa: E731
    assert steps == [(who("甲"), "update"), (who("乙"), "update"), (who("测试员"), "create")]


def test_discarding_closes_the_form_and_the_page_shows_the_other_version(
    qtbot: Any, ledger: Ledger, other_pc: Ledger, fund: FundTransferRecord, funds: Any
) -> None:
    before = ledger.funds.get(fund.id)

    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        # the page still shows the version read before the other PC saved
        assert funds.model.record(0).donor == ""
        d.changed_panel.discard_button.click()

    [dialog] = run_dialog(qtbot, funds.edit_selected, drive)

    assert dialog.result() == dialog.DialogCode.Rejected and dialog.discarded
    stored = ledger.funds.get(fund.id)
    assert (stored.purpose, stored.donor) == ("产业项目", "京东物流")  # nothing of ours saved
    assert stored.rev != before.rev
    qtbot.waitUntil(lambda: funds.model.record(0).donor == "京东物流", timeout=10_000)


def test_back_to_editing_keeps_the_form_and_a_later_save_is_compared_again(
    qtbot: Any, ledger: Ledger, other_pc: Ledger, fund: FundTransferRecord, funds: Any
) -> None:
    seen: dict[str, Any] = {}

    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        d.changed_panel.back_button.click()
        seen["panel"] = d.changed_panel.isVisible()
        seen["save enabled"] = d.buttons.button(d.buttons.StandardButton.Save).isEnabled()
        seen["typed"] = d.editors["purpose"].value()
        fill(d, purpose="耕地指标（补充）")
        save(d)  # still against the revision the form opened: refused, and shown again
        qtbot.waitUntil(d.changed_panel.isVisible, timeout=10_000)
        seen["again"] = d.changed_panel.rows()[1]
        d.reject()

    run_dialog(qtbot, funds.edit_selected, drive)

    assert seen["panel"] is False and seen["save enabled"] is True
    assert seen["typed"] == "耕地指标"
    assert seen["again"] == ("用途/项目", "产业项目", "耕地指标（补充）")
    assert ledger.funds.get(fund.id).purpose == "产业项目"


def test_the_choices_are_reached_from_the_keyboard(
    qtbot: Any, ledger: Ledger, other_pc: Ledger, fund: FundTransferRecord, funds: Any
) -> None:
    """Tab walks the choices in reading order, then the form; Alt+B is 返回继续编辑."""
    seen: dict[str, Any] = {}

    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        panel = d.changed_panel
        seen["names"] = panel.table.accessibleName()
        seen["mnemonics"] = [
            b.text() for b in (panel.overwrite_button, panel.discard_button, panel.back_button)
        ]
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        seen["before back"] = QApplication.focusWidget()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen["after back"] = QApplication.focusWidget()  # the first field, below the panel
        d.activateWindow()  # a mnemonic acts in the active window
        wait_for(lambda: QApplication.activeWindow() is d)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5_000)  # an animated click
        seen["focus after alt+b"] = QApplication.focusWidget()
        d.reject()

    [dialog] = run_dialog(qtbot, funds.edit_selected, drive)

    assert seen["names"] == "对方保存的值与您填写的值"
    assert seen["mnemonics"] == ["用我的内容覆盖(&O)", "放弃我的修改(&D)", "返回继续编辑(&B)"]
    assert seen["before back"] is dialog.changed_panel.discard_button
    assert seen["after back"] is dialog.editors["pairing_id"].combo
    assert seen["focus after alt+b"] is dialog.editors["pairing_id"].combo  # back in the form


def test_deleting_a_row_changed_since_the_list_was_read_asks_again(
    qtbot: Any,
    ledger: Ledger,
    other_pc: Ledger,
    fund: FundTransferRecord,
    funds: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pairtrack.ui import messages

    asked: list[str] = []
    replies = [True, False, True, True]  # 删除? yes; changed, still? no; then yes, yes

    def ask(_parent: Any, _title: str, text: str) -> bool:
        asked.append(text)  # a question beyond the four is answered 否 (and fails the count)
        return replies.pop(0) if replies else False

    monkeypatch.setattr(messages, "ask", ask)
    saved_elsewhere(other_pc, fund)  # after the page read the list

    funds.delete_selected()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    assert asked[1].startswith(f"「产业项目」在列表读取后已被 {engines.recorded(ledger, '乙')} 于 ")
    assert asked[1].endswith(" 修改（金额（万元）、出资单位）。仍要删除吗？")
    # 否: kept, and the page read the record as it is now
    qtbot.waitUntil(lambda: funds.model.record(0).donor == "京东物流", timeout=10_000)
    assert ledger.funds.count() == 1

    other_pc.funds.update(fund.id, voucher="冀财-13")  # and again, after the page read it
    funds.view.selectRow(0)
    funds.delete_selected()
    qtbot.waitUntil(lambda: ledger.funds.count() == 0, timeout=10_000)
    assert len(asked) == 4 and asked[3].endswith(" 修改（凭证号）。仍要删除吗？")


def test_undoing_an_edit_that_another_pc_changed_since_is_refused(
    qtbot: Any,
    ledger: Ledger,
    other_pc: Ledger,
    fund: FundTransferRecord,
    funds: Any,
    window: Any,
    answers: Answers,
) -> None:
    run_dialog(qtbot, funds.edit_selected, lambda d: (fill(d, purpose="耕地指标"), save(d)))
    assert ledger.funds.get(fund.id).purpose == "耕地指标"
    other_pc.funds.update(fund.id, donor="京东物流")  # after this window's edit

    undo(qtbot, window)

    assert answers.told and answers.told[-1].startswith("这条记录在您打开后已被 ")
    stored = ledger.funds.get(fund.id)
    assert (stored.purpose, stored.donor) == ("耕地指标", "京东物流")  # nothing overwritten
    assert window.undo_stack.canUndo()  # the step stays


def test_undoing_a_knowing_overwrite_puts_back_the_other_writers_version(
    qtbot: Any,
    ledger: Ledger,
    other_pc: Ledger,
    fund: FundTransferRecord,
    funds: Any,
    window: Any,
) -> None:
    def drive(d: RecordDialog) -> None:
        refused(qtbot, d, other_pc, fund)
        d.changed_panel.overwrite_button.click()  # confirmed: the scripted answer is 是
        wait_for(lambda: not d.saving)

    run_dialog(qtbot, funds.edit_selected, drive)
    assert ledger.funds.get(fund.id).donor == ""

    undo(qtbot, window)
    stored = ledger.funds.get(fund.id)
    assert (stored.amount_fen, stored.donor, stored.purpose) == (
        1_300_000_000,
        "京东物流",
        "产业项目",
    )
    redo(qtbot, window)
    assert ledger.funds.get(fund.id).purpose == "耕地指标"
