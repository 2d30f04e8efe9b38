"""Received heads (issue 13): the receiving office records the audit head of every package it
imports, so that history rewritten in the sending office shows in the receiving one: a later
package whose chain does not extend a recorded head is flagged 「对方的历史记录被改写过」, and
``pairtrack check`` lists the packages received with their codes."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from pairtrack.tracker import cli
from pairtrack.tracker.audit import head
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package import open_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.received import REWRITTEN, received
from tests import engines


def code_of(ledger: Ledger) -> str:
    with ledger.read() as session:
        return head(session).code


def export(ledger: Ledger, path: Path) -> Path:
    export_package(ledger, path)
    return path


def raw(ledger: Ledger, *statements: str) -> None:
    with closing(engines.Raw(ledger)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def test_the_manifest_carries_the_head_its_count_and_the_chain(
    demo: Ledger, tmp_path: Path
) -> None:
    package = open_package(export(demo, tmp_path / "a.zip"))
    assert package.check_code == code_of(demo)
    with demo.read() as session:
        now = head(session)
    assert (package.audit_count, package.audit_head) == (now.count, now.hash)
    assert package.chain_hashes({1, now.count})[now.count] == now.hash[:16]


def test_extending_history_is_accepted_and_listed(
    demo: Ledger, empty: Ledger, tmp_path: Path
) -> None:
    first = export(demo, tmp_path / "1.zip")
    assert import_package(empty, first).history == ""
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, purpose="后来改的")
    second = export(demo, tmp_path / "2.zip")
    report = import_package(empty, second)
    assert report.history == "" and report.committed
    listed = received(empty)
    assert [r.code for r in listed] == [open_package(first).check_code, code_of(demo)]
    assert not any(r.rewritten for r in listed)


@pytest.mark.parametrize("rewrite", ["delete-last-events", "edit-and-rehash", "wipe"])
def test_rewritten_history_in_the_sending_office_is_flagged(
    demo: Ledger, empty: Ledger, tmp_path: Path, rewrite: str
) -> None:
    fund = demo.funds.list(limit=1)[0]
    demo.funds.update(fund.id, purpose="后来改的")
    import_package(empty, export(demo, tmp_path / "1.zip"))
    if rewrite == "delete-last-events":
        raw(demo, "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    elif rewrite == "edit-and-rehash":
        # any change to an event before the recorded head changes every hash after it
        from tests.audit_forgery import rehash_from

        with closing(engines.Raw(demo)) as connection:
            with connection:
                connection.execute("UPDATE audit_event SET operator = '别人' WHERE seq = 3")
            rehash_from(connection, 3)
    else:
        raw(demo, "DELETE FROM audit_event")
    demo.funds.update(fund.id, purpose="又改了一次")  # the office goes on working
    report = import_package(empty, export(demo, tmp_path / "2.zip"))
    assert report.history.startswith(REWRITTEN)
    assert "廊坊开发区对口帮扶办公室" in report.history
    assert report.committed  # flagged, not refused: the data is the sender's to vouch for
    assert [r.rewritten for r in received(empty)] == [False, True]


def test_a_preview_flags_but_records_nothing(demo: Ledger, empty: Ledger, tmp_path: Path) -> None:
    import_package(empty, export(demo, tmp_path / "1.zip"))
    raw(demo, "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    report = import_package(empty, export(demo, tmp_path / "2.zip"), dry_run=True)
    assert report.history.startswith(REWRITTEN)
    assert len(received(empty)) == 1


def test_an_older_package_imported_later_is_not_flagged(
    demo: Ledger, empty: Ledger, tmp_path: Path
) -> None:
    old = export(demo, tmp_path / "old.zip")
    demo.funds.update(demo.funds.list(limit=1)[0].id, purpose="后来改的")
    import_package(empty, export(demo, tmp_path / "new.zip"))
    assert import_package(empty, old).history == ""


def test_import_and_check_on_the_command_line(
    demo: Ledger, empty: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = export(demo, tmp_path / "1.zip")
    assert cli.run(["--db", str(engines.target_of(empty)), "import", str(first)]) == 0
    raw(demo, "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    second = export(demo, tmp_path / "2.zip")
    capsys.readouterr()
    assert cli.run(["--db", str(engines.target_of(empty)), "import", str(second)]) == 0
    out = capsys.readouterr().out
    assert f"警告：{REWRITTEN}" in out
    assert cli.run(["--db", str(engines.target_of(empty)), "check"]) == 0
    out = capsys.readouterr().out
    assert "已收到的汇总包 2 个" in out
    assert open_package(first).check_code in out and open_package(second).check_code in out
    assert f"「2.zip」：数据校验码 {open_package(second).check_code}" in out
    assert f"（{REWRITTEN}）" in out
