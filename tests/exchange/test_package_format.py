"""Package format 2: every column with the row's revision, the rows' history, the scope, the
sender's audit head; version-1 packages are still read."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from pairtrack.db.models import AuditEvent
from pairtrack.tracker.audit import GENESIS, canonical
from pairtrack.tracker.errors import PairTrackError
from pairtrack.tracker.exchange.package import PackageRefused, open_package
from pairtrack.tracker.exchange.package_write import export_package
from pairtrack.tracker.kinds import KINDS
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.revisions import revision_id
from tests.exchange.strict_helpers import members_of, read_everything, repack


def lines(path: Path, member: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in members_of(path)[member].splitlines()]


def rev_of(ledger: Ledger, table: str, row_id: str) -> str:
    with ledger.read() as session:
        return str(session.scalar(text(f"SELECT rev FROM {table} WHERE id = :id"), {"id": row_id}))


def test_every_row_carries_every_column_and_its_history(demo: Ledger, tmp_path: Path) -> None:
    fund = demo.funds.list(limit=1)[0]
    created = rev_of(demo, "fund_transfer", fund.id)
    first = demo.funds.update(fund.id, purpose="第一次改")
    demo.funds.update(fund.id, amount_fen=fund.amount_fen + 1)
    path = tmp_path / "p.pairtrack.zip"
    counts = export_package(demo, path)
    manifest = json.loads(members_of(path)["manifest.json"])
    assert (manifest["version"], manifest["scope"]) == (3, "all")
    assert manifest["origin"] == {"code": "131001", "name": "廊坊开发区对口帮扶办公室"}
    with demo.read() as session:
        head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    assert manifest["audit_head"] == head
    for service in demo.services.all():
        rows = lines(path, f"{service.table}.jsonl")
        assert len(rows) == counts[service.table] == manifest["counts"][f"{service.table}.jsonl"]
        assert all(list(row) == list(service.columns) for row in rows)
    row = next(r for r in lines(path, "fund_transfer.jsonl") if r["id"] == fund.id)
    history = lines(path, "row_history.jsonl")
    assert manifest["counts"]["row_history.jsonl"] == len(history) == 2
    # the row's ancestry: created → first edit → now
    by_rev = {h["rev"]: h for h in history}
    assert set(by_rev) == {created, row["parents"]}
    assert by_rev[row["parents"]]["parents"] == created
    assert json.loads(str(by_rev[row["parents"]]["data"]))["purpose"] == first.purpose == "第一次改"
    assert {h["table_name"] for h in history} == {"fund_transfer"}
    read_everything(demo, path)  # and it passes its own checks


def test_a_row_without_revision_gets_its_content_revision(demo: Ledger, tmp_path: Path) -> None:
    fund = demo.funds.list(limit=1)[0]
    first = rev_of(demo, "fund_transfer", fund.id)
    with demo.write() as session:  # as another program might have written it
        session.execute(
            text("UPDATE fund_transfer SET rev = '', parents = '' WHERE id = :id"), {"id": fund.id}
        )
    path = tmp_path / "p.pairtrack.zip"
    export_package(demo, path)
    row = next(r for r in lines(path, "fund_transfer.jsonl") if r["id"] == fund.id)
    service = demo.funds
    assert row["rev"] == revision_id("fund_transfer", "", canonical(service.content, row))
    assert row["rev"] == first  # a first revision: the same as the one it lost
    assert rev_of(demo, "fund_transfer", fund.id) == ""  # exporting writes nothing


def test_own_scope_sends_this_offices_records_on_every_region_and_pairing(
    demo: Ledger, tmp_path: Path
) -> None:
    pairing = demo.pairings.list(limit=1)[0]
    demo.set_settings(office_code="130723", office_name="康保县")  # another office's copy
    own = demo.funds.create(
        pairing_id=pairing.id, budget_year=2017, kind="social", amount_fen=100,
        purpose="康保县自己录入", allocated_on=date(2017, 5, 1),
    )  # fmt: skip
    taken = {(t.year, t.indicator) for t in demo.targets.list(pairing_id=pairing.id)}
    year, indicator = next(
        (y, i) for y in range(2017, 2021) for i in ("trained", "cadres_sent") if (y, i) not in taken
    )
    demo.targets.set(pairing.id, year, indicator, 50)
    path = tmp_path / "own.pairtrack.zip"
    counts = export_package(demo, path, scope="own")
    assert json.loads(members_of(path)["manifest.json"])["scope"] == "own"
    assert counts["region"] == demo.regions.count(include_deleted=True)
    assert counts["pairing"] == demo.pairings.count(include_deleted=True)
    assert [r["id"] for r in lines(path, "fund_transfer.jsonl")] == [own.id]
    assert [(r["year"], r["indicator"]) for r in lines(path, "target.jsonl")] == [(year, indicator)]
    assert counts["agreement"] == counts["cadre_exchange"] == counts["training"] == 0
    read_everything(demo, path)
    # a record of another office in an "own" package is refused
    bad = tmp_path / "bad.pairtrack.zip"
    data = members_of(path)["fund_transfer.jsonl"].replace(b'"130723"', b'"131001"')
    repack(path, bad, members={"fund_transfer.jsonl": data})
    with pytest.raises(PackageRefused, match=r"「fund_transfer\.jsonl」第 1 行「origin」"):
        read_everything(demo, bad)


def test_reference_scope_sends_regions_pairings_and_targets_only(
    demo: Ledger, tmp_path: Path
) -> None:
    target = demo.targets.list(limit=1)[0]
    demo.targets.update(target.id, value=target.value + 1)
    demo.funds.update(demo.funds.list(limit=1)[0].id, purpose="不随基础数据发送")
    path = tmp_path / "ref.pairtrack.zip"
    counts = export_package(demo, path, scope="reference")
    sent = {k.table for k in KINDS if counts[k.table]}
    assert sent == {k.table for k in KINDS if k.reference} == {"region", "pairing", "target"}
    assert counts["target"] == demo.targets.count(include_deleted=True)
    assert [h["row_id"] for h in lines(path, "row_history.jsonl")] == [target.id]
    package = open_package(path)
    assert package.scope == "reference" and package.total == sum(counts.values())
    read_everything(demo, path)


def test_an_unknown_scope_writes_no_file(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.pairtrack.zip"
    with pytest.raises(PairTrackError, match="未知的导出范围"):
        export_package(demo, path, scope="mine")
    assert not path.exists()


def test_an_office_without_history_sends_the_genesis_head(
    office: Callable[[str, str], Ledger], tmp_path: Path
) -> None:
    fresh = office("130700", "")
    with fresh.write() as session:
        session.execute(text("DELETE FROM audit_event"))  # settings were audited
    path = tmp_path / "p.pairtrack.zip"
    export_package(fresh, path)
    assert open_package(path).audit_head == GENESIS


def as_version_1(path: Path, target: Path, *, keep_revisions: bool) -> Path:
    """The package as PairTrack wrote it before format 2: no scope, no audit head, counts by
    table, no history; rows without ``rev``/``parents`` unless ``keep_revisions``."""
    members: dict[str, bytes | None] = {"row_history.jsonl": None, "audit_chain.jsonl": None}
    for kind in KINDS:
        name = f"{kind.table}.jsonl"
        rows = lines(path, name)
        if not keep_revisions:
            for row in rows:
                del row["rev"], row["parents"]
        members[name] = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)

    def downgrade(manifest: dict[str, object]) -> None:
        manifest["version"] = 1
        del manifest["scope"], manifest["audit_head"], manifest["audit_count"]
        for member in ("row_history.jsonl", "audit_chain.jsonl"):
            del manifest["members"][member]  # type: ignore[attr-defined]
        manifest["counts"] = {
            k.removesuffix(".jsonl"): v
            for k, v in manifest["counts"].items()  # type: ignore[attr-defined]
            if k not in ("row_history.jsonl", "audit_chain.jsonl")
        }

    return repack(path, target, members=members, manifest=downgrade)


def test_version_1_packages_are_still_read(demo: Ledger, tmp_path: Path) -> None:
    edited = demo.funds.update(demo.funds.list(limit=1)[0].id, purpose="改过")
    path = tmp_path / "p.pairtrack.zip"
    export_package(demo, path)
    _manifest, current, _history = read_everything(demo, path)
    revs = {row["id"]: (row["rev"], row["parents"]) for _t, _n, row in current}
    assert revs[edited.id][1] != ""
    old = as_version_1(path, tmp_path / "v1.pairtrack.zip", keep_revisions=False)
    package = open_package(old)
    assert (package.version, package.scope, package.audit_head) == (1, "all", None)
    _manifest, rows, history = read_everything(demo, old)
    assert history == [] and len(rows) == len(current)
    # a row without revision gets its first revision: the one it had, unless it was edited
    for _table, _number, row in rows:
        assert row["parents"] == ""
        if row["id"] != edited.id:
            assert row["rev"] == revs[row["id"]][0]
    with_revisions = as_version_1(path, tmp_path / "v1r.pairtrack.zip", keep_revisions=True)
    _manifest, rows, _history = read_everything(demo, with_revisions)
    assert {row["id"]: (row["rev"], row["parents"]) for _t, _n, row in rows} == revs


def test_version_1_may_not_carry_history(demo: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "p.pairtrack.zip"
    export_package(demo, path)
    old = as_version_1(path, tmp_path / "v1.pairtrack.zip", keep_revisions=False)
    bad = repack(old, tmp_path / "bad.pairtrack.zip", extra=[("row_history.jsonl", b"")])
    with pytest.raises(PackageRefused, match=r"清单未列出的文件「row_history\.jsonl」"):
        open_package(bad)
