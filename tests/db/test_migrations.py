"""Opening a database: create at head, refuse what is not ours or too new, back up, migrate."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from pairtrack import db
from pairtrack.db import models  # noqa: F401  (registers the tables on Base.metadata)
from pairtrack.db.backup import backup_dir
from pairtrack.db.base import Base
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.migrate import head_revision, open_database


def make_pairtrack_file(path: Path) -> None:
    open_database(path).dispose()


def stamp(path: Path) -> tuple[str, str]:
    """The app marker and the schema revision, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as conn:
        app = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()[0]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    return app, revision


def assert_refused_untouched(path: Path, match: str | None = None) -> None:
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match=match):
        open_database(path)
    assert path.read_bytes() == before
    assert not backup_dir(path).exists()


# --- creating ---------------------------------------------------------------------------
def test_a_new_path_is_created_at_head_and_marked_as_pairtrack(db_path: Path) -> None:
    assert not db_path.exists()
    make_pairtrack_file(db_path)
    assert stamp(db_path) == ("PairTrack", head_revision())


def test_an_empty_file_is_initialised(db_path: Path) -> None:
    db_path.touch()
    make_pairtrack_file(db_path)
    assert stamp(db_path) == ("PairTrack", head_revision())


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_every_connection_has_foreign_keys_wal_and_busy_timeout(engine: Engine) -> None:
    engine.dispose()  # start from brand-new connections, not the one that migrated
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_reopening_a_current_database_neither_backs_up_nor_migrates(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pairtrack_file(db_path)
    upgrades: list[Engine] = []
    monkeypatch.setattr(db.migrate, "upgrade", upgrades.append)
    open_database(db_path).dispose()
    assert upgrades == []
    assert not backup_dir(db_path).exists()


# --- refusing ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("会议纪要：2017 年东西部协作推进会\n".encode(), "不是 SQLite 数据库文件"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "不是 SQLite 数据库文件"),
        (b"SQLite", "不是 SQLite 数据库文件"),  # shorter than the 16-byte header
        (b"SQLite format 3\x00" + b"\xab" * 200, "可能已损坏"),  # right header, garbage pages
    ],
    ids=["text", "png", "truncated", "corrupt"],
)
def test_a_file_that_is_not_a_sqlite_database_is_refused_untouched(
    db_path: Path, content: bytes, message: str
) -> None:
    db_path.write_bytes(content)
    assert_refused_untouched(db_path, match=message)


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('王五');",
        # Another Alembic-managed program's database, with a meta table of its own.
        "CREATE TABLE alembic_version (version_num TEXT);"
        "INSERT INTO alembic_version VALUES ('0001');"
        "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('app', 'Other');",
    ],
    ids=["other-tables", "other-app"],
)
def test_another_programs_sqlite_database_is_refused_untouched(db_path: Path, schema: str) -> None:
    with closing(sqlite3.connect(db_path)) as conn:
        conn.executescript(schema)
    assert_refused_untouched(db_path, match="不是 PairTrack 数据库")


def test_a_database_from_a_newer_pairtrack_is_refused_untouched(db_path: Path) -> None:
    make_pairtrack_file(db_path)
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    assert_refused_untouched(db_path, match="更新版本")


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "不存在的文件夹"
    with pytest.raises(DatabaseRefused) as refused:
        open_database(folder / "ledger.db")
    assert str(folder) in str(refused.value)
    assert not folder.exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ledger.db"
    folder.mkdir()
    with pytest.raises(DatabaseRefused, match="文件夹"):
        open_database(folder)
    assert list(folder.iterdir()) == []


# '#', '?' and '%' are URL syntax: none of them may make SQLite open another file.
@pytest.mark.parametrize("folder_name", ["办公室#2", "问号?2", "百分%41"])
def test_a_folder_name_is_taken_literally(tmp_path: Path, folder_name: str) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    foreign = folder / "contacts.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.executescript("CREATE TABLE contacts (name TEXT);")
    assert_refused_untouched(foreign)

    make_pairtrack_file(folder / "ledger.db")
    assert stamp(folder / "ledger.db") == ("PairTrack", head_revision())
    assert [p.name for p in tmp_path.iterdir()] == [folder_name], "no stray file elsewhere"


# --- upgrading --------------------------------------------------------------------------
def test_an_older_database_is_backed_up_before_it_is_upgraded(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pairtrack_file(db_path)
    old_revision = head_revision()
    events: list[str] = []
    real_backup = db.migrate.before_upgrade_backup

    def backup(path: Path, revision: str, current: str) -> Path:
        events.append("backup")
        return real_backup(path, revision, current)

    def upgrade(engine: Engine) -> None:
        events.append("upgrade")

    monkeypatch.setattr(db.migrate, "head_revision", lambda: "9000")
    monkeypatch.setattr(db.migrate, "before_upgrade_backup", backup)
    monkeypatch.setattr(db.migrate, "upgrade", upgrade)

    open_database(db_path).dispose()

    assert events == ["backup", "upgrade"]
    (copy,) = backup_dir(db_path).iterdir()
    assert copy.name == "ledger-before-9000.db", "kept apart from the rotated copies"
    assert stamp(copy) == ("PairTrack", old_revision)


def test_revision_file_names_agree_with_alembic() -> None:
    """pairtrack.db.migrate reads revisions from file names to avoid importing Alembic at start-up."""
    from alembic.script import ScriptDirectory

    from pairtrack.db.migrate import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {s.revision for s in scripts.walk_revisions()}
    assert head_revision() == scripts.get_current_head()


def test_a_real_upgrade_from_the_first_revision_keeps_data_and_a_backup(db_path: Path) -> None:
    from alembic import command

    from pairtrack.db.engine import create_db_engine
    from pairtrack.db.migrate import alembic_config

    old = create_db_engine(db_path)
    config = alembic_config()
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('operator', '老用户')")
    old.dispose()
    assert stamp(db_path)[1] == "0001"

    open_database(db_path).dispose()
    assert stamp(db_path)[1] == head_revision() != "0001"
    [backup] = (db_path.parent / "backups").glob(f"ledger-before-{head_revision()}.db")
    assert stamp(backup)[1] == "0001"
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='operator'").fetchone() == ("老用户",)
        indexes = {r[1] for r in conn.execute("PRAGMA index_list('fund_transfer')")}
    assert "ix_fund_transfer_arrived_on_allocated_on" in indexes


def test_rows_of_an_older_database_get_their_first_revision_on_upgrade(db_path: Path) -> None:
    """Migration 0004 gives each existing row the content revision tracker.revisions makes,
    so that two offices holding the same row before the upgrade agree on its revision."""
    from alembic import command

    from pairtrack.db.engine import create_db_engine
    from pairtrack.db.migrate import alembic_config
    from pairtrack.tracker.audit import canonical
    from pairtrack.tracker.revisions import content_columns, revision_id

    old = create_db_engine(db_path)
    config = alembic_config()
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.exec_driver_sql(
            "INSERT INTO region (id, origin, created_at, updated_at, note, name, province, city,"
            " level) VALUES ('r1', '131001', '2017-01-01T00:00:00.000000Z',"
            " '2017-01-02T00:00:00.000000Z', '', '康保县', '河北省', '张家口市', 'county')"
        )
    old.dispose()
    open_database(db_path).dispose()
    with closing(sqlite3.connect(db_path)) as conn:
        cursor = conn.execute("SELECT * FROM region")
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
    content = canonical(content_columns(names), row)
    assert row["parents"] == ""
    assert row["rev"] == revision_id("region", "", content)
