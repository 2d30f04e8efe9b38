"""The consolidation package (``.pairtrack.zip``): write it, and open one safely.

Opening one (writing it: ``package_write``). Format version 3: ``manifest.json`` (format, version, origin office {code, name},
exported_at, scope, the sender's audit head and its number of events, the rows of every
member and the byte size and sha256 of every member), one JSON Lines file per synced table
with every column of every row in its stored form (revision and parents included; tombstones
too), ``row_history.jsonl``: the known earlier revisions of those rows, so that the receiver
can find common ancestors, and ``audit_chain.jsonl``: the first 16 hex digits of the hash of
every event of the sender's audit chain, in order, so that a receiver that recorded an
earlier head of the same office can tell whether this history extends it
(``tracker.received``). Versions 1 (no revisions, no history) and 2 (no chain) are still read.

Opening refuses, before a row is read and with one Chinese message naming the member: a
file that is not a zip, a damaged one (a flipped bit in a compressed member), an unknown
format or a newer version, any manifest field of the wrong type or out of range, a member
missing, unlisted or duplicated, a path that escapes the folder, a member far larger than
announced (a zip bomb) or than ``MAX_MEMBER_BYTES`` (counted as it streams, whatever the
headers say), a line longer than ``MAX_LINE_BYTES``, a hash or a line count that does not
match. Every stream checks ``cancelled`` as it goes. Rows are then checked
field by field by ``tracker.exchange.package_rows`` (``Package.stored_rows``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pairtrack.db.base import parse_timestamp
from pairtrack.tracker.audit import GENESIS, check_code
from pairtrack.tracker.exchange.package_members import (
    DAMAGED,
    MAX_MEMBER_BYTES,
    READ_CHUNK,
    count_mismatch,
    damaged,
    member_lines,
    read_member,
    safe_name,
    verify_member,
)
from pairtrack.tracker.exchange.package_rows import (
    MAX_OFFICE_CODE,
    MAX_OFFICE_NAME,
    CheckedRow,
    PackageRefused,
    check_row,
    loads,
    office_text_problem,
    stored_history,
    timestamp_problem,
)
from pairtrack.tracker.jobs import Cancelled, never
from pairtrack.tracker.kinds import BY_TABLE, TABLES

if TYPE_CHECKING:
    from pairtrack.tracker.services.base import EntityService

__all__ = ["TABLES", "Package", "PackageRefused", "member_name", "open_package"]

FORMAT = "pairtrack-package"
VERSION = 3
MANIFEST = "manifest.json"
HISTORY = "row_history.jsonl"
CHAIN = "audit_chain.jsonl"
CHAIN_DIGITS = 16  # of each event's hash: 64 bits, far beyond a guess
SCOPES = {"all": "全部记录", "own": "本单位录入的记录", "reference": "基础数据"}
MAX_MANIFEST_BYTES = 1 << 20
MAX_RATIO = 200  # JSON Lines compresses ~10×; 200× is a bomb, not a ledger
REPORT_EVERY = 2000

_SHA256 = re.compile(r"[0-9a-f]{64}")


def member_name(table: str) -> str:
    return f"{table}.jsonl"


def required_members(version: int) -> tuple[str, ...]:
    """The members a package of ``version`` must hold, besides the manifest."""
    tables = tuple(member_name(t) for t in TABLES)
    if version == 1:
        return tables
    return (*tables, HISTORY) if version == 2 else (*tables, HISTORY, CHAIN)


_MANIFEST_KEYS = {
    1: {"format", "version", "origin", "exported_at", "counts", "members"},
    2: {"format", "version", "origin", "exported_at", "scope", "audit_head", "counts", "members"},
}
_MANIFEST_KEYS[3] = _MANIFEST_KEYS[2] | {"audit_count"}
_CHAIN_LINE = re.compile(rf"[0-9a-f]{{{CHAIN_DIGITS}}}")


# --- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    """An opened package whose manifest, member hashes and line counts were checked."""

    path: Path
    manifest: dict[str, Any]
    version: int
    scope: str
    origin_code: str
    origin_name: str
    exported_at: datetime
    audit_head: str | None  # None in version 1
    counts: dict[str, int]  # rows per member
    audit_count: int | None = None  # events in the sender's chain; None before version 3
    cancelled: Cancelled = never  # checked while members stream

    @property
    def check_code(self) -> str | None:
        """The sender's 数据校验码 at export (version 3 on)."""
        if self.audit_head is None or self.audit_count is None:
            return None
        return check_code(self.audit_count, self.audit_head)

    def chain_hashes(self, wanted: set[int]) -> dict[int, str]:
        """The sender's event hashes (their first ``CHAIN_DIGITS`` hex digits) at the event
        numbers ``wanted`` (1 = the first event) that its chain has; checks on the way that
        every line is one and that the last one is the manifest's head."""
        found: dict[int, str] = {}
        last = None
        for number, row in self._member(CHAIN):
            digest = row.get("hash")
            if set(row) != {"hash"} or not (
                isinstance(digest, str) and _CHAIN_LINE.fullmatch(digest)
            ):
                raise PackageRefused(CHAIN, number, "hash", f"应为 {CHAIN_DIGITS} 位十六进制数")
            if number in wanted:
                found[number] = digest
            last = digest
        if self.audit_head is not None and (last or "") != (
            self.audit_head[:CHAIN_DIGITS] if self.audit_count else ""
        ):
            raise PackageRefused(CHAIN, None, None, "最后一条与清单中的审计记录链头不符")
        return found

    @property
    def origin(self) -> str:
        return f"{self.origin_name}（{self.origin_code}）"

    @property
    def total(self) -> int:
        """Rows of all the tables (history not included)."""
        return sum(self.counts[member_name(t)] for t in TABLES)

    def rows(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, JSON object) of one table, as read; see ``stored_rows``."""
        yield from self._member(member_name(table))

    def history(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, JSON object) of the row history; none in version 1."""
        if self.version >= 2:
            yield from self._member(HISTORY)

    def stored_rows(self, service: EntityService[Any]) -> Iterator[tuple[int, CheckedRow]]:
        """The rows of the service's table, each checked field by field (``check_row``)."""
        name, frame = member_name(service.table), BY_TABLE[service.table].frame
        for number, raw in self.rows(service.table):
            row = check_row(service, name, number, raw, self.version)
            if self.scope == "own" and not frame and row.stored["origin"] != self.origin_code:
                raise PackageRefused(
                    name, number, "origin", "本单位记录包中不应有其他单位录入的记录"
                )
            yield number, row

    def stored_history(
        self, services: Mapping[str, EntityService[Any]]
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """The row history, each row checked (``stored_history``); ``services`` by table."""
        for number, raw in self.history():
            yield number, stored_history(services, HISTORY, number, raw)

    def _member(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every line of ``name`` as a JSON object; exactly as many as the manifest says."""
        expected = self.counts[name]
        number = 0
        try:
            with zipfile.ZipFile(self.path) as archive:
                limit = archive.getinfo(name).file_size
                lines = member_lines(archive, name, limit, self.cancelled)
                for number, line in enumerate(lines, start=1):
                    if number > expected:
                        raise PackageRefused(name, None, None, count_mismatch(expected))
                    if not line.strip():
                        raise PackageRefused(name, number, None, "是空行")
                    try:
                        row = loads(line)
                    except (ValueError, RecursionError) as exc:
                        raise PackageRefused(
                            name, number, None, f"不是有效的 JSON：{exc}"
                        ) from None
                    if not isinstance(row, dict):
                        raise PackageRefused(name, number, None, "不是一条记录（应为 JSON 对象）")
                    yield number, row
        except DAMAGED as exc:
            raise damaged(name, exc) from None
        if number != expected:
            raise PackageRefused(name, None, None, count_mismatch(expected, number))


def open_package(path: Path, cancelled: Cancelled = never) -> Package:
    """Check everything that can be checked before a row is read; refuse with one message.
    ``cancelled`` is checked while members stream (here and later, as rows are read)."""
    if not zipfile.is_zipfile(path):
        raise PackageRefused(f"「{path.name}」不是 PairTrack 汇总包（不是 zip 文件）。")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            for info in infos:
                safe_name(info.filename)
                if names.count(info.filename) > 1:
                    raise PackageRefused(f"包中有两个同名的文件「{info.filename}」，已拒绝。")
                if info.file_size > MAX_MEMBER_BYTES or (
                    info.file_size > READ_CHUNK and info.file_size > MAX_RATIO * info.compress_size
                ):
                    raise PackageRefused(
                        f"包中的 {info.filename} 解压后异常巨大，疑似压缩炸弹，已拒绝。"
                    )
            by_name = {info.filename: info for info in infos}
            if MANIFEST not in by_name:
                raise PackageRefused("这不是 PairTrack 汇总包：缺少 manifest.json。")
            if by_name[MANIFEST].file_size > MAX_MANIFEST_BYTES:
                raise PackageRefused("manifest.json 过大，已拒绝。")
            package = _manifest(path, read_member(archive, MANIFEST, MAX_MANIFEST_BYTES))
            listed = package.manifest["members"]
            for name in names:
                if name != MANIFEST and name not in listed:
                    raise PackageRefused(f"包中有清单未列出的文件「{name}」，已拒绝。")
            for name, entry in listed.items():
                found = by_name.get(name)
                if found is None:
                    raise PackageRefused(f"包不完整：缺少 {name}。")
                if found.file_size != entry["bytes"]:
                    raise PackageRefused(
                        f"包中的 {name} 大小与清单不符（{found.file_size} ≠ {entry['bytes']} 字节）。"
                    )
                verify_member(
                    archive, name, entry["bytes"], entry["sha256"], package.counts[name], cancelled
                )
    except DAMAGED as exc:
        raise PackageRefused(f"汇总包已损坏：{exc}") from None
    return replace(package, cancelled=cancelled)


# --- the manifest ----------------------------------------------------------------------


def _refuse(field: str, reason: str) -> PackageRefused:
    return PackageRefused(MANIFEST, None, field, reason)


def _count(value: Any) -> bool:
    """A JSON integer ≥ 0 (``true`` and ``1.0`` are not)."""
    return type(value) is int and value >= 0


def _manifest(path: Path, data: bytes) -> Package:
    """The manifest, every field typed and checked."""
    try:
        manifest = loads(data)
    except (ValueError, RecursionError) as exc:
        raise PackageRefused(f"manifest.json 不是有效的 JSON：{exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageRefused("未知的文件格式：这不是 PairTrack 汇总包。")
    version = manifest.get("version")
    if type(version) is not int or version < 1:
        raise PackageRefused(f"未知的汇总包版本「{version}」。")
    if version > VERSION:
        raise PackageRefused(
            f"汇总包版本 {version} 比本程序支持的版本 {VERSION} 新，请先升级 PairTrack。"
        )
    keys = set(manifest)
    if keys != _MANIFEST_KEYS[version]:
        missing, extra = _MANIFEST_KEYS[version] - keys, keys - _MANIFEST_KEYS[version]
        if missing:
            raise _refuse(sorted(missing)[0], "缺少这一项")
        raise _refuse(sorted(extra)[0], f"版本 {version} 的清单没有这一项")
    origin = manifest["origin"]
    if not isinstance(origin, dict) or set(origin) != {"code", "name"}:
        raise _refuse("origin", "应为含 code 和 name 两项的对象")
    for key, limit in (("code", MAX_OFFICE_CODE), ("name", MAX_OFFICE_NAME)):
        if (problem := office_text_problem(origin[key], limit)) is not None:
            raise _refuse(f"origin.{key}", problem)
    exported_at = manifest["exported_at"]
    if not isinstance(exported_at, str):
        raise _refuse("exported_at", "应为时间文字")
    if (problem := timestamp_problem(exported_at)) is not None:
        raise _refuse("exported_at", problem)
    scope, head = manifest.get("scope", "all"), manifest.get("audit_head")
    if scope not in SCOPES:
        raise _refuse("scope", f"未知的范围「{scope}」：只能是 {'、'.join(SCOPES)}")
    if version >= 2 and not (isinstance(head, str) and _SHA256.fullmatch(head)):
        raise _refuse("audit_head", "应为 64 位小写十六进制数")
    events = manifest.get("audit_count")
    if version >= 3:
        if type(events) is not int or not 0 <= events <= MAX_MEMBER_BYTES:
            raise _refuse("audit_count", "应为不小于 0 的整数")
        listed = manifest["counts"]
        if isinstance(listed, dict) and events != listed.get(CHAIN):
            raise _refuse("audit_count", "与审计记录链文件的行数不符")
        if events == 0 and head != GENESIS:
            raise _refuse("audit_head", "没有审计事件时应为 64 个 0")
    required = required_members(version)
    members, counts = manifest["members"], manifest["counts"]
    # Version 1 counted rows by table, version 2 by member.
    count_key = (lambda m: m.removesuffix(".jsonl")) if version == 1 else (lambda m: m)
    if not isinstance(members, dict):
        raise _refuse("members", "应为对象")
    if not isinstance(counts, dict):
        raise _refuse("counts", "应为对象")
    for listing, field, keyed in ((members, "members", str), (counts, "counts", count_key)):
        expected = {keyed(m) for m in required}
        for name in listing:
            if name not in expected:
                raise _refuse(f"{field}.{name}", "未知的文件")
        for name in sorted(expected - set(listing)):
            raise _refuse(f"{field}.{name}", "清单中缺少这一项")
    by_member: dict[str, int] = {}
    for name in required:
        entry, count = members[name], counts[count_key(name)]
        if not isinstance(entry, dict) or set(entry) != {"bytes", "sha256"}:
            raise _refuse(f"members.{name}", "应为含 bytes 和 sha256 两项的对象")
        if not _count(entry["bytes"]) or entry["bytes"] > MAX_MEMBER_BYTES:
            raise _refuse(f"members.{name}.bytes", f"应为 0–{MAX_MEMBER_BYTES} 的整数")
        if not (isinstance(entry["sha256"], str) and _SHA256.fullmatch(entry["sha256"])):
            raise _refuse(f"members.{name}.sha256", "应为 64 位小写十六进制数")
        if not _count(count):
            raise _refuse(f"counts.{count_key(name)}", "应为不小于 0 的整数")
        table = name.removesuffix(".jsonl")
        if count and scope == "reference" and table in BY_TABLE and not BY_TABLE[table].reference:
            raise _refuse(f"counts.{name}", "基础数据包中不应有这类记录")
        by_member[name] = count
    return Package(
        path=path,
        manifest=manifest,
        version=version,
        scope=scope,
        origin_code=origin["code"],
        origin_name=origin["name"],
        exported_at=parse_timestamp(exported_at),
        audit_head=head if version >= 2 else None,
        counts=by_member,
        audit_count=events if version >= 3 else None,
    )
