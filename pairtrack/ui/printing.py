"""Print a PDF page by page at the printer's resolution, the chosen pages only, unscaled.

Each page is rendered by QtPdf at the printer's resolution and drawn at its own size from the
paper's corner (full-page mode), so the official margins stay where the PDF has them. One page
lives at a time, rendered at no more than ``MAX_DPI`` (600 dpi, what office laser printers
print; at 1200 dpi a page would be a 550 MB image), so memory stays bounded.

Why not hand the PDF to the system's print path: on Linux ``lp`` would print it as vectors, but
Windows has no built-in PDF printing (ShellExecute "print" needs a PDF reader installed, and
each reader scales the page its own way). QtPdf ships with the program and prints the same on
every system.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from pairtrack.ui.i18n import tr

MAX_DPI = 600  # an A4 page at 600 dpi is a 139 MB image; a 1200 dpi printer gets it doubled


class PrintError(Exception):
    """The printer could not be started (the message is shown to the user)."""


def prepare(printer: QPrinter) -> None:
    """A4 portrait, no margins of the printer's own, the page drawn from the paper's corner."""
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )


def ask(parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
    """The system's print dialog with a page range from 1 to ``pages``."""
    prepare(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, pages)
    printer.setFromTo(1, pages)
    return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)


def chosen_pages(printer: QPrinter, pages: int) -> range:
    """0-based page numbers the printer was asked for (its range, or every page)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(pages, printer.toPage() or pages)
        return range(first - 1, last)
    return range(pages)


def print_pdf(
    path: str | Path,
    printer: QPrinter,
    page_done: Callable[[int, int], None] | None = None,
) -> int:
    """Print the chosen pages of the PDF at ``path``; returns how many were printed."""
    document = QPdfDocument()
    document.load(str(path))
    try:
        if document.status() != QPdfDocument.Status.Ready:
            raise PrintError(tr("无法读取要打印的文件：{path}").format(path=path))
        pages = chosen_pages(printer, document.pageCount())
        prepare(printer)  # A4 from the paper's corner, whatever the dialog was left with
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(tr("无法开始打印，请检查打印机。"))
        try:
            dpi = printer.resolution()
            for count, page in enumerate(pages):
                if count:
                    printer.newPage()
                _draw_page(painter, document, page, dpi)
                if page_done is not None:
                    page_done(count + 1, len(pages))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int) -> None:
    """The page at the printer's resolution (at most ``MAX_DPI``), drawn at its own size from
    the paper's corner: a point of the PDF lands where it is on the page, nothing scaled."""
    points = document.pagePointSize(page)
    target = QRect(0, 0, round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = min(dpi, MAX_DPI)
    size = QSize(round(points.width() * rendered / 72), round(points.height() * rendered / 72))
    image: QImage = document.render(page, size)
    painter.drawImage(target, image)
