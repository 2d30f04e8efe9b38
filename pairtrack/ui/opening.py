"""Opening a ledger, as the worker does it before anything is shown: the lock, the place,
the migration, and what the window needs to know (``Opened``), or that the file is still to
be made (``Fresh``). No Qt here: ``ui.app.Controller`` runs ``open_ledger`` in the worker."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairtrack.db.names import is_url

if TYPE_CHECKING:
    from pairtrack.db.engine import Target
    from pairtrack.db.lock import DatabaseLock
    from pairtrack.tracker.ledger import Ledger


@dataclass(frozen=True)
class Opened:
    """What opening a database found out, in the worker, before anything is shown."""

    ledger: Ledger
    settings: dict[str, str]
    empty: bool  # no region at all: the first-run dialog offers the demo data
    lock: DatabaseLock | None = None  # None: opened read-only


@dataclass(frozen=True)
class Fresh:
    """A database file that does not exist yet. Nothing is made on disk (file, journal, lock,
    backup) until the welcome dialog is confirmed: cancelling it leaves no half-made ledger."""

    path: Path


def password_key(name: str) -> str:
    """Where a remembered password of the server database ``name`` (its URL without the
    password) is kept among the settings (``ui.server_login``): a hash, so that the settings
    do not even list which servers have one."""
    return hashlib.sha256(name.encode()).hexdigest()[:24]


def with_kept_password(target: Target, kept: Mapping[str, str]) -> Target:
    """``target`` with the password remembered for it (``kept``: by ``password_key``), when
    it is a server's URL that has none of its own; anything else as it is."""
    if isinstance(target, Path) or not is_url(target):
        return target
    from pairtrack.db.engine import has_password, shown_name, with_password

    password = kept.get(password_key(shown_name(target)))
    if has_password(target) or not password:
        return target
    return with_password(str(target) if isinstance(target, str) else target, password)


def open_ledger(
    target: Target, read_only: str = "", settings: dict[str, str] | None = None
) -> Opened | Fresh:
    """Take the lock (who has the ledger open), open and migrate it; ``read_only`` (why: who
    has it, or its place): no lock, no migration. A file that does not exist is only checked
    (``Fresh``) unless ``settings`` are given: then it is created with them. Runs in the
    worker, where the database modules are first imported. (The day's first backup follows
    once the window shows it: ``Controller._daily_backup``.)

    A database on a server (``postgresql://…``) has no file to check, lock or back up: several
    people share it by design, the server serialises their writes, and it is opened (an empty
    one made a PairTrack database) at once."""
    from pairtrack.db.engine import is_server
    from pairtrack.db.locations import check_location
    from pairtrack.db.lock import DatabaseLock
    from pairtrack.tracker import maintenance
    from pairtrack.tracker.ledger import Ledger

    path: Any = target if isinstance(target, Path) or is_server(target) else Path(str(target))
    lock: DatabaseLock | None = None
    if read_only:
        ledger = maintenance.open_read_only(path, read_only)
    elif not isinstance(path, Path):
        ledger = Ledger.open(path)
    else:
        file = maintenance.ledger_file(path)
        # the place first: a read-only folder cannot take the lock file either, and a folder
        # that is not there is said now
        check_location(file, given=str(path))
        if settings is None and not file.exists():
            return Fresh(path)
        lock = DatabaseLock(file)
        lock.acquire()
        try:
            ledger = Ledger.open(path)
        except BaseException:
            lock.release()
            raise
    try:
        if settings is not None and not ledger.settings().get("office_name"):
            # before the day's first backup, so that the copy has them; a file another
            # program created meanwhile with its own settings keeps them
            ledger.set_settings(**settings)
        with ledger.read():
            empty = ledger.regions.count(include_deleted=True) == 0
            return Opened(ledger, ledger.settings(), empty, lock)
    except BaseException:
        ledger.close()
        if lock is not None:
            lock.release()
        raise
