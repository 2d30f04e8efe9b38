"""Where PairTrack keeps its files by default."""

from __future__ import annotations

from pathlib import Path


def default_database() -> Path:
    """``pairtrack.db`` in the user's data folder, which is created on first use."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("PairTrack", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "pairtrack.db"
