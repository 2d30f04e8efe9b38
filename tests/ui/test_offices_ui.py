"""The per-office view in the window: the 来源单位 column and filter of record pages, and the
数据截至 panel of a consolidated database's dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pairtrack.db.models import ImportBatch
from pairtrack.tracker.ledger import Ledger
from pairtrack.ui.ops import CollectionOp

OWN = "测试办公室"  # the window fixtures' office, 131001
CITY, CITY_NAME = "130700", "张家口市对口帮扶办公室"
EXPORTED = datetime(2017, 12, 1, 9, 30, tzinfo=UTC)


def package_from(ledger: Ledger, code: str, name: str, exported: datetime) -> None:
    with ledger.write() as session:
        session.add(ImportBatch(kind="package", file_name="p.pairtrack.zip", sha256="0" * 64,
                                origin_code=code, origin_name=name, exported_at=exported))  # fmt: skip


def region(ledger: Ledger, name: str) -> None:
    ledger.regions.create(name=name, province="河北省", city="张家口市", level="county")


@pytest.fixture
def consolidated(ledger: Ledger) -> Ledger:
    """Two regions of this office, one received from the city (its package recorded), and one
    written before any office code was set."""
    region(ledger, "康保县")
    region(ledger, "沽源县")
    ledger.set_settings(office_code=CITY)
    region(ledger, "张北县")
    ledger.set_settings(office_code="")
    region(ledger, "尚义县")
    ledger.set_settings(office_code="131001")
    package_from(ledger, CITY, CITY_NAME, EXPORTED)
    return ledger


def column_texts(page: Any, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def loaded(qtbot: Any, page: Any, rows: int) -> None:
    qtbot.waitUntil(lambda: not page._busy and page.model.rowCount() == rows)
    qtbot.waitUntil(lambda: page.model.loaded())


def test_record_page_shows_filters_and_sorts_by_origin(
    qtbot: Any, consolidated: Ledger, window: Any, qtmodeltester: Any
) -> None:
    page = window.show_page("region")
    loaded(qtbot, page, 4)
    qtmodeltester.check(page.model)
    last = page.model.columnCount() - 1
    assert page.model.headerData(last, Qt.Orientation.Horizontal) == "来源单位"
    assert last == len(page.spec.columns)  # after the kind's own columns
    names = column_texts(page, 0)
    qtbot.waitUntil(lambda: None not in column_texts(page, last))
    shown = dict(zip(names, column_texts(page, last), strict=True))
    assert shown == {"康保县": OWN, "沽源县": OWN, "张北县": CITY_NAME, "尚义县": "未标注"}

    combo = page.filters.origin
    assert not combo.isHidden()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部来源单位", OWN, CITY_NAME, "未标注",
    ]  # fmt: skip
    combo.setCurrentIndex(combo.findData(CITY))
    loaded(qtbot, page, 1)
    assert column_texts(page, 0) == ["张北县"]
    combo.setCurrentIndex(combo.findData(""))
    loaded(qtbot, page, 1)
    assert column_texts(page, 0) == ["尚义县"]
    combo.setCurrentIndex(0)
    loaded(qtbot, page, 4)

    page.model.sort(last, Qt.SortOrder.DescendingOrder)  # what a click on the header does
    qtbot.waitUntil(lambda: page.sort == ("origin", True) and not page._busy)
    qtbot.waitUntil(lambda: page.model.loaded() and None not in column_texts(page, last))
    # by code, descending: 131001, 131001, 130700, ""
    assert column_texts(page, last) == [OWN, OWN, CITY_NAME, "未标注"]


def test_one_office_shows_its_name_and_no_origin_filter(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    region(ledger, "康保县")
    page = window.show_page("region")
    loaded(qtbot, page, 1)
    last = page.model.columnCount() - 1
    qtbot.waitUntil(lambda: column_texts(page, last) == [OWN])
    assert page.filters.origin.isHidden()


def dashboard_offices(qtbot: Any, window: Any) -> Any:
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard._offices_busy)
    return dashboard


def test_dashboard_of_a_consolidated_database_shows_data_as_of_each_office(
    qtbot: Any, consolidated: Ledger, window: Any
) -> None:
    dashboard = dashboard_offices(qtbot, window)
    panel = dashboard.as_of
    assert not panel.isHidden()
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.height() > 60)  # on screen, not 0 high
    local = EXPORTED.astimezone().strftime("%Y-%m-%d %H:%M")
    assert panel.rows() == [
        (OWN, "131001", "本单位"),
        (CITY_NAME, CITY, local),
        ("未标注", "", "未收到汇总包"),
    ]


def test_data_as_of_appears_when_a_second_office_writes(
    qtbot: Any, ledger: Ledger, window: Any
) -> None:
    region(ledger, "康保县")
    dashboard = dashboard_offices(qtbot, window)
    assert dashboard.as_of.isHidden()  # one office: nothing to date

    def as_city(led: Ledger, _job: Any) -> None:
        led.set_settings(office_code=CITY, office_name=CITY_NAME)
        region(led, "张北县")

    with qtbot.waitSignal(dashboard.offices_loaded, timeout=10_000):
        CollectionOp(window, as_city).run()  # announced on the bus: the panel reloads itself
    qtbot.waitUntil(lambda: not dashboard._offices_busy)
    assert not dashboard.as_of.isHidden()
    assert [row[1:] for row in dashboard.as_of.rows()] == [
        (CITY, "本单位"),
        ("131001", "未收到汇总包"),
    ]
