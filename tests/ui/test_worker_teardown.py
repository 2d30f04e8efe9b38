"""A dialog closed while its job's answer is on the way: the answer is dropped or shown, and
nothing crashes. pytest-qt closes the widgets of every test this way (close, deleteLater);
with the job's handle deleted later as well, Qt aborted in ~QObject ("shared QObject was
deleted directly") when both deferred deletes ran in one pass of the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_the_backups_list_may_still_be_loading_when_the_test_closes_its_dialogs(
    qtbot: Any, tmp_path: Path
) -> None:
    from pairtrack.ui.dialogs.backups import BackupsDialog
    from pairtrack.ui.dialogs.export import ExportDialog

    loading = BackupsDialog(tmp_path / "pairtrack.db")  # its list is read in the worker
    qtbot.addWidget(loading)
    other = ExportDialog()  # while this is built, the list arrives, queued
    qtbot.addWidget(other)
    assert not loading.loaded  # the teardown (not this test) delivers it, as it deletes both
