"""PySide6 reads every module imported after it: here, a cheaper read with the same answer.

Once Qt is imported, shiboken's import hook asks of each newly imported module whether its
source mentions "PySide6" (``shibokensupport.feature._mod_uses_pyside``, for its opt-in
``from __feature__ import ...`` syntax, which PairTrack never uses). It finds out with
``inspect.getsource``: the whole file read through ``linecache``, with an encoding check and
every line kept in memory for the rest of the run. The window imports SQLAlchemy and the
services after Qt, some 280 modules, so that check cost 0.1-0.2 s of every first open.

``install`` puts in its place a plain byte search of the module's file, which gives the same
answer for every module that has a source file (the only ones ``inspect`` can read here).
Should a PySide6 release rename or drop the hook, nothing is replaced and Qt's own stays.
"""

from __future__ import annotations

import sys
from types import ModuleType

MARK = b"PySide6"


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module``'s source file mentions PySide6: what shiboken's check answers,
    without ``inspect``. A module with no readable ``.py`` file (built in, compiled, frozen
    into a bundle) has no source for ``inspect`` either: False there too."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    try:
        with open(origin, "rb") as source:
            return MARK in source.read()
    except OSError:
        return False


def install() -> bool:
    """Replace shiboken's per-import source check with ``uses_pyside``; whether it was
    there to replace (it exists once any PySide6 module is imported)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a private name)
    return True
