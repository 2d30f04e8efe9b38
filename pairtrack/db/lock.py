"""Who has a ledger open: a lock file beside it (``<file>.db.lock``) naming the user, the
computer, the process and since when.

A portable file (not Qt's QLockFile) so that the command line respects it too: the window
holds it while a database is open, and ``restore`` takes it before replacing the file, so a
restore never races another window's save. Other commands do not take it: SQLite's own locks
already make their writes safe next to a window.

A lock whose process is gone (same computer, no such process, or a lock file left empty by a
crash) is stale and taken over. A lock from another computer cannot be checked and is
respected (a ledger on a network share is refused anyway, see db.locations).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pairtrack.db.errors import DatabaseRefused

# A lock file this young may still be being written by its owner.
_WRITING_GRACE_S = 5.0


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: str  # local time, ISO format

    def describe(self) -> str:
        since = self.since.replace("T", " ")[:16]
        return f"{self.user}（计算机 {self.host}，进程 {self.pid}）自 {since} 起"


class LockHeld(DatabaseRefused):
    """Another live PairTrack has the database open."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"数据库「{path}」已被 {holder.describe()} 打开。同一台账同时在两处修改会互相覆盖，"
            "请先关闭那边的 PairTrack；只需查看时可以只读方式打开。"
        )


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        user = "?"
    return Holder(user, socket.gethostname(), os.getpid(), datetime.now().isoformat("T", "seconds"))


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(path: Path) -> Holder | None:
    """The holder named in the lock file at ``path``; None if it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DatabaseLock:
    """``with DatabaseLock(path):`` or ``acquire()`` / ``release()``."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.held = False

    def holder(self) -> Holder | None:
        """Who holds the lock now, if anyone alive does (a stale lock reads as free)."""
        holder = read_holder(self.path)
        if holder is None or self._stale(holder):
            return None
        return holder

    def _stale(self, holder: Holder | None) -> bool:
        if holder is None:  # empty or garbled: its writer died, unless it is writing now
            try:
                return time.time() - self.path.stat().st_mtime > _WRITING_GRACE_S
            except FileNotFoundError:
                return True
        return holder.host == socket.gethostname() and not process_alive(holder.pid)

    def acquire(self) -> None:
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_holder(self.path)
                if not self._stale(holder):
                    raise LockHeld(self.db_path, holder or me()) from None
                self.path.unlink(missing_ok=True)  # stale: the process is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me().__dict__, handle, ensure_ascii=False)
            self.held = True
            return
        raise LockHeld(self.db_path, read_holder(self.path) or me())

    def release(self) -> None:
        if self.held:
            holder = read_holder(self.path)
            if holder is None or holder.pid == os.getpid():
                self.path.unlink(missing_ok=True)
            self.held = False

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
