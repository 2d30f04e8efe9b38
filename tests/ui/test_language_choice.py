"""The language is chosen in 单位与操作员 and applies at the next start; an install without
the English catalogue stays Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from pairtrack.ui import i18n


def test_english_chosen_in_the_settings_dialog_is_the_language_of_the_next_start(
    qtbot: Any, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pairtrack.ui.dialogs.settings import SettingsDialog

    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    assert i18n.chosen_language() == "zh_CN"  # nothing chosen yet: Chinese
    settings = {"office_name": "测试办公室", "office_code": "131001", "operator": "测试员"}
    dialog = SettingsDialog(settings, first_run=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.language.currentText() == "中文" and not dialog.language_note.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_note.isVisible()  # 重新启动 PairTrack 后生效
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    # the language is the user's, kept in QSettings, not the ledger's
    assert "language" not in dialog.values and dialog.values.items() >= settings.items()
    assert QSettings().value(i18n.SETTING) == "en"
    assert i18n.chosen_language() == "en"
    try:  # what create_app does at the next start
        assert i18n.install_translators(qapp, i18n.chosen_language()) == "en"
        assert i18n.tr("总览") == "Overview"
    finally:
        i18n.install_translators(qapp, "zh_CN")
    monkeypatch.setenv(i18n.ENVIRONMENT, "zh_CN")
    assert i18n.chosen_language() == "zh_CN"  # the environment wins (screenshots, tests)


def test_a_missing_catalogue_leaves_the_window_in_chinese(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)  # an install without the .qm
    try:
        assert i18n.install_translators(qapp, "en") == "zh_CN"
        assert i18n.current_language() == "zh_CN" and i18n.tr("总览") == "总览"
    finally:
        monkeypatch.undo()
        i18n.install_translators(qapp, "zh_CN")
    assert i18n.normalise("en_GB") == "en" and i18n.normalise("zh-Hans") == "zh_CN"
    assert i18n.normalise("fr_FR") == "zh_CN"  # a language there is no catalogue for
