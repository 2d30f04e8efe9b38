"""The 简报 frame (期号, 编印单位, 报/送/发, 共印 N 份): set per office with ``pairtrack settings``
or the settings dialog, printed only when set (issue 12)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from pairtrack.tracker.brief.blocks import Distribution
from pairtrack.tracker.brief.frame import check_frame
from pairtrack.tracker.brief.sections import compose
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.ledger import Ledger
from pairtrack.tracker.periods import Period
from pairtrack.ui.dialogs.settings import SettingsDialog
from tests.brief.conftest import options
from tests.cli.test_cli import pairtrack

# The PDF's text as a reader copies it: poppler's pdftotext (Debian: poppler-utils).
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext is not installed"
)

FRAME = (
    "--brief-issue", "5", "--brief-editor", "廊坊市对口帮扶办公室",
    "--brief-report-to", "省扶贫办", "--brief-send-to", "各县对口帮扶办",
    "--brief-issue-to", "本办各科室", "--brief-copies", "60",
)  # fmt: skip


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", "", out.stdout)


def test_no_frame_unless_set(empty: Ledger) -> None:
    from pairtrack.tracker.brief import build_brief

    doc = compose(build_brief(empty, options(empty, Period.year(2017))))
    assert doc.issue == ""
    assert not any(isinstance(b, Distribution) for b in doc.blocks)
    # no 编印单位: the office issues it (then the 数据校验码 of DESIGN §6)
    assert doc.issued.startswith("测试办公室　　2017年12月5日　　数据校验码 ")


def test_frame_set_with_settings_prints_in_pdf_and_docx(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    before = tmp_path / "before.pdf"
    assert pairtrack("--db", db, "brief", "--year", "2017", "-o", before).returncode == 0
    plain = text_of(before)
    for absent in ("第5期", "编印", "报：", "共印"):
        assert absent not in plain

    done = pairtrack("--db", db, "settings", *FRAME)
    assert done.returncode == 0, done.stderr
    assert "简报期号：5" in done.stdout and "共印份数：60" in done.stdout
    pdf, word = tmp_path / "b.pdf", tmp_path / "b.docx"
    assert pairtrack("--db", db, "brief", "--year", "2017", "-o", pdf).returncode == 0
    assert pairtrack("--db", db, "brief", "--year", "2017", "-o", word).returncode == 0
    text = text_of(pdf)
    head = text[: text.index("一、总体情况")]
    assert "第5期" in head and "廊坊市对口帮扶办公室编印" in head
    tail = text[text.index("七、存在问题") :]
    assert "报：省扶贫办送：各县对口帮扶办发：本办各科室（共印60份）" in tail
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "第5期" in paragraphs
    assert paragraphs[-4:] == [
        "报：省扶贫办",
        "送：各县对口帮扶办",
        "发：本办各科室",
        "（共印60份）",
    ]

    # cleared again: not printed
    assert (
        pairtrack("--db", db, "settings", "--brief-issue", "", "--brief-copies", "").returncode == 0
    )
    assert pairtrack("--db", db, "brief", "--year", "2017", "-o", pdf, "--force").returncode == 0
    again = text_of(pdf)
    assert "第5期" not in again and "共印" not in again and "报：省扶贫办" in again


def test_bad_frame_values_are_refused_and_nothing_written(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    assert pairtrack("--db", db, "demo").returncode == 0
    done = pairtrack("--db", db, "settings", "--brief-issue", "7", "--brief-copies", "六十")
    assert done.returncode != 0
    assert "「共印份数」应为正整数：「六十」" in done.stderr and "Traceback" not in done.stderr
    assert "简报期号：（未设置）" in pairtrack("--db", db, "settings").stdout
    for bad in ("0", "-1", "x"):
        with pytest.raises(ValidationError):
            check_frame({"brief_issue": bad})
    assert check_frame({"brief_issue": "05", "brief_copies": ""}) == {
        "brief_issue": "5",
        "brief_copies": "",
    }


def test_settings_dialog_collects_the_frame(qtbot: QtBot) -> None:
    base = {"office_name": "测试办", "office_code": "131001", "operator": "张三"}
    dialog = SettingsDialog({**base, "brief_issue": "4"}, first_run=False)
    qtbot.addWidget(dialog)
    assert dialog.frame["brief_issue"].text() == "4"
    dialog.frame["brief_copies"].setText("六十")
    dialog.save()
    assert dialog.values == {} and "共印份数" in dialog.error.text()
    dialog.frame["brief_copies"].setText("60")
    dialog.frame["brief_report_to"].setText("省扶贫办")
    dialog.save()
    assert dialog.values["brief_copies"] == "60"
    assert dialog.values["brief_report_to"] == "省扶贫办"
    assert dialog.values["brief_issue"] == "4" and dialog.values["operator"] == "张三"
