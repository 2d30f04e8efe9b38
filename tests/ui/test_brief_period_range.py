"""The brief window refuses a custom range across New Year with the one Chinese message
(DESIGN §6: a custom period may not cross a year boundary), and writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from pairtrack.tracker.ledger import Ledger
from tests.ui.test_brief_dialog import OPEN, close_dialogs, open_dialog  # noqa: F401


def test_a_range_across_new_year_is_refused_with_a_message(
    qtbot: Any, demo_ledger: Ledger, answers: Any
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    picker = dialog.picker
    picker.kind.setCurrentIndex(picker.kind.findData("range"))
    picker.start.set_date(date(2017, 12, 1))
    picker.end.set_date(date(2018, 1, 31))
    assert "不能跨年" in dialog.status.text()  # said as soon as the range is chosen
    dialog.generate.click()
    assert len(answers.told) == 1 and "不能跨年" in answers.told[0]
    assert dialog.document.pageCount() == 0  # nothing generated
