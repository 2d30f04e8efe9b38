"""Printing from the brief dialog: the chosen pages only, on A4, unscaled (the official margins
stay where the PDF has them); and the question asked before a long 附表."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

import pairtrack.tracker.brief.appendix as appendix
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import printing
from tests.ui.test_brief_dialog import generate, open_dialog

DPI = 100
MM = DPI / 25.4  # pixels per millimetre at DPI


def rendered(path: Path, page: int, into: Path) -> Image.Image:
    """Page ``page`` of the PDF at ``path`` at DPI, on white."""
    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(page)
    image = document.render(
        page, QSize(round(size.width() * DPI / 72), round(size.height() * DPI / 72))
    )
    document.close()
    image.save(str(into))
    layer = Image.open(into).convert("RGBA")
    white = Image.new("RGBA", layer.size, "white")
    white.alpha_composite(layer)
    return white.convert("RGB")


def red_rule(image: Image.Image) -> tuple[int, int, int]:
    """x from, x to and y of the red rule under the running header."""
    pixels = image.load()
    width, height = image.size
    for y in range(height // 4):
        xs = [x for x in range(width) if _red(pixels[x, y])]
        if len(xs) > width // 2:
            return xs[0], xs[-1], y
    raise AssertionError("no red rule found")


def _red(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return r > 120 and g < 110 and b < 110


def printer_to(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(DPI)
    return printer


def test_prints_the_chosen_pages_on_a4_unscaled(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    assert dialog._pdf is not None
    original = dialog._pdf
    assert dialog.document.pageCount() >= 3
    printed = tmp_path / "printed.pdf"
    printer = printer_to(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    dialog.print_to(printer)
    assert "共 2 页" in dialog.status.text()

    reader = PdfReader(str(printed))
    assert len(reader.pages) == 2  # the range, not the whole brief
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(595.3, abs=1)  # A4 in points
        assert float(box.height) == pytest.approx(841.9, abs=1)
    for number, printed_page in ((1, 0), (2, 1)):
        before = rendered(original, number, tmp_path / f"o{number}.png")
        after = rendered(printed, printed_page, tmp_path / f"p{number}.png")
        left, right, y = red_rule(after)
        # the text block keeps the official margins: 28 mm left, 26 mm right, within a pixel
        assert left == pytest.approx(28 * MM, abs=1.5)
        assert right + 1 == pytest.approx((210 - 26) * MM, abs=1.5)
        assert (left, right, y) == pytest.approx(red_rule(before), abs=1)
        dark = [
            im.convert("L").point(lambda v: 255 if v < 160 else 0).getbbox()
            for im in (before, after)
        ]
        assert dark[1] == pytest.approx(dark[0], abs=2)  # same content at the same place


def test_every_page_when_no_range_is_chosen(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    printed = tmp_path / "all.pdf"
    dialog.print_to(printer_to(printed))
    assert len(PdfReader(str(printed)).pages) == dialog.document.pageCount()


def test_printing_renders_one_page_at_a_time(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    generate(qtbot, dialog)
    sizes: list[QSize] = []
    real = printing._draw_page

    def spy(painter: Any, document: QPdfDocument, page: int, dpi: int) -> None:
        sizes.append(document.pagePointSize(page).toSize())
        real(painter, document, page, dpi)

    monkeypatch.setattr(printing, "_draw_page", spy)
    printer = printer_to(tmp_path / "x.pdf")
    printer.setResolution(1200)  # a 1200 dpi printer gets pages rendered at 600 dpi at most
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    dialog.print_to(printer)
    assert len(sizes) == 1
    assert printing.MAX_DPI == 600


def test_a_long_appendix_is_asked_about_first(
    qtbot: Any, demo_ledger: Ledger, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.appendix.setChecked(True)
    monkeypatch.setattr(appendix, "WARN_PAGES", 0)  # the demo's 附表 is short
    answers.reply = False
    dialog.generate.click()
    qtbot.waitUntil(lambda: bool(answers.asked), timeout=10_000)
    question = answers.asked[0]
    assert (
        question.startswith("附表约 ") and "页" in question and question.endswith("秒，是否继续？")
    )
    qtbot.waitUntil(lambda: dialog.generate.isEnabled())
    assert "未生成" in dialog.status.text() and dialog.document.pageCount() == 0
    answers.reply = True
    generate(qtbot, dialog)
    assert len(answers.asked) == 2
    assert "共" in dialog.status.text()


def test_a_short_appendix_starts_without_asking(
    qtbot: Any, demo_ledger: Ledger, answers: Any
) -> None:
    dialog = open_dialog(qtbot, demo_ledger)
    dialog.appendix.setChecked(True)
    generate(qtbot, dialog)
    assert not answers.asked
