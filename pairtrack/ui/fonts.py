"""Register the bundled CJK font: without it, Linux without CJK fonts draws boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pairtrack.resources import resource

UI_FONTS = ("PairTrackSansSC-Regular.ttf", "PairTrackSansSC-Bold.ttf")
UI_POINT_SIZE = 10


def install_fonts(app: QApplication) -> str | None:
    """Load the bundled fonts and make the Sans face the application font; its family name."""
    family = None
    for name in UI_FONTS:
        path = resource("fonts", name)
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        font = QFont(family, UI_POINT_SIZE)
        app.setFont(font)
    return family
