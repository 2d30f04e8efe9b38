"""The progress brief (进展简报, DESIGN §6): gather figures, compose sections, lay out.

``build_brief`` runs the queries; ``render_pdf`` / ``render_docx`` only lay out, so the
benchmark can time the two apart. Names load on first use: the command line builds every
subcommand's arguments at start, and reportlab and python-docx need not be imported for that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pairtrack.tracker.brief.data import BriefData, BriefOptions, build_brief
    from pairtrack.tracker.brief.docx import render_docx
    from pairtrack.tracker.brief.pdf import render_pdf
    from pairtrack.tracker.brief.texts import load_texts, save_texts

_WHERE = {
    "BriefData": "pairtrack.tracker.brief.data",
    "BriefOptions": "pairtrack.tracker.brief.data",
    "build_brief": "pairtrack.tracker.brief.data",
    "render_docx": "pairtrack.tracker.brief.docx",
    "render_pdf": "pairtrack.tracker.brief.pdf",
    "load_texts": "pairtrack.tracker.brief.texts",
    "save_texts": "pairtrack.tracker.brief.texts",
}
__all__ = [
    "BriefData",
    "BriefOptions",
    "build_brief",
    "load_texts",
    "render_docx",
    "render_pdf",
    "save_texts",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'pairtrack.tracker.brief' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
