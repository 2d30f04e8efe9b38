"""The 简报 frame (版头 and 版记), set per office in ``meta`` and printed only when set.

期号 is set by the user (``pairtrack settings --brief-issue 5`` or the settings dialog): a
counter that moved on every generated brief would skip numbers for every preview and
regenerated draft, and the office decides which brief is issued for real. The frame's other
settings: 编印单位 (the issuing line; the office name when not set), 报/送/发 (the
distribution lines at the end) and 共印 N 份.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from pairtrack.tracker.errors import ValidationError

# key → (label, limit in characters, a positive whole number)
FRAME_SETTINGS: dict[str, tuple[str, int, bool]] = {
    "brief_issue": ("简报期号", 6, True),
    "brief_editor": ("编印单位", 200, False),
    "brief_report_to": ("报", 500, False),
    "brief_send_to": ("送", 500, False),
    "brief_issue_to": ("发", 500, False),
    "brief_copies": ("共印份数", 6, True),
}


def check_frame(values: Mapping[str, str]) -> dict[str, str]:
    """The frame settings as given, checked: 期号 and 份数 empty or a whole number from 1; the
    texts within their limit and without line breaks. A Chinese message naming each field
    that is wrong (all of them in one ``ValidationError``)."""
    out = {}
    problems = []
    for key, value in values.items():
        try:
            out[key] = _checked(key, value)
        except ValidationError as exc:
            problems.append(exc)
    if problems:
        raise ValidationError.of(problems)
    return out


def _checked(key: str, value: str) -> str:
    label, limit, number = FRAME_SETTINGS[key]
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(key, f"「{label}」过长：最多 {limit} 个字，现有 {len(value)} 个")
    if any(unicodedata.category(ch)[0] == "C" for ch in value):
        raise ValidationError(key, f"「{label}」不能含换行或控制字符")
    if number and value and not (value.isascii() and value.isdigit() and int(value) > 0):
        raise ValidationError(key, f"「{label}」应为正整数：「{value}」")
    return str(int(value)) if number and value else value


@dataclass(frozen=True)
class Frame:
    issue: str = ""  # 期号, digits
    editor: str = ""
    report_to: str = ""
    send_to: str = ""
    issue_to: str = ""
    copies: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> Frame:
        return cls(*(settings.get(key, "").strip() for key in FRAME_SETTINGS))

    def issue_line(self) -> str:
        """「第5期」, or nothing when no 期号 is set."""
        return f"第{self.issue}期" if self.issue else ""

    def closing(self) -> tuple[str, ...]:
        """The 版记 lines at the end: 报：… 送：… 发：… and （共印N份）, those set only."""
        lines = tuple(
            f"{head}：{text}"
            for head, text in (("报", self.report_to), ("送", self.send_to), ("发", self.issue_to))
            if text
        )
        if self.copies:
            lines += (f"（共印{self.copies}份）",)
        return lines
