"""Colours taken from the palette, so that a dark theme stays readable.

A fixed red (#c62828) reads at 5.6:1 on white but 2.5:1 on a dark theme's base. Every
colour that carries meaning (a warning, a lagging figure, a conflict, a note) is therefore
the hue the program wants, made lighter or darker until its contrast with the backgrounds it
sits on is at least ``MIN_CONTRAST`` (WCAG 2 AA for text: 4.5:1). Backgrounds come from the
palette (Window for labels, Base and AlternateBase for tables and lists).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

MIN_CONTRAST = 4.5  # text (WCAG 2, level AA)
MIN_GRAPHIC_CONTRAST = 3.0  # bars, lines (WCAG 2.1, non-text contrast)

WARNING = "#c62828"  # red: lagging, errors, conflicts
SUCCESS = "#2e7d32"  # green: done
CAUTION = "#b26a00"  # amber: an old code, something to check
MUTED = "#555555"  # grey: a note beside a field
BAR = "#1976d2"  # blue: the chart's completion bars
BANNER = "#ffb74d"  # amber: the tint of a banner (仅显示：…) and of a column left unread

Role = QPalette.ColorRole


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""
    r, g, b = (_channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: QColor | str, *backgrounds: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """``colour``'s hue at a lightness where it reads on every one of ``backgrounds``:
    unchanged when it already does, else lighter (dark backgrounds) or darker (light ones)."""
    wanted = QColor(colour)
    key = (wanted.rgb(), tuple(b.rgb() for b in backgrounds), minimum)
    return QColor(_readable(*key))


@lru_cache(maxsize=256)
def _readable(rgb: int, backgrounds: tuple[int, ...], minimum: float) -> int:
    colour = QColor.fromRgb(rgb)
    behind = [QColor.fromRgb(b) for b in backgrounds]

    def worst(c: QColor) -> float:
        return min((contrast(c, b) for b in behind), default=21.0)

    if worst(colour) >= minimum:
        return rgb
    # Lighter on dark backgrounds, darker on light ones, in steps of HSL lightness; the
    # extreme (white or black) is the best this hue can do.
    dark = sum(luminance(b) for b in behind) / len(behind) < 0.18
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    steps = 50
    best = colour
    for step in range(1, steps + 1):
        share = step / steps
        target = lightness + (1 - lightness) * share if dark else lightness * (1 - share)
        # rounded to 8 bits per channel first: the colour as it will be painted
        candidate = QColor.fromRgb(QColor.fromHslF(max(hue, 0.0), saturation, target).rgb())
        best = candidate
        if worst(candidate) >= minimum:
            break
    return best.rgb()


def backgrounds(palette: QPalette | None = None) -> tuple[QColor, ...]:
    """What coloured text sits on: the window (labels) and the base of tables and lists."""
    p = palette if palette is not None else QGuiApplication.palette()
    return (p.color(Role.Window), p.color(Role.Base), p.color(Role.AlternateBase))


def warning(palette: QPalette | None = None) -> QColor:
    """The warning red, readable on this palette's backgrounds."""
    return readable(WARNING, *backgrounds(palette))


def success(palette: QPalette | None = None) -> QColor:
    return readable(SUCCESS, *backgrounds(palette))


def caution(palette: QPalette | None = None) -> QColor:
    return readable(CAUTION, *backgrounds(palette))


def muted(palette: QPalette | None = None) -> QColor:
    return readable(MUTED, *backgrounds(palette))


def graphic(colour: str, background: QColor) -> QColor:
    """A bar or line colour that stands out from ``background`` (3:1)."""
    return readable(colour, background, minimum=MIN_GRAPHIC_CONTRAST)


def tint(palette: QPalette | None = None, colour: str = BANNER, share: float = 0.3) -> QColor:
    """A background for a banner or a marked cell: the palette's base tinted with ``colour``,
    so that the palette's own text keeps its contrast on it."""
    p = palette if palette is not None else QGuiApplication.palette()
    base, mark = p.color(Role.Base), QColor(colour)
    mixed = QColor.fromRgbF(
        base.redF() + (mark.redF() - base.redF()) * share,
        base.greenF() + (mark.greenF() - base.greenF()) * share,
        base.blueF() + (mark.blueF() - base.blueF()) * share,
    )
    text = p.color(Role.Text)
    return mixed if contrast(mixed, text) >= MIN_CONTRAST else base


def paint_text(widget: QWidget, colour: QColor) -> None:
    """Show ``widget``'s text in ``colour`` (through its palette, not a style sheet, so that
    what a person sees can be read back and checked)."""
    palette = widget.palette()
    for role in (Role.WindowText, Role.Text):
        palette.setColor(role, colour)
    widget.setPalette(palette)


class _Follower(QObject):
    """Applies a widget's colours again when the application's palette changes (a system
    switched to its dark theme while the program runs)."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self.apply = apply
        self.applying = False
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        # A child widget hears of a new application palette as its own PaletteChange (with
        # the new palette already resolved); the change ``apply`` itself makes is ignored.
        if event.type() == QEvent.Type.PaletteChange and not self.applying:
            self.applying = True
            try:
                self.apply()
            finally:
                self.applying = False
        return False


def follow(widget: QWidget, apply: Callable[[], None]) -> None:
    """Call ``apply`` now and whenever the application's palette changes."""
    apply()
    _Follower(widget, apply)


def warn(widget: QWidget) -> None:
    """``widget``'s text in the warning red for its palette (an error under a field)."""
    follow(widget, lambda: paint_text(widget, warning(widget.palette())))


def banner(widget: QWidget) -> None:
    """``widget`` as a banner: the palette's text on its base tinted amber."""

    def apply() -> None:
        palette = widget.palette()
        palette.setColor(Role.Window, tint())
        palette.setColor(Role.WindowText, QGuiApplication.palette().color(Role.Text))
        widget.setPalette(palette)

    widget.setAutoFillBackground(True)
    follow(widget, apply)
