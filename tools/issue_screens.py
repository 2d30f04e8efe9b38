"""The record dialog's screenshots of docs/screens/ (issue 14), taken offscreen on the demo.

What they show changes with the form, so they are made again from the program rather than kept
by hand: a new record's required choices left empty, the accessible names in Tab order, the
历史… button of a saved record, a full date typed over a selected one (with the calendar),
and the history of a record merged twice from another office's packages.

Usage: python tools/issue_screens.py [OUTPUT_FOLDER]   (default: docs/screens/)
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait(until: Callable[[], bool], most_ms: int = 10_000) -> None:
    from PySide6.QtTest import QTest

    for _ in range(most_ms // 20):
        if until():
            break
        QTest.qWait(20)
    QTest.qWait(100)  # what changed is painted


def save(widget: Any, out: Path, name: str) -> None:
    widget.grab().save(str(out / name))
    print(out / name)


def tab_order(dialog: Any) -> list[Any]:
    """The controls Tab visits from the first editor, in order, as a keyboard user meets them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    editor = next(iter(dialog.editors.values()))
    first = getattr(editor, "combo", None) or editor.edit
    first.setFocus(Qt.FocusReason.TabFocusReason)
    wait(lambda: QApplication.focusWidget() is not None)
    seen: list[Any] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        if focused is None or (seen and focused is seen[0]):
            break
        if not seen or focused is not seen[-1]:
            seen.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    return seen


def names_in_tab_order(dialog: Any, out: Path, name: str) -> None:
    """The dialog with each control framed, numbered in Tab order and labelled with the name
    a screen reader says (its accessible name, or a button's text)."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen

    order = tab_order(dialog)
    picture = dialog.grab()
    painter = QPainter(picture)
    painter.setPen(QPen(QColor("#c2185b"), 2))
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    for number, widget in enumerate(order, 1):
        spoken = widget.accessibleName() or widget.text().replace("&", "")
        corner = widget.mapTo(dialog, QPoint(0, 0))
        frame = QRect(corner, widget.size())
        painter.drawRect(frame.adjusted(1, 1, -1, -1))
        label = f"{number} {spoken}"
        box = painter.fontMetrics().boundingRect(label).adjusted(-3, -1, 3, 1)
        box.moveTopLeft(frame.topLeft() + QPoint(4, 4))
        painter.fillRect(box, QColor("#fff8c4"))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)
    painter.end()
    picture.save(str(out / name))
    print(out / name)


def date_typed_with_calendar(dialog: Any, out: Path, name: str) -> None:
    """``2017-09-10`` typed over the whole of a selected date (the year used to stay), and the
    calendar opened on it: the dialog and its popup drawn where they are on the screen."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtTest import QTest

    edit = dialog.editors["allocated_on"].edit
    edit.line.setFocus()
    QTest.keyClick(edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit.line, "2017-09-10")
    edit.show_calendar()
    wait(lambda: edit.popup.isVisible())
    popup = edit.popup
    origin = dialog.mapToGlobal(QPoint(0, 0))
    at = popup.mapToGlobal(QPoint(0, 0)) - origin
    width = max(dialog.width(), at.x() + popup.width())
    height = max(dialog.height(), at.y() + popup.height())
    canvas = QPixmap(width, height)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, dialog.grab())
    painter.drawPixmap(at, popup.grab())
    painter.end()
    canvas.save(str(out / name))
    print(out / name)
    popup.close()


def merged_twice(ledger: Any, folder: Path) -> str:
    """A county's fund brought into ``ledger`` by its package, then changed there and
    brought in again; the fund's id."""
    from datetime import date

    from pairtrack.tracker.exchange.merge import import_package
    from pairtrack.tracker.exchange.package_write import export_package
    from pairtrack.tracker.ledger import Ledger

    county = Ledger.open(folder / "county.db")
    try:
        county.set_settings(office_code="130723", office_name="康保县帮扶办", operator="县级操作员")
        helper = county.regions.create(name="廊坊开发区", province="河北省", level="zone")
        assisted = county.regions.create(name="康保县", province="河北省", level="county")
        pairing = county.pairings.create(
            helper_id=helper.id, assisted_id=assisted.id, programme="in_province", start_year=2017
        )
        fund = county.funds.create(
            pairing_id=pairing.id, budget_year=2017, kind="fiscal", amount_fen=100_000_000,
            purpose="康保县产业扶贫", allocated_on=date(2017, 3, 1),
        )  # fmt: skip
        export_package(county, folder / "1.pairtrack.zip")
        import_package(ledger, folder / "1.pairtrack.zip")
        county.funds.update(fund.id, amount_fen=150_000_000, arrived_on=date(2017, 3, 20))
        export_package(county, folder / "2.pairtrack.zip")
        import_package(ledger, folder / "2.pairtrack.zip")
    finally:
        county.close()
    return str(fund.id)


def main() -> None:
    from PySide6.QtCore import QCoreApplication, QSettings

    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.ui.app import create_app
    from pairtrack.ui.dialogs.history import HistoryDialog
    from pairtrack.ui.dialogs.record import RecordDialog
    from pairtrack.ui.main_window import MainWindow
    from pairtrack.ui.worker import pool

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="pairtrack-issue-shots-"))
    create_app()
    QCoreApplication.setOrganizationName("PairTrackScreenshots")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    ledger = Ledger.open(folder / "demo.db")
    ledger.set_settings(office_name="廊坊市对口帮扶办公室", office_code="131000", operator="王敏")
    load_demo(ledger)
    merged = merged_twice(ledger, folder)
    window = MainWindow(ledger)
    window.resize(1280, 800)
    window.show()
    funds = window.show_page("fund_transfer")
    wait(lambda: not funds._busy and funds.model.rowCount() > 0 and not window.lookups.loading)
    funds.view.selectRow(7)
    record = funds.selected_records()[0]

    new = RecordDialog(funds.service, window.lookups, parent=window)
    new.show()
    wait(lambda: not new.saving)
    save(new, out, "14-required-empty.png")
    names_in_tab_order(new, out, "14-accessible-names-and-tab-order.png")
    new.reject()

    saved = RecordDialog(funds.service, window.lookups, record=record, parent=window)
    saved.show()
    wait(lambda: not saved.saving)
    save(saved, out, "14-record-history-button.png")
    date_typed_with_calendar(saved, out, "14-date-typing.png")
    saved.reject()

    history = HistoryDialog("fund_transfer", merged, "康保县产业扶贫", window.lookups, window)
    history.show()
    wait(lambda: bool(history.lines))
    save(history, out, "14-history-merged.png")
    history.close()

    pool().waitForDone()
    window.close()
    ledger.close()


if __name__ == "__main__":
    main()
