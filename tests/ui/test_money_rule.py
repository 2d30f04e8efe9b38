"""The record form and the target grid read money by the one rule (tests/money_cases.py, the
same table the ledger import is tested with); money fields show their unit; amounts above the
plausibility bound of their kind are saved only once confirmed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.record import RecordDialog
from tests.money_cases import ACCEPTED, REFUSED
from tests.ui.conftest import refreshed, run_dialog
from tests.ui.test_record_pages import fill, loaded, save


@pytest.fixture
def funds_page(qtbot: Any, ledger: Ledger, window: Any) -> Any:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    refreshed(qtbot, window)
    return window.show_page("fund_transfer")


def new_fund(qtbot: Any, page: Any, amount: str) -> RecordDialog:
    """Fill a new fund transfer with ``amount`` typed beside its unit and press 保存."""

    def drive(d: RecordDialog) -> None:
        assert d.editors["amount_fen"].findChild(QLabel, "unit").text() == "万元"
        fill(d, pairing_id="廊坊开发区→康保县", kind="财政援助资金", budget_year="2017",
             amount_fen=amount, purpose="金额规则")  # fmt: skip
        d.editors["allocated_on"].set_value(date(2017, 3, 1))
        save(d)
        if d.isVisible():
            d.reject()

    [dialog] = run_dialog(qtbot, page.new_record, drive)
    return dialog


@pytest.mark.parametrize(("text", "fen"), ACCEPTED)
def test_the_form_saves_the_table(
    qtbot: Any, ledger: Ledger, funds_page: Any, answers: Any, text: str, fen: int
) -> None:
    dialog = new_fund(qtbot, funds_page, text)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.errors["amount_fen"].text()
    [fund] = ledger.funds.list()
    assert fund.amount_fen == fen
    assert answers.asked == []  # none of these is implausible


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_the_form_refuses_what_the_table_refuses(
    qtbot: Any, ledger: Ledger, funds_page: Any, text: str, fragment: str
) -> None:
    shown: list[str] = []

    def drive(d: RecordDialog) -> None:
        fill(d, pairing_id="廊坊开发区→康保县", kind="财政援助资金", budget_year="2017",
             amount_fen=text, purpose="金额规则")  # fmt: skip
        d.editors["allocated_on"].set_value(date(2017, 3, 1))
        save(d)
        assert d.isVisible() and d.errors["amount_fen"].isVisible()
        shown.append(d.errors["amount_fen"].text())
        assert d.editors["amount_fen"].value() == text  # the input stays as typed
        d.reject()

    run_dialog(qtbot, funds_page.new_record, drive)
    assert fragment in shown[0]
    assert ledger.funds.count(include_deleted=True) == 0


def test_an_edited_amount_is_shown_in_the_unit_beside_it(
    qtbot: Any, ledger: Ledger, funds_page: Any
) -> None:
    new_fund(qtbot, funds_page, "12.6")
    loaded(qtbot, funds_page, 1)
    funds_page.view.selectRow(0)
    seen: list[str] = []

    def drive(d: RecordDialog) -> None:
        seen.append(d.editors["amount_fen"].value())
        save(d)  # saved unchanged: the shown text reads back as the same amount

    run_dialog(qtbot, funds_page.edit_selected, drive)
    assert seen == ["12.6"]
    assert ledger.funds.list()[0].amount_fen == 12_600_000


def test_an_implausible_amount_needs_a_confirmation(
    qtbot: Any, ledger: Ledger, funds_page: Any, answers: Any
) -> None:
    answers.reply = False  # 否: the form stays open, nothing saved
    dialog = new_fund(qtbot, funds_page, "200000")  # 20 亿元 in one transfer
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert len(answers.asked) == 1 and "200,000.00万元" in answers.asked[0]
    assert ledger.funds.count(include_deleted=True) == 0

    answers.reply = True
    dialog = new_fund(qtbot, funds_page, "200000")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ledger.funds.list()[0].amount_fen == 200_000 * 1_000_000

    answers.asked.clear()
    new_fund(qtbot, funds_page, "10亿")  # at the bound: no question
    assert answers.asked == []


# --- the target grid ---------------------------------------------------------------------


def grid_cell(qtbot: Any, window: Any) -> tuple[Any, Any, Any]:
    page = window.show_page("target")
    with qtbot.waitSignal(page.loaded):
        page.year.setValue(2017)
    model = page.model
    fiscal = list(model.grid.indicators).index("fiscal_funds")
    return page, model, model.index(0, fiscal)


def grid_value(ledger: Ledger) -> int | None:
    found = ledger.targets.list(year=2017, indicator="fiscal_funds")
    return found[0].value if found else None


@pytest.mark.parametrize(("text", "fen"), ACCEPTED)
def test_the_grid_saves_the_table(
    qtbot: Any, ledger: Ledger, funds_page: Any, window: Any, text: str, fen: int
) -> None:
    page, model, index = grid_cell(qtbot, window)
    with qtbot.waitSignal(page.loaded):
        assert model.setData(index, text)
    assert grid_value(ledger) == fen


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_the_grid_refuses_what_the_table_refuses(
    qtbot: Any, ledger: Ledger, funds_page: Any, window: Any, answers: Any, text: str, fragment: str
) -> None:
    _page, model, index = grid_cell(qtbot, window)
    with qtbot.waitSignal(model.failed):
        model.setData(index, text)
    assert answers.told and fragment in answers.told[-1]
    assert grid_value(ledger) is None


def test_the_grid_asks_before_an_implausible_target(
    qtbot: Any, ledger: Ledger, funds_page: Any, window: Any, answers: Any
) -> None:
    page, model, index = grid_cell(qtbot, window)
    answers.reply = False
    assert not model.setData(index, "200亿")
    assert len(answers.asked) == 1 and "2,000,000.00万元" in answers.asked[0]
    assert grid_value(ledger) is None
    answers.reply = True
    with qtbot.waitSignal(page.loaded):
        assert model.setData(index, "200亿")
    assert grid_value(ledger) == 200 * 10**10


@pytest.mark.parametrize(("typed", "fen"), [("12.6", 12_600_000), ("¥800", 80_000)])
def test_in_english_the_unit_beside_the_field_is_english_and_a_bare_number_means_it(
    qtbot: Any, english: None, ledger: Ledger, funds_page: Any, typed: str, fen: int
) -> None:
    """Before: the English form said "10k yuan", which reads as a label, not as what 12.6
    is multiplied by, and its hint gave no way to type yuan. The stored 分 are the same in
    both languages: 12.6 beside ×10k yuan is 126,000 yuan."""
    from pairtrack.ui.i18n import cjk

    def drive(d: RecordDialog) -> None:
        amount = d.editors["amount_fen"]
        assert amount.findChild(QLabel, "unit").text() == "×10k yuan"
        assert amount.edit.accessibleDescription() == "Unit: ×10k yuan"
        assert "¥800" in amount.edit.placeholderText()
        labels = [w.text() for w in d.findChildren(QLabel) if w.isVisibleTo(d)]
        assert [t for t in labels if cjk().search(t)] == []  # nothing Chinese but data
        fill(d, pairing_id="廊坊开发区→康保县", kind="Fiscal assistance funds",
             budget_year="2017", amount_fen=typed, purpose="unit rule")  # fmt: skip
        d.editors["allocated_on"].set_value(date(2017, 3, 1))
        save(d)
        if d.isVisible():
            d.reject()

    [dialog] = run_dialog(qtbot, funds_page.new_record, drive)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.errors["amount_fen"].text()
    [fund] = ledger.funds.list()
    assert fund.amount_fen == fen
