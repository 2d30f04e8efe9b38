"""Making a file or a folder read-only for a test, as a user's disc or write-protected folder is.

File modes first (chmod). Root ignores them, so where ``os.access`` still says writable after
the chmod, the place is bind-mounted read-only instead (root may mount); where neither makes
it read-only, the test is skipped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(place: Path) -> Iterator[Path]:
    """``place`` (a file or a folder with its files) cannot be written inside the block."""
    files = [place] if place.is_file() else [p for p in place.iterdir() if p.is_file()]
    modes = {p: p.stat().st_mode for p in [*files, place]}
    for item in files:
        item.chmod(0o444)
    if place.is_dir():
        place.chmod(0o555)
    mounted = False
    try:
        if os.access(place, os.W_OK):  # root: the modes do not stop it
            mounted = _mount_read_only(place)
            if not mounted or os.access(place, os.W_OK):
                pytest.skip("cannot make a read-only place here (root, and no read-only mount)")
        yield place
    finally:
        if mounted:
            subprocess.run(["umount", str(place)], check=False, capture_output=True)
        for item, mode in modes.items():
            item.chmod(mode)


def _mount_read_only(place: Path) -> bool:
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(place), str(place)], capture_output=True, check=False
    )
    if done.returncode != 0:
        return False
    # older util-linux ignores "ro" on the first bind: remount the bind read-only
    subprocess.run(["mount", "-o", "remount,bind,ro", str(place)], capture_output=True, check=False)
    return True
