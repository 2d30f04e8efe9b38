"""What a database error means for the user, and what to do: one Chinese message.

SQLite reports every trouble as a short English phrase on ``sqlite3.Error`` (which SQLAlchemy
wraps). The phrase tells a locked file (another program is writing) from a read-only place,
a full disk, or a damaged file; for a damaged file the message lists the copies in
``backups/`` with their dates and the command that restores one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pairtrack.db.backup import list_backups
from pairtrack.db.locations import read_only_message

LOCKED = ("database is locked", "database table is locked", "busy")
READ_ONLY = ("readonly database", "read-only", "readonly")
FULL = ("database or disk is full", "disk is full", "no space left")
DAMAGED = (
    "malformed",
    "file is not a database",
    "file is encrypted",
    "disk i/o error",
    "corrupt",
)
LISTED = 8
FULL_BELOW = 4 * 1024 * 1024  # free bytes under which an I/O error is put down to a full disk


def _text(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original)


def kind(exc: BaseException) -> str:
    """locked | read_only | full | damaged | cannot_open | other"""
    text = _text(exc).lower()
    for words, name in ((LOCKED, "locked"), (READ_ONLY, "read_only"), (FULL, "full")):
        if any(w in text for w in words):
            return name
    if any(w in text for w in DAMAGED):
        return "damaged"
    if "unable to open" in text:
        return "cannot_open"
    return "other"


def _disk_full(path: Path | None) -> bool:
    """SQLite reports a write that found no room in its WAL index as "disk I/O error"."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW
    except OSError:
        return False


def describe(exc: BaseException, path: Path | None) -> str:
    """The message for ``exc``, raised while using the database at ``path``."""
    where = f"「{path}」" if path is not None else ""
    found = kind(exc)
    if found in ("damaged", "other", "cannot_open") and _disk_full(path):
        found = "full"
    if found == "locked":
        return (
            f"数据库{where}正被其他程序占用（可能是另一个 PairTrack 窗口正在保存），"
            "超过等待时间仍未释放，未写入任何内容。请稍后再试，或关闭另一个程序。"
        )
    if found == "read_only" and path is not None:
        return read_only_message(path)
    if found == "full":
        return (
            f"磁盘空间不足，数据库{where}的这次操作已撤销，未写入任何内容，原有数据完好。"
            "请清理磁盘空间后再试。"
        )
    if found == "cannot_open":
        return (
            f"无法打开数据库{where}（{_text(exc)}）：可能没有访问该文件或文件夹的权限，"
            "或网络位置已断开。"
        )
    head = (
        f"无法读取数据库{where}：{_text(exc)}。文件可能已损坏。"
        if found == "damaged"
        else f"数据库{where}出错：{_text(exc)}。"
    )
    return head + (restore_advice(path) if path is not None else "")


def restore_advice(path: Path) -> str:
    """Which backups exist (newest first, with dates) and how to put one back."""
    copies = list_backups(path)
    if not copies:
        return "备份文件夹中没有它的备份；请运行 pairtrack check 查看问题，或找回其他副本。"
    lines = [
        f"  {c.taken:%Y-%m-%d %H:%M}  {c.path}（{c.size / 1_048_576:.1f} MB）"
        for c in copies[:LISTED]
    ]
    more = f"\n  ……另有 {len(copies) - LISTED} 个较早的备份" if len(copies) > LISTED else ""
    return (
        "\n可以从下列备份之一恢复（恢复前会先检查备份，当前文件会另存一份）：\n"
        + "\n".join(lines)
        + more
        + f'\n命令：pairtrack --db "{path}" restore "{copies[0].path}"'
        + "（换成要恢复的备份文件）；或在窗口中用 文件 → 备份与恢复。"
    )
