"""Settings every test shares. GUI tests (pytest-qt) run without a display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
