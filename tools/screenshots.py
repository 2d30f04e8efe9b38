"""Screenshots of the main pages for docs/, taken offscreen on the demo database.

Usage: python tools/screenshots.py [OUTPUT_FOLDER]   (default: docs/)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = (
    ("dashboard", "dashboard.png"),
    ("fund_transfer", "funds.png"),
    ("cadre_exchange", "cadres.png"),
    ("agreement", "agreements.png"),
    ("target", "targets.png"),
    ("pairing", "pairings.png"),
)


def main() -> None:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtTest import QTest

    from pairtrack.tracker.demo.load import load_demo
    from pairtrack.tracker.ledger import Ledger
    from pairtrack.ui.app import create_app
    from pairtrack.ui.main_window import MainWindow

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="pairtrack-shots-"))
    app = create_app()
    QCoreApplication.setOrganizationName("PairTrackScreenshots")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    ledger = Ledger.open(folder / "demo.db")
    ledger.set_settings(
        office_name="廊坊开发区对口帮扶办公室", office_code="131001", operator="王敏"
    )
    load_demo(ledger)
    window = MainWindow(ledger)
    window.resize(1280, 800)
    window.show()
    dashboard = window.page("dashboard")
    dashboard.picker.set_period(2017, 11)
    for key, name in PAGES:
        page = window.show_page(key)
        if key == "target":
            page.year.setValue(2017)
        for _ in range(100):
            QTest.qWait(20)
            if not getattr(page, "_busy", False):
                break
        QTest.qWait(150)
        app.processEvents()
        window.grab().save(str(out / name))
        print(out / name)
    funds = window.show_page("fund_transfer")
    funds.view.selectRow(1)
    from pairtrack.ui.dialogs.record import RecordDialog

    dialog = RecordDialog(
        funds.service, window.lookups, record=funds.selected_records()[0], parent=window
    )
    dialog.editors["amount_fen"].edit.setText("12.6千")
    dialog.save()  # refused: the message shows next to the field, nothing is written
    dialog.show()
    while dialog.saving:
        QTest.qWait(20)
    QTest.qWait(100)
    dialog.grab().save(str(out / "form.png"))
    print(out / "form.png")
    dialog.reject()
    window.close()
    ledger.close()


if __name__ == "__main__":
    main()
