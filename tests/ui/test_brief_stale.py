"""A brief preview made for one period and scope is not saved, opened or printed once the
choice on the left has changed (it used to stay, with 保存 active, as if it were the new one):
it is marked out of date until generated again, and current again if the choice returns."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from pairtrack.tracker.ledger import Ledger
from tests.ui.test_brief_dialog import OPEN, close_dialogs, generate, open_dialog  # noqa: F401


def actions_enabled(dialog: Any) -> list[bool]:
    return [b.isEnabled() for b in (dialog.save_button, dialog.open_button, dialog.print_button)]


def test_a_changed_period_or_scope_makes_the_preview_stale_until_generated_again(
    qtbot: Any, demo_ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.show()
    generate(qtbot, dialog)
    assert actions_enabled(dialog) == [True, True, True] and not dialog.stale.isVisible()

    with qtbot.waitSignal(dialog.texts_loaded, timeout=10_000):
        dialog.picker.set_period(2017, 9)
    assert actions_enabled(dialog) == [False, False, False]
    assert dialog.stale.isVisible() and "重新生成" in dialog.stale.text()
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append("asked"), ("", ""))[1]
    )
    dialog.save_as()  # a shortcut or a late click: nothing is offered for saving
    assert asked == []

    with qtbot.waitSignal(dialog.texts_loaded, timeout=10_000):
        dialog.picker.set_period(2017, 11)  # back to what the preview shows
    assert actions_enabled(dialog) == [True, True, True] and not dialog.stale.isVisible()

    scope = dialog.picker.scope
    with qtbot.waitSignal(dialog.texts_loaded, timeout=10_000):
        scope.setCurrentIndex(scope.findText("受援方：康保县"))
    assert actions_enabled(dialog) == [False, False, False] and dialog.stale.isVisible()

    generate_again = dialog.document.pageCount()
    dialog.generate.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.is_current(), timeout=60_000)
    assert generate_again > 0
    assert actions_enabled(dialog) == [True, True, True] and not dialog.stale.isVisible()
    dialog.reject()  # closed while the ledger is open: the texts it keeps are written


def test_the_appendix_or_the_texts_changed_also_make_it_stale(
    qtbot: Any, demo_ledger: Ledger
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.show()
    generate(qtbot, dialog)
    dialog.appendix.setChecked(True)
    assert not dialog.save_button.isEnabled()
    dialog.appendix.setChecked(False)
    assert dialog.save_button.isEnabled()
    dialog.next_steps.setPlainText("另行部署")
    assert not dialog.save_button.isEnabled() and dialog.stale.isVisible()
    dialog.reject()
