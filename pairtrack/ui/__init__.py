"""PairTrack's Qt window. The only package that imports Qt; it talks to tracker/ services."""

import PySide6.QtCore  # noqa: F401  (shiboken's import hook is in place from here)

from pairtrack.ui import import_scan

import_scan.install()  # before the rest of the window and SQLAlchemy are imported
