"""The schema itself refuses bad rows, even from raw SQL that bypasses the services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from pairtrack.db.base import new_id
from pairtrack.db.migrate import open_database

TS = "2017-01-01T00:00:00.000000Z"

# A valid row per table (besides the synced columns and pairing_id), sitting on the boundary
# of each rule: the smallest amount, completed == enrolled, end_on == start_on.
VALID: dict[str, dict[str, Any]] = {
    "agreement": {
        "title": "框架协议",
        "doc_number": "",
        "category": "framework",
        "status": "signed",
        "counterparty": "",
        "summary": "",
        "start_on": "2017-03-01",
        "end_on": "2017-03-01",
    },
    "fund_transfer": {
        "budget_year": 2017,
        "kind": "fiscal",
        "amount_fen": 1,
        "purpose": "产业项目",
        "donor": "",
        "voucher": "",
        "allocated_on": "2017-03-01",
        "arrived_on": "2017-03-01",
    },
    "cadre_exchange": {
        "person_name": "李四",
        "gender": "female",
        "direction": "to_assisted",
        "category": "teacher",
        "home_unit": "",
        "host_unit": "",
        "post": "",
        "start_on": "2017-03-01",
        "end_on": "2017-03-01",
    },
    "target": {"year": 2017, "indicator": "funds_fen", "value": 0},
    "training": {
        "title": "劳务技能培训",
        "category": "vocational",
        "quota": 5,
        "enrolled": 5,
        "completed": 5,
        "organizer": "",
        "place": "",
        "start_on": "2017-03-01",
        "end_on": "2017-03-01",
    },
}


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    engine = open_database(tmp_path / "ledger.db")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def insert(conn: Connection, table: str, **values: Any) -> str:
    """Insert one row with plain SQL (no ORM, no services) and return its id."""
    row = {"id": new_id(), "origin": "", "created_at": TS, "updated_at": TS, "note": ""}
    row.update(values)
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
    return row["id"]


def region(conn: Connection, code: str | None = None, level: str = "county") -> str:
    return insert(conn, "region", name="县", province="", city="", level=level, code=code)


def pairing(conn: Connection, helper: str, assisted: str, programme: str = "east_west") -> str:
    return insert(
        conn,
        "pairing",
        helper_id=helper,
        assisted_id=assisted,
        programme=programme,
        start_year=2017,
        lead_unit="",
        contact="",
    )


@pytest.fixture
def pairing_id(conn: Connection) -> str:
    return pairing(conn, region(conn), region(conn))


@pytest.mark.parametrize("table", sorted(VALID))
def test_rows_on_the_boundary_are_accepted(conn: Connection, pairing_id: str, table: str) -> None:
    row_id = insert(conn, table, pairing_id=pairing_id, **VALID[table])
    found = conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE id = ?", (row_id,))
    assert found.scalar() == 1


@pytest.mark.parametrize(
    ("table", "change", "constraint"),
    [
        ("fund_transfer", {"amount_fen": 0}, "ck_fund_transfer_amount_positive"),
        ("fund_transfer", {"amount_fen": -100}, "ck_fund_transfer_amount_positive"),
        ("fund_transfer", {"arrived_on": "2017-02-28"}, "ck_fund_transfer_dates"),
        ("fund_transfer", {"kind": "loan"}, "ck_fund_transfer_kind"),
        ("training", {"completed": 6}, "ck_training_completed_le_enrolled"),
        ("training", {"end_on": "2017-02-28"}, "ck_training_dates"),
        ("training", {"quota": -1}, "ck_training_not_negative"),
        ("training", {"category": "party_school"}, "ck_training_category"),
        ("cadre_exchange", {"end_on": "2017-02-28"}, "ck_cadre_exchange_dates"),
        ("cadre_exchange", {"returned_on": "2017-02-28"}, "ck_cadre_exchange_returned"),
        ("cadre_exchange", {"direction": "abroad"}, "ck_cadre_exchange_direction"),
        ("cadre_exchange", {"category": "soldier"}, "ck_cadre_exchange_category"),
        ("cadre_exchange", {"gender": "男"}, "ck_cadre_exchange_gender"),
        ("agreement", {"end_on": "2017-02-28"}, "ck_agreement_dates"),
        ("agreement", {"status": "draft"}, "ck_agreement_status"),
        ("agreement", {"category": "tourism"}, "ck_agreement_category"),
        ("agreement", {"committed_fen": -1}, "ck_agreement_committed_not_negative"),
        ("target", {"value": -1}, "ck_target_value_not_negative"),
    ],
)
def test_a_row_breaking_a_check_is_rejected(
    conn: Connection, pairing_id: str, table: str, change: dict[str, Any], constraint: str
) -> None:
    with pytest.raises(IntegrityError, match=f"CHECK constraint failed: {constraint}"):
        insert(conn, table, pairing_id=pairing_id, **(VALID[table] | change))


def test_an_unknown_region_level_is_rejected(conn: Connection) -> None:
    with pytest.raises(IntegrityError, match="ck_region_level"):
        region(conn, level="village")


def test_a_region_code_must_have_six_characters(conn: Connection) -> None:
    with pytest.raises(IntegrityError, match="ck_region_code_length"):
        region(conn, code="13072")


def test_a_region_code_is_unique_but_many_regions_may_have_none(conn: Connection) -> None:
    region(conn, code=None)
    region(conn, code=None)
    region(conn, code="130723")
    with pytest.raises(IntegrityError, match=r"UNIQUE constraint failed: region\.code"):
        region(conn, code="130723")


def test_a_region_cannot_help_itself(conn: Connection) -> None:
    county = region(conn)
    with pytest.raises(IntegrityError, match="ck_pairing_helper_not_assisted"):
        pairing(conn, county, county)


def test_an_unknown_programme_is_rejected(conn: Connection) -> None:
    with pytest.raises(IntegrityError, match="ck_pairing_programme"):
        pairing(conn, region(conn), region(conn), programme="twinning")


def test_a_pairing_is_unique_per_helper_assisted_and_programme(conn: Connection) -> None:
    helper, assisted = region(conn), region(conn)
    pairing(conn, helper, assisted, "east_west")
    pairing(conn, helper, assisted, "in_province")  # another programme is another pairing
    with pytest.raises(IntegrityError, match=r"UNIQUE constraint failed: pairing\.helper_id"):
        pairing(conn, helper, assisted, "east_west")


def test_a_target_is_unique_per_pairing_year_and_indicator(
    conn: Connection, pairing_id: str
) -> None:
    insert(conn, "target", pairing_id=pairing_id, **VALID["target"])
    insert(conn, "target", pairing_id=pairing_id, **(VALID["target"] | {"year": 2018}))
    with pytest.raises(IntegrityError, match=r"UNIQUE constraint failed: target\.pairing_id"):
        insert(conn, "target", pairing_id=pairing_id, **VALID["target"])


def test_a_pairing_must_point_at_existing_regions(conn: Connection) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        pairing(conn, region(conn), new_id())


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_record_must_point_at_an_existing_pairing(conn: Connection, table: str) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        insert(conn, table, pairing_id=new_id(), **VALID[table])
