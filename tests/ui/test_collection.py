"""Python's cyclic garbage collection in the window (``ui.worker``): on the GUI thread only,
not when the window is idle, and without what start-up made.

Collecting all of it every two seconds held the window for 25–70 ms each time (the idle
window's longest pause in ``bench/bench_stall.py`` was one of these)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from pairtrack.tracker.ledger import Ledger
from pairtrack.ui import worker
from pairtrack.ui.app import Controller
from tests import engines


class Node:
    """One half of a reference cycle: freed only by the cyclic collector."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> Node:
    first, second = Node(), Node()
    first.other, second.other = second, first
    return first


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection Python runs while the test does."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_cycles_are_collected_on_the_gui_thread_and_never_by_python_itself(qtbot: Any) -> None:
    worker.dispatcher()
    assert not gc.isenabled()  # a collection on the worker could destroy widgets there
    freed_on: list[str] = []
    node = cycle()
    weakref.finalize(node, lambda: freed_on.append(threading.current_thread().name))
    del node
    for _ in range(10_000):
        cycle()  # garbage enough for every generation's threshold
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)
    assert freed_on == [threading.main_thread().name]


def test_a_tick_collects_only_once_enough_was_allocated(collections: list[int]) -> None:
    gc.collect()  # every count back to nought
    collections.clear()
    worker._collect()
    assert collections == [], "nothing was allocated since: an idle window collects nothing"
    young = [cycle() for _ in range(gc.get_threshold()[0])]
    worker._collect()
    assert collections == [2], "then everything at once, as before"
    del young


def test_what_start_up_made_is_left_out_of_later_collections(qtbot: Any, ledger: Ledger) -> None:
    controller = Controller()
    try:
        with qtbot.waitSignal(controller.finished, timeout=30_000) as ended:
            controller.open(engines.target_of(ledger))
        assert ended.args == [True]
        assert gc.get_freeze_count() > 10_000  # the modules, the models, the window
    finally:
        controller.shut_down()
