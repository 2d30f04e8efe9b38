"""Accessibility (issue 14): every control of every page and dialog has an accessible name
(editors from the label beside them), and Tab reaches every control, in the order a person
reads them (top to bottom; left to right within a row; a column to the right after the one
on the left)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QScrollBar,
    QWidget,
)

from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.accessible import COMPOSITES, is_editor
from pairtrack.ui.worker import pool
from tests.exchange.ledger_shapes import save_rows


def inside_composite(widget: QWidget, top: QWidget) -> bool:
    """Part of a spin box, combo box or calendar: the composite is the control."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (*COMPOSITES, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


def controls(top: QWidget) -> list[QWidget]:
    """Every control under ``top``: editors (shown or not: a period's fields come and go) and
    whatever else Tab can stop at."""
    found = []
    for widget in top.findChildren(QWidget):
        if isinstance(widget, QScrollBar) or inside_composite(widget, top):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue  # the area itself is the control
        if widget.focusProxy() is not None:
            continue  # Tab stops at the proxy
        if widget.window() is not top:  # a popup or another window
            continue
        tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if is_editor(widget) or tab:
            found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    if is_editor(widget):
        # set explicitly: Qt's fallback for a combo box is its current item, not a name
        return widget.accessibleName().strip()
    interface = QAccessible.queryAccessibleInterface(widget)
    derived = "" if interface is None else interface.text(QAccessible.Text.Name).strip()
    return widget.accessibleName().strip() or derived  # a button is named by its text


def describe(widget: QWidget) -> str:
    parent = widget.parentWidget()
    inside = f" in {type(parent).__name__}({parent.objectName()})" if parent is not None else ""
    return f"{type(widget).__name__}({widget.objectName() or '?'}){inside}"


def unnamed(top: QWidget) -> list[str]:
    return [describe(w) for w in controls(top) if not accessible_name(w)]


def reachable(top: QWidget) -> list[QWidget]:
    return [
        w for w in controls(top)
        if w.isVisibleTo(top) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]  # fmt: skip


def tab_walk(qtbot: Any, top: QWidget, first: QWidget) -> list[QWidget]:
    """The controls Tab visits from ``first`` until it comes back to it."""
    top.activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=20_000)
    visited: list[QWidget] = []
    stay = 0  # Tabs a control keeps for itself: a date edit moves year → month → day
    for _ in range(300):
        focused = QApplication.focusWidget()
        assert focused is not None, "Tab lost the focus after " + describe(visited[-1])
        if visited and focused is visited[0]:
            return visited
        if visited and focused is visited[-1]:
            stay += 1
            assert stay < 5, "Tab does not leave " + describe(focused)
        else:
            assert focused not in visited, "Tab is caught in a loop at " + describe(focused)
            visited.append(focused)
            stay = 0
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came back: " + " → ".join(map(describe, visited[-5:])))


def area(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def reads_before(b: QRect, a: QRect) -> bool:
    """``b`` comes before ``a`` in reading order: above it in the same column, or left of it
    in the same row."""
    above = b.bottom() < a.top() and b.left() < a.right() and a.left() < b.right()
    same_row = b.top() < a.bottom() and a.top() < b.bottom()
    return above or (same_row and b.right() < a.left())


def check_keyboard(qtbot: Any, top: QWidget, first: QWidget | None = None) -> list[QWidget]:
    """Names on every control, and Tab through every reachable one in reading order."""
    assert unnamed(top) == []
    expected = reachable(top)
    # from the control a reader meets first, so that the one step back is Tab's wrap at the end
    start = first or min(expected, key=lambda w: (area(w, top).top(), area(w, top).left()))
    visited = tab_walk(qtbot, top, start)
    missing = [describe(w) for w in expected if w not in visited]
    assert missing == [], "not reachable by Tab"
    for a, b in itertools.pairwise(visited):
        ra, rb = area(a, top), area(b, top)
        assert not reads_before(rb, ra), f"Tab goes back from {describe(a)} to {describe(b)}"
    return visited


@pytest.fixture
def shown() -> Iterator[Callable[[QWidget], QWidget]]:
    """Show a dialog (not modal: the test drives it) and close it afterwards."""
    opened: list[QWidget] = []

    def show(widget: QWidget) -> QWidget:
        opened.append(widget)
        widget.show()
        return widget

    yield show
    pool().waitForDone()
    for widget in opened:
        widget.close()
        widget.deleteLater()


# --- pages -------------------------------------------------------------------------------

PAGES = ["dashboard", *(k.table for k in sorted(KINDS, key=lambda k: k.nav))]


@pytest.mark.parametrize("key", PAGES)
def test_every_page_is_named_and_walked_by_tab(
    qtbot: Any, demo_ledger: Ledger, window: Any, key: str
) -> None:
    page = window.show_page(key)
    qtbot.waitUntil(lambda: not getattr(page, "_busy", False), timeout=20_000)
    qtbot.waitUntil(lambda: not window.lookups.loading, timeout=20_000)
    visited = check_keyboard(qtbot, window, window.nav)
    assert window.nav in visited
    on_page = [w for w in reachable(window) if page.isAncestorOf(w)]
    assert on_page and all(w in visited for w in on_page)


def test_a_record_table_lets_tab_leave_it(qtbot: Any, demo_ledger: Ledger, window: Any) -> None:
    """Arrows move within 100,000 rows; Tab goes on to the next control."""
    funds = window.show_page("fund_transfer")
    qtbot.waitUntil(lambda: not funds._busy and funds.model.rowCount() > 0, timeout=20_000)
    funds.view.setFocus()
    qtbot.waitUntil(funds.view.hasFocus, timeout=20_000)
    QTest.keyClick(funds.view, Qt.Key.Key_Tab)
    assert not funds.view.hasFocus()


# --- dialogs -----------------------------------------------------------------------------

RECORD_KINDS = [k for k in KINDS if k.page == "records"]


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=[k.table for k in RECORD_KINDS])
def test_every_record_form_is_named_and_walked_by_tab(
    qtbot: Any, demo_ledger: Ledger, lookups: Any, shown: Any, kind: Any
) -> None:
    from pairtrack.ui.dialogs.record import RecordDialog

    dialog = shown(RecordDialog(kind.service, lookups))
    check_keyboard(qtbot, dialog)
    editors = [w for w in controls(dialog) if is_editor(w)]
    names = {w.accessibleName() for w in editors}
    from pairtrack.tracker.fields import COMMON_FIELDS

    for f in (*kind.service.fields, *COMMON_FIELDS):
        assert f.label in names, f.label  # each editor by its field's label


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=[k.table for k in RECORD_KINDS])
def test_every_editor_and_tick_box_of_a_record_form_says_what_it_is(
    qtbot: Any, demo_ledger: Ledger, lookups: Any, shown: Any, kind: Any
) -> None:
    """Before: a combo box read out its current item, a line edit its label with "*：", a
    date's tick box only "有"."""
    from pairtrack.tracker.fields import COMMON_FIELDS
    from pairtrack.ui.dialogs.record import RecordDialog
    from pairtrack.ui.forms.editors import DateEditor

    dialog = shown(RecordDialog(kind.service, lookups))
    editors = [w for w in controls(dialog) if is_editor(w)]
    fields = (*kind.service.fields, *COMMON_FIELDS)
    assert len(editors) == len(fields)
    assert sorted(w.accessibleName() for w in editors) == sorted(f.label for f in fields)
    for f in fields:
        editor = dialog.editors[f.name]
        if f.kind == "money":
            assert "万元" in editor.edit.accessibleDescription()
        if isinstance(editor, DateEditor):  # a typed date: its text box says which date it is
            assert editor.edit.line.accessibleName() == f.label


def test_settings_dialogs(qtbot: Any, shown: Any) -> None:
    from pairtrack.ui.dialogs.settings import SettingsDialog

    for first_run in (True, False):
        dialog = shown(SettingsDialog({}, first_run=first_run, empty=True))
        check_keyboard(qtbot, dialog)
        assert dialog.office_name.accessibleName() == "单位名称"
        assert dialog.frame["brief_issue"].accessibleName()


def test_database_and_password_dialogs(qtbot: Any, shown: Any) -> None:
    """文件 → 连接服务器数据库… and the password asked at opening (issue 15)."""
    from pairtrack.ui.dialogs.database import DatabaseDialog
    from pairtrack.ui.server_login import PasswordDialog

    for current in ("/home/lina/台账.db", "postgresql://lina@db.office.local:5432/ledger"):
        dialog = shown(DatabaseDialog(current))
        visited = check_keyboard(qtbot, dialog)
        fields = [dialog.host, dialog.port, dialog.database, dialog.user, dialog.password]
        assert [w for w in visited if w in fields] == fields
        assert [w.accessibleName() for w in fields] == [
            "服务器",
            "端口",
            "数据库名",
            "用户名",
            "密码",
        ]
        assert dialog.remember in visited and dialog.test_button in visited
        assert dialog.open_button in visited
    password = shown(PasswordDialog("postgresql://lina@pairtrack/db/ledger", "要求输入密码"))
    check_keyboard(qtbot, password)
    assert password.password.accessibleName() == "密码"


def test_brief_dialog(qtbot: Any, demo_ledger: Ledger, lookups: Any, shown: Any) -> None:
    from pairtrack.ui.dialogs.brief import BriefDialog

    dialog = shown(BriefDialog(lookups))
    qtbot.waitUntil(lambda: dialog._texts_for is not None, timeout=20_000)
    for kind in range(dialog.picker.kind.count()):  # each kind of period shows other fields
        dialog.picker.kind.setCurrentIndex(kind)
        check_keyboard(qtbot, dialog)
    assert dialog.problems.accessibleName() == "七、存在问题"
    assert dialog.picker.scope.accessibleName() == "范围"


@pytest.mark.sqlite_only("opens the backups dialog of the ledger's file")
def test_export_imports_backups_and_conflicts_dialogs(
    qtbot: Any, demo_ledger: Ledger, shown: Any
) -> None:
    from pairtrack.ui.dialogs.backups import BackupsDialog
    from pairtrack.ui.dialogs.conflicts import ConflictsDialog
    from pairtrack.ui.dialogs.export import ExportDialog
    from pairtrack.ui.dialogs.imports import ImportsDialog

    assert demo_ledger.path is not None
    export = shown(ExportDialog())
    check_keyboard(qtbot, export)
    assert export.path.accessibleName() == "保存到"
    imports = shown(ImportsDialog())
    qtbot.waitUntil(lambda: imports.loaded, timeout=20_000)
    check_keyboard(qtbot, imports)
    backups = shown(BackupsDialog(demo_ledger.path))
    qtbot.waitUntil(lambda: backups.loaded, timeout=20_000)
    check_keyboard(qtbot, backups)
    conflicts = shown(ConflictsDialog())
    qtbot.waitUntil(lambda: not conflicts.loading, timeout=20_000)
    assert unnamed(conflicts) == []
    check_keyboard(qtbot, conflicts)


def test_import_dialog_mapping_step_and_preview(
    qtbot: Any, demo_ledger: Ledger, shown: Any, tmp_path: Path
) -> None:
    from datetime import date

    from pairtrack.ui.dialogs.exchange import ImportDialog

    book = save_rows(
        [["序号", "项目名称", "资金类别", "援建资金额度", "拨付时间"],
         [1, "援建一", "财政援助资金", 12, date(2017, 5, 1)]],
        tmp_path / "援建.xlsx", "援建项目", [],
    )  # fmt: skip
    dialog = shown(ImportDialog(book))
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == dialog.MAPPING, timeout=10_000)
    visited = check_keyboard(qtbot, dialog)
    combos = [w for w in visited if isinstance(w, QComboBox)]
    assert dialog.mapping_step.pairing in combos
    assert dialog.mapping_step.pairing.accessibleName() == "默认结对关系"
    assert any(c.accessibleName().endswith("导入为") for c in combos)

    package = tmp_path / "demo.pairtrack.zip"
    export_package(demo_ledger, package)
    preview = shown(ImportDialog(package))
    qtbot.waitUntil(lambda: preview.report is not None, timeout=20_000)
    check_keyboard(qtbot, preview)
    assert all(w.accessibleName() for w in controls(preview) if isinstance(w, QAbstractScrollArea))


def test_history_and_crash_dialogs(
    qtbot: Any, demo_ledger: Ledger, lookups: Any, shown: Any
) -> None:
    from pairtrack.ui.crash import CrashDialog
    from pairtrack.ui.dialogs.history import HistoryDialog

    fund = demo_ledger.funds.list()[0]
    demo_ledger.funds.update(fund.id, purpose="产业扶贫（调整）")
    history = HistoryDialog("fund_transfer", fund.id, "产业扶贫", lookups)
    with qtbot.waitSignal(history.loaded, timeout=20_000):
        shown(history)
    assert history.tree.topLevelItemCount() == 2  # created, then edited
    visited = check_keyboard(qtbot, history)
    assert history.tree in visited

    try:
        raise RuntimeError("一个意外错误")
    except RuntimeError as exc:
        crash = shown(CrashDialog((type(exc), exc, exc.__traceback__)))
    crash.show_button.click()  # the details too, as someone sending them to support sees them
    visited = check_keyboard(qtbot, crash)
    assert crash.copy_button in visited and crash.text in visited
    assert crash.text.accessibleName() == "详细信息"
