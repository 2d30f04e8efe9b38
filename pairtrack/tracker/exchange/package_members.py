"""Reading one member of a consolidation package within bounds: at most the announced size
(and ``MAX_MEMBER_BYTES``) however the zip headers lie, no line longer than
``MAX_LINE_BYTES``, its sha256 and line count checked in one pass, ``cancelled`` checked as it
streams, and a damaged stream or a path escaping the folder refused with the member's name.
(``tracker.exchange.package`` opens the whole package with these.)
"""

from __future__ import annotations

import hashlib
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator

from pairtrack.tracker.exchange.package_rows import PackageRefused
from pairtrack.tracker.jobs import Cancelled, check_cancelled, never

MAX_MEMBER_BYTES = 2 << 30  # 2 GiB of JSON is ~5 million rows: far beyond any office
MAX_LINE_BYTES = 1 << 20  # one row is a few hundred bytes; 1 MiB is not a row
READ_CHUNK = 1 << 16

# What a damaged zip raises while it is read: a flipped bit in a deflate stream gives
# zlib.error, a bad CRC BadZipFile, a truncated member EOFError, odd headers the others.
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    struct.error,
)


def count_mismatch(expected: int, found: int | None = None) -> str:
    found_text = "更多" if found is None else f" {found} 行"
    return f"行数与清单不符：清单为 {expected} 行，文件中有{found_text}"


def damaged(name: str, exc: BaseException) -> PackageRefused:
    return PackageRefused(name, None, None, f"已损坏，无法解压（{type(exc).__name__}: {exc}）")


def member_lines(
    archive: zipfile.ZipFile, name: str, limit: int, cancelled: Cancelled = never
) -> Iterator[bytes]:
    """The member's lines (a last one without a newline too), reading at most ``limit``
    bytes however the zip headers lie, none longer than ``MAX_LINE_BYTES``."""
    read, number, parts, held = 0, 1, list[bytes](), 0
    with archive.open(name) as member:
        while chunk := member.read(READ_CHUNK):
            check_cancelled(cancelled)
            read += len(chunk)
            if read > min(limit, MAX_MEMBER_BYTES):
                raise PackageRefused(f"包中的 {name} 比清单所列的大（可能是恶意构造的压缩包）")
            # Pieces of an unfinished line are kept in a list, never joined until its end:
            # no quadratic copying, and a line is refused as soon as it is too long.
            *done, rest = chunk.split(b"\n")
            if done:
                if held + len(done[0]) > MAX_LINE_BYTES:
                    raise long_line(name, number)
                yield b"".join([*parts, done[0]]) if parts else done[0]
                yield from done[1:]
                number += len(done)
                parts, held = [], 0
            if rest:
                parts.append(rest)
                held += len(rest)
                if held > MAX_LINE_BYTES:
                    raise long_line(name, number)
    if parts:
        yield b"".join(parts)


def long_line(name: str, number: int) -> PackageRefused:
    return PackageRefused(
        name, number, None, f"这一行超过 {MAX_LINE_BYTES // (1 << 20)} MiB，不是一条记录，已拒绝"
    )


def longest_inner(chunk: bytes) -> int:
    """A chunk (``READ_CHUNK``) is shorter than a line may be: nothing inside it is too long."""
    return 0 if len(chunk) <= MAX_LINE_BYTES else max(map(len, chunk.split(b"\n")))


def safe_name(name: str) -> None:
    normal = posixpath.normpath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or normal.startswith("..")
        or ".." in name.replace("\\", "/").split("/")
    ):
        raise PackageRefused(f"包中的文件路径「{name}」越出了包的目录，已拒绝。")


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    data = b""
    try:
        with archive.open(name) as member:
            while chunk := member.read(READ_CHUNK):
                data += chunk
                if len(data) > limit:
                    raise PackageRefused(f"包中的 {name} 过大，已拒绝。")
    except DAMAGED as exc:
        raise damaged(name, exc) from None
    return data


def verify_member(
    archive: zipfile.ZipFile,
    name: str,
    limit: int,
    expected: str,
    lines: int,
    cancelled: Cancelled = never,
) -> None:
    """The member's sha256 and its number of lines, in one pass over it; a line longer than
    ``MAX_LINE_BYTES`` is refused as soon as it is seen."""
    digest, read, newlines, last = hashlib.sha256(), 0, 0, b"\n"
    line = 0  # bytes of the current line so far
    try:
        with archive.open(name) as member:
            while chunk := member.read(READ_CHUNK):
                check_cancelled(cancelled)
                read += len(chunk)
                if read > min(limit, MAX_MEMBER_BYTES):
                    raise PackageRefused(f"包中的 {name} 比清单所列的大（可能是恶意构造的压缩包）")
                digest.update(chunk)
                count = chunk.count(b"\n")
                if count:
                    first = chunk.index(b"\n")
                    if line + first > MAX_LINE_BYTES or longest_inner(chunk) > MAX_LINE_BYTES:
                        raise long_line(name, newlines + 1)
                    line = len(chunk) - chunk.rindex(b"\n") - 1
                else:
                    line += len(chunk)
                if line > MAX_LINE_BYTES:
                    raise long_line(name, newlines + count + 1)
                newlines += count
                last = chunk[-1:]
    except DAMAGED as exc:
        raise damaged(name, exc) from None
    if digest.hexdigest() != expected:
        raise PackageRefused(f"包中的 {name} 校验值（sha256）不符：文件已被改动或损坏。")
    found = newlines + (last != b"\n")
    if found != lines:
        raise PackageRefused(name, None, None, count_mismatch(lines, found))
