"""PAIRTRACK_SMOKE: the window starts with no one at the screen, draws the dashboard, saves a
picture of itself and exits 0 (what the bundle's smoke test runs); a refused database exits 1
with its message on stderr instead of waiting for a click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from pairtrack.tracker.demo.load import load_demo
from pairtrack.tracker.ledger import Ledger

ROOT = Path(__file__).resolve().parents[2]


def start(db: Path, picture: Path) -> subprocess.CompletedProcess[str]:
    home = picture.parent / "home"  # the window's remembered settings are not the tester's
    env = dict(os.environ, PAIRTRACK_SMOKE=str(picture), QT_QPA_PLATFORM="offscreen")
    env.update(PYTHONPATH=str(ROOT), HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"))  # fmt: skip
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a measurement
    )


def test_the_window_draws_the_dashboard_saves_a_picture_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "试 点"
    folder.mkdir()
    ledger = Ledger.open(folder / "台账.db")
    load_demo(ledger)
    ledger.set_settings(office_name="廊坊市对口帮扶办公室", office_code="131000", operator="张三")
    ledger.close()
    picture = folder / "窗口.png"
    done = start(folder / "台账.db", picture)
    assert done.returncode == 0, done.stderr
    image = Image.open(picture)
    assert image.width >= 640 and image.height >= 480
    assert len(image.convert("RGB").getcolors(image.width * image.height) or []) > 50
    # the real start logs to the user's data folder: what started, which database it opened
    logs = folder / "home" / ".local" / "share" / "PairTrack" / "logs"
    text = (logs / "pairtrack.log").read_text(encoding="utf-8")
    assert "PairTrack" in text and "启动" in text
    assert "打开数据库" in text and "台账.db" in text
    assert (logs / "faults.log").exists()  # where a hard crash would be written


def test_a_refused_database_exits_1_and_says_why_on_stderr(tmp_path: Path) -> None:
    not_a_database = tmp_path / "笔记.db"
    not_a_database.write_text("这不是数据库", encoding="utf-8")
    picture = tmp_path / "窗口.png"
    done = start(not_a_database, picture)
    assert done.returncode == 1
    assert "不是 SQLite 数据库文件" in done.stderr
    assert not picture.exists()
    assert not_a_database.read_text(encoding="utf-8") == "这不是数据库"
