"""Where PairTrack keeps its files by default: the user's data folder."""

from __future__ import annotations

from pathlib import Path


def data_folder() -> Path:
    """The user's data folder for PairTrack (created on first use); platformdirs reads the
    environment each time, so a test that points XDG_DATA_HOME elsewhere is honoured."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("PairTrack", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database() -> Path:
    """``pairtrack.db`` in the user's data folder."""
    return data_folder() / "pairtrack.db"


def log_folder() -> Path:
    """``logs`` in the data folder: the program's log and the record of hard crashes."""
    folder = data_folder() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
