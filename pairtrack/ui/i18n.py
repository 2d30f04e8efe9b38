"""The window's two languages: Chinese, the language the code is written in, and English.

One catalogue, keyed by the Chinese source text, in one context (``PairTrack``):
``pairtrack/resources/translations/pairtrack_en.ts``, compiled to ``pairtrack_en.qm`` by
``tools/update_translations.py`` (which also extracts the strings and reports what lacks an
English translation). Strings reach it two ways:

- ``ui/`` writes its strings in Chinese and passes each through ``tr()`` at the moment it is
  shown; a constant defined before the translator is installed (a module-level tuple of
  headers) is marked with ``noop()`` and passed through ``tr()`` where it is used.
- ``tracker/`` and ``db/`` hold no Qt, and their messages (a ``ValidationError``, a backup's
  problem, an import report) arrive in the window already composed: ``「金额」不能为空``.
  ``tr_message()`` translates such a text at display time: first as a whole, then against
  the message templates the tool extracted from tracker's f-strings and ``.format`` strings
  (``「{f.label}」不能为空``), whose placeholders are translated in turn (``金额`` → Amount;
  a region's name, which is data, stays as typed). One catalogue for both means a message
  has one English text wherever it is raised, and tracker stays free of Qt and of any idea
  of a language: the command line and the brief (a Chinese official document) keep Chinese.

Qt's own strings (是/否 in a QMessageBox, 取消 in a QDialogButtonBox, the file dialog) come
from Qt's ``qtbase_<lang>.qm``, with ``qt_extra_<lang>.qm`` for the few Qt leaves out.

The language is a per-user preference in QSettings (``language``), chosen in 单位与操作员 and
applied at the next start (``PAIRTRACK_LANG`` overrides it, for screenshots and tests).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from pairtrack.resources import resource

CONTEXT = "PairTrack"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "中文", "en": "English"}  # i18n: as is (each in its own language)
# Month and day names (a calendar pop-up) follow the language of the window, not the system.
LOCALES = {
    "zh_CN": (QLocale.Language.Chinese, QLocale.Country.China),
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
}
SETTING = "language"
ENVIRONMENT = "PAIRTRACK_LANG"
TRANSLATIONS = resource("translations")
TEMPLATES_FILE = TRANSLATIONS / "message_templates.txt"

# Han characters, and the full-width punctuation that goes with them (「」（）：、。)
CJK_CHARACTERS = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"


@cache
def cjk() -> re.Pattern[str]:
    """Compiled when first needed (in English): compiling it costs start-up ~10-30 ms."""
    return re.compile(CJK_CHARACTERS)


PLACEHOLDER = re.compile(r"\{[^{}]*\}")

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def tr(text: str, context: str = CONTEXT) -> str:
    """The translation of ``text`` (Chinese source text) in the language in use."""
    return QCoreApplication.translate(context, text)


def noop(text: str) -> str:
    """Marks a constant for the catalogue; it is translated with ``tr()`` where it is shown."""
    return text


def normalise(code: str | None) -> str:
    """``en_US`` → ``en``, ``zh``/``zh_Hans`` → ``zh_CN``; anything unknown: the source."""
    code = (code or "").replace("-", "_")
    if code in LANGUAGES:
        return code
    base = code.split("_")[0].lower()
    if base == "zh":
        return SOURCE_LANGUAGE
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def saved_language() -> str:
    """The user's choice (Chinese until one is made)."""
    value = QSettings().value(SETTING, SOURCE_LANGUAGE)
    return normalise(value if isinstance(value, str) else None)


def chosen_language() -> str:
    """The language to start in: ``PAIRTRACK_LANG``, else the user's choice."""
    forced = os.environ.get(ENVIRONMENT)
    return normalise(forced) if forced else saved_language()


def save_language(code: str) -> None:
    QSettings().setValue(SETTING, normalise(code))


def current_language() -> str:
    return _language


def install_translators(app: QCoreApplication, language: str) -> str:
    """Make ``language`` the one ``tr()`` answers in; replaces what an earlier call installed.

    Returns the language in effect: Chinese if the catalogue for ``language`` is missing.
    """
    global _language
    for translator in _installed:  # unparented: dropped here, once the app has let go of it
        app.removeTranslator(translator)
    _installed.clear()
    language = normalise(language)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [("qtbase_" + language, qt_folder), ("qt_extra_" + language, str(TRANSLATIONS))]
    if language != SOURCE_LANGUAGE:
        ours = QTranslator()
        if not ours.load("pairtrack_" + language, str(TRANSLATIONS)):
            return install_translators(app, SOURCE_LANGUAGE)
        app.installTranslator(ours)
        _installed.append(ours)
    for name, folder in wanted:  # a Qt catalogue missing leaves Qt's strings in English
        translator = QTranslator()
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    _language = language
    QLocale.setDefault(QLocale(*LOCALES[language]))
    _match.cache_clear()
    return language


# --- messages composed in tracker/ ---------------------------------------------------------


@dataclass(frozen=True)
class Template:
    source: str  # as in the catalogue: 「{f.label}」不能为空
    patterns: tuple[re.Pattern[str], ...]  # the readings to try (see _template)
    placeholders: tuple[str, ...]  # in order of first appearance
    literal: int  # characters outside the placeholders: longer templates are tried first
    pieces: tuple[str, ...]  # its text between placeholders: a message lacking one cannot fit


def _template(source: str) -> Template:
    """The regular expressions a composed message is read with. Where two placeholders touch
    (「{label}{count}名」), where one ends is a guess: a first reading ends the first where a
    figure or a quoted name begins (派出挂职|36名, 帮扶资金记录|「…」), the second takes as
    little as it can. The reading that leaves the least Chinese wins (``_match``)."""
    tokens = PLACEHOLDER.findall(source)
    names: list[str] = []
    plain: list[str] = []
    figure: list[str] = []
    pieces = PLACEHOLDER.split(source)
    for i, literal in enumerate(pieces):
        plain.append(re.escape(literal))
        figure.append(re.escape(literal))
        if i == len(tokens):
            break
        token = tokens[i]
        if token in names:  # the same value twice
            plain.append(f"(?P=g{names.index(token)})")
            figure.append(f"(?P=g{names.index(token)})")
            continue
        group = f"g{len(names)}"
        names.append(token)
        plain.append(f"(?P<{group}>.+?)")
        touching = pieces[i + 1] == "" and i + 1 < len(tokens)
        figure.append(f"(?P<{group}>.+?){BOUNDARY}" if touching else f"(?P<{group}>.+?)")
    patterns = [re.compile("".join(plain), re.DOTALL)]
    if figure != plain:
        patterns.insert(0, re.compile("".join(figure), re.DOTALL))
    literal = len(PLACEHOLDER.sub("", source))
    return Template(source, tuple(patterns), tuple(names), literal, tuple(p for p in pieces if p))


@cache
def templates() -> tuple[Template, ...]:
    """tracker's message templates (written by tools/update_translations.py), most specific
    first; a template with no Chinese outside its placeholders would match anything."""
    try:
        lines = TEMPLATES_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    found = [_template(line.replace("\\n", "\n")) for line in lines if line.strip()]
    found = [t for t in found if cjk().search(PLACEHOLDER.sub("", t.source))]
    return tuple(sorted(found, key=lambda t: -t.literal))


# Where a composed message that matches no template as a whole is cut, and how the pieces
# are joined again in English: a field's label before its problem, a line per problem.
SEPARATORS = (
    ("\n", "\n"),
    ("：", ": "),
    ("；", "; "),
    ("。", ". "),
    ("，", ", "),
    ("、", ", "),
)  # i18n: not shown


def tr_message(message: object) -> str:
    """A message from tracker/ or db/ (or an exception carrying one) in the language in use."""
    text = str(message)
    if _language == SOURCE_LANGUAGE or not cjk().search(text):
        return text
    # tracker quotes a name it does not know (data) in 「」: English quotes it in “”
    return AMOUNT.sub(_yuan, _match(text, 0)).translate(QUOTES)


QUOTES = str.maketrans("「」", "“”")  # i18n: not shown
BOUNDARY = "(?=[0-9「])"  # i18n: not shown; a figure or a quoted name begins


# An amount as tracker writes it in a message (9,178.00万元, 1.2亿元, 800元, 12.6万): in
# English, the figure in yuan.
AMOUNT = re.compile(
    r"(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(千元|万元|亿元|元|千|万|亿)(?![\u4e00-\u9fff])"
)  # i18n: not shown
SCALE = {"": 1, "千": 10**3, "万": 10**4, "亿": 10**8}  # i18n: not shown


def _yuan(found: re.Match[str]) -> str:
    try:
        number = Decimal(found.group(1).replace(",", ""))
    except InvalidOperation:
        return found.group()
    yuan = number * SCALE[found.group(2).removesuffix("元")]  # i18n: not shown
    text = f"{yuan:,.2f}".removesuffix(".00")
    return tr("{amount} 元").format(amount=text)


@lru_cache(maxsize=4096)
def _match(text: str, depth: int) -> str:
    """``text`` in English: as a whole; else the reading that leaves the least Chinese among
    the templates it fits (most specific first) and its pieces cut at a separator. A list in
    a placeholder (甲 36 名、乙 23 名) fits a template in the wrong place as well as in the
    right one; only the right reading translates every piece."""
    if not cjk().search(text) or depth > 6:
        return text
    whole = tr(text)
    if whole != text:
        return whole
    if AMOUNT.fullmatch(text):
        return AMOUNT.sub(_yuan, text)
    best, left = text, _chinese(text)
    for template, found in _fits(text):
        english = tr(template.source)
        if english == template.source:
            continue
        for i, token in enumerate(template.placeholders):
            english = english.replace(token, _match(found.group(f"g{i}"), depth + 1))
        if _chinese(english) < left:
            best, left = english, _chinese(english)
            if not left:
                return best
    if text.endswith("）") and "（" in text:  # i18n: not shown; a note added in brackets
        head, _, inner = text[:-1].rpartition("（")  # i18n: not shown
        english = f"{_match(head, depth + 1)} ({_match(inner, depth + 1)})"
        if _chinese(english) < left:
            best, left = english, _chinese(english)
    for chinese, joined in SEPARATORS:
        if chinese in text:
            pieces = [_match(piece, depth + 1) for piece in text.split(chinese)]
            english = joined.join(pieces)
            english = english.rstrip() if joined.strip() else english
            return english if _chinese(english) < left else best
    return best


@cache
def _index() -> dict[str, tuple[Template, ...]]:
    """Templates by the first two characters of their longest piece of text: a message is
    only tried against those whose key it contains (an import's thousand problem lines
    would otherwise each be tried against every template, at every level)."""
    index: dict[str, list[Template]] = {}
    for template in templates():
        longest = max(template.pieces, key=len)
        index.setdefault(longest[:2], []).append(template)
    return {key: tuple(found) for key, found in index.items()}


def _fits(text: str) -> Iterator[tuple[Template, re.Match[str]]]:
    index = _index()
    keys = {text[i : i + 2] for i in range(len(text) - 1)} | set(text)
    candidates = [t for key in keys & index.keys() for t in index[key]]
    for template in sorted(candidates, key=lambda t: (-t.literal, t.source)):
        if not all(piece in text for piece in template.pieces):  # cheaper than the regex
            continue
        for pattern in template.patterns:
            found = pattern.fullmatch(text)
            if found is not None:
                yield template, found


def _chinese(text: str) -> int:
    return len(cjk().findall(text))
