"""``python -m pairtrack [command …]``: the window, or a command (see ``main``)."""

from __future__ import annotations

import sys

from pairtrack.main import main

if __name__ == "__main__":
    sys.exit(main())
