"""What the front-matter rules share: the value checks, and where in the `---` block a key or
a list item is written (YAML's own node marks), for the findings' positions."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from functools import cached_property

import yaml

from whitepaper.diagnostics import SourceText
from whitepaper.links import bare_doi, contact_href
from whitepaper.papers import parse_date
from whitepaper.sources.safe_yaml import SafeLoader

# Shown to readers as plain text: markup, a character reference or citation syntax there would
# run, show as syntax, or show differently where the theme escapes it and where it does not.
NOT_PLAIN = re.compile(r"[<>]|\[[@^]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
MARKUP = "HTML of een bronvermelding ('<', '>', '&…;', '[@' of '[^')"
# Invisible characters that change what a reader sees: control characters, line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates ("Trojan Source").
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_language(value: object) -> bool:
    # A language tag as HTML's lang attribute takes it: nl, en, nl-BE, de-CH-1996.
    return isinstance(value, str) and bool(
        re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", value)
    )


def is_version(value: object) -> bool:
    # YAML reads `version: 1.0` as a number; `yes` as a bool, which is not a version.
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def is_names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_contact(value: object) -> bool:
    # An e-mail or web address, by the same rule the paper card links it with.
    return contact_href(value) is not None


def is_doi(value: object) -> bool:
    # A doi.org link or doi: form is understood; what holds no DOI would be left off the site.
    return bare_doi(value) is not None


def is_list(value: object) -> bool:
    return isinstance(value, list)


def is_date(value: object) -> bool:
    # YAML turns 2025-06-01 into a date and 2025 into an int; 2025-06 stays a string. A time
    # of day is not a date; the rest is what the paper model reads as one.
    return not isinstance(value, datetime.datetime) and bool(parse_date(value))


def scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 2, node.start_mark.column + 1


def pair(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of `key` in a mapping node: the last, as YAML keeps the last."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found = [(name, value) for name, value in node.value if scalar(name) == key]
    return found[-1] if found else None


def value_of(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node."""
    found = pair(node, key)
    return found[1] if found else None


def is_number(value: object) -> bool:
    """What YAML read as a number (`1.10`), which it may have read other than written."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def misread_number(value: object, node: yaml.Node | None) -> str | None:
    """A version YAML read as a number other than written (1.10 → 1.1): the text written."""
    written = scalar(node)
    if not is_number(value) or written is None:
        return None
    return written if written.strip() != str(value) else None


def has_markup(value: object) -> bool:
    texts = value if isinstance(value, list) else [value]
    return any(NOT_PLAIN.search(str(text)) for text in texts)


def invisible(value: object, *, lines: bool = False) -> str | None:
    """The first invisible character in a text or list of texts, as U+XXXX ('\\n' allowed when
    `lines`, for a summary of more than one line); None when there is none."""
    for text in value if isinstance(value, list) else [value]:
        for found in _INVISIBLE.finditer(text if isinstance(text, str) else ""):
            if not (lines and found[0] == "\n"):
                return f"U+{ord(found[0]):04X}"
    return None


def without_invisible(text: str, *, lines: bool = False) -> str:
    """`text` with its invisible characters taken out and a line break made a space (kept when
    `lines`), as a YAML value that reads back the same."""

    def replaced(found: re.Match[str]) -> str:
        return (found[0] if lines else " ") if found[0] == "\n" else ""

    # JSON's strings are YAML's double-quoted ones
    return json.dumps(_INVISIBLE.sub(replaced, text).strip(), ensure_ascii=False)


def visible(text: str) -> str:
    """`text` for a message: what cannot be seen or printed written as <U+XXXX>."""
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in text)


def decomposed(key: str) -> str:
    """How a key written in NFD differs: "'ö' is daar 'o' + U+0308" for its first such letter."""
    for index, char in enumerate(key):
        if index and unicodedata.combining(char):
            letter = unicodedata.normalize("NFC", key[index - 1 : index + 1])
            return f"'{letter}' is daar '{key[index - 1]}' + U+{ord(char):04X}"
    return "een letter is daar een letter plus een los teken"


def nfc(key: str) -> str | None:
    """The NFC spelling of a key written decomposed (NFD: 'e' and a combining accent), else None."""
    return None if unicodedata.is_normalized("NFC", key) else unicodedata.normalize("NFC", key)


class Block:
    """The leading `---` block as YAML nodes, composed only when a finding needs a position.

    Node marks count lines from the line after the opening fence, columns in characters, as
    SourceText does."""

    def __init__(self, source: SourceText) -> None:
        self.source = source

    @cached_property
    def root(self) -> yaml.Node | None:
        if self.source.line(1).rstrip() != "---":
            return None
        lines = []
        for line in range(2, self.source.line_count + 1):
            text = self.source.line(line)
            if text.rstrip() in ("---", "..."):
                break
            lines.append(text)
        try:
            root: yaml.Node | None = yaml.compose("\n".join(lines) + "\n", Loader=SafeLoader)
        except (yaml.YAMLError, ValueError):
            return None
        return root

    def key_position(self, key: str) -> tuple[int, int] | None:
        """1-based (line, column) of top-level `key:`; None when it is not there."""
        found = pair(self.root, key)
        return position(found[0]) if found else None

    def item(self, key: str, index: int) -> yaml.Node | None:
        """The node of item `index` of top-level `key`'s list."""
        value = value_of(self.root, key)
        if isinstance(value, yaml.SequenceNode) and index < len(value.value):
            item: yaml.Node = value.value[index]
            return item
        return None
