"""Extract the window's strings into pairtrack/resources/translations/*.ts, compile them, report gaps.

    python tools/update_translations.py           # update the .ts, write the .qm, report
    python tools/update_translations.py --check   # report only; exit 1 if anything is off

What goes into the catalogue (one context, ``PairTrack``, keyed by the Chinese text; see the
docstring of ``pairtrack/ui/i18n.py`` for why):

- ``ui/``: the literal argument of every ``tr()`` and ``noop()`` call. Any other string
  with Chinese in it (outside docstrings) is reported as not wrapped, and an f-string with
  Chinese in it as untranslatable (write ``tr("…{n}…").format(n=…)``), unless its line
  says ``# i18n: not shown`` (a pattern, a value compared) or ``# i18n: as is`` (中文 in
  the language choice).
- ``tracker/`` and ``db/`` (what the window shows of them: labels, choices, messages; not
  the command line, the demo data, the brief's printed text or the ledger reader's header
  synonyms): every string with Chinese in it. An f-string becomes a template, its
  expressions written as placeholders (``「{f.label}」不能为空``); templates are listed in
  ``message_templates.txt`` so that ``ui.i18n.tr_message`` can recognise composed messages.

A string already in the .ts keeps its translation; a new one is added unfinished (empty)
and reported; one no longer in the code is dropped. Every ``*.ts`` in the folder is then
compiled with ``pyside6-lrelease`` (``qt_extra_zh_CN.ts`` is written by hand: Qt strings
that Qt's own Chinese catalogue lacks).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "pairtrack" / "resources" / "translations"
CATALOGUES = {"en": TRANSLATIONS / "pairtrack_en.ts"}
TEMPLATES = TRANSLATIONS / "message_templates.txt"
CONTEXT = "PairTrack"

UI_PACKAGES = ("pairtrack/ui",)
DOMAIN_PACKAGES = ("pairtrack/tracker", "pairtrack/db")
# Parts of tracker/ the window never shows: the command line, the demo data, the brief's
# printed text (a Chinese official document), the ledger reader's header synonyms, and the
# text of exported files.
DOMAIN_SKIPPED = (
    "pairtrack/tracker/cli/",
    "pairtrack/tracker/demo/",
    "pairtrack/tracker/brief/",
    "pairtrack/tracker/exchange/ledger_words.py",
    "pairtrack/tracker/logs.py",  # lines of the log file, for support
    # what exported files say (Chinese headers and notes, DESIGN §7)
    "pairtrack/tracker/exchange/template.py",
    "pairtrack/tracker/exchange/xlsx_export.py",
    "pairtrack/tracker/exchange/csv_export.py",
)
# ...except the brief's frame settings and the appendix size question, which the window shows.
DOMAIN_KEPT = ("pairtrack/tracker/brief/frame.py", "pairtrack/tracker/brief/appendix.py")

# Han characters, and the full-width punctuation that goes with them (「」（）：、。)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# tracker's regular expressions (dates and amounts as staff type them) are not messages
PATTERN = re.compile(r"\(\?|\\s|\[0-9\]")
# A line saying one of these holds Chinese that stays as it is: a pattern or a value compared
# (never shown), or a language's own name in the language menu.
AS_IS = ("i18n: not shown", "i18n: as is")
MARKERS = ("tr", "noop")


@dataclass
class Extracted:
    strings: dict[str, set[str]] = field(default_factory=dict)  # source → where (file:line)
    templates: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)  # ui/ strings the catalogue cannot serve

    def add(self, text: str, where: str) -> None:
        self.strings.setdefault(text, set()).add(where)


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings, and any other string standing alone as a statement (a constant's note)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _not_shown_lines(source: str) -> set[int]:
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and any(mark in token.string for mark in AS_IS):
            lines.add(token.start[0])
    return lines


def _marker(call: ast.Call) -> bool:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name in MARKERS


def literal_parts(node: ast.JoinedStr) -> str:
    return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))


def template_of(node: ast.JoinedStr) -> str:
    """An f-string as the catalogue writes it: each expression a ``{placeholder}``."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
        elif isinstance(value, ast.FormattedValue):
            parts.append("{" + ast.unparse(value.value) + "}")
    return "".join(parts)


def _strings(path: Path) -> tuple[dict[int, range], list[ast.AST], set[int], set[int]]:
    """The statement lines of each node, the string nodes that are not docstrings and not
    inside an f-string, the ids of those that are a tr()/noop() argument, and the lines
    marked to keep their Chinese."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, str(path))
    skip = _docstrings(tree)
    wrapped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # its literal parts belong to it
            skip.update(id(part) for part in node.values if isinstance(part, ast.Constant))
        if isinstance(node, ast.Call) and _marker(node) and node.args:
            wrapped.add(id(node.args[0]))
    nodes = [
        node
        for node in ast.walk(tree)
        if id(node) not in skip
        and isinstance(node, (ast.JoinedStr, ast.Constant))
        and (not isinstance(node, ast.Constant) or isinstance(node.value, str))
    ]
    return _statement_lines(tree), nodes, wrapped, _not_shown_lines(source)


def _statement_lines(tree: ast.AST) -> dict[int, range]:
    """For each node, the lines of the innermost statement holding it: a marker comment
    anywhere on that statement counts, however the formatter wrapped it."""
    spans: dict[int, range] = {}
    for statement in ast.walk(tree):
        if not isinstance(statement, ast.stmt):
            continue
        lines = range(statement.lineno, (statement.end_lineno or statement.lineno) + 1)
        for node in ast.walk(statement):
            if id(node) not in spans or len(lines) < len(spans[id(node)]):
                spans[id(node)] = lines
    return spans


def _marked(node: ast.AST, spans: dict[int, range], lines: set[int]) -> bool:
    first = getattr(node, "lineno", 0)
    own = range(first, (getattr(node, "end_lineno", first) or first) + 1)
    return any(line in lines for line in spans.get(id(node), own))


def _python_files(package: str, root: Path) -> list[Path]:
    return sorted(p for p in (root / package).rglob("*.py") if "__pycache__" not in p.parts)


def extract(root: Path = ROOT) -> Extracted:
    found = Extracted()
    for package in UI_PACKAGES:
        for path in _python_files(package, root):
            _extract_ui(path, path.relative_to(root).as_posix(), found)
    for package in DOMAIN_PACKAGES:
        for path in _python_files(package, root):
            relative = path.relative_to(root).as_posix()
            if relative.startswith(DOMAIN_SKIPPED) and relative not in DOMAIN_KEPT:
                continue
            _extract_domain(path, relative, found)
    return found


def _extract_ui(path: Path, relative: str, found: Extracted) -> None:
    spans, nodes, wrapped, not_shown = _strings(path)
    for node in nodes:
        where = f"{relative}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.JoinedStr):
            text = template_of(node)
            if CJK.search(literal_parts(node)) and not _marked(node, spans, not_shown):
                found.problems.append(f"{where}: f-string with Chinese (use tr(…).format): {text}")
            continue
        assert isinstance(node, ast.Constant)
        text = str(node.value)
        if not CJK.search(text):
            continue
        if id(node) in wrapped:
            found.add(text, where)
        elif not _marked(node, spans, not_shown):
            found.problems.append(f"{where}: not passed through tr()/noop(): {text}")
    for line in _import_time_tr(path):
        found.problems.append(f"{relative}:{line}: tr() runs at import, before the language is set")


def _import_time_tr(path: Path) -> list[int]:
    """Lines where ``tr()`` is called outside any function: at import, before the
    translator is installed, so always Chinese (mark the text with noop() instead)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    deferred: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            deferred.update(id(inner) for inner in ast.walk(node))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tr"
        and id(node) not in deferred
    )


def _extract_domain(path: Path, relative: str, found: Extracted) -> None:
    """tracker's words and messages: a string with a Han character (punctuation alone only
    joins messages: ``ui.i18n`` cuts a composed message there); not its patterns."""
    spans, nodes, _wrapped, not_shown = _strings(path)
    for node in nodes:
        if _marked(node, spans, not_shown):
            continue
        where = f"{relative}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.JoinedStr):
            text = template_of(node)
            if HAN.search(literal_parts(node)) and not PATTERN.search(text):
                found.add(text, where)
                found.templates.add(text)
            continue
        assert isinstance(node, ast.Constant)
        text = str(node.value)
        if HAN.search(text) and not PATTERN.search(text):
            found.add(text, where)
            if PLACEHOLDER.search(text):
                found.templates.add(text)  # a str.format() template


# --- the .ts files ---------------------------------------------------------------------------


def read_ts(path: Path) -> dict[str, str]:
    """source → translation ("" when unfinished) of the PairTrack context."""
    if not path.exists():
        return {}
    translations: dict[str, str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            element = message.find("translation")
            unfinished = element is None or element.get("type") in ("unfinished", "vanished")
            text = "" if element is None else (element.text or "")
            translations[source] = "" if unfinished and not text else text
    return translations


def render_ts(language: str, translations: dict[str, str]) -> str:
    """The .ts text: messages sorted by source, so that the file diffs and merges cleanly."""
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(translations):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        element = ET.SubElement(message, "translation")
        element.text = translations[source]
        if not translations[source]:
            element.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def render_templates(templates: set[str]) -> str:
    return "".join(t.replace("\n", "\\n") + "\n" for t in sorted(templates))


def placeholder_problems(source: str, translation: str) -> str | None:
    """A translation must keep the source's placeholders: ``.format`` needs every one."""
    if not translation:
        return None
    wanted, got = set(PLACEHOLDER.findall(source)), set(PLACEHOLDER.findall(translation))
    if wanted != got:
        return f"placeholders {sorted(wanted)} vs {sorted(got)}"
    if CJK.search(PLACEHOLDER.sub("", translation)):
        return "Chinese left in the translation"
    return None


# --- compiling -------------------------------------------------------------------------------


def lrelease_command() -> list[str]:
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if found is None:
        found = shutil.which("pyside6-lrelease")
    if found is None:
        import PySide6

        found = str(Path(PySide6.__file__).parent / "lrelease")
    return [found, "-silent"]


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([*lrelease_command(), str(ts), "-qm", str(qm)], check=True)


def compiled_differs(ts: Path) -> bool:
    """Whether the .qm beside ``ts`` is missing or not what the .ts compiles to now."""
    qm = ts.with_suffix(".qm")
    if not qm.exists():
        return True
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / qm.name
        compile_ts(ts, fresh)
        return fresh.read_bytes() != qm.read_bytes()


# --- the command -----------------------------------------------------------------------------


def update(check: bool) -> list[str]:
    """Bring the catalogues up to date (or only look, with ``check``); what is still off."""
    found = extract()
    report = list(found.problems)
    for language, path in CATALOGUES.items():
        before = read_ts(path)
        after = {source: before.get(source, "") for source in found.strings}
        dropped = sorted(set(before) - set(after))
        missing = sorted(source for source, text in after.items() if not text)
        for source in missing:
            where = ", ".join(sorted(found.strings[source])[:2])
            report.append(f"{path.name}: no translation ({where}): {source!r}")
        for source, text in sorted(after.items()):
            problem = placeholder_problems(source, text)
            if problem:
                report.append(f"{path.name}: {problem}: {source!r} → {text!r}")
        text = render_ts(language, after)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                report.append(f"{path.name}: out of date ({len(dropped)} to drop)")
        else:
            path.write_text(text, encoding="utf-8")
            if dropped:
                print(f"{path.name}: dropped {len(dropped)} strings no longer in the code")
    templates = render_templates(found.templates)
    if check:
        if not TEMPLATES.exists() or TEMPLATES.read_text(encoding="utf-8") != templates:
            report.append(f"{TEMPLATES.name}: out of date")
    else:
        TEMPLATES.write_text(templates, encoding="utf-8")
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        if check:
            if compiled_differs(ts):
                report.append(f"{ts.with_suffix('.qm').name}: not compiled from {ts.name}")
        else:
            compile_ts(ts, ts.with_suffix(".qm"))
    print(f"{len(found.strings)} strings, {len(found.templates)} message templates")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    args = parser.parse_args(argv)
    report = update(args.check)
    for line in report:
        print(line)
    print(f"{len(report)} problems" if report else "all strings translated")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
