"""The open ledger: a store (database, read and write blocks, settings) and every service.

The window, the CLI, the brief and the exchange formats all start from ``Ledger.open``;
``ledger.funds`` and the other services come from the registry of record kinds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from pairtrack.tracker.kinds import Services
from pairtrack.tracker.store import Store


class Ledger(Store):
    def __init__(self, engine: Engine, *, read_only: str | None = None) -> None:
        super().__init__(engine, read_only=read_only)
        self.services = Services(self)

    def __getattr__(self, attr: str) -> Any:
        # ``ledger.funds`` etc.: the services named in tracker.kinds
        services = self.__dict__.get("services")
        if services is None:
            raise AttributeError(attr)
        return getattr(services, attr)
