"""Merge conflicts in the window: 「冲突 N」 in the status bar, the 处理汇总冲突 dialog, and the
import preview's list of what each record becomes (DESIGN §7 "conflicts in the open").

Two office databases on disk: the zone (廊坊开发区) creates a fund, the city (the window's
database) receives it by package; both then change its amount, and the zone's next package
brings the city one conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pairtrack.tracker import conflicts
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.colours import warning
from pairtrack.ui.dialogs.conflicts import ConflictsDialog
from pairtrack.ui.dialogs.exchange import ImportDialog
from pairtrack.ui.worker import pool
from tests.exchange.test_offices import seed
from tests.ui.conftest import refreshed, run_dialog, wait_for

WAN = 10**6  # fen in 1 万元


class Offices:
    """The zone's database and the city's (the window's), and packages between them."""

    def __init__(self, city: Ledger, folder: Path) -> None:
        self.city, self.folder = city, folder
        self.zone = Ledger.open(folder / "zone.db")
        self.zone.set_settings(operator="张三", office_code="131002", office_name="廊坊开发区")
        self.ids = seed(self.zone)  # a pairing and the 820 万元 fund 耕地指标款
        self.sent = 0
        import_package(city, self.package())

    def package(self) -> Path:
        """The zone's package, as it is now."""
        self.sent += 1
        path = self.folder / f"zone-{self.sent}.pairtrack.zip"
        export_package(self.zone, path)
        return path

    def edit_both(self) -> Path:
        """Both offices change the amount (zone 825, city 830): the zone's package for it."""
        self.zone.funds.update(self.ids["fund"], amount_fen=825 * WAN)
        self.city.funds.update(self.ids["fund"], amount_fen=830 * WAN)
        return self.package()

    def amount(self) -> int:
        return self.city.funds.get(self.ids["fund"]).amount_fen


@pytest.fixture
def offices(ledger: Ledger, tmp_path: Path) -> Iterator[Offices]:
    both = Offices(ledger, tmp_path)
    yield both
    pool().waitForDone()
    both.zone.close()


@pytest.fixture
def conflicted(offices: Offices) -> Offices:
    """The city after importing the zone's concurrent edit: one open conflict."""
    report = import_package(offices.city, offices.edit_both())
    assert report.tables["fund_transfer"].conflicts == 1
    return offices


def open_window(qtbot: Any) -> Any:
    from pairtrack.ui.main_window import MainWindow
    from pairtrack.ui.ops import attached

    main = MainWindow(attached())
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def window_with_conflict(qtbot: Any, conflicted: Offices) -> Iterator[Any]:
    main = open_window(qtbot)
    yield main
    pool().waitForDone()
    main.close()


def open_dialog(qtbot: Any, window: Any, rows: int) -> ConflictsDialog:
    """Click 「冲突 N」 and wait for the dialog's list."""
    indicator = window.status_conflicts
    qtbot.waitUntil(lambda: indicator.isVisible(), timeout=10_000)
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.loading and len(dialog.rows) == rows, timeout=10_000)
    return dialog


def cells(dialog: ConflictsDialog, row: int) -> list[str]:
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def resolved(qtbot: Any, window: Any, dialog: ConflictsDialog) -> None:
    """Wait until the resolution is written, the list is read again and the indicator is off."""
    qtbot.waitUntil(
        lambda: not dialog.working and not dialog.loading and not dialog.rows, timeout=10_000
    )
    qtbot.waitUntil(lambda: not window.status_conflicts.isVisible(), timeout=10_000)


def amount_shown(page: Any, purpose: str) -> str:
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    amount, what = headers.index("金额（万元）"), headers.index("用途/项目")
    for row in range(model.rowCount()):
        if model.data(model.index(row, what)) == purpose:
            return str(model.data(model.index(row, amount)))
    return ""


def test_the_status_bar_shows_the_conflict_and_taking_theirs_resolves_it(
    qtbot: Any, window_with_conflict: Any, conflicted: Offices, answers: Any
) -> None:
    window = window_with_conflict
    funds = window.show_page("fund_transfer")
    qtbot.waitUntil(lambda: amount_shown(funds, "耕地指标款") == "830.00", timeout=10_000)
    qtbot.waitUntil(lambda: window.status_conflicts.isVisible(), timeout=10_000)
    assert window.status_conflicts.text() == "冲突 1"

    dialog = open_dialog(qtbot, window, rows=1)
    record, field, local, incoming, office, found = cells(dialog, 0)
    assert "耕地指标款" in record
    assert (field, local, incoming) == ("金额", "830.00万元", "825.00万元")
    assert "廊坊开发区" in office and found
    assert not dialog.take_button.isEnabled()  # nothing selected yet

    dialog.table.selectRow(0)
    assert dialog.take_button.isEnabled()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert answers.asked and "采用对方的值" in answers.asked[-1]  # asked first: no undo
    resolved(qtbot, window, dialog)

    assert conflicted.amount() == 825 * WAN
    assert conflicts.open_count(conflicted.city) == 0
    assert dialog.status.text() == "没有待处理的冲突。"
    # the fund page heard of the change through the bus and shows the new amount
    qtbot.waitUntil(lambda: amount_shown(funds, "耕地指标款") == "825.00", timeout=10_000)


def test_nothing_is_resolved_unless_confirmed_and_keeping_the_local_value_closes_it(
    qtbot: Any, window_with_conflict: Any, conflicted: Offices, answers: Any
) -> None:
    window = window_with_conflict
    dialog = open_dialog(qtbot, window, rows=1)
    dialog.table.selectRow(0)
    answers.reply = False
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert "保留本地值" in answers.asked[-1]
    assert not dialog.working
    pool().waitForDone()
    assert conflicts.open_count(conflicted.city) == 1

    answers.reply = True
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    # keeping the local value writes no record (only the conflict and the revision), and the
    # indicator still goes out
    resolved(qtbot, window, dialog)
    assert conflicted.amount() == 830 * WAN
    assert conflicts.open_count(conflicted.city) == 0


def test_a_typed_value_is_in_wan_and_becomes_the_record_s_value(
    qtbot: Any, window_with_conflict: Any, conflicted: Offices
) -> None:
    window = window_with_conflict
    dialog = open_dialog(qtbot, window, rows=1)
    assert not dialog.value.isEnabled()
    dialog.select(dialog.rows[0].id)
    assert dialog.value.isEnabled() and dialog.unit.text() == "万元"
    assert dialog.value.text() == "830"  # the local value as typed beside 万元
    dialog.value.setText("828")  # a bare number beside 万元 means 万元
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    resolved(qtbot, window, dialog)
    assert conflicted.amount() == 828 * WAN


def test_a_value_the_service_refuses_is_told_and_the_conflict_stays_open(
    qtbot: Any, window_with_conflict: Any, conflicted: Offices, answers: Any
) -> None:
    window = window_with_conflict
    dialog = open_dialog(qtbot, window, rows=1)
    dialog.table.selectRow(0)
    dialog.value.setText("0")  # a fund's amount must be above 0
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working and not dialog.loading, timeout=10_000)
    assert any("金额" in text and "大于 0" in text for text in answers.told)
    assert len(dialog.rows) == 1
    assert conflicts.open_count(conflicted.city) == 1
    assert conflicted.amount() == 830 * WAN
    assert window.status_conflicts.isVisible()


def test_the_menu_entry_opens_the_dialog(qtbot: Any, window_with_conflict: Any) -> None:
    window = window_with_conflict
    assert window.act_conflicts.shortcut().toString() == "Ctrl+Shift+K"
    window.act_conflicts.trigger()
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: len(dialog.rows) == 1, timeout=10_000)


def test_an_import_from_the_window_that_brings_a_conflict_lights_the_indicator(
    qtbot: Any, window: Any, offices: Offices, answers: Any
) -> None:
    indicator = window.status_conflicts
    qtbot.waitUntil(lambda: not indicator.loading, timeout=10_000)
    assert not indicator.isVisible()
    package = offices.edit_both()

    def import_it(dialog: Any) -> None:
        wait_for(lambda: dialog.import_button.isEnabled())
        dialog.import_button.click()

    run_dialog(qtbot, lambda: window.import_path(str(package)), import_it)
    qtbot.waitUntil(lambda: indicator.isVisible(), timeout=10_000)
    assert indicator.text() == "冲突 1"
    assert conflicts.open_count(offices.city) == 1

    # undoing the import (one step) takes its conflict with it, and the indicator goes out
    with qtbot.waitSignal(window.undo_stack.busy_changed, check_params_cb=lambda b: not b):
        window.act_undo.trigger()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=10_000)
    assert conflicts.open_count(offices.city) == 0


def test_the_import_preview_lists_the_conflicting_field_first_and_in_red(
    qtbot: Any, offices: Offices
) -> None:
    # the zone also renames the pairing's lead unit: a plain update, met before the fund
    offices.zone.pairings.update(offices.ids["pairing"], lead_unit="开发区对口帮扶办")
    package = offices.edit_both()
    dialog = ImportDialog(package)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)

    preview = dialog.preview
    assert preview.isVisible()
    first, second = preview.items()
    assert first.text(0).startswith("冲突") and "耕地指标款" in first.text(1)
    assert first.isExpanded()
    fields = {first.child(i).text(1): first.child(i) for i in range(first.childCount())}
    amount = fields["金额"]
    assert (amount.text(0), amount.text(2)) == ("冲突", "830.00万元")
    assert amount.text(3) == "825.00万元（冲突）"
    assert amount.foreground(3).color() == warning()
    assert "1 条有冲突" in preview.title.text()

    assert second.text(0) == "更新" and "结对" in second.text(1)
    lead = second.child(0)
    assert (lead.text(2), lead.text(3)) == ("（空）", "开发区对口帮扶办")
    assert lead.foreground(3).color() != warning()
    assert conflicts.open_count(offices.city) == 0  # a preview writes nothing


def test_a_workbook_preview_lists_its_new_records(
    qtbot: Any, ledger: Ledger, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "地区"
    workbook.active.append(["名称", "省", "市（州）", "级别"])
    workbook.active.append(["康保县", "河北省", "张家口市", "县（市）"])
    path = tmp_path / "regions.xlsx"
    workbook.save(path)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.table.item(0, 1).text() == "1"  # one region to add
    qtbot.waitUntil(dialog.preview.isVisible)
    assert [(i.text(0), i.text(1)) for i in dialog.preview.items()] == [("新增", "地区「康保县」")]


def test_a_money_target_is_shown_and_typed_in_wan(
    qtbot: Any, window: Any, offices: Offices, answers: Any
) -> None:
    zone, city, pairing = offices.zone, offices.city, offices.ids["pairing"]
    zone.targets.set(pairing, 2017, "fiscal_funds", "3200万")
    import_package(city, offices.package())
    zone.targets.set(pairing, 2017, "fiscal_funds", "3300万")
    city.targets.set(pairing, 2017, "fiscal_funds", "3400万")
    import_package(city, offices.package())
    refreshed(qtbot, window)  # written behind the window's back: F5 counts conflicts again

    dialog = open_dialog(qtbot, window, rows=1)
    _record, field, local, incoming, _office, _found = cells(dialog, 0)
    assert (field, local, incoming) == ("目标值", "3,400.00万元", "3,300.00万元")
    dialog.table.selectRow(0)
    assert dialog.unit.text() == "万元" and dialog.value.text() == "3400"
    dialog.value.setText("3350")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    resolved(qtbot, window, dialog)
    assert "超过了通常的上限" not in answers.asked[-1]
    [target] = city.targets.list(pairing_id=pairing, year=2017, indicator="fiscal_funds")
    assert target.value == 3350 * WAN


def test_a_deletion_against_an_edit_is_kept_or_taken_but_not_typed(
    qtbot: Any, window: Any, offices: Offices
) -> None:
    zone, city, fund = offices.zone, offices.city, offices.ids["fund"]
    zone.funds.delete(fund)
    city.funds.update(fund, purpose="耕地占补平衡指标款")
    import_package(city, offices.package())
    refreshed(qtbot, window)  # written behind the window's back: F5 counts conflicts again

    dialog = open_dialog(qtbot, window, rows=1)
    _record, field, local, incoming, _office, _found = cells(dialog, 0)
    assert (field, local) == ("删除状态", "未删除") and incoming.startswith("已删除")
    dialog.table.selectRow(0)
    assert dialog.take_button.isEnabled() and not dialog.change_button.isEnabled()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    resolved(qtbot, window, dialog)
    assert city.funds.get(fund, include_deleted=True).deleted_at is not None


def test_an_implausible_typed_amount_is_named_in_the_question(
    qtbot: Any, window: Any, offices: Offices, answers: Any
) -> None:
    zone, city, pairing = offices.zone, offices.city, offices.ids["pairing"]
    zone.targets.set(pairing, 2017, "fiscal_funds", "3200万")
    import_package(city, offices.package())
    zone.targets.set(pairing, 2017, "fiscal_funds", "3300万")
    city.targets.set(pairing, 2017, "fiscal_funds", "3400万")
    import_package(city, offices.package())
    refreshed(qtbot, window)

    dialog = open_dialog(qtbot, window, rows=1)
    dialog.table.selectRow(0)
    dialog.value.setText("3350000")  # 335 亿元: a unit typed wrong
    answers.reply = False
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert "3,350,000.00万元 超过了通常的上限" in answers.asked[-1]
    [target] = city.targets.list(pairing_id=pairing, year=2017, indicator="fiscal_funds")
    assert target.value == 3400 * WAN  # 否: nothing changed
