"""The region form picks from the national code table: type, choose, the form is filled, save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.services.geography import RegionService
from pairtrack.ui.dialogs.record import RecordDialog
from tests.ui.conftest import wait_for


def open_form(qtbot: Any, lookups: Any, record: Any = None) -> RecordDialog:
    dialog = RecordDialog(RegionService, lookups, record=record)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def offered(dialog: RecordDialog) -> list[str]:
    popup = dialog.region_picker.completer.popup()  # type: ignore[union-attr]
    if not popup.isVisible():
        return []
    model = popup.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose(qtbot: Any, dialog: RecordDialog, fragment: str) -> None:
    """Pick the offered line containing ``fragment`` with the keyboard, as a user would."""
    popup = dialog.region_picker.completer.popup()  # type: ignore[union-attr]
    qtbot.waitUntil(popup.isVisible)
    rows = [row for row, text in enumerate(offered(dialog)) if fragment in text]
    assert rows, (fragment, offered(dialog))
    popup.setCurrentIndex(popup.model().index(rows[0], 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())


def text_of(dialog: RecordDialog, field: str) -> Any:
    return dialog.editors[field].value()


def test_type_a_name_choose_it_and_save_the_region_with_its_code(
    qtbot: Any, ledger: Ledger, lookups: Any
) -> None:
    dialog = open_form(qtbot, lookups)
    dialog.editors["name"].edit.setText("新华区")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(offered(dialog)) >= 2)
    lines = offered(dialog)
    assert any("河北省 石家庄市（130105）" in line for line in lines)
    assert any("河北省 沧州市（130902）" in line for line in lines)

    choose(qtbot, dialog, "沧州市")
    assert text_of(dialog, "name") == "新华区"
    assert text_of(dialog, "code") == "130902"
    assert text_of(dialog, "province") == "河北省"
    assert text_of(dialog, "city") == "沧州市"
    assert text_of(dialog, "level") == "district"
    assert "河北省 沧州市 新华区" in dialog.region_picker.note.text()  # type: ignore[union-attr]

    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    wait_for(lambda: dialog.saved is not None or dialog.general_error.isVisible())
    assert dialog.saved is not None, dialog.general_error.text()
    stored = ledger.regions.find("130902")
    assert (stored.name, stored.province, stored.city, stored.level) == (
        "新华区",
        "河北省",
        "沧州市",
        "district",
    )


def test_a_short_form_finds_the_place_and_an_old_code_is_flagged(
    qtbot: Any, ledger: Ledger, lookups: Any
) -> None:
    dialog = open_form(qtbot, lookups)
    dialog.editors["name"].edit.setText("湘西州")  # type: ignore[attr-defined]
    choose(qtbot, dialog, "433100")
    assert (text_of(dialog, "name"), text_of(dialog, "level")) == ("湘西土家族苗族自治州", "city")

    dialog.editors["name"].edit.setText("武隆")  # type: ignore[attr-defined]
    choose(qtbot, dialog, "500232")
    assert (text_of(dialog, "name"), text_of(dialog, "code")) == ("武隆县", "500232")
    assert text_of(dialog, "city") == ""  # a municipality's county has no city
    note = dialog.region_picker.note.text()  # type: ignore[union-attr]
    assert "2016 年起停用" in note and "500156" in note


def test_opening_a_stored_region_offers_nothing_until_typing(
    qtbot: Any, ledger: Ledger, lookups: Any
) -> None:
    made = ledger.regions.create(name="康保县", level="county", code="130723")
    dialog = open_form(qtbot, lookups, record=made)
    assert offered(dialog) == []
    assert dialog.region_picker.note.text() == "河北省 张家口市 康保县"  # type: ignore[union-attr]
    dialog.editors["code"].edit.setText("999999")  # type: ignore[attr-defined]
    assert "没有" in dialog.region_picker.note.text()  # type: ignore[union-attr]


def test_a_code_the_table_does_not_know_is_shown_next_to_the_code_field(
    qtbot: Any, ledger: Ledger, lookups: Any
) -> None:
    dialog = open_form(qtbot, lookups)
    dialog.editors["name"].edit.setText("某县")  # type: ignore[attr-defined]
    dialog.editors["code"].edit.setText("139999")  # type: ignore[attr-defined]
    dialog.save()
    wait_for(lambda: not dialog.saving)
    assert dialog.saved is None
    assert dialog.errors["code"].isVisibleTo(dialog)
    assert "不在国家行政区划代码表中" in dialog.errors["code"].text()
    assert ledger.regions.count(include_deleted=True) == 0


def test_a_code_typed_by_hand_fills_the_blank_fields_and_the_level(
    qtbot: Any, ledger: Ledger, lookups: Any
) -> None:
    dialog = open_form(qtbot, lookups)
    dialog.editors["name"].edit.setText("康保")  # type: ignore[attr-defined]
    dialog.editors["code"].edit.setText("130723")  # type: ignore[attr-defined]
    assert text_of(dialog, "name") == "康保"  # typed by the user: kept (a short form)
    assert (text_of(dialog, "province"), text_of(dialog, "city")) == ("河北省", "张家口市")
    assert text_of(dialog, "level") == "county"  # the form starts at 省, of another tier
    dialog.save()
    wait_for(lambda: not dialog.saving)
    assert dialog.saved is not None, dialog.general_error.text()
    assert ledger.regions.find("130723").name == "康保"
