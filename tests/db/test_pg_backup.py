"""Backup and restore of a ledger on a PostgreSQL server through pg_dump / pg_restore
(``db.pg_backup``, ``tracker.maintenance.server_backup`` / ``server_restore``), from the
command line as a user runs it.

The server tests run when ``PAIRTRACK_TEST_PG`` names a server and pg_dump is installed;
the message for missing tools is tested everywhere.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from pairtrack.db import pg_archive, pg_backup, pg_tools
from pairtrack.db.errors import DatabaseRefused
from pairtrack.tracker import maintenance
from pairtrack.tracker.cli import run
from pairtrack.tracker.ledger import Ledger
from tests import engines

needs_tools = pytest.mark.skipif(
    engines.SERVER is None or shutil.which("pg_dump") is None,
    reason=f"{engines.PG_ENV} is not set or pg_dump is not installed",
)
PASSWORD = "s3cret-Pw"  # the test server trusts its clients: the password is carried, not used


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (where the replaced state is kept) in the test's tmp."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A PairTrack database on the server with a few records, named by a URL that holds a
    password (as an office's would)."""
    target = engines.new_database("postgresql", tmp_path)
    ledger = Ledger.open(target)
    try:
        ledger.set_settings(operator="王敏", office_code="131001", office_name="开发区")
        for name in ("康保县", "阳原县", "沽源县"):
            ledger.regions.create(name=name, level="county")
    finally:
        ledger.close()
    url = make_url(target).set(password=PASSWORD).render_as_string(hide_password=False)
    yield url
    engines.drop_database(target)


def state(url: str) -> dict[str, str]:
    """Every table's rows, as one digest per table: what "unchanged" means."""
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        tables = [t for (t,) in conn.execute(engines._TABLES)]
        return {
            t: conn.execute(
                f"SELECT count(*)::text || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM \"{t}\" r"
            ).fetchone()[0]
            for t in tables
        }


def regions(url: str) -> list[str]:
    ledger = Ledger.open(url)
    try:
        with ledger.read():
            return sorted(r.name for r in ledger.regions.list())
    finally:
        ledger.close()


def kept_dumps(data_folder: Path) -> list[Path]:
    return sorted((data_folder / "PairTrack" / maintenance.SERVER_BACKUPS).glob("*.dump"))


@needs_tools
def test_backup_then_restore_brings_the_rows_back_and_check_is_clean(
    server: str, tmp_path: Path, capsys: Any, data_folder: Path
) -> None:
    dump = tmp_path / "台账 备份.dump"
    assert run(["--db", server, "backup", "-o", str(dump)]) == 0
    assert f"已备份到：{dump}" in capsys.readouterr().out
    assert pg_archive.read_archive(dump).revision  # a PairTrack archive, read back whole

    ledger = Ledger.open(server)  # the ledger moves on: a region added, one deleted
    with ledger.read():
        kangbao = next(r for r in ledger.regions.list() if r.name == "康保县")
    ledger.regions.create(name="尚义县", level="county")
    ledger.regions.delete(kangbao.id)
    ledger.close()
    changed = state(server)
    assert regions(server) == ["尚义县", "沽源县", "阳原县"]

    assert run(["--db", server, "restore", str(dump)]) == 0
    out = capsys.readouterr().out
    assert regions(server) == ["康保县", "沽源县", "阳原县"]
    assert "审计记录链完整" in out and PASSWORD not in out
    assert run(["--db", server, "check"]) == 0
    # the replaced state was kept, named in the message, and restores what was replaced
    [saved] = kept_dumps(data_folder)
    assert "before-restore" in saved.name and f"恢复前的数据已备份到：{saved}" in out
    assert run(["--db", server, "restore", str(saved)]) == 0
    assert regions(server) == ["尚义县", "沽源县", "阳原县"]
    assert state(server) == changed


@needs_tools
def test_a_backup_of_an_older_schema_is_upgraded_after_the_restore_as_on_open(
    server: str, tmp_path: Path, capsys: Any
) -> None:
    from pairtrack.db.migrate import head_revision

    old = _dump_of(server, tmp_path / "0008.dump", revision="0008")
    assert pg_archive.read_archive(old).revision == "0008"
    ledger = Ledger.open(server)
    ledger.regions.create(name="尚义县", level="county")
    ledger.close()
    assert run(["--db", server, "restore", str(old)]) == 0
    assert "备份的结构版本 0008 已升级到当前版本" in capsys.readouterr().out
    import psycopg

    plain = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        kind = conn.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'fund_transfer' AND column_name = 'amount_fen'"
        ).fetchone()
    assert kind == ("bigint",)  # 0009's 64-bit money, as an upgrade on open makes it
    assert regions(server) == ["康保县", "沽源县", "阳原县"]
    assert run(["--db", server, "check"]) == 0


@needs_tools
def test_a_backup_is_not_written_over_an_existing_file_without_force(
    server: str, tmp_path: Path, capsys: Any
) -> None:
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"keep me")
    assert run(["--db", server, "backup", "-o", str(dump)]) == 1
    assert "已存在" in capsys.readouterr().err and dump.read_bytes() == b"keep me"
    assert run(["--db", server, "backup", "-o", str(dump), "--force"]) == 0
    assert dump.read_bytes().startswith(pg_archive.ARCHIVE_MAGIC)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".x.dump")] == []


def _dump_of(url: str, dest: Path, sql: str = "", revision: str = "") -> Path:
    """A pg_dump of a copy of ``url`` changed by ``sql`` first (behind the program's back),
    or taken down to the schema ``revision`` (as an older PairTrack left it)."""
    import psycopg

    name = f"pgb_{abs(hash((url, str(dest))))}"
    source = make_url(url).database
    admin = engines._admin()
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (source,)
    )
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        copy = make_url(url).set(database=name)
        if sql:
            plain = copy.set(drivername="postgresql").render_as_string(hide_password=False)
            with psycopg.connect(plain) as conn:
                conn.execute(sql)
        if revision:
            _downgrade(copy, revision)
        env = pg_tools.connection_env(copy)
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dest}", f"--dbname={name}"],
            env=env,
            check=True,
        )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return dest


def _downgrade(url: Any, revision: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pairtrack.db.migrate import alembic_config

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def _foreign(url: str, dest: Path) -> Path:
    return _dump_of(url, dest, "DROP TABLE meta CASCADE; CREATE TABLE invoices (n int)")


def _newer(url: str, dest: Path) -> Path:
    return _dump_of(url, dest, "UPDATE alembic_version SET version_num = '9999'")


def _truncated(url: str, dest: Path, cut: int = 0) -> Path:
    """Half of a good dump, or all but its last ``cut`` bytes (its list still readable, the
    last tables' data cut off)."""
    whole = _dump_of(url, dest.with_name("whole.dump"))
    data = whole.read_bytes()
    dest.write_bytes(data[: len(data) - cut] if cut else data[: len(data) // 2])
    return dest


def _garbage(_url: str, dest: Path) -> Path:
    dest.write_bytes(b"PK\x03\x04 not a dump at all" * 100)
    return dest


def _sqlite(_url: str, dest: Path) -> Path:
    with sqlite3.connect(dest) as conn:
        conn.execute("CREATE TABLE t (x)")
    return dest


@needs_tools
@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_garbage, "不是 pg_dump 的备份文件"),
        (_sqlite, "是 SQLite 数据库文件"),
        (_foreign, "不是 PairTrack 数据库的备份"),
        (_newer, "更新版本"),
        (_truncated, "已损坏或不完整"),
    ],
)
def test_an_unfit_archive_is_refused_and_nothing_changes(
    server: str, tmp_path: Path, capsys: Any, data_folder: Path, make: Any, says: str
) -> None:
    bad = make(server, tmp_path / "bad.dump")
    before = state(server)
    assert run(["--db", server, "restore", str(bad)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and PASSWORD not in err
    assert len(err.strip().splitlines()) == 1
    assert state(server) == before
    assert kept_dumps(data_folder) == []  # refused before anything was done


@needs_tools
def test_a_restore_that_fails_half_way_is_undone_whole(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pg_restore itself meets the end of a cut-short archive after it has dropped and
    refilled tables: its single transaction is rolled back, every row is as it was."""
    bad = _truncated(server, tmp_path / "cut.dump", cut=64)
    ledger = Ledger.open(server)  # the ledger moves on after the dump
    ledger.regions.create(name="张北县", level="county")
    ledger.close()
    monkeypatch.setattr(pg_archive, "read_whole", lambda _path, _tool: None)  # let it through
    monkeypatch.setattr(pg_archive, "read_archive", _listed_only)
    before = state(server)
    with pytest.raises(DatabaseRefused, match="已全部撤销"):
        maintenance.server_restore(server, bad)
    assert state(server) == before
    assert "张北县" in regions(server)


def _listed_only(path: Path) -> pg_archive.Archive:
    from pairtrack.db.migrate import head_revision

    listing = pg_archive.listing(path, pg_tools.find_tool("pg_restore"))
    tables = frozenset(line.split()[5] for line in listing.splitlines() if " TABLE public " in line)
    return pg_archive.Archive(head_revision(), tables, 15)


@needs_tools
def test_a_restore_tool_killed_mid_way_leaves_every_row(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pg_restore is killed while its transaction has dropped tables and waits for one a
    reader holds: the server rolls the transaction back."""
    import psycopg

    good = _dump_of(server, tmp_path / "good.dump")
    ledger = Ledger.open(server)
    ledger.regions.create(name="张北县", level="county")
    ledger.close()
    before = state(server)
    started: list[subprocess.Popen[bytes]] = []
    real_run = subprocess.run

    def run_tools(argv: list[str], **kwargs: Any) -> Any:
        if "--single-transaction" not in argv:
            return real_run(argv, **kwargs)
        kwargs.pop("check", None)
        kwargs.pop("capture_output", None)
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
        started.append(process)
        out, err = process.communicate()
        return subprocess.CompletedProcess(argv, process.returncode, out, err)

    monkeypatch.setattr(subprocess, "run", run_tools)
    plain = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    reader = psycopg.connect(plain)
    reader.execute("SELECT count(*) FROM region")  # holds region until it commits
    failure: list[BaseException] = []

    def restore() -> None:
        try:
            maintenance.server_restore(server, good)
        except BaseException as exc:  # handed to the test
            failure.append(exc)

    thread = threading.Thread(target=restore)
    thread.start()
    watcher = psycopg.connect(plain, autocommit=True)
    waiting = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND application_name = 'PairTrack'"
    )
    while not watcher.execute(waiting).fetchone()[0]:  # type: ignore[index]
        assert thread.is_alive(), failure
    started[0].kill()
    reader.commit()
    thread.join()
    reader.close()
    assert failure and "已全部撤销" in str(failure[0])
    while watcher.execute(waiting.replace("wait_event_type = 'Lock' AND ", "")).fetchone()[0]:  # type: ignore[index]
        pass  # the killed tool's session ends once it has rolled back
    watcher.close()
    assert state(server) == before
    assert "张北县" in regions(server)


@needs_tools
def test_no_pairtrack_write_slips_in_between_the_kept_copy_and_the_restore(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save from another PC after the replaced state was dumped would be in neither: the
    restore holds the writers' lock, so that save waits (here: gives up) instead."""
    dump = maintenance.server_backup(server, tmp_path / "a.dump", force=False)
    real = pg_backup._pg_restore
    outcome: list[str] = []

    def meanwhile(*args: Any) -> None:
        other = Ledger.open(server, busy_timeout_ms=300)
        try:
            other.regions.create(name="张北县", level="county")
            outcome.append("written")
        except Exception as exc:  # the busy timeout, as any waiting writer meets it
            outcome.append(type(exc).__name__)
        finally:
            other.close()
        real(*args)

    monkeypatch.setattr(pg_backup, "_pg_restore", meanwhile)
    maintenance.server_restore(server, dump)
    assert outcome and outcome[0] != "written"
    assert "张北县" not in regions(server)
    ledger = Ledger.open(server)  # the lock is released afterwards
    ledger.regions.create(name="张北县", level="county")
    ledger.close()


@needs_tools
def test_the_password_is_never_in_a_command_line(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def watched(argv: list[str], **kwargs: Any) -> Any:
        seen.append((list(argv), dict(kwargs.get("env") or {})))
        return real_run(argv, **kwargs)

    monkeypatch.setattr(subprocess, "run", watched)
    dump = maintenance.server_backup(server, tmp_path / "a.dump", force=False)
    maintenance.server_restore(server, dump)
    tools = {Path(argv[0]).name for argv, _env in seen}
    assert {"pg_dump", "pg_restore"} <= tools
    assert all(PASSWORD not in " ".join(argv) for argv, _env in seen)
    connecting = [env for argv, env in seen if any(a.startswith("--dbname") for a in argv)]
    assert connecting and all(env.get("PGPASSWORD") == PASSWORD for env in connecting)


@needs_tools
def test_a_newer_database_or_a_foreign_one_is_not_restored_over(
    server: str, tmp_path: Path, capsys: Any
) -> None:
    import psycopg

    dump = maintenance.server_backup(server, tmp_path / "a.dump", force=False)
    plain = make_url(server).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = state(server)
    assert run(["--db", server, "restore", str(dump)]) == 1
    assert "更新版本" in capsys.readouterr().err
    assert state(server) == before


def test_a_server_backup_is_named_like_the_file_copies(tmp_path: Path) -> None:
    path = maintenance.suggested_server_backup(
        "postgresql://lina@db.example/ledger", tmp_path, "manual"
    )
    assert path.parent == tmp_path and path.suffix == ".dump"
    assert path.name.startswith("ledger-") and path.name.endswith("-manual.dump")
