"""Findings as values with positions, and the three ways to print them (text, github, json)."""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path, PurePath
from typing import Literal, TextIO

Severity = Literal["error", "warning"]
FORMATS = ("text", "github", "json")
# Every code the check can report: DESIGN.md's findings table, plus `encoding`. Its level is
# said here once: the README's table and the catalogue's coverage are tested against CODES.
Code = Literal[
    "bib-syntax",
    "duplicate-key",
    "unknown-key",
    "empty-citation",
    "broken-citation",
    "misplaced-citation",
    "nesting-too-deep",
    "too-large",
    "undefined-footnote",
    "duplicate-footnote",
    "uncited-footnote",
    "unsafe-url",
    "front-matter",
    "bad-key",
    "bad-crossref",
    "encoding",
    "unsafe-file",
    "unsafe-html",
    "unused-footnote",
    "unused-entry",
    "incomplete-entry",
    "bad-doi",
    "author-format",
    "lost-text",
    "unknown-language",
    "missing-version",
    "missing-metadata",
    "ignored-file",
    "example-text",
    "unsupported-syntax",
    # whitepaper verify: what the registries say of an entry (health/)
    "doi-mismatch",
    "unknown-doi",
    "pmid-mismatch",
    "retracted",
    "corrected",
    "dead-link",
]
CODES: Mapping[Code, Severity] = {
    "bib-syntax": "error",
    "duplicate-key": "error",
    "unknown-key": "error",
    "empty-citation": "error",
    "broken-citation": "error",
    "misplaced-citation": "error",
    "nesting-too-deep": "error",
    "too-large": "error",
    "undefined-footnote": "error",
    "duplicate-footnote": "error",
    "uncited-footnote": "error",
    "unsafe-url": "error",
    "front-matter": "error",
    "bad-key": "error",
    "bad-crossref": "error",
    "encoding": "error",
    "unsafe-file": "error",
    "unsafe-html": "error",
    "unused-footnote": "warning",
    "unused-entry": "warning",
    "incomplete-entry": "warning",
    "bad-doi": "warning",
    "author-format": "warning",
    "lost-text": "warning",
    "unknown-language": "warning",
    "missing-version": "warning",
    "missing-metadata": "warning",
    "ignored-file": "warning",
    "example-text": "warning",
    "unsupported-syntax": "warning",
    "doi-mismatch": "error",
    "unknown-doi": "error",
    "pmid-mismatch": "error",
    "retracted": "error",
    "corrected": "warning",
    "dead-link": "warning",
}


class StageError(Exception):
    """What stopped a stage, said for people: the message names the file or paper and why.

    Each stage raises its own kind; the CLI and the MkDocs plugin print the message as it is,
    never a traceback."""


class InputError(StageError):
    """Input the check cannot read at all (missing folder, unreadable file): exit code 2."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding; sorts by (path, line, column). Line and column are 1-based."""

    path: str
    line: int
    column: int
    severity: Severity
    code: Code
    message: str
    hint: str = ""
    excerpt: str = ""


def finding(
    path: str, line: int, column: int, code: Code, message: str, hint: str = "", excerpt: str = ""
) -> Diagnostic:
    """A Diagnostic at the level CODES gives its code."""
    return Diagnostic(path, line, column, CODES[code], code, message, hint, excerpt)


class SourceText:
    """A file's text with the one conversion from 0-based offsets to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _starts(self) -> list[int]:
        # Found when first asked: most pages the check reads need no position at all.
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line(self, number: int) -> str:
        """The text of 1-based line `number`, without its line ending ('' when out of range)."""
        if not 1 <= number <= len(self._starts):
            return ""
        start = self._starts[number - 1]
        end = self._starts[number] if number < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def did_you_mean(name: str, choices: Sequence[str], most: int | None = None) -> str:
    """'bedoelde u …?' for the closest of `choices` (a name's beginning first: what people
    remember of a folder name, 'kraken'), else the choices (only their number when there are
    more than `most`: a list of 80 keys helps nobody)."""
    close = [choice for choice in choices if name and choice.startswith(name)][:1]
    close = close or difflib.get_close_matches(name, choices, n=1)
    if close:
        return f"bedoelde u '{close[0]}'?"
    if most is not None and len(choices) > most:
        return f"geen enkele van de {len(choices)} lijkt erop"
    return "kies uit: " + ", ".join(choices) if choices else "er zijn er geen"


CLOSE_LOOKUPS_AT_MOST = 50  # names compared with every choice, per check


class Closest:
    """The closest of `choices` to a name, as `difflib.get_close_matches(name, choices, n=1)`
    finds it, and the one that differs only in case. Each name is compared once, and only the
    first CLOSE_LOOKUPS_AT_MOST names at all (the rest: None): each comparison reads every
    choice, so a check of thousands of unknown keys (a .bib file gone) against thousands of
    entries would grow with both, to minutes."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = list(choices)
        self.folded: dict[str, str] = {}
        for choice in self.choices:
            self.folded.setdefault(choice.lower(), choice)  # the first, as a scan finds it
        self.found: dict[tuple[str, str | None], str | None] = {}

    def same_but_case(self, name: str) -> str | None:
        return self.folded.get(name.lower())

    def to(self, name: str, other_than: str | None = None) -> str | None:
        """The closest choice but `other_than`, or None."""
        asked = (name, other_than)
        if asked not in self.found:
            if len(self.found) >= CLOSE_LOOKUPS_AT_MOST:
                return None
            choices = [c for c in self.choices if c != other_than]
            close = difflib.get_close_matches(name, choices, n=1)
            self.found[asked] = close[0] if close else None
        return self.found[asked]


def relative_posix(path: PurePath, base: PurePath) -> str | None:
    """`path.relative_to(base).as_posix()`, told from the text of a `path` below `base`:
    pathlib parses both paths again on every call (9,000 calls in the rules of 1,000 pages).
    None where the text does not tell (not below, the base '/', a Windows path): ask pathlib."""
    text, prefix = str(path), str(base) + "/"
    if text.startswith(prefix) and prefix != "//":
        return text[len(prefix) :]  # str() of a path is normal: no '.', '..' taken as is
    return None


@lru_cache(maxsize=4096)  # called for every finding; resolving symlinks costs system calls
def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` in posix form, or absolute when it lies outside `root`."""
    absolute = path.absolute()
    if (below := relative_posix(absolute, root.absolute())) is not None:  # no system call
        return below
    for base in (root.absolute(), root.resolve()):
        for candidate in (absolute, absolute.resolve()):
            if candidate.is_relative_to(base):
                return candidate.relative_to(base).as_posix()
    return absolute.as_posix()


# --- text ------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STYLES = {"error": "1;31", "warning": "1;33", "path": "1", "caret": "1;32", "tip": "36"}


def use_color(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and stream.isatty()


def _clean(text: str) -> str:
    # Input text reaches the terminal: control characters could move the cursor or recolour it.
    return _CONTROL.sub("\ufffd", text)


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def _caret_padding(excerpt: str, column: int) -> str:
    # Keep tabs and double-width characters so the caret lands under the right character.
    pad = []
    for char in excerpt[: column - 1]:
        wide = unicodedata.east_asian_width(char) in "WF"
        pad.append("\t" if char == "\t" else "  " if wide else " ")
    return "".join(pad)


def format_one(diagnostic: Diagnostic, *, color: bool = False) -> str:
    """`path:line:col: severity[code] message`, then the source line with a caret, then the tip."""
    d = diagnostic
    where = _paint(f"{d.path}:{d.line}:{d.column}:", "path", color)
    lines = [f"{where} {_paint(d.severity, d.severity, color)}[{d.code}] {_clean(d.message)}"]
    if d.excerpt:
        excerpt = _clean(d.excerpt)
        gutter = " " * len(str(d.line))
        lines.append(f"  {d.line} | {excerpt}")
        caret = _paint("^", "caret", color)
        lines.append(f"  {gutter} | {_caret_padding(excerpt, d.column)}{caret}")
    if d.hint:
        lines.append(f"  {_paint('tip:', 'tip', color)} {_clean(d.hint)}")
    return "\n".join(lines)


def counted(number: int, one: str, more: str) -> str:
    """'1 fout', '2 fouten': `number` with the word in its Dutch number."""
    return f"{number} {one if number == 1 else more}"


def listed(words: Sequence[str], last: str = "en") -> str:
    """'a', 'a en b', 'a, b en c': words as a Dutch sentence lists them; after 'geen' the last
    word is 'of' ('geen a, b of c')."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """A Dutch count line: '2 fouten, 1 waarschuwing'."""
    found = list(diagnostics)
    errors = sum(d.severity == "error" for d in found)
    warnings = len(found) - errors
    if not found:
        return "geen problemen gevonden"
    return (
        f"{counted(errors, 'fout', 'fouten')}, "
        f"{counted(warnings, 'waarschuwing', 'waarschuwingen')}"
    )


def format_text(diagnostics: Iterable[Diagnostic], *, color: bool = False) -> str:
    found = list(diagnostics)
    blocks = [format_one(d, color=color) for d in found]
    return "\n".join([*blocks, summary(found)]) + "\n"


# --- github ----------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Iterable[Diagnostic], tool: str = "whitepaper check") -> str:
    """GitHub Actions workflow commands: one annotation per finding on the pull request, titled
    with the `tool` that found it and the code."""
    lines = []
    for d in diagnostics:
        properties = ",".join(
            f"{name}={_escape_property(value)}"
            for name, value in (
                ("file", d.path),
                ("line", str(d.line)),
                ("col", str(d.column)),
                ("title", f"{tool} [{d.code}]"),
            )
        )
        message = d.message + (f"\ntip: {d.hint}" if d.hint else "")
        lines.append(f"::{d.severity} {properties}::{_escape_data(message)}")
    return "".join(f"{line}\n" for line in lines)


def github_notice(message: str, tool: str = "whitepaper check") -> str:
    """A GitHub Actions notice that stands at no file: what the run says besides findings."""
    return f"::notice title={_escape_property(tool)}::{_escape_data(message)}\n"


# --- json ------------------------------------------------------------------------------------

_JSON_FIELDS = ("path", "line", "column", "severity", "code", "message", "hint")


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of objects with path, line, column, severity, code, message and hint."""
    items = [{name: getattr(d, name) for name in _JSON_FIELDS} for d in diagnostics]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render(
    diagnostics: Iterable[Diagnostic],
    fmt: str,
    *,
    color: bool = False,
    tool: str = "whitepaper check",
) -> str:
    """Format findings as `fmt`, one of FORMATS (`tool`: who says them, in GitHub's titles)."""
    if fmt == "github":
        return format_github(diagnostics, tool)
    if fmt == "json":
        return format_json(diagnostics)
    return format_text(diagnostics, color=color)
