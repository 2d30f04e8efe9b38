"""The import's 「对应关系」 step (issue 11): an office's own workbook shows each sheet with the
columns the reader recognised, lets the person map the rest, choose the kind of record and a
default pairing, and remembers the mapping for the next workbook with the same headers. A
sheet nobody recognised is never skipped silently, and 导入 is never offered for a preview
that would import nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from pairtrack.tracker.exchange.layout import Mapping
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.money import yuan_to_fen
from pairtrack.ui.dialogs.exchange import ImportDialog
from pairtrack.ui.dialogs.import_mapping import UNRECOGNISED, SheetMapper
from tests.exchange.ledger_shapes import funds_ledger, save_rows

PAIRING = "廊坊开发区→康保县"
HEADERS = ["序号", "项目名称", "资金类别", "援建资金额度", "拨付时间"]


def _book(path: Path, title: str, above: list[list[Any]], rows: list[list[Any]]) -> Path:
    return save_rows([*above, *rows], path, title, [])


def projects_book(path: Path, above: list[list[Any]], projects: list[tuple[str, Any]]) -> Path:
    """援建项目: the amounts under 援建资金额度, a header no synonym knows."""
    rows = [
        [n, name, "财政援助资金", amount, date(2017, 5, n)]
        for n, (name, amount) in enumerate(projects, start=1)
    ]
    return _book(path, "援建项目", [*above, HEADERS], rows)


def opened(qtbot: Any, path: Path) -> ImportDialog:
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == dialog.MAPPING, timeout=10_000)
    return dialog


def target_combo(mapper: SheetMapper, header: str) -> QComboBox:
    row = mapper.current.headers.index(header)
    combo = mapper.table.cellWidget(row, 3)
    assert isinstance(combo, QComboBox)
    return combo


def mark(mapper: SheetMapper, header: str) -> str:
    return mapper.table.item(mapper.current.headers.index(header), 4).text()


def choose(combo: QComboBox, data: Any = None, text: str | None = None) -> None:
    index = combo.findText(text) if text is not None else combo.findData(data)
    assert index >= 0, (data, text)
    combo.setCurrentIndex(index)


def preview_and_import(qtbot: Any, dialog: ImportDialog) -> None:
    assert dialog.preview_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.import_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.committed, timeout=10_000)


def amounts(ledger: Ledger, names: list[str]) -> dict[str, tuple[int, str]]:
    labels = ledger.pairings.labels()
    out = {}
    for name in names:
        (found,) = ledger.funds.list(text=name)
        out[name] = (found.amount_fen, labels[found.pairing_id])
    return out


def wan(text: str) -> int:
    return yuan_to_fen(Decimal(text) * 10_000, "amount")


def test_an_unrecognised_column_is_mapped_by_hand_and_imported(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = projects_book(
        tmp_path / "援建.xlsx",
        [["2017年援建项目明细"]],
        [("康保县产业园道路", 150), ("康保县养老院改造", "80.5")],
    )
    dialog = opened(qtbot, path)
    (mapper,) = dialog.mapping_step.sheets
    assert mapper.how.text().startswith("读取方式：自动识别，表头在第 2 行")
    assert mapper.kind.currentData() == "fund_transfer"
    amount = target_combo(mapper, "援建资金额度")
    assert amount.currentText() == "不导入" and mark(mapper, "援建资金额度") == "未导入"
    assert mark(mapper, "项目名称") == "✓ 已识别"
    assert mapper.table.item(3, 2).text() == "150、80.5"  # the column's sample values
    # eight pairings and no 结对关系 column: the default pairing must be chosen first
    assert not dialog.preview_button.isEnabled()
    assert "请选择默认结对关系" in dialog.status.text()
    assert not dialog.import_button.isEnabled()

    choose(amount, "amount_fen")
    assert mark(mapper, "援建资金额度") == "✓ 已选择"
    choose(dialog.mapping_step.pairing, text=PAIRING)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.table.item(0, 0).text() == "帮扶资金"
    assert dialog.table.item(0, 1).text() == "2"  # 新增
    assert "「援建项目」：帮扶资金，表头在第 2 行（按确认的对应关系），2 行记录" in (
        dialog.reading.toPlainText()
    )
    assert demo_ledger.funds.list(text="康保县产业园道路") == []  # the preview wrote nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.committed, timeout=10_000)
    assert amounts(demo_ledger, ["康保县产业园道路", "康保县养老院改造"]) == {
        "康保县产业园道路": (wan("150"), PAIRING),
        "康保县养老院改造": (wan("80.5"), PAIRING),
    }


def test_the_mapping_is_remembered_for_a_workbook_with_the_same_headers(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    first = projects_book(tmp_path / "一月.xlsx", [["援建项目"]], [("台账补录道路硬化", 12)])
    dialog = opened(qtbot, first)
    (mapper,) = dialog.mapping_step.sheets
    choose(target_combo(mapper, "援建资金额度"), "amount_fen")
    choose(dialog.mapping_step.pairing, text=PAIRING)
    preview_and_import(qtbot, dialog)

    # other rows, and two lines above the header instead of one
    second = projects_book(
        tmp_path / "二月.xlsx",
        [["援建项目（二月）"], ["填报单位：廊坊开发区对口帮扶办公室"]],
        [("台账补录村卫生室", "6.25"), ("台账补录饮水工程", 30)],
    )
    dialog = opened(qtbot, second)
    (mapper,) = dialog.mapping_step.sheets
    assert mapper.reading.how == "remembered"
    assert mapper.how.text() == "读取方式：按上次确认的对应关系，表头在第 3 行"
    assert target_combo(mapper, "援建资金额度").currentData() == "amount_fen"
    assert dialog.mapping_step.pairing.currentText() == PAIRING
    preview_and_import(qtbot, dialog)  # nothing changed in the mapping step
    assert amounts(demo_ledger, ["台账补录村卫生室", "台账补录饮水工程"]) == {
        "台账补录村卫生室": (wan("6.25"), PAIRING),
        "台账补录饮水工程": (wan("30"), PAIRING),
    }


def test_an_unrecognised_sheet_is_shown_and_imports_once_mapped(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "收支.xlsx",
        "Sheet1",
        [["收支明细"], ["条目", "数目", "日子", "种类"]],
        [["台账补录光伏电站", 40, date(2017, 8, 1), "财政援助资金"]],
    )
    dialog = opened(qtbot, path)
    (mapper,) = dialog.mapping_step.sheets
    assert mapper.reading.how == "none"
    assert mapper.note.isVisibleTo(dialog) and mapper.note.text() == UNRECOGNISED
    assert dialog.mapping_step.tabs.tabText(0) == "Sheet1"
    assert mapper.kind.currentText() == "不导入"
    assert not dialog.preview_button.isEnabled() and not dialog.import_button.isEnabled()
    assert "请至少为一个工作表选择记录类型" in dialog.status.text()

    # the header is looked for below the one-cell title; nothing in it is known
    assert mapper.header_row.value() == 2
    assert mapper.current.headers == ["条目", "数目", "日子", "种类"]
    mapper.header_row.setValue(1)  # the person may put it elsewhere: the title row
    assert mapper.current.headers == ["收支明细"]
    choose(mapper.kind, "fund_transfer")
    assert not dialog.preview_button.isEnabled()  # no column is imported yet
    mapper.header_row.setValue(2)
    assert mapper.current.headers == ["条目", "数目", "日子", "种类"]
    assert all(mark(mapper, h) == "未导入" for h in mapper.current.headers)
    for header, target in (("条目", "purpose"), ("数目", "amount_fen"), ("日子", "allocated_on")):
        choose(target_combo(mapper, header), target)
        assert not dialog.import_button.isEnabled()
    choose(target_combo(mapper, "种类"), "amount_fen")  # two columns into 金额: refused
    assert not dialog.preview_button.isEnabled() and "导入为同一项" in dialog.status.text()
    assert mark(mapper, "种类") == "重复"
    choose(target_combo(mapper, "种类"), "kind")
    choose(dialog.mapping_step.pairing, text=PAIRING)
    assert not dialog.import_button.isEnabled()
    preview_and_import(qtbot, dialog)
    assert amounts(demo_ledger, ["台账补录光伏电站"]) == {"台账补录光伏电站": (wan("40"), PAIRING)}


def test_import_stays_off_for_a_preview_that_imports_nothing(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = _book(tmp_path / "空.xlsx", "资金台账", [["项目名称", "金额", "拨付时间"]], [])
    dialog = opened(qtbot, path)
    choose(dialog.mapping_step.pairing, text=PAIRING)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report is not None and dialog.report.changed == 0
    assert not dialog.import_button.isEnabled()
    assert "没有可导入的记录" in dialog.status.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not import either
    assert not dialog.committed


def test_a_sheet_turned_to_not_imported_is_not_read(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = projects_book(tmp_path / "援建.xlsx", [], [("不要导入的项目", 5)])
    dialog = opened(qtbot, path)
    (mapper,) = dialog.mapping_step.sheets
    choose(mapper.kind, None)
    assert "请至少为一个工作表选择记录类型" in dialog.status.text()
    assert dialog.mapping_step.mappings() == {
        "援建项目": Mapping(None, 0, 1, HEADERS, [None] * 5, "万元")
    }


def test_the_funds_ledger_imports_with_only_the_pairing_chosen(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    expected = funds_ledger(tmp_path / "资金台账.xlsx")
    before = demo_ledger.funds.count()
    dialog = opened(qtbot, tmp_path / "资金台账.xlsx")
    (mapper,) = dialog.mapping_step.sheets
    qtbot.waitUntil(lambda: mapper.kind.hasFocus(), timeout=5_000)  # the first kind combo
    assert [mark(mapper, h) for h in mapper.current.headers] == ["✓ 已识别"] * 7
    choose(dialog.mapping_step.pairing, text=PAIRING)
    qtbot.keyClick(mapper.kind, Qt.Key.Key_Return)  # Enter previews
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    text = dialog.reading.toPlainText()
    assert "跳过「资金台账」第 11 行：合计行" in text and "说明：" in text
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.committed, timeout=10_000)
    assert demo_ledger.funds.count() == before + expected.records
    labels = demo_ledger.pairings.labels()
    purposes = ("康保县产业园区基础设施", "教育帮扶（学校改造）", "医疗设备购置",
                "爱心企业捐赠助学金", "物资折款（衣物）")  # fmt: skip
    imported = [f for p in purposes for f in demo_ledger.funds.list(text=p)]
    assert len(imported) == expected.records
    assert {labels[f.pairing_id] for f in imported} == {PAIRING}
    fiscal = sum(f.amount_fen for f in imported if f.kind == "fiscal")
    social = sum(f.amount_fen for f in imported if f.kind != "fiscal")
    assert fiscal == wan(str(expected.totals["fiscal"]))
    assert social == wan(str(expected.totals["social"]))


def test_the_programs_own_template_goes_straight_to_the_preview(
    qtbot: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "模板.xlsx",
        "帮扶资金",
        [["结对关系", "资金年度", "资金类别", "金额（万元）", "用途/项目", "拨付日期"]],
        [[PAIRING, 2017, "财政援助资金", 3, "台账补录模板行", date(2017, 3, 1)]],
    )
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    assert dialog.stack.currentIndex() == dialog.PREVIEW and dialog.mappings is None
    assert "（按导出模板），1 行记录" in dialog.reading.toPlainText()
    # the mapping can still be looked at and confirmed
    assert dialog.adjust_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.adjust_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentIndex() == dialog.MAPPING
    assert not dialog.import_button.isEnabled()
    (mapper,) = dialog.mapping_step.sheets
    assert mapper.how.text() == "读取方式：按导出模板，表头在第 1 行"
    assert not dialog.mapping_step.pairing.isVisibleTo(dialog) or (
        dialog.mapping_step.pairing_hint.text().startswith("表中已有")
    )
    preview_and_import(qtbot, dialog)
    assert dialog.mappings is not None and dialog.mappings["帮扶资金"].template
    assert demo_ledger.funds.list(text="台账补录模板行")
