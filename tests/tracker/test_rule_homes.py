"""Each rule has one home, and every caller agrees with it.

A rule written twice drifts: the chart coloured a bar that the table did not call lagging, the
brief counted a cadre "in post at the period end" whom its own table of active cadres left out.
Each test here pins one rule at its boundary through its home *and* through a caller, so that a
second copy that disagrees, or a change made in one place only, fails here.
"""

from __future__ import annotations

from pathlib import Path

import tracker
from tracker.alerts import Alert, alerts

# --- 8. modules are named for what they hold ----------------------------------------------


TRACKER = Path(tracker.__file__).parent


def test_alerts_live_in_tracker_alerts_only() -> None:
    # A file check, not an import: the editable install could still resolve an old module.
    assert not (TRACKER / "warnings.py").exists()
    assert alerts.__module__ == Alert.__module__ == "tracker.alerts"
