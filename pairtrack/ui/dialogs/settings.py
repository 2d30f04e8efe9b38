"""Office and operator settings; on the very first start it also offers the demo data.

The dialog only collects and checks the values (``values``); whoever opened it writes them
through ``ui.ops``, so the dialog itself never touches the database. The 界面语言 is this
user's, not the ledger's: it is kept in QSettings (``ui.i18n``) and applies at the next start."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pairtrack.tracker.brief.frame import FRAME_SETTINGS, check_frame
from pairtrack.tracker.errors import ValidationError
from pairtrack.ui import colours
from pairtrack.ui.accessible import prepare
from pairtrack.ui.i18n import (
    LANGUAGES,
    current_language,
    noop,
    save_language,
    saved_language,
    tr,
    tr_message,
)


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: dict[str, str],
        *,
        first_run: bool,
        empty: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.values: dict[str, str] = {}
        self.setWindowTitle(tr("欢迎使用 PairTrack") if first_run else tr("单位与操作员"))
        self.office_name = QLineEdit(settings.get("office_name", ""))
        self.office_name.setObjectName("office_name")
        self.office_name.setPlaceholderText(tr("如：廊坊开发区对口帮扶办公室"))
        self.office_code = QLineEdit(settings.get("office_code", ""))
        self.office_code.setObjectName("office_code")
        self.office_code.setPlaceholderText(tr("如：131001（用于汇总时区分来源）"))
        self.office_code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9A-Za-z_-]{0,32}"))
        )
        self.operator = QLineEdit(settings.get("operator", ""))
        self.operator.setObjectName("operator")
        self.demo = QCheckBox(tr("装入演示数据（廊坊、济南 2017 年的结对与进展）"))
        self.demo.setObjectName("demo")
        # Offered, never ticked: demo records mixed into a real ledger are hard to tell apart
        # from real ones. Only for a new, empty ledger (a ledger with records has its own).
        self.demo.setChecked(False)
        self.demo.setVisible(first_run and empty)
        self.error = QLabel()
        colours.warn(self.error)
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("单位名称*："), self.office_name)
        form.addRow(tr("单位代码*："), self.office_code)
        form.addRow(tr("操作员*："), self.operator)
        # The 简报 frame: optional, printed only when set (tracker.brief.frame).
        self.frame: dict[str, QLineEdit] = {}
        frame_form = QFormLayout()
        for key, (label, limit, _number) in FRAME_SETTINGS.items():
            edit = QLineEdit(settings.get(key, ""))
            edit.setObjectName(key)
            edit.setMaxLength(limit)
            self.frame[key] = edit
            frame_form.addRow(tr("{label}：").format(label=tr(label)), edit)
        self.frame["brief_issue"].setPlaceholderText(tr("如：5（印为“第5期”），不填则不印"))
        self.frame["brief_copies"].setPlaceholderText(tr("如：60（印为“共印60份”）"))
        frame_box = QGroupBox(tr("简报版头与版记（可不填）"))
        frame_box.setLayout(frame_form)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language())))
        self.language_note = QLabel(tr("重新启动 PairTrack 后生效。"))
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda: self.language_note.setVisible(self.chosen_language() != current_language())
        )
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addWidget(self.language_note, 1)
        form.addRow(tr("界面语言："), language_row)
        self.language.setAccessibleName(tr("界面语言"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if first_run:
            layout.addWidget(
                QLabel(tr("请先填写本单位和操作员信息，它们会写入每条记录的审计日志。"))
            )
        layout.addLayout(form)
        layout.addWidget(frame_box)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        prepare(self)

    def save(self) -> None:
        values = {
            "office_name": self.office_name.text().strip(),
            "office_code": self.office_code.text().strip(),
            "operator": self.operator.text().strip(),
        }
        labels = {
            "office_name": noop("单位名称"),
            "office_code": noop("单位代码"),
            "operator": noop("操作员"),
        }
        edits = {"office_name": self.office_name, "office_code": self.office_code,
                 "operator": self.operator, **self.frame}  # fmt: skip
        # every problem at once, each naming its field; the first field in the form is focused
        problems = [
            (key, tr("「{label}」不能为空").format(label=tr(labels[key])))
            for key, value in values.items()
            if not value
        ]
        frame: dict[str, str] = {}
        try:
            frame = check_frame({key: edit.text() for key, edit in self.frame.items()})
        except ValidationError as e:
            problems += [(p.field or "", tr_message(p.message)) for p in e.problems]
        if problems:
            self.error.setText("\n".join(message for _key, message in problems))
            self.error.show()
            named = {key for key, _message in problems}
            first = next((edit for key, edit in edits.items() if key in named), None)
            if first is not None:
                first.setFocus()
            return
        self.values = {**values, **frame}
        save_language(self.chosen_language())  # the user's, not the ledger's: no undo step
        self.accept()

    def chosen_language(self) -> str:
        return str(self.language.currentData())
