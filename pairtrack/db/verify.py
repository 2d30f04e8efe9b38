"""Whether a copy may replace a ledger: it opens, is a PairTrack database of a revision this
program knows, passes SQLite's integrity check and has every table and column of its revision.

(The domain checks, ``pairtrack check``, come on top in tracker.maintenance, which can run
them.) Each refusal says why in Chinese; nothing is changed by looking.
"""

from __future__ import annotations

from pathlib import Path

from pairtrack.db.backup import integrity_problems
from pairtrack.db.errors import DatabaseRefused
from pairtrack.db.migrate import alembic_config, inspect_file
from pairtrack.db.repair import reference_schema, schema_of


def verify_copy(path: Path) -> str:
    """The schema revision of the healthy PairTrack copy at ``path``; else DatabaseRefused."""
    if not path.is_file():
        raise DatabaseRefused(f"找不到备份文件「{path}」。")
    try:
        revision = inspect_file(path)  # a SQLite file, ours, not newer than this program
    except DatabaseRefused as refused:
        raise DatabaseRefused(f"备份「{path}」不能用来恢复：{refused}") from refused
    if revision is None:
        raise DatabaseRefused(f"「{path}」是空数据库，不能用来恢复。")
    problems = integrity_problems(path)
    if problems:
        raise DatabaseRefused(
            f"备份「{path}」已损坏，不能用来恢复：SQLite 完整性检查发现 {problems[0]}"
            + (f" 等 {len(problems)} 处问题" if len(problems) > 1 else "")
            + "。请选择另一个备份；当前数据库未作任何改动。"
        )
    missing = _missing(path, revision)
    if missing:
        raise DatabaseRefused(
            f"备份「{path}」不完整，不能用来恢复：缺少 {'、'.join(missing[:5])}。"
            "请选择另一个备份；当前数据库未作任何改动。"
        )
    return revision


def _missing(path: Path, revision: str) -> list[str]:
    from sqlalchemy import create_engine

    from pairtrack.db.engine import connect_readonly

    engine = create_engine("sqlite://", creator=lambda: connect_readonly(path))
    try:
        with engine.connect() as conn:
            have = schema_of(conn)
    finally:
        engine.dispose()
    want = reference_schema(revision, alembic_config())
    out = [f"表 {t}" for t in sorted(want.tables - have.tables)]
    for table in sorted(want.tables & have.tables):
        out += [f"{table}.{c} 列" for c in want.columns[table] if c not in have.columns[table]]
    out += [f"索引 {i}" for i in sorted(want.indexes - have.indexes)]
    return out
