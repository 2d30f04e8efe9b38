"""The seven kinds of record are listed once (tracker.kinds); everything else derives from it."""

from __future__ import annotations

import ast
from pathlib import Path

from pairtrack.db.base import SyncedMixin
from pairtrack.db.models import Base, model_of
from pairtrack.tracker.exchange.columns import SHEETS
from pairtrack.tracker.exchange.package import TABLES as PACKAGE_TABLES
from pairtrack.tracker.kinds import KINDS, TABLES

ROOT = Path(__file__).resolve().parents[1]


def test_every_synced_model_has_exactly_one_kind() -> None:
    synced = {
        m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, SyncedMixin)
    }
    assert synced == set(TABLES) and len(TABLES) == len(KINDS) == 7
    for kind in KINDS:
        assert model_of(kind.table) is kind.model


def test_sheets_package_and_navigation_come_from_the_registry() -> None:
    assert [table for table, _title, _attr in SHEETS] == list(TABLES)
    assert PACKAGE_TABLES == TABLES
    from pairtrack.ui.main_window import NAVIGATION

    assert [key for key, *_ in NAVIGATION] == ["dashboard", *(
        k.table for k in sorted(KINDS, key=lambda k: k.nav)
    )]  # fmt: skip


def test_no_other_module_lists_the_seven_tables() -> None:
    """A tuple, list or set naming all seven tables is a second registry: there is none."""
    found = []
    for path in [
        *ROOT.glob("pairtrack/tracker/**/*.py"),
        *ROOT.glob("pairtrack/ui/**/*.py"),
        *ROOT.glob("pairtrack/db/*.py"),
    ]:
        if path.name == "kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                strings = {
                    e.value
                    for e in items
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
                if set(TABLES) <= strings:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found
