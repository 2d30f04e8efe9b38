"""``export`` / ``import`` handlers, driven through their own argument parsers."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pairtrack.tracker.cli.export import configure as configure_export
from pairtrack.tracker.cli.export import run as run_export
from pairtrack.tracker.cli.import_ import configure as configure_import
from pairtrack.tracker.cli.import_ import run as run_import
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.ledger import Ledger
from tests import engines
from tests.exchange.conftest import snapshot


def args(configure: object, db: Path, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    configure(parser)  # type: ignore[operator]
    namespace = parser.parse_args(list(argv))
    namespace.db = str(db)
    return namespace


def test_export_then_import_prints_the_report(
    demo: Ledger, empty: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "p.pairtrack.zip"
    assert (
        run_export(
            args(
                configure_export, engines.target_of(demo), "--format", "package", "-o", str(package)
            )
        )
        == 0
    )
    assert (
        run_import(args(configure_import, engines.target_of(empty), str(package), "--dry-run")) == 0
    )
    out = capsys.readouterr().out
    assert "新增" in out and "试运行" in out
    assert empty.funds.count() == 0
    assert run_import(args(configure_import, engines.target_of(empty), str(package))) == 0
    assert empty.funds.count() == demo.funds.count()


def test_bad_input_is_one_chinese_error(empty: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.pairtrack.zip"
    path.write_text("not a zip")
    before = snapshot(empty)
    with pytest.raises(PairTrackError, match="不是"):
        run_import(args(configure_import, engines.target_of(empty), str(path)))
    assert snapshot(empty) == before
