"""A fast reading of well-formed .bib text that gives exactly what pybtex's scanner gives.

pybtex's `LowLevelParser` makes a `Token` object for every token and is most of the time of
reading a large bibliography. `scan_entries` reads the same grammar with a few regular
expressions built from pybtex's own token patterns: an entry whose fields are all plain (a
value in braces or quotes without inner braces, a number, a macro; no `#`) is matched whole,
the other entries token by token as pybtex reads them.

It answers only when it is sure: `None` as soon as the text holds anything pybtex would
report (a missing token, an early end, unbalanced or too deeply nested braces, an undefined
macro) or anything left to pybtex (`@string`, `@preamble`, an entry in parentheses). The
caller then reads the text with pybtex, which says every problem as it always did. `macros`
is only read, never changed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pybtex.database.input.bibtex import LowLevelParser
from pybtex.scanner import Scanner
from pybtex.utils import CaseInsensitiveDict

Field = tuple[str, list[str]]  # a field's name as written and its value's parts


class ScannedEntry(NamedTuple):
    """One entry as pybtex's scanner yields it, and where it stands in the text."""

    command: str  # the entry type as written
    key: str
    fields: list[Field]
    start: int  # offset of its '@'
    end: int  # offset right after its closing brace


# Character classes (or \s) one after another, the last one repeated: pybtex's token patterns.
_RUN_OF_CHARACTERS = re.compile(r"(?:\[(?:\\.|[^\\\]])*\]|\\s)+[*+]", re.DOTALL)


def _possessive(pattern: object, *, optional: bool = False) -> str:
    """The regular expression of one of pybtex's `Pattern`s, its last quantifier possessive.

    pybtex takes each token whole and never backtracks; its token patterns are a run of
    characters from a class (`[...][...]*`, `[...]+`, `\\s+`), so a possessive last
    quantifier reads them exactly so (and faster than an atomic group).
    """
    source: str = pattern.match.__self__.pattern  # type: ignore[attr-defined]
    if _RUN_OF_CHARACTERS.fullmatch(source) is None:
        raise ValueError(f"pybtex's token pattern {source!r} is no longer a run of characters")
    if optional and source.endswith("+"):
        return f"{source[:-1]}*+"
    return f"{source}+"


_W = _possessive(Scanner.WHITESPACE, optional=True)  # pybtex eats whitespace before a token
_NAME = _possessive(LowLevelParser.NAME)
_NUMBER = _possessive(LowLevelParser.NUMBER)
_PLAIN_VALUE = rf'(?:\{{[^{{}}]*+\}}|"[^"{{}}]*+"|{_NUMBER}|{_NAME})'
_PLAIN_FIELD = rf"{_NAME}{_W}={_W}{_PLAIN_VALUE}"

_COMMAND = re.compile(rf"{_W}({_NAME}){_W}([{{(])")
_KEY = re.compile(rf"{_W}({_possessive(LowLevelParser.KEY_BRACE)})")
# An entry whose fields are all plain, from after its '@' to its closing brace. pybtex reads
# the fields after the key as fields (each may be absent) between commas: `{key}`,
# `{key,}` and `{key title = {T}}` are all well formed.
_PLAIN_ENTRY = re.compile(
    rf"{_W}({_NAME}){_W}\{{{_KEY.pattern}"
    rf"({_W}(?:{_PLAIN_FIELD})?+{_W}(?:,{_W}(?:{_PLAIN_FIELD})?+{_W})*+)\}}"
)
# Each field of such an entry (only whitespace and commas stand between them): its name,
# then its value's text in braces, in quotes, as a number, or the macro it names.
_PLAIN_FIELDS = re.compile(
    rf'({_NAME}){_W}={_W}(?:\{{([^{{}}]*+)\}}|"([^"{{}}]*+)"|({_NUMBER})|({_NAME}))'
)
_SPACE = re.compile(_W)
_NAME_TOKEN = re.compile(_NAME)
_NUMBER_TOKEN = re.compile(_NUMBER)
_BRACE = re.compile(r"[{}]")
_QUOTE_OR_BRACE = re.compile(r'["{}]')

_MAX_DEPTH = 100  # LowLevelParser.parse_string's max_level: deeper braces are an error
_NOT_ENTRIES = {"comment", "string", "preamble"}
_LEFT_TO_PYBTEX = {"string", "preamble"}  # they change macros or are no entry


def scan_entries(text: str, macros: CaseInsensitiveDict) -> list[ScannedEntry] | None:
    """Every entry of `text` as pybtex's scanner yields it, or None when pybtex must read it."""
    entries: list[ScannedEntry] = []
    at = text.find("@")  # pybtex skips any text up to the next '@'
    while at >= 0:
        entry = _plain_entry(text, at, macros)
        if entry is None:
            command = _COMMAND.match(text, at + 1)
            if command is None:
                return None
            if command[1].lower() == "comment":  # pybtex skips it: on to the '@' after its brace
                at = text.find("@", command.end())
                continue
            entry = _entry(text, at, command, macros)
            if entry is None:
                return None
        entries.append(entry)
        at = text.find("@", entry.end)
    return entries


def _plain_entry(text: str, at: int, macros: CaseInsensitiveDict) -> ScannedEntry | None:
    """The entry at `at` if all its fields are plain and their macros known."""
    plain = _PLAIN_ENTRY.match(text, at + 1)
    if plain is None or plain[1].lower() in _NOT_ENTRIES:
        return None
    try:
        fields = [
            (name, [macros[macro] if macro else braced or quoted or number])
            for name, braced, quoted, number, macro in _PLAIN_FIELDS.findall(
                text, plain.start(3), plain.end()
            )
        ]
    except KeyError:  # pybtex: undefined string; the token by token reading says None too
        return None
    return ScannedEntry(plain[1], plain[2], fields, at, plain.end())


def _entry(
    text: str, at: int, command: re.Match[str], macros: CaseInsensitiveDict
) -> ScannedEntry | None:
    """An entry with other than plain fields, read token by token."""
    name, opening = command.groups()
    if opening == "(" or name.lower() in _LEFT_TO_PYBTEX:
        return None
    key = _KEY.match(text, command.end())
    if key is None:
        return None
    read = _field_list(text, key.end(), macros)
    if read is None:
        return None
    fields, end = read
    return ScannedEntry(name, key.group(1), fields, at, end)


def _space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # it matches nothing too


def _field_list(text: str, pos: int, macros: CaseInsensitiveDict) -> tuple[list[Field], int] | None:
    """The fields after the key, token by token as `LowLevelParser.parse_entry_fields`."""
    fields: list[Field] = []
    while True:
        pos = _space(text, pos)
        name = _NAME_TOKEN.match(text, pos)
        if name is not None:
            pos = _space(text, name.end())
            if not text.startswith("=", pos):
                return None
            value = _value(text, pos + 1, macros)
            if value is None:
                return None
            parts, pos = value
            fields.append((name.group(), parts))
        if text.startswith(",", pos):
            pos += 1
        elif text.startswith("}", pos):
            return fields, pos + 1
        else:
            return None


def _value(text: str, pos: int, macros: CaseInsensitiveDict) -> tuple[list[str], int] | None:
    """A value's parts joined by '#', and the offset after it and its whitespace."""
    parts: list[str] = []
    while True:
        part = _value_part(text, _space(text, pos), macros)
        if part is None:
            return None
        value, pos = part
        parts.append(value)
        pos = _space(text, pos)
        if not text.startswith("#", pos):
            return parts, pos
        pos += 1


def _value_part(text: str, pos: int, macros: CaseInsensitiveDict) -> tuple[str, int] | None:
    char = text[pos : pos + 1]
    if char == '"' or char == "{":
        return _delimited(text, pos)
    number = _NUMBER_TOKEN.match(text, pos)
    if number is not None:
        return number.group(), number.end()
    name = _NAME_TOKEN.match(text, pos)
    if name is None:
        return None
    macro = _macro(name.group(), macros)
    return None if macro is None else (macro, name.end())


def _delimited(text: str, pos: int) -> tuple[str, int] | None:
    """A string in braces or quotes: its raw text and the offset after its closing delimiter.

    Braces inside are kept and must pair; in quotes, a quote inside braces is text.
    """
    quoted = text[pos] == '"'
    specials = _QUOTE_OR_BRACE if quoted else _BRACE
    depth = 0
    found = specials.search(text, pos + 1)
    while found is not None:
        char = found.group()
        if char == "{":
            depth += 1
            if depth > _MAX_DEPTH:
                return None
        elif depth > 0:
            if char == "}":
                depth -= 1
        elif char == "}" and quoted:  # pybtex: unbalanced braces
            return None
        else:
            return text[pos + 1 : found.start()], found.end()
        found = specials.search(text, found.end())
    return None  # pybtex: premature end of file


def _macro(name: str, macros: CaseInsensitiveDict) -> str | None:
    try:
        value: str = macros[name]
    except KeyError:  # pybtex: undefined string
        return None
    return value
