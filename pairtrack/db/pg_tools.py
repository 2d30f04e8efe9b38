"""Finding and running PostgreSQL's client tools (pg_dump, pg_restore) for a server database.

The tools are looked for in ``PAIRTRACK_PG_BIN`` (a folder: the explicit override), then on
``PATH``, then (Windows) in ``C:\\Program Files\\PostgreSQL\\<n>\\bin``, newest first. Missing, or
older than the server (pg_dump refuses a newer server), one Chinese message says what to
install. The connection reaches them through libpq's environment variables (``PGHOST``,
``PGPASSWORD`` …): the password is never in a command line, where every user of the computer
could read it, nor in a message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.engine import URL

from pairtrack.db.engine import database_url, shown_name
from pairtrack.db.errors import DatabaseRefused

PG_BIN_ENV = "PAIRTRACK_PG_BIN"
_LIBPQ_ENV = {
    "host": "PGHOST",
    "hostaddr": "PGHOSTADDR",
    "port": "PGPORT",
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "passfile": "PGPASSFILE",
    "channel_binding": "PGCHANNELBINDING",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "sslmode": "PGSSLMODE",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcrl": "PGSSLCRL",
    "sslcrldir": "PGSSLCRLDIR",
    "sslsni": "PGSSLSNI",
    "requirepeer": "PGREQUIREPEER",
    "ssl_min_protocol_version": "PGSSLMINPROTOCOLVERSION",
    "ssl_max_protocol_version": "PGSSLMAXPROTOCOLVERSION",
    "gssencmode": "PGGSSENCMODE",
    "krbsrvname": "PGKRBSRVNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class ToolsMissing(DatabaseRefused):
    """pg_dump / pg_restore are not on this computer, or too old for the server."""


# --- the tools ------------------------------------------------------------------------------
def exe(name: str) -> str:
    return name + ".exe" if os.name == "nt" else name


def _windows_folders() -> list[Path]:
    """``<Program Files>\\PostgreSQL\\<n>\\bin``, the newest version first."""
    found: list[tuple[int, Path]] = []
    for variable in ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)"):
        root = os.environ.get(variable)
        if not root:
            continue
        for folder in Path(root, "PostgreSQL").glob("*"):
            match = re.match(r"\d+", folder.name)
            if match and (folder / "bin").is_dir():
                found.append((int(match.group()), folder / "bin"))
    return [folder for _, folder in sorted(set(found), reverse=True)]


def find_tool(name: str) -> Path:
    """``pg_dump`` or ``pg_restore``: where it is, or ToolsMissing saying what to install."""
    override = os.environ.get(PG_BIN_ENV, "").strip()
    if override:
        candidate = Path(override) / exe(name)
        if candidate.is_file():
            return candidate
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    if os.name == "nt":
        for folder in _windows_folders():
            if (folder / exe(name)).is_file():
                return folder / exe(name)
    windows = "C:\\Program Files\\PostgreSQL\\<n>\\bin" if os.name == "nt" else ""
    places = "、".join(place for place in (override, "PATH", windows) if place)
    raise ToolsMissing(
        f"找不到 PostgreSQL 的 {name} 工具（已在 {places} 中查找），无法备份或恢复服务器上的数据库。"
        "请在这台电脑上安装与服务器同一版本或更新版本的 PostgreSQL 客户端工具（Windows："
        "PostgreSQL 安装程序中的「Command Line Tools」；Linux：postgresql-client），"
        f"或把环境变量 {PG_BIN_ENV} 设为 {name} 所在的文件夹。"
    )


def tool_major(tool: Path) -> int:
    """The major version of a PostgreSQL tool ("pg_dump (PostgreSQL) 15.18" → 15)."""
    result = run_tool([str(tool), "--version"], os.environ.copy())
    match = re.search(r"\)\s*(\d+)", result.stdout) or re.search(r"(\d+)\.\d+", result.stdout)
    if result.returncode != 0 or match is None:
        raise ToolsMissing(f"无法运行「{tool}」：{first_line(result.stderr) or result.stdout}")
    return int(match.group(1))


def ready_tool(name: str, server: int) -> Path:
    """The tool, refused when it is older than the server it must talk to."""
    tool = find_tool(name)
    major = tool_major(tool)
    if major < server:
        raise ToolsMissing(
            f"这台电脑上的 {name}（「{tool}」）是 PostgreSQL {major} 版，比数据库服务器"
            f"（PostgreSQL {server} 版）旧，不能用于备份或恢复。请安装 PostgreSQL {server} "
            f"或更新版本的客户端工具，或把环境变量 {PG_BIN_ENV} 设为其 bin 文件夹。"
        )
    return tool


def run_tool(argv: list[str], env: dict[str, str]) -> ToolResult:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
    # argv is built here, with no shell and never a password in it
    done = subprocess.run(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        creationflags=flags,
    )
    return ToolResult(
        done.returncode,
        (done.stdout or b"").decode("utf-8", "replace"),
        (done.stderr or b"").decode("utf-8", "replace"),
    )


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    stdout: str
    stderr: str


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0].removeprefix("pg_dump: ").removeprefix("pg_restore: ") if lines else ""


# --- the connection -------------------------------------------------------------------------
def connection_env(target: str | Path | URL) -> dict[str, str]:
    """This process's environment plus the server ``target`` names, in libpq's variables.

    The password travels here (``PGPASSWORD``) and never in the tools' arguments. Messages
    are asked for in English so that the tool's refusals can be recognised.
    """
    url = database_url(target)
    env = os.environ.copy()
    given: dict[str, str | None] = {
        "host": url.host,
        "port": str(url.port) if url.port else None,
        "user": url.username,
        "password": url.password if url.password is None else str(url.password),
        "dbname": url.database,
    }
    for key, values in url.query.items():
        given[key] = values if isinstance(values, str) else (values[-1] if values else None)
    for key, value in given.items():
        if value and key in _LIBPQ_ENV:
            env[_LIBPQ_ENV[key]] = value
    env.setdefault("PGAPPNAME", "PairTrack")
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    env["LC_MESSAGES"] = "C"
    return env


def database_arg(target: str | Path | URL) -> str:
    """``--dbname`` as a libpq conninfo holding the database's name alone (the rest, and the
    password, come from the environment): a name with '=' in it is not read as conninfo."""
    name = str(database_url(target).database).replace("\\", "\\\\").replace("'", "\\'")
    return f"--dbname=dbname='{name}'"


def server_major(conn: Connection) -> int:
    return int(str(conn.exec_driver_sql("SHOW server_version_num").scalar())) // 10_000


def dump_failed(target: str | Path | URL, result: ToolResult) -> DatabaseRefused:
    """Why pg_dump failed, in one Chinese line (a tool older than the server said so)."""
    line = first_line(result.stderr) or f"退出码 {result.returncode}"
    if "version mismatch" in result.stderr:
        return ToolsMissing(
            f"备份失败：这台电脑上的 PostgreSQL 工具比数据库服务器旧（{line}）。请安装与服务器"
            f"同一版本或更新版本的 PostgreSQL 客户端工具，或把环境变量 {PG_BIN_ENV} 设为其 bin "
            "文件夹。"
        )
    return DatabaseRefused(f"备份数据库「{shown_name(target)}」失败：{line}")
