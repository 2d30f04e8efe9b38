"""A form names every problem of a save at once, each next to its field, and puts the cursor
in the first of them (it used to name one per save, so a person fixed and saved, and again)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QApplication

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.dialogs.record import RecordDialog
from pairtrack.ui.dialogs.settings import SettingsDialog
from tests.ui.conftest import refreshed, run_dialog
from tests.ui.test_record_pages import fill, save


def shown_errors(dialog: RecordDialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}


def test_every_field_problem_of_a_fund_is_shown_at_once(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    zone = ledger.regions.create(name="廊坊开发区", level="zone")
    county = ledger.regions.create(name="康保县", level="county")
    ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="in_province", start_year=2017
    )
    refreshed(qtbot, window)
    funds = window.show_page("fund_transfer")
    seen: dict[str, str] = {}
    focus: list[Any] = []

    def drive(d: RecordDialog) -> None:
        # 资金年度 and 用途 left blank, an amount that is no amount, and 到位 before 拨付
        # (the pairing and kind are chosen: nothing is pre-filled for the user)
        fill(d, pairing_id="廊坊开发区→康保县", kind="财政援助资金", amount_fen="12.6千万",
             allocated_on=date(2017, 3, 1), arrived_on=date(2017, 2, 1))  # fmt: skip
        save(d)
        assert d.isVisible()
        seen.update(shown_errors(d))
        focus.append(QApplication.focusWidget())
        fill(d, budget_year="2017", amount_fen="12.6", purpose="产业项目",
             arrived_on=date(2017, 4, 1))  # fmt: skip
        save(d)  # all put right: saved in one go

    [dialog] = run_dialog(qtbot, funds.new_record, drive)
    assert set(seen) == {"budget_year", "amount_fen", "purpose", "arrived_on"}
    assert "资金年度" in seen["budget_year"] and "不能为空" in seen["budget_year"]
    assert "无法识别的金额" in seen["amount_fen"]
    assert "用途/项目" in seen["purpose"]
    assert "早于拨付日期" in seen["arrived_on"]
    assert focus == [dialog.editors["budget_year"].edit]  # the first in the form
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ledger.funds.count() == 1


def test_two_rules_broken_by_a_training_are_both_named(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    zone = ledger.regions.create(name="济南市", level="city")
    county = ledger.regions.create(name="湘西州", level="city")
    ledger.pairings.create(
        helper_id=zone.id, assisted_id=county.id, programme="east_west", start_year=2017
    )
    refreshed(qtbot, window)
    trainings = window.show_page("training")
    seen: dict[str, str] = {}

    def drive(d: RecordDialog) -> None:
        fill(d, pairing_id="济南市→湘西州", category="职业技能培训", title="农技培训",
             enrolled="30", completed="45",
             start_on=date(2017, 5, 10), end_on=date(2017, 5, 1))  # fmt: skip
        save(d)
        seen.update(shown_errors(d))
        d.reject()

    run_dialog(qtbot, trainings.new_record, drive)
    assert set(seen) == {"completed", "end_on"}
    assert "结业人数（45）不能多于报名人数（30）" in seen["completed"]
    assert "结业日期" in seen["end_on"]
    assert ledger.trainings.count(include_deleted=True) == 0


def test_the_settings_dialog_names_every_missing_field(qtbot: Any) -> None:
    dialog = SettingsDialog({}, first_run=True, empty=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.operator.setText("王敏")
    dialog.frame["brief_copies"].setText("六十")
    dialog.save()
    text = dialog.error.text()
    assert dialog.isVisible()
    for label in ("单位名称", "单位代码", "份数"):
        assert label in text, label
    assert "操作员" not in text
    assert dialog.office_name.hasFocus()
