"""Bad command-line values give exit 2 (usage) or 1 with one Chinese line, never a traceback;
output redirected on a Chinese Windows console (cp936) never ends in UnicodeEncodeError
(issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pairtrack.tracker import cli
from pairtrack.tracker.ledger import Ledger
from tests import engines

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, db_engine: str) -> Iterator[Path]:
    with engines.database(db_engine, tmp_path_factory.mktemp("bad"), "ledger.db") as path:
        Ledger.open(path).close()
        yield path


def outcome(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.run(["--db", str(db), *args])
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["summary", "--year", "99999"], 1, "年度超出范围"),
        (["summary", "--year", "-5"], 1, "年度超出范围"),
        (["summary", "--year", "二〇一七"], 2, "invalid int value"),
        (["summary", "--year", "2017", "--month", "13"], 1, "月份应为 1–12"),
        (["summary", "--year", "2017", "--month", "0"], 1, "月份应为 1–12"),  # was: the whole year
        (["summary", "--year", "2017", "--month", "-1"], 1, "月份应为 1–12"),
        (["summary", "--year", "2017", "--quarter", "0"], 2, "--quarter"),
        (["summary", "--year", "2017", "--quarter", "99999999999999999999"], 2, "--quarter"),
        (["summary", "--year", "2017", "--from", "2017-13-01", "--to", "2017-12-31"], 1, "日期"),
        (["summary", "--year", "2017", "--from", "x", "--to", "y"], 1, "无法识别的日期"),
        (
            ["summary", "--year", "2017", "--from", "0001-01-01", "--to", "2017-01-01"],
            1,
            "年份超出范围",
        ),
        (["summary", "--year", "2017", "--from", "2017-05-01", "--to", "2017-01-01"], 1, "早于"),
        (["brief", "--year", "99999", "-o", "b.pdf"], 1, "年度超出范围"),
        (["brief", "--year", "2017", "--month", "0", "-o", "b.pdf"], 1, "月份应为 1–12"),
        (["export", "--year", "-1", "-o", "x.xlsx"], 1, "年度超出范围"),
        (["demo", "--records", "-5"], 1, "--records 应在 0 到"),
        (["demo", "--records", "99999999999999999999"], 1, "--records 应在 0 到"),
        (["imports", "--undo", "99999999999999999999999"], 2, "应为正整数"),
        (["imports", "--undo", "0"], 2, "应为正整数"),
        (["conflicts", "--take", "local", "999999999999999999999"], 1, "冲突编号应为正整数"),
        (["conflicts", "--take", "local", "²"], 1, "冲突编号应为正整数"),
        (["check", "--anchor", "not-a-code"], 1, "不是数据校验码"),
    ],
)
def test_a_bad_value_is_refused_without_a_traceback(
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    status: int,
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = outcome(db, *args, capsys=capsys)
    assert code == status
    assert said in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_redirected_output_on_a_cp936_console_does_not_fail(tmp_path: Path) -> None:
    """A name with a character outside GBK (𠮷, a CJK extension B character) printed into
    a file on a Chinese Windows: written as "?" instead of a UnicodeEncodeError; the rest of
    the file is in the console's encoding, as Notepad and ``type`` expect."""
    db = tmp_path / "ledger.db"
    ledger = Ledger.open(db)
    ledger.set_settings(office_name="吉𠮷办公室")
    ledger.close()
    env = {**os.environ, "PYTHONIOENCODING": "cp936"}
    for args in (["settings"], ["check"], ["summary", "--year", "99999"]):
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
            capture_output=True,
            env=env,
            check=False,
            cwd=ROOT,
        )
        assert b"UnicodeEncodeError" not in done.stderr and b"Traceback" not in done.stderr
        assert done.returncode in (0, 1)
        out, err = done.stdout.decode("cp936"), done.stderr.decode("cp936")
        if args == ["settings"]:
            assert "单位名称：吉?办公室" in out
        if args[0] == "summary":
            assert "年度超出范围" in err
