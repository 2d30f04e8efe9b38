"""File menu: backup and restore from the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tracker.ledger import Ledger


def test_backup_then_restore_from_the_window(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = ledger.regions.create(name="康保县", level="county")
    window.act_backup.trigger()
    assert answers.told and answers.told[-1].startswith("已备份到：")
    backup = Path(answers.told[-1].removeprefix("已备份到："))
    assert backup.exists()

    ledger.regions.delete(region.id)
    import ui.main_window as main_window

    monkeypatch.setattr(
        main_window.QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(backup), "")
    )
    with qtbot.waitSignal(window.open_requested) as reopened:
        window.act_restore.trigger()
    assert "当前数据会先自动备份" in answers.asked[-1]
    assert reopened.args == [str(ledger.path)]
    fresh = Ledger.open(ledger.path)
    try:
        assert not fresh.regions.get(region.id).deleted
    finally:
        fresh.close()


def test_restore_is_not_done_when_the_user_says_no(
    qtbot: Any, ledger: Ledger, window: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger.regions.create(name="康保县", level="county")
    window.act_backup.trigger()
    backup = Path(answers.told[-1].removeprefix("已备份到："))
    ledger.regions.create(name="阳原县", level="county")
    import ui.main_window as main_window

    monkeypatch.setattr(
        main_window.QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(backup), "")
    )
    answers.reply = False
    window.act_restore.trigger()
    assert ledger.regions.count() == 2
