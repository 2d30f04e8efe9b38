"""The open ledger: one database, its session factory, its settings, and every service.

The window, the CLI, the brief and the exchange formats all start from ``Ledger.open``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.engine import database_path
from db.migrate import open_database
from db.models import Meta
from tracker.audit import append_event
from tracker.errors import ValidationError


class Ledger:
    def __init__(self, engine: Engine) -> None:
        from tracker.services import build_services

        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        services = build_services(self)
        self.regions = services.regions
        self.pairings = services.pairings
        self.agreements = services.agreements
        self.targets = services.targets
        self.funds = services.funds
        self.cadres = services.cadres
        self.trainings = services.trainings
        self.services = services

    @classmethod
    def open(cls, target: str | Path) -> Ledger:
        return cls(open_database(target))

    @property
    def path(self) -> Path | None:
        return database_path(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception.

        A constraint that the service rules did not foresee (or a race with another writer)
        still reaches the user as one Chinese message, with nothing written.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError as error:
            raise ValidationError(
                None, f"数据库拒绝了这次修改（{error.orig}），未写入任何内容"
            ) from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    # --- settings kept in ``meta`` -------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        with self.read() as session:
            value = session.scalar(select(Meta.value).where(Meta.key == key))
        return default if value is None else value

    def settings(self) -> dict[str, str]:
        with self.read() as session:
            return {key: value for key, value in session.execute(select(Meta.key, Meta.value))}

    def set_settings(self, **values: str) -> None:
        with self.write() as session:
            for key, value in values.items():
                row = session.get(Meta, key)
                before = None if row is None else row.value
                if row is None:
                    session.add(Meta(key=key, value=value))
                else:
                    row.value = value
                append_event(
                    session,
                    operator=self._operator(session),
                    action="setting",
                    table_name="meta",
                    row_id=key,
                    before=before,
                    after=value,
                )

    @property
    def operator(self) -> str:
        return self.setting("operator")

    @property
    def office_code(self) -> str:
        return self.setting("office_code")

    @property
    def office_name(self) -> str:
        return self.setting("office_name")

    @staticmethod
    def _operator(session: Session) -> str:
        return session.scalar(select(Meta.value).where(Meta.key == "operator")) or ""
