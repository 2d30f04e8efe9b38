"""Temporaries left by a writer killed outright (kill -9): the next write of the same output
removes them — only those named as ours, of a process of this computer that no longer runs —
and the output itself was never touched by the killed write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairtrack.tracker.outputs import TEMP_MARK, replacing_folder, stale_temporaries, write_file

ROOT = Path(__file__).resolve().parents[2]
# Writes half an output under its temporary name, says so, and waits to be killed.
WRITER = """
import sys, time
from pathlib import Path
from pairtrack.tracker.outputs import replacing, replacing_folder
target, folder = Path(sys.argv[1]), sys.argv[2] == "folder"
with (replacing_folder if folder else replacing)(target, database=None, force=True) as part:
    (part / "funds.csv" if folder else part).write_bytes(b"half a new file")
    print(part.name, flush=True)
    time.sleep(600)
"""


class Writer:
    """A process writing ``target``, stopped inside the write."""

    def __init__(self, target: Path, folder: bool) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), "folder" if folder else "file"],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.part = target.with_name(self.process.stdout.readline().strip())
        assert self.part.exists(), "the writer is inside its write"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def writers() -> Iterator[list[Writer]]:
    started: list[Writer] = []
    yield started
    for writer in started:
        if writer.process.poll() is None:
            writer.kill()


@pytest.mark.parametrize("folder", [False, True], ids=["file", "csv folder"])
def test_the_next_write_clears_what_a_killed_writer_left_and_nothing_else(
    tmp_path: Path, writers: list[Writer], folder: bool
) -> None:
    target = tmp_path / ("导出" if folder else "台账.xlsx")
    alive = Writer(target, folder)  # another program writing the same output right now
    killed = Writer(target, folder)
    writers += [alive, killed]
    killed.kill()
    assert killed.part.exists(), "kill -9 leaves the temporary behind"
    assert TEMP_MARK in killed.part.name and str(killed.process.pid) in killed.part.name
    assert not target.exists(), "the killed write never reached the output"
    users = target.with_name(f".{target.name}.1a2b3c4d.part")  # looks alike, is not ours
    users.write_bytes(b"the user's own file")
    assert stale_temporaries(target) == [killed.part]

    if folder:
        with replacing_folder(target, database=None, force=True) as part:
            (part / "funds.csv").write_bytes(b"the new export")
        assert (target / "funds.csv").read_bytes() == b"the new export"
    else:
        write_file(target, lambda t: t.write_bytes(b"the new export"), database=None)
        assert target.read_bytes() == b"the new export"
    assert not killed.part.exists(), "the dead writer's temporary is cleared"
    assert alive.part.exists(), "a live writer's temporary is left alone"
    assert users.read_bytes() == b"the user's own file"


def test_a_temporary_of_another_computer_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    # a process number that runs nowhere here, under another computer's tag
    with pytest.raises(RuntimeError):
        write_file(target, lambda t: _fail(t), database=None)
    made = [p for p in tmp_path.iterdir()]
    assert made == [], "a failed write removes its own temporary"
    here = _tag_of(target)
    other = "0000" if here != "0000" else "ffff"
    dead_pid = _dead_pid()
    theirs = target.with_name(f".{target.name}.{TEMP_MARK}-{other}-{dead_pid}-0badc0de.part")
    ours = target.with_name(f".{target.name}.{TEMP_MARK}-{here}-{dead_pid}-0badc0de.part")
    for item in (theirs, ours):
        item.write_bytes(b"left over")
    assert stale_temporaries(target) == [ours]


def _fail(temporary: Path) -> None:
    temporary.write_bytes(b"x")
    raise RuntimeError("the writer failed")


def _tag_of(target: Path) -> str:
    from pairtrack.tracker.outputs import _temporary_name

    return _temporary_name(target).split(f"{TEMP_MARK}-", 1)[1][:4]


def _dead_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    assert done.pid != os.getpid()
    return done.pid
