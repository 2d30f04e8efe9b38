"""A record's history: every step that wrote it, who and when, and each field before → after,
whether the step was one edit, a bulk insert or a merge of another office's package."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pairtrack.tracker.errors import NotFound
from pairtrack.tracker.exchange.merge import import_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.history import record_history
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.records import PairingRecord
from tests import engines


def changes(entry: object) -> dict[str, tuple[object, object]]:
    return {c.field.name: (c.before, c.after) for c in entry.changes}  # type: ignore[attr-defined]


def fund(ledger: Ledger, pairing: PairingRecord, **values: object) -> str:
    return ledger.funds.create(
        pairing_id=pairing.id,
        budget_year=2017,
        kind="fiscal",
        amount_fen=100_000_000,
        purpose="产业扶贫",
        allocated_on=date(2017, 3, 1),
        **values,
    ).id


def test_edits_by_two_operators_latest_first(ledger: Ledger, pairing: PairingRecord) -> None:
    fund_id = fund(ledger, pairing)
    ledger.funds.update(fund_id, purpose="劳务协作")
    ledger.set_settings(operator="李娜")
    ledger.funds.update(fund_id, amount_fen=120_000_000, arrived_on="2017-04-01")
    ledger.funds.delete(fund_id)
    ledger.funds.restore(fund_id)

    history = record_history(ledger, "fund_transfer", fund_id)
    assert [(e.label, e.operator) for e in history] == [
        ("恢复", engines.recorded(ledger, "李娜")),
        ("删除", engines.recorded(ledger, "李娜")),
        ("修改", engines.recorded(ledger, "李娜")),
        ("修改", engines.recorded(ledger, "测试员")),
        ("新增", engines.recorded(ledger, "测试员")),
    ]
    assert changes(history[2]) == {
        "amount_fen": (100_000_000, 120_000_000),
        "arrived_on": (None, "2017-04-01"),
    }
    assert changes(history[3]) == {"purpose": ("产业扶贫", "劳务协作")}
    created = changes(history[4])
    assert created["purpose"] == (None, "产业扶贫") and created["kind"] == (None, "fiscal")
    assert "note" not in created  # an empty field is not a change
    assert history[0].at >= history[-1].at
    assert [c.field.label for c in history[3].changes] == ["用途/项目"]


def test_a_bulk_insert_is_found_through_the_rows_hash(
    ledger: Ledger, pairing: PairingRecord
) -> None:
    count = ledger.funds.bulk_create(
        [
            {"pairing_id": pairing.id, "budget_year": 2017, "kind": "social",
             "amount_fen": n * 1000, "purpose": f"捐赠{n}", "allocated_on": date(2017, 5, n)}
            for n in range(1, 4)
        ]
    )  # fmt: skip
    assert count == 3
    second = next(f for f in ledger.funds.list() if f.purpose == "捐赠2")
    ledger.funds.update(second.id, donor="京东物流")
    history = record_history(ledger, "fund_transfer", second.id)
    assert [e.label for e in history] == ["修改", "批量新增"]
    assert changes(history[0]) == {"donor": (None, "京东物流")}
    assert changes(history[1])["amount_fen"] == (None, 2000)
    assert changes(history[1])["purpose"] == (None, "捐赠2")  # its own row, not another's


def test_a_merged_change_from_another_office_shows_what_it_changed(
    tmp_path: Path, ledger: Ledger, pairing: PairingRecord
) -> None:
    city = Ledger.open(tmp_path / "city.db")
    try:
        city.set_settings(operator="市级汇总员", office_code="130000", office_name="市办")
        fund_id = fund(ledger, pairing)
        export_package(ledger, tmp_path / "1.pairtrack.zip")
        import_package(city, tmp_path / "1.pairtrack.zip")
        ledger.funds.update(fund_id, amount_fen=150_000_000)
        export_package(ledger, tmp_path / "2.pairtrack.zip")
        import_package(city, tmp_path / "2.pairtrack.zip")

        history = record_history(city, "fund_transfer", fund_id)
        assert [(e.label, e.operator) for e in history] == [
            ("汇总合并", "市级汇总员"),
            ("汇总合并", "市级汇总员"),
        ]
        assert changes(history[0]) == {"amount_fen": (100_000_000, 150_000_000)}
        assert changes(history[1])["amount_fen"] == (None, 100_000_000)  # arrived new
    finally:
        city.close()


def test_an_unknown_record_is_refused_in_chinese(ledger: Ledger) -> None:
    with pytest.raises(NotFound, match="找不到"):
        record_history(ledger, "fund_transfer", "00000000-0000-0000-0000-000000000000")
