"""Where a SQLite ledger may live: a folder is not a file, a read-only place cannot take a
write, and a network share cannot hold SQLite at all.

SQLite's locking relies on the file system's byte-range locks, which SMB/CIFS and NFS shares
do not honour reliably: two offices writing through a share corrupt the file. A shared ledger
belongs in PostgreSQL (``--db postgresql://…``), the engine DESIGN §4 names for it. A share is
recognised by its UNC name (``\\\\server\\share``), on Windows by a mapped drive
(``GetDriveTypeW`` = ``DRIVE_REMOTE``), and on Linux by the file system type of the mount
(``/proc/mounts``). The classification takes those facts as arguments, so that each case is
tested on any machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath, PureWindowsPath

from pairtrack.db.errors import DatabaseRefused, ReadOnlyLocation

DRIVE_REMOTE = 4  # GetDriveTypeW
NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "fuse.sshfs", "davfs", "9p"}
)


def _windows_drive_type(root: str) -> int:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def _proc_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def network_share(
    path: str | Path,
    *,
    windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
    mounts: str | None = None,
) -> str | None:
    """How ``path`` is on a network share (``"UNC"``, a mapped drive ``"Z:"``, or the mount's
    file system type), or ``None`` for a local disk."""
    windows = os.name == "nt" if windows is None else windows
    text = str(path)
    if windows or text.startswith(("\\\\", "//")):
        win = PureWindowsPath(text)
        drive = win.drive
        upper = text.upper()
        if upper.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
            return "UNC"
        if upper.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
            drive = text[4:6]  # \\?\C:\… is a local path written the long way
        elif drive.startswith(("\\\\", "//")):
            return "UNC"
        if windows and len(drive) == 2 and drive[1] == ":":
            get_type = drive_type or _windows_drive_type
            if get_type(drive.upper() + "\\") == DRIVE_REMOTE:
                return drive.upper()
        return None
    return _network_mount(PurePosixPath(text), _proc_mounts() if mounts is None else mounts)


def _network_mount(path: PurePosixPath, mounts: str) -> str | None:
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts escapes spaces and the like in octal (\040)
        point = PurePosixPath(fields[1].encode().decode("unicode_escape"))
        if path == point or point in path.parents:
            depth = len(point.parts)
            if best is None or depth > best[0]:
                best = (depth, fields[2])
    if best is not None and (best[1] in NETWORK_FS or best[1].startswith("nfs")):
        return best[1]
    return None


def check_location(path: Path, *, writing: bool = True, given: str | None = None) -> None:
    """Refuse a place where a SQLite ledger cannot safely be opened, saying why in Chinese.

    ``given`` is the path as the user wrote it: on Linux a UNC name resolves to a harmless
    looking relative path, and only its spelling shows where it was meant to be.
    """
    share = network_share(given) if given is not None else None
    if share is not None:
        raise DatabaseRefused(_share_message(given or str(path), share))
    if path.is_dir():  # checked first: Windows reports a folder's size as 0
        raise DatabaseRefused(
            f"「{path}」是一个文件夹，不是数据库文件。请在 --db 中给出文件夹里的数据库文件，"
            f"例如「{path / 'pairtrack.db'}」。"
        )
    if not path.parent.is_dir():
        raise DatabaseRefused(f"文件夹「{path.parent}」不存在，无法在那里创建数据库。")
    share = network_share(path)
    if share is not None:
        raise DatabaseRefused(_share_message(str(path), share))
    if writing:
        reason = read_only_reason(path)
        if reason is not None:
            raise ReadOnlyLocation(path, reason + READ_ONLY_STILL)


def _share_message(path: str, share: str) -> str:
    where = "网络共享路径" if share == "UNC" else f"网络位置（{share}）"
    return (
        f"「{path}」位于{where}。SQLite 数据库放在网络共享上时文件锁不可靠，多人同时使用会"
        "损坏数据，PairTrack 不在那里打开它。请把数据库复制到本机磁盘；几台电脑共用一个"
        "台账时，请使用 PostgreSQL 数据库（--db postgresql://用户@服务器/数据库）。"
    )


# why a ledger there is opened read-only (said by a refused write and the window's status bar)
READ_ONLY_LOCATION = "所在位置不允许写入"
# what still works there (the commands that only read open the file with SQLite's mode=ro)
READ_ONLY_STILL = "只需查看时，summary、brief、export、check 等命令和以只读方式打开的窗口仍可使用。"


def read_only_reason(path: Path) -> str | None:
    """Why PairTrack cannot write at ``path`` (a read-only file or folder), or ``None``.

    SQLite writes a journal (``-wal``, ``-shm``) beside the file, so the folder must take
    new files too.
    """
    if path.exists() and not os.access(path, os.W_OK):
        return read_only_message(path)
    if not os.access(path.parent, os.W_OK):
        return read_only_message(path)
    return None


def read_only_message(path: Path) -> str:
    return (
        f"数据库「{path}」所在的位置是只读的（文件或文件夹不允许写入，例如光盘、只读共享或"
        "被设为只读的文件），PairTrack 无法在那里保存。文件没有损坏：请把它复制到可写的文件夹"
        "再打开，或取消文件的只读属性。"
    )
