"""``python -m pairtrack``: the same program as the ``pairtrack`` command.

The code lives in the top-level packages ``tracker``, ``db`` and ``ui`` (and ``main``,
``resources``); moving them under this name is planned, see docs/deploy.md.
"""
