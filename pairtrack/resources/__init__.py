"""Files shipped with PairTrack: fonts, icons, translations, demo data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent


def resource(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
