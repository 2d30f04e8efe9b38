"""Files users exchange (DESIGN §7): xlsx/csv exports, ledger workbooks, consolidation packages.

Nothing here imports Qt: the window runs these functions through ``ui.worker.run_job`` with
the same ``progress(done, total)`` / ``cancelled()`` callbacks the command line passes.
"""

from __future__ import annotations
