"""The consolidation package (``.pairtrack.zip``): write it, and open one safely.

``manifest.json`` names the format, version, origin office, export time, per-table counts,
and the byte size and sha256 of every member; each synced table is one JSON Lines file of
its stored values (ids, timestamps as stored text, tombstones included). Reading refuses,
before anything is written, a file that is not a zip, an unknown format or a newer version,
a member that escapes the folder, is far larger than announced (a zip bomb), or whose hash
does not match.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text

from db.base import format_timestamp, utc_now
from tracker.errors import PairTrackError
from tracker.jobs import Cancelled, Progress, check_cancelled, never, no_progress
from tracker.kinds import KINDS, TABLES

if TYPE_CHECKING:
    from tracker.ledger import Ledger

FORMAT = "pairtrack-package"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1 << 20
MAX_MEMBER_BYTES = 2 << 30  # 2 GiB of JSON is ~5 million rows: far beyond any office
MAX_RATIO = 200  # JSON Lines compresses ~10×; 200× is a bomb, not a ledger
READ_CHUNK = 1 << 16
REPORT_EVERY = 2000


class PackageRefused(PairTrackError):
    """The file is not a package this program may read; nothing was written."""


def member_name(table: str) -> str:
    return f"{table}.jsonl"


def export_package(
    ledger: Ledger, path: Path, *, progress: Progress = no_progress, cancelled: Cancelled = never
) -> dict[str, int]:
    """Write every synced row (tombstones too) with its stored text; returns counts."""
    counts: dict[str, int] = {}
    members: dict[str, dict[str, Any]] = {}
    with ledger.read() as session:
        total = 0
        for kind in KINDS:
            table: Any = kind.model.__table__
            total += int(session.scalar(select(func.count()).select_from(table)) or 0)
    done = 0
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, ledger.read() as session:
            for kind in KINDS:
                table = kind.model.__table__
                columns = [c.name for c in table.columns]
                digest, size, count = hashlib.sha256(), 0, 0
                # Raw SQL gives the stored text of dates and timestamps, byte for byte.
                query = text(f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY rowid")
                with archive.open(member_name(table.name), "w", force_zip64=True) as member:
                    for row in session.execute(query):
                        line = (
                            json.dumps(
                                dict(zip(columns, row, strict=True)),
                                ensure_ascii=False,
                                separators=(",", ":"),
                            ).encode()
                            + b"\n"
                        )
                        member.write(line)
                        digest.update(line)
                        size += len(line)
                        count += 1
                        done += 1
                        if done % REPORT_EVERY == 0:
                            check_cancelled(cancelled)
                            progress(done, total)
                counts[table.name] = count
                members[member_name(table.name)] = {"bytes": size, "sha256": digest.hexdigest()}
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "origin": {"code": ledger.office_code, "name": ledger.office_name},
                "exported_at": format_timestamp(utc_now()),
                "counts": counts,
                "members": members,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    progress(total, total)
    return counts


@dataclass(frozen=True)
class Package:
    path: Path
    manifest: dict[str, Any]

    @property
    def origin(self) -> str:
        origin = self.manifest.get("origin") or {}
        return f"{origin.get('name', '')}（{origin.get('code', '')}）"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.manifest["counts"].values())

    def rows(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, row) of one table; a malformed line is refused by file and line."""
        name = member_name(table)
        if name not in self.manifest["members"]:
            return
        limit = int(self.manifest["members"][name]["bytes"])
        with zipfile.ZipFile(self.path) as archive:
            for number, line in enumerate(_lines(archive, name, limit), start=1):
                try:
                    row = json.loads(line)
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise PackageRefused(f"{name} 第 {number} 行不是有效的 JSON：{exc}") from exc
                if not isinstance(row, dict):
                    raise PackageRefused(f"{name} 第 {number} 行不是一条记录")
                yield number, row


def _lines(archive: zipfile.ZipFile, name: str, limit: int) -> Iterator[bytes]:
    """The member's lines, reading at most ``limit`` bytes however the zip headers lie."""
    read, pending = 0, b""
    with archive.open(name) as member:
        while chunk := member.read(READ_CHUNK):
            read += len(chunk)
            if read > limit:
                raise PackageRefused(f"包中的 {name} 比清单所列的大（可能是恶意构造的压缩包）")
            pending += chunk
            *lines, pending = pending.split(b"\n")
            yield from (line for line in lines if line.strip())
    if pending.strip():
        yield pending


def open_package(path: Path) -> Package:
    """Check everything that can be checked before a row is read; refuse with one message."""
    if not zipfile.is_zipfile(path):
        raise PackageRefused(f"「{path.name}」不是 PairTrack 汇总包（不是 zip 文件）。")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            for name, info in infos.items():
                _safe_name(name)
                if info.file_size > MAX_MEMBER_BYTES or (
                    info.file_size > READ_CHUNK and info.file_size > MAX_RATIO * info.compress_size
                ):
                    raise PackageRefused(f"包中的 {name} 解压后异常巨大，疑似压缩炸弹，已拒绝。")
            if MANIFEST not in infos:
                raise PackageRefused("这不是 PairTrack 汇总包：缺少 manifest.json。")
            if infos[MANIFEST].file_size > MAX_MANIFEST_BYTES:
                raise PackageRefused("manifest.json 过大，已拒绝。")
            manifest = _manifest(archive.read(MANIFEST))
            for name, entry in manifest["members"].items():
                found = infos.get(name)
                if found is None:
                    raise PackageRefused(f"包不完整：缺少 {name}。")
                if found.file_size != int(entry["bytes"]):
                    raise PackageRefused(
                        f"包中的 {name} 大小与清单不符（{found.file_size} ≠ {entry['bytes']} 字节）。"
                    )
                _verify(archive, name, int(entry["bytes"]), str(entry["sha256"]))
    except zipfile.BadZipFile as exc:
        raise PackageRefused(f"汇总包已损坏：{exc}") from exc
    return Package(path, manifest)


def _safe_name(name: str) -> None:
    normal = posixpath.normpath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or normal.startswith("..")
        or ".." in name.replace("\\", "/").split("/")
    ):
        raise PackageRefused(f"包中的文件路径「{name}」越出了包的目录，已拒绝。")


def _manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageRefused(f"manifest.json 不是有效的 JSON：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageRefused("未知的文件格式：这不是 PairTrack 汇总包。")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise PackageRefused(f"未知的汇总包版本「{version}」。")
    if version > VERSION:
        raise PackageRefused(
            f"汇总包版本 {version} 比本程序支持的版本 {VERSION} 新，请先升级 PairTrack。"
        )
    members, counts = manifest.get("members"), manifest.get("counts")
    if not isinstance(members, dict) or not isinstance(counts, dict):
        raise PackageRefused("manifest.json 缺少 members 或 counts。")
    for name, entry in members.items():
        if name not in {member_name(t) for t in TABLES}:
            raise PackageRefused(f"manifest.json 列出了未知的文件「{name}」。")
        if not isinstance(entry, dict) or not isinstance(entry.get("bytes"), int):
            raise PackageRefused(f"manifest.json 中 {name} 的记录不完整。")
    return manifest


def _verify(archive: zipfile.ZipFile, name: str, limit: int, expected: str) -> None:
    digest, read = hashlib.sha256(), 0
    with archive.open(name) as member:
        while chunk := member.read(READ_CHUNK):
            read += len(chunk)
            if read > limit:
                raise PackageRefused(f"包中的 {name} 比清单所列的大（可能是恶意构造的压缩包）")
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise PackageRefused(f"包中的 {name} 校验值（sha256）不符：文件已被改动或损坏。")
