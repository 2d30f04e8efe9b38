"""Finding pg_dump / pg_restore (``db.pg_tools``) and handing them the connection: what a
user without the tools is told, the override folder, the Windows search order, and the
password kept out of every command line. No server is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pairtrack.db import pg_tools
from pairtrack.tracker.cli import run

PASSWORD = "s3cret-Pw"


def test_missing_tools_are_named_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(pg_tools.PG_BIN_ENV, str(empty))
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(pg_tools.ToolsMissing) as missing:
        pg_tools.find_tool("pg_dump")
    message = str(missing.value)
    assert "找不到 PostgreSQL 的 pg_dump 工具" in message
    assert str(empty) in message and "PAIRTRACK_PG_BIN" in message
    assert "postgresql-client" in message and "Command Line Tools" in message


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_without_the_tools_the_commands_say_what_to_install(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """No server is needed to be told: the tools are looked for before connecting."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(pg_tools.PG_BIN_ENV, str(empty))
    monkeypatch.setenv("PATH", str(empty))
    dump = tmp_path / "a.dump"
    if command == "restore":
        dump.write_bytes(b"PGDMP")
    args = ["-o", str(dump)] if command == "backup" else [str(dump)]
    url = f"postgresql://lina:{PASSWORD}@db.example/ledger"
    assert run(["--db", url, command, *args]) == 1
    err = capsys.readouterr().err
    assert "找不到 PostgreSQL 的" in err and "PAIRTRACK_PG_BIN" in err
    assert PASSWORD not in err and len(err.strip().splitlines()) == 1
    assert dump.exists() == (command == "restore")  # no backup written, no temporary left
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".a.dump")] == []


def test_the_override_folder_is_used_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "pg bin"
    folder.mkdir()
    tool = folder / pg_tools.exe("pg_dump")
    tool.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv(pg_tools.PG_BIN_ENV, str(folder))
    assert pg_tools.find_tool("pg_dump") == tool
    assert pg_tools.tool_major(tool) == 9
    with pytest.raises(pg_tools.ToolsMissing, match="比数据库服务器（PostgreSQL 15 版）旧"):
        pg_tools.ready_tool("pg_dump", 15)


def test_on_windows_the_newest_program_files_postgresql_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for version in ("9.6", "14", "16"):
        (tmp_path / "PostgreSQL" / version / "bin").mkdir(parents=True)
    (tmp_path / "PostgreSQL" / "pgAdmin 4").mkdir()  # installed beside them, no version
    for variable in ("ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert pg_tools._windows_folders() == [
        tmp_path / "PostgreSQL" / v / "bin" for v in ("16", "14", "9.6")
    ]


def test_the_connection_goes_through_the_environment() -> None:
    url = "postgresql://lina:p%40ss@db.example:6543/台账?sslmode=require"
    env = pg_tools.connection_env(url)
    assert env["PGHOST"] == "db.example" and env["PGPORT"] == "6543"
    assert env["PGUSER"] == "lina" and env["PGPASSWORD"] == "p@ss"
    assert env["PGDATABASE"] == "台账" and env["PGSSLMODE"] == "require"
    assert pg_tools.database_arg(url) == "--dbname=dbname='台账'"
