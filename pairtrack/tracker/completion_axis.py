"""The completion axis every chart of the program shares (the brief's, PDF and Word, and the
window's 总览): how far it reaches and how a bar beyond it is labelled.

DESIGN §6: a completion of 6,000,000,000 % draws in the same space as 95 %. The axis maximum is
the largest completion rounded *up* to a tick, at least ``FLOOR`` and at most ``CAP``; a bar
above ``CAP`` is drawn to the top, marked as cut, with its true value as its label — so that
470 % and 11,143 % can be told apart although both reach the top.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from pairtrack.tracker.formatting import format_share

CAP = Decimal(2)  # the axis never goes above 200 %; taller bars are drawn cut
FLOOR = Decimal("1.2")  # nor below 120 %, so a 100 % bar has room for its label
STEPS = (Decimal("0.2"), Decimal("0.25"), Decimal("0.5"))
MAX_TICKS = 8


def axis(completions: Iterable[Decimal | None]) -> tuple[Decimal, Decimal]:
    """(axis maximum, tick step) for bars of ``completions`` (None: no target, no bar)."""
    wanted = min(CAP, max([FLOOR, *(c for c in completions if c is not None)]))
    for step in STEPS:
        # Decimal // truncates towards zero, so -(-a // b) is not a ceiling: round up here.
        ticks = (wanted / step).to_integral_value(rounding=ROUND_CEILING)
        if ticks <= MAX_TICKS:
            return ticks * step, step
    raise AssertionError("CAP / STEPS[-1] must be at most MAX_TICKS")


def beyond(completion: Decimal | None, top: Decimal) -> bool:
    """Whether a bar of ``completion`` is cut at the axis maximum ``top``."""
    return completion is not None and completion > top


def share_label(share: Decimal) -> str:
    """A completion as a bar label: 82.3%, and 万/亿 for the absurd ones (1.2亿%, 9.0×10^17%)."""
    percent = share * 100
    if abs(percent) < 10000:
        return format_share(share)
    if abs(percent) >= Decimal("1e12"):  # beyond 万亿: a power of ten, still short
        exponent = percent.adjusted()
        return f"{percent.scaleb(-exponent):.1f}×10^{exponent}%"
    unit, size = (
        ("亿", Decimal("1e8")) if abs(percent) >= Decimal("1e8") else ("万", Decimal("1e4"))
    )
    return f"{(percent / size).quantize(Decimal('0.1'))}{unit}%"
