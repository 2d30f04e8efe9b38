"""``python main.py [command …]`` from a source checkout: the same program as ``pairtrack``.

The code is the package ``pairtrack`` (``pairtrack/main.py``); this file is not installed.
"""

import sys

from pairtrack.main import main

if __name__ == "__main__":
    sys.exit(main())
