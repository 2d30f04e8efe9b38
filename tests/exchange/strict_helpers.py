"""Making damaged copies of a package, reading one the strict way, hashing a database."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pairtrack.tracker.exchange.package import open_package
from pairtrack.tracker.ledger import Ledger

DROP = object()
"""A value in a row change that removes the key."""


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def repack(
    source: Path,
    target: Path,
    *,
    members: dict[str, bytes | None] | None = None,
    manifest: Callable[[dict[str, Any]], Any] | None = None,
    extra: list[tuple[str, bytes]] | None = None,
) -> Path:
    """Copy a package with members replaced (None: left out) and the manifest edited.

    The manifest's size and sha256 of a replaced member are made to match it, so that only
    the change under test is wrong; ``manifest`` then edits the manifest as it likes.
    """
    contents = members_of(source)
    listing = json.loads(contents["manifest.json"])
    for name, data in (members or {}).items():
        if data is None:
            del contents[name]
            continue
        contents[name] = data
        if name in listing["members"]:
            listing["members"][name] = {
                "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()
            }  # fmt: skip
    if manifest is not None:
        manifest(listing)
    contents["manifest.json"] = json.dumps(listing, ensure_ascii=False).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
        for name, data in extra or []:
            archive.writestr(name, data)
    return target


def with_row(source: Path, target: Path, member: str, line: int, change: dict[str, Any]) -> Path:
    """A copy whose ``member`` has line ``line`` (from 1) changed: keys set, or dropped."""
    lines = members_of(source)[member].split(b"\n")
    row = json.loads(lines[line - 1])
    for key, value in change.items():
        if value is DROP:
            del row[key]
        else:
            row[key] = value
    lines[line - 1] = json.dumps(row).encode()  # \u escapes: a lone surrogate too
    return repack(source, target, members={member: b"\n".join(lines)})


def with_line(source: Path, target: Path, member: str, line: int, data: bytes) -> Path:
    """A copy whose ``member`` has line ``line`` replaced by ``data`` as it is."""
    lines = members_of(source)[member].split(b"\n")
    lines[line - 1] = data
    return repack(source, target, members={member: b"\n".join(lines)})


def read_everything(ledger: Ledger, path: Path) -> tuple[Any, ...]:
    """Open ``path`` and check every row and history row the way a merge reads them."""
    package = open_package(path)
    services = {s.table: s for s in ledger.services.all()}
    history = list(package.stored_history(services))
    rows = [
        (service.table, number, row.stored)
        for service in ledger.services.all()
        for number, row in package.stored_rows(service)
    ]
    return package.manifest, rows, history


def database_hash(ledger: Ledger) -> str:
    """The sha256 of every row of every table (the schema's too), read from the file."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{ledger.path}?mode=ro", uri=True) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def flip_bit(source: Path, target: Path, member: str, at: float = 0.5) -> Path:
    """A copy with one bit flipped inside ``member``'s compressed data."""
    data = bytearray(source.read_bytes())
    start, size = data_span(source, member)
    data[start + int(size * at)] ^= 0x10
    target.write_bytes(bytes(data))
    return target


def data_span(path: Path, member: str) -> tuple[int, int]:
    """Where ``member``'s compressed bytes lie in the file: (offset, length)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    raw = path.read_bytes()
    header = info.header_offset
    name_length = int.from_bytes(raw[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(raw[header + 28 : header + 30], "little")
    return header + 30 + name_length + extra_length, info.compress_size
