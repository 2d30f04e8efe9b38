"""Reading a pg_dump archive (custom format) before anything relies on it: ``pg_restore``
reads it whole (a file cut short fails here), and it must hold PairTrack's tables, ``meta``'s
marker and a schema revision this program knows. Nothing but the file is read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.pg_tools import ToolResult, find_tool, first_line, run_tool

SQLITE_HEADER = b"SQLite format 3\x00"
ARCHIVE_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom-format archive


@dataclass(frozen=True)
class Archive:
    """What a checked archive holds."""

    revision: str
    tables: frozenset[str]
    dumped_by: int  # pg_dump's major version


def listing(path: Path, tool: Path) -> str:
    result = run_tool([str(tool), "--list", str(path)], os.environ | {"LC_MESSAGES": "C"})
    if result.returncode != 0:
        raise DatabaseRefused(_not_an_archive(path, result))
    return result.stdout


def _not_an_archive(path: Path, result: ToolResult) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return f"无法读取备份文件「{path}」：{exc.strerror or exc}。"
    if head == SQLITE_HEADER:
        return (
            f"「{path}」是 SQLite 数据库文件（.db），不是 PostgreSQL 的备份；服务器上的数据库"
            "只能从 pg_dump 备份（.dump）恢复。当前数据库未作任何改动。"
        )
    if head.startswith(ARCHIVE_MAGIC):
        if "unsupported version" in result.stderr:
            return (
                f"备份「{path}」由更新版本的 pg_dump 写入，这台电脑上的 pg_restore 读不了"
                f"（{first_line(result.stderr)}）。请安装更新版本的 PostgreSQL 客户端工具。"
            )
        return (
            f"备份「{path}」已损坏或不完整，不能用来恢复（{first_line(result.stderr)}）。"
            "请选择另一个备份；当前数据库未作任何改动。"
        )
    return (
        f"「{path}」不是 pg_dump 的备份文件（自定义格式 .dump），不能用来恢复。"
        "请选择 PairTrack 备份的 .dump 文件；当前数据库未作任何改动。"
    )


def read_whole(path: Path, tool: Path) -> None:
    """Every block of the archive read (into nothing): a truncated file fails here, before
    anything is restored from it."""
    result = run_tool(
        [str(tool), f"--file={os.devnull}", str(path)], os.environ | {"LC_MESSAGES": "C"}
    )
    if result.returncode != 0:
        raise DatabaseRefused(
            f"备份「{path}」已损坏或不完整，不能用来恢复（{first_line(result.stderr)}）。"
            "请选择另一个备份；当前数据库未作任何改动。"
        )


def _copy_rows(script: str, table: str) -> list[list[str | None]]:
    """The rows of ``table`` in a plain-text restore script (COPY … FROM stdin blocks)."""
    match = re.search(
        rf"^COPY public\.{table} \([^)]*\) FROM stdin;\n(.*?)^\\\.$", script, re.M | re.S
    )
    if match is None:
        return []
    return [[_unescape(v) for v in line.split("\t")] for line in match.group(1).splitlines()]


def _unescape(value: str) -> str | None:
    if value == "\\N":
        return None
    escapes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\", "b": "\b", "f": "\f", "v": "\v"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), value)


def read_archive(path: Path) -> Archive:
    """The checked content of a pg_dump archive, or DatabaseRefused saying why it may not be
    restored: not an archive, damaged or cut short, not PairTrack's, of a newer schema, or
    missing tables of its own revision. Nothing but ``path`` is read."""
    from pairtrack.db.migrate import alembic_config, known_revision
    from pairtrack.db.repair import reference_schema

    if not path.is_file():
        raise DatabaseRefused(f"找不到备份文件「{path}」。")
    tool = find_tool("pg_restore")
    toc = listing(path, tool)
    tables = frozenset(re.findall(r"^\d+; \d+ \d+ TABLE public (\S+) ", toc, re.M))
    with_data = frozenset(re.findall(r"^\d+; \d+ \d+ TABLE DATA public (\S+) ", toc, re.M))
    foreign = f"备份「{path}」不是 PairTrack 数据库的备份，不能用来恢复。当前数据库未作任何改动。"
    if not {"meta", "alembic_version"} <= with_data:
        raise DatabaseRefused(foreign)
    args = ["--data-only", "--table=alembic_version", "--table=meta", "--file=-", str(path)]
    result = run_tool([str(tool), *args], os.environ | {"LC_MESSAGES": "C"})
    if result.returncode != 0:
        raise DatabaseRefused(_not_an_archive(path, result))
    meta = {row[0]: row[1] for row in _copy_rows(result.stdout, "meta") if len(row) == 2}
    versions = _copy_rows(result.stdout, "alembic_version")
    if meta.get("app") != "PairTrack" or len(versions) != 1 or not versions[0][0]:
        raise DatabaseRefused(foreign)
    try:
        revision = known_revision(versions[0][0], str(path))
    except DatabaseRefused as refused:
        raise DatabaseRefused(f"备份不能用来恢复：{refused}") from refused
    assert revision is not None
    missing = sorted(reference_schema(revision, alembic_config()).tables - tables)
    if missing:
        raise DatabaseRefused(
            f"备份「{path}」不完整，不能用来恢复：缺少表 {'、'.join(missing[:5])}。"
            "请选择另一个备份；当前数据库未作任何改动。"
        )
    read_whole(path, tool)
    by = re.search(r"Dumped by pg_dump version: (\d+)", toc)
    return Archive(revision, tables, int(by.group(1)) if by else 0)
