"""Where this program may write a file: the one home of the output rule (DESIGN §5).

An output path never replaces the open database (nor its -wal/-shm/-journal companions)
nor anything in its backups folder — not even with ``--force``; an existing file is replaced
only when the caller says so (``force``: the command line's ``--force``, or the window after
Qt's file dialog asked); and a file is written beside its target under a temporary name and
moved into place (``os.replace``) only once complete, so a full disk, a cancel or a kill
leaves the old file as it was and no half-written new one. The temporary is removed on
failure.

Every writer goes through ``replacing`` (one file) or ``replacing_folder`` (a folder of
files, for csv).

A writer killed outright (kill -9, a power cut) cannot remove its temporary. Its name says
whose it is — ``.<name>.pairtrack-<computer>-<process>-<random>.part`` — so the next write of
the same output removes the ones left by a process of this computer that no longer runs, and
nothing else: not a temporary another live process is writing, not another computer's, not a
file of the user's that only looks alike.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import secrets
import shutil
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pairtrack.db.backup import backup_dir
from pairtrack.db.lock import process_alive
from pairtrack.tracker.errors import PairTrackError

# Files SQLite keeps beside a database while it is open, and the lock file beside it.
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
TEMP_SUFFIX = ".part"
TEMP_MARK = "pairtrack"
# after ``.<name>.``: the mark, this computer, the writing process, a random tag; then
# ``.part``, and whatever a writer adds to that name (a database copy's own ``.part``)
_TEMP_TAIL = re.compile(
    rf"{TEMP_MARK}-(?P<host>[0-9a-f]{{4}})-(?P<pid>[0-9]{{1,10}})-[0-9a-f]{{8}}"
    rf"{re.escape(TEMP_SUFFIX)}(?:\..*)?"
)


class OutputRefused(PairTrackError):
    """The output path may not be written (the database, a backup, an existing file), or
    writing it failed (a full disk, no permission): nothing was replaced."""


WRITE_PROBLEMS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.EACCES: "没有写入权限（文件可能正被其他程序打开）",
    errno.EPERM: "没有写入权限",
    errno.ENOENT: "文件夹不存在",
}


def write_problem(exc: OSError) -> str:
    """Why a file could not be written, in Chinese."""
    return WRITE_PROBLEMS.get(exc.errno or 0) or str(exc.strerror or exc)


def _failed(path: Path, exc: OSError) -> OutputRefused:
    kept = "原有文件未改动" if path.exists() else "未留下不完整的文件"
    return OutputRefused(f"无法写入「{path}」：{write_problem(exc)}；{kept}。")


def _real(path: Path) -> Path:
    """The path with symlinks resolved and, where the file system ignores case, case folded."""
    return Path(os.path.normcase(os.path.realpath(path)))


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _real(a) == _real(b)


def is_inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies in it, however either is spelled."""
    real, home = _real(path), _real(folder)
    if real == home or home in real.parents:
        return True
    # A hard link or another spelling of the same folder: compare by identity too.
    try:
        return folder.exists() and any(
            p.exists() and os.path.samefile(p, folder) for p in (path, *path.parents)
        )
    except OSError:
        return False


def _guard(path: Path, database: Path | None) -> None:
    """Refuse the open database, its companions and its backups folder, whatever ``force``."""
    if database is None:
        return
    guarded = [database, *(database.with_name(database.name + c) for c in COMPANIONS)]
    if any(_same(path, g) for g in guarded):
        raise OutputRefused(
            f"不能写到「{path}」：那是正在使用的数据库文件，写入会毁掉台账。请换一个文件名。"
        )
    backups = backup_dir(database)
    if is_inside(path, backups):
        raise OutputRefused(
            f"不能写到「{path}」：那是数据库的备份文件夹（{backups}），本程序不往其中写入别的文件。"
            "请换一个位置。"
        )


def check_target(path: Path, *, database: Path | None, force: bool, folder: bool = False) -> None:
    """Refuse ``path`` as an output, with one Chinese message, when it may not be written."""
    _guard(path, database)
    if folder:
        if path.exists() and not path.is_dir():
            raise OutputRefused(f"「{path}」已存在且不是文件夹，无法导出到其中。")
        if path.is_dir() and any(path.iterdir()) and not force:
            raise OutputRefused(
                f"文件夹「{path}」已存在且不为空，未覆盖。如要替换其中的同名文件，请加 --force。"
            )
        return
    if path.is_dir():
        raise OutputRefused(f"「{path}」是一个文件夹，请给出文件名。")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputRefused(f"文件「{path}」已存在，未覆盖。如要替换它，请加 --force。")


def _host_tag() -> str:
    """Four hex digits naming this computer (a temporary on a shared folder may be another's)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]


def _temporary_name(path: Path) -> str:
    tag = f"{TEMP_MARK}-{_host_tag()}-{os.getpid()}-{secrets.token_hex(4)}"
    return f".{path.name}.{tag}{TEMP_SUFFIX}"


def stale_temporaries(path: Path) -> list[Path]:
    """Temporaries of ``path`` left by a writer of this computer that no longer runs."""
    prefix = f".{path.name}."
    host, found = _host_tag(), []
    try:
        candidates = list(path.parent.glob(glob.escape(prefix) + TEMP_MARK + "-*"))
    except OSError:
        return []
    for item in candidates:
        match = _TEMP_TAIL.fullmatch(item.name[len(prefix) :])
        if match is None or match["host"] != host:
            continue
        pid = int(match["pid"])
        if pid != os.getpid() and not process_alive(pid):
            found.append(item)
    return found


def remove_stale_temporaries(path: Path) -> None:
    """Clear what killed writers of ``path`` left; a failure here never stops the write."""
    for item in stale_temporaries(path):
        try:
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
        except OSError:
            pass


def _temporary(path: Path, *, folder: bool = False) -> Path:
    """A fresh name beside ``path`` (same folder, so the final move is a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    while True:
        # Made by hand rather than by tempfile so that it gets the usual permissions (umask).
        temporary = path.with_name(_temporary_name(path))
        try:
            if folder:
                temporary.mkdir()
            else:
                temporary.open("xb").close()
        except FileExistsError:
            continue
        return temporary


def _remove(temporary: Path) -> None:
    """The temporary, and whatever a writer made beside it under its (unique) name: a
    database copy writes its own ``….part.part`` first."""
    for item in (temporary, *temporary.parent.glob(glob.escape(temporary.name) + "?*")):
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)


@contextmanager
def replacing(path: Path, *, database: Path | None, force: bool = False) -> Iterator[Path]:
    """Yield a temporary file beside ``path`` to write; move it onto ``path`` when the block
    ends without an error. Refused before anything is written (``check_target``), and
    checked again just before the move (another program may have created the file since)."""
    check_target(path, database=database, force=force)
    try:
        temporary = _temporary(path)
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        yield temporary
        check_target(path, database=database, force=force)
        os.replace(temporary, path)
    except OSError as exc:
        raise _failed(path, exc) from exc
    except sqlite3.OperationalError as exc:  # a database copied out (backup -o)
        if "full" not in str(exc):
            raise
        raise _failed(path, OSError(errno.ENOSPC, str(exc))) from exc
    finally:
        _remove(temporary)


@contextmanager
def replacing_folder(path: Path, *, database: Path | None, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; once the block ends without an error, it
    becomes ``path`` (a new folder), or its files replace their namesakes in the existing
    folder one by one (each by a rename: complete or not at all)."""
    check_target(path, database=database, force=force, folder=True)
    try:
        temporary = _temporary(path, folder=True)
    except OSError as exc:
        raise _failed(path, exc) from exc
    try:
        yield temporary
        check_target(path, database=database, force=force, folder=True)
        if not path.exists():
            os.replace(temporary, path)
        else:
            for item in sorted(temporary.iterdir()):
                _guard(path / item.name, database)
                os.replace(item, path / item.name)
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if temporary.exists():
            _remove(temporary)


def write_file(
    path: Path, writer: Callable[[Path], Any], *, database: Path | None, force: bool = False
) -> Path:
    """``writer(temporary)`` under ``replacing``; returns ``path``."""
    with replacing(path, database=database, force=force) as temporary:
        writer(temporary)
    return path


def copy_file(source: Path, path: Path, *, database: Path | None, force: bool = False) -> Path:
    """Copy ``source`` onto ``path`` by the same rule (the window's 保存简报)."""
    return write_file(path, lambda t: shutil.copyfile(source, t), database=database, force=force)
