"""Build ``pairtrack/resources/icons/app.ico`` (the Windows program and installer icon) from ``app.svg``.

Each size is drawn from the SVG by Qt's renderer (crisp at 16 px, not a scaled-down 256 px
picture) and Pillow writes them into one .ico. Run again after changing ``app.svg``::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icon.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "pairtrack" / "resources" / "icons" / "app.svg"
TARGET = ROOT / "pairtrack" / "resources" / "icons" / "app.ico"
# Explorer, the task bar, Alt+Tab and the Start menu at 100–200 % display scaling.
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(data.data())).convert("RGBA")


def make_icon(source: Path = SOURCE, target: Path = TARGET) -> Path:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    images = [render(renderer, size) for size in SIZES]
    largest = images[-1]
    largest.save(
        target,
        format="ICO",
        sizes=[(size, size) for size in SIZES],
        append_images=images[:-1],  # Pillow takes each size from the image of that size
    )
    return target


if __name__ == "__main__":
    print(make_icon())
