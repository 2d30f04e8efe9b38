"""Both languages (issue 14): every string the window shows has an English translation in the
shipped catalogue; in English the window shows no Chinese but the data; in Chinese, Qt's own
buttons (是/否, 取消, 关闭) are Chinese too. (Choosing the language: test_language_choice.py.)"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import i18n
from pairtrack.ui.messages import ask as real_ask  # taken before the autouse fixture scripts it
from pairtrack.ui.messages import retry as real_retry
from tests.ui.conftest import refreshed

TOOL = Path(__file__).resolve().parents[2] / "tools" / "update_translations.py"
CJK = i18n.cjk()
PLACEHOLDER = i18n.PLACEHOLDER


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --- the catalogue ---------------------------------------------------------------------------


def test_every_string_of_the_window_has_an_english_translation_in_the_shipped_qm() -> None:
    tool = load_tool()
    found = tool.extract()
    assert found.problems == []  # every Chinese string of ui/ goes through tr() or noop()
    assert len(found.strings) > 800
    translator = QTranslator()
    assert translator.load(str(tool.CATALOGUES["en"].with_suffix(".qm")))
    wrong = []
    for source in found.strings:
        english = translator.translate(i18n.CONTEXT, source)
        placeholders = set(PLACEHOLDER.findall(source))
        if (
            not english.strip()
            or CJK.search(PLACEHOLDER.sub("", english))
            or set(PLACEHOLDER.findall(english)) != placeholders
        ):
            wrong.append((source, english))
    assert wrong == []


def test_the_catalogue_the_templates_and_the_qm_are_up_to_date_with_the_code() -> None:
    """What ``tools/update_translations.py --check`` says: nothing to add, drop or compile."""
    assert load_tool().update(check=True) == []


def test_the_extractor_reports_strings_the_catalogue_cannot_serve(tmp_path: Path) -> None:
    (tmp_path / "pairtrack" / "ui").mkdir(parents=True)
    (tmp_path / "pairtrack" / "ui" / "page.py").write_text(
        '"""页面说明：文档字符串不是界面文字。"""\n'
        "HEADERS = (noop('日期'), noop('文件'))\n"
        "PATTERN = r'[万亿]'  # i18n: not shown\n"
        "NO_KIND = tr('不导入')\n"
        "def build(n):\n"
        "    label = QLabel('未经翻译')\n"
        "    title = tr(f'第 {n} 页')\n"
        "    ok = tr('确定')\n",
        encoding="utf-8",
    )
    (tmp_path / "pairtrack" / "tracker").mkdir(parents=True)
    (tmp_path / "pairtrack" / "tracker" / "rules.py").write_text(
        "def check(f):\n"
        "    raise ValidationError(f.name, f'「{f.label}」不能为空')\n"
        "LABEL = '金额'\n"
        "DATE = r'(?P<y>[0-9]{4})年'\n",
        encoding="utf-8",
    )
    (tmp_path / "pairtrack" / "db").mkdir(parents=True)
    found = load_tool().extract(tmp_path)
    assert set(found.strings) == {"「{f.label}」不能为空", "文件", "日期", "确定", "金额", "不导入"}
    assert found.templates == {"「{f.label}」不能为空"}
    assert sorted(p.split(": ", 1)[1] for p in found.problems) == [
        "f-string with Chinese (use tr(…).format): 第 {n} 页",
        "not passed through tr()/noop(): 未经翻译",
        "tr() runs at import, before the language is set",
    ]
    assert any(p.startswith("pairtrack/ui/page.py:4: tr() runs at import") for p in found.problems)


# --- messages composed in tracker/ -----------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_tracker_messages_read_in_english_with_their_data_as_typed() -> None:
    cases = {
        "「金额」不能为空": "“Amount” must not be empty",
        "帮扶资金不能按「年度」筛选": "Funds cannot be filtered by “Year”",
        "行政区划代码 130723 已被「康保县」使用": (
            "Administrative division code 130723 is already used by “康保县”"
        ),
        "有3笔帮扶资金已拨付超过30天仍未到位，合计1234.5万元。": (
            "Fund transfers allocated more than 30 days ago and not arrived: 3, "
            "12,345,000 yuan in all."
        ),
        "金额 1.2亿元 超过了通常的上限 5,000.00万元，请核对单位是否正确": (
            "Amount 120,000,000 yuan is above the usual limit of 50,000,000 yuan; please check"
            " that the unit is right"
        ),
        "结对：廊坊开发区→康保县": "Pairing: 廊坊开发区→康保县",
        "no Chinese at all": "no Chinese at all",
    }
    for chinese, english in cases.items():
        assert i18n.tr_message(chinese) == english
    assert i18n.tr_message(ValueError("「金额」不能为空")) == "“Amount” must not be empty"


def test_in_chinese_messages_are_shown_as_tracker_wrote_them() -> None:
    assert i18n.current_language() == "zh_CN"
    assert i18n.tr_message("「金额」不能为空") == "「金额」不能为空"
    assert i18n.tr("总览") == "总览"


DATA_CHARACTERS = "甲乙丙丁戊庚辛壬癸号"  # no word of the catalogue is made of these
DATA = st.text(alphabet=DATA_CHARACTERS[:-1], min_size=1, max_size=5).map(lambda s: f"{s}号")


@pytest.mark.usefixtures("english")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_tracker_message_template_filled_with_data_leaves_only_the_data_in_chinese(
    data: Any,
) -> None:
    """Each message template of tracker/ (an f-string), its placeholders filled with values
    that are data (names the catalogue cannot know), reads in English but for those values.
    (Where two placeholders touch, which characters went to which is a guess: the check is
    on the characters, not on where they went.)"""
    template = data.draw(st.sampled_from(i18n.templates()))
    message = template.source
    for token in template.placeholders:
        message = message.replace(token, data.draw(DATA, label=token))
    english = i18n.tr_message(message)
    assert not CJK.search(re.sub(f"[{DATA_CHARACTERS}]", "", english)), (message, english)


# --- the window in English -------------------------------------------------------------------


def widget_texts(root: QWidget) -> list[str]:
    """Every text a person can see or hear in ``root``: labels, buttons, menus, items,
    headers, cells, placeholders, tooltips, accessible names and titles."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QSpinBox):
            texts += [widget.prefix(), widget.suffix(), widget.text()]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        for action in widget.actions():
            texts += [action.text(), action.toolTip()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
        chart = getattr(widget, "chart", None)
        if callable(chart) and chart() is not None:
            texts.append(chart().title())
            texts += [series.name() for series in chart().series()]
            for axis in chart().axes():
                texts += list(getattr(axis, "categories", list)())
    return [t for t in texts if t]


def model_texts(model: Any) -> list[str]:
    root = QModelIndex()
    rows = model.rowCount(root)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(rows, 200)):
        for column in range(columns):
            index = model.index(row, column, root)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def data_strings(ledger: Ledger) -> list[str]:
    """What people typed (names, titles, purposes, the office's name): shown as typed in
    either language. Longest first, so that a name inside a longer one goes with it."""
    found: set[str] = set(ledger.settings().values())
    for service in ledger.services.all():
        for record in service.rows(service.ids(include_deleted=True)):
            values = (getattr(record, f.name) for f in dataclasses.fields(record))
            found.update(v for v in values if isinstance(v, str))
    found.update(i18n.LANGUAGES.values())  # 中文 in the language choice, in its own language
    return sorted((s for s in found if CJK.search(s)), key=len, reverse=True)


def chinese_left(texts: list[str], data: list[str]) -> list[str]:
    """The texts that still hold Chinese once every piece of data is taken out."""
    left = []
    for text in texts:
        rest = text
        for value in data:
            rest = rest.replace(value, "")
        if CJK.search(rest):
            left.append(text)
    return sorted(set(left))


@pytest.mark.sqlite_only("opens the backups dialog of the ledger's file")
def test_in_english_the_window_its_pages_and_dialogs_show_no_chinese_but_data(
    qtbot: Any, english: None, demo_ledger: Ledger, window: Any
) -> None:
    from pairtrack.ui.crash import CrashDialog
    from pairtrack.ui.dialogs.backups import BackupsDialog
    from pairtrack.ui.dialogs.brief import BriefDialog
    from pairtrack.ui.dialogs.export import ExportDialog
    from pairtrack.ui.dialogs.history import HistoryDialog
    from pairtrack.ui.dialogs.imports import ImportsDialog
    from pairtrack.ui.dialogs.record import RecordDialog
    from pairtrack.ui.dialogs.settings import SettingsDialog
    from pairtrack.ui.main_window import NAVIGATION

    assert window.windowTitle() == "PairTrack paired-assistance ledger"  # built in English
    refreshed(qtbot, window)
    dashboard = window.page("dashboard")
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):  # type: ignore[attr-defined]
        dashboard.picker.set_period(2017, 11)  # type: ignore[attr-defined]
    texts = widget_texts(window)
    for row, (key, *_rest) in enumerate(NAVIGATION[1:], start=1):
        window.nav.setCurrentRow(row)
        page: Any = window.page(key)
        if key == "target":
            with qtbot.waitSignal(page.loaded, timeout=10_000):
                page.year.setValue(2017)
        else:
            qtbot.waitUntil(lambda p=page: not p._busy and p.model.rowCount() > 0)
        texts += widget_texts(page)
    for menu in window.menuBar().findChildren(QMenu):
        texts += [menu.title(), *(a.text() for a in menu.actions())]
    texts += [window.status_db.text(), window.status_operator.text(), window.undo_stack.undoText()]

    fund = window.show_page("fund_transfer")
    dialogs: list[QDialog] = [
        RecordDialog(fund.service, window.lookups, parent=window),  # type: ignore[attr-defined]
        SettingsDialog(demo_ledger.settings(), first_run=True, empty=True, parent=window),
        ExportDialog(window),
        BriefDialog(window.lookups, window),
        BackupsDialog(demo_ledger.path, window),
        ImportsDialog(window),
    ]
    for dialog in dialogs:
        dialog.show()
        if hasattr(dialog, "loaded"):
            qtbot.waitUntil(lambda d=dialog: d.loaded is True)
        texts += widget_texts(dialog)
        dialog.reject()
    fund_id = demo_ledger.funds.ids()[0]
    history = HistoryDialog("fund_transfer", fund_id, "x", window.lookups, window)
    with qtbot.waitSignal(history.loaded, timeout=10_000):
        history.show()
    history.tree.expandAll()
    texts += widget_texts(history)
    history.reject()
    try:
        raise ValueError("an error no one expected")
    except ValueError as exc:
        crash = CrashDialog((ValueError, exc, exc.__traceback__), window)
    crash.show()
    texts += [t for t in widget_texts(crash) if "Traceback" not in t]  # Python's own words
    crash.reject()
    assert len(texts) > 500
    assert chinese_left(texts, data_strings(demo_ledger)) == []
    assert "Overview" in texts and "Funds" in texts and "Delete" in texts


def test_in_english_an_import_with_errors_says_what_is_wrong_in_english(
    qtbot: Any, english: None, demo_ledger: Ledger, tmp_path: Path
) -> None:
    """The reader's problems (tracker's messages, sheet / row / column / reason) in English;
    the sheet, headers and cells stay as the office wrote them."""
    from openpyxl import Workbook

    from pairtrack.ui.dialogs.exchange import ImportDialog

    rows = [
        ["结对关系", "资金年度", "资金类别", "金额（万元）", "用途/项目", "拨付日期"],
        ["不存在→康保县", 2017, "财政援助资金", 1, "某项目", "2017-01-01"],
        ["廊坊开发区→康保县", 2017, "财政援助资金", "12.6千万", "某项目", "2017-13-01"],
    ]
    workbook = Workbook()
    workbook.active.title = "帮扶资金"
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    problems = dialog.problems.toPlainText()
    assert "row 2" in problems and "row 3" in problems
    typed = [str(cell) for row in rows for cell in row] + ["帮扶资金", "不存在"]  # 不存在→
    data = sorted({*typed, *data_strings(demo_ledger)}, key=len, reverse=True)
    texts = widget_texts(dialog) + problems.splitlines()
    assert chinese_left(texts, data) == []


def test_the_walk_finds_chinese_in_the_chinese_window(
    qtbot: Any, demo_ledger: Ledger, window: Any
) -> None:
    """The English test could not pass by walking too little: the same walk over the same
    window in Chinese finds words that are not data."""
    refreshed(qtbot, window)
    left = chinese_left(widget_texts(window), data_strings(demo_ledger))
    assert "总览" in left and "删除" in left


# --- Qt's own strings in Chinese -------------------------------------------------------------


def answer_the_next_box(click: str) -> tuple[list[str], QTimer]:
    """Watch for the next modal message box: note its button texts, then click ``click``.
    (Keep the timer: it watches while the box's own event loop runs.)"""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            seen.extend(b.text() for b in box.buttons())
            next(b for b in box.buttons() if b.text() == click).click()

    timer.timeout.connect(look)
    timer.start()
    return seen, timer


def test_in_chinese_qt_s_own_buttons_are_chinese(qtbot: Any, tmp_path: Path) -> None:
    seen, _watch = answer_the_next_box("否(&N)")
    assert real_ask(None, "删除", "确定删除选中的 1 条帮扶资金记录吗？") is False
    assert sorted(seen) == ["否(&N)", "是(&Y)"]
    seen, _watch = answer_the_next_box("取消")
    assert real_retry(None, "数据库忙", "要再试一次吗？") is False
    assert sorted(seen) == ["取消", "重试"]

    from pairtrack.ui.dialogs.backups import BackupsDialog
    from pairtrack.ui.dialogs.export import ExportDialog

    for dialog in (ExportDialog(), BackupsDialog(tmp_path / "x.db")):
        qtbot.addWidget(dialog)
        box = dialog.findChild(QDialogButtonBox)
        texts = {b.text() for b in box.buttons()}
        assert texts & {"取消", "关闭"} and not any(re.search("[A-Za-z]{2}", t) for t in texts)


def test_in_chinese_qt_s_file_dialog_is_chinese(qtbot: Any, tmp_path: Path) -> None:
    """Qt's own dialog (where the system has no native one); Qt's catalogue lacks two of its
    labels, which qt_extra_zh_CN supplies."""
    files = QFileDialog(None, "打开数据库", str(tmp_path))
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    labels = [w.text() for kind in (QLabel, QAbstractButton) for w in files.findChildren(kind)]
    assert "文件名称(&N)：" in labels and "查找范围(&L)：" in labels
    assert not [t for t in labels if re.search("[A-Za-z]{2}", t.replace("&", ""))]
