"""What the front-matter rules share: the value checks, and where in the `---` block a key or
a list item is written (YAML's own node marks), for the findings' positions."""

from __future__ import annotations

import datetime
import re
from functools import cached_property

import yaml

from whitepaper.diagnostics import SourceText
from whitepaper.links import bare_doi
from whitepaper.papers import parse_date

# Shown to readers as plain text: markup or citation syntax there would run or show as syntax.
NOT_PLAIN = re.compile(r"[<>]|\[[@^]")
# libyaml's loader when PyYAML has it, as sources/front_matter.py reads the block.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_version(value: object) -> bool:
    # YAML reads `version: 1.0` as a number; `yes` as a bool, which is not a version.
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def is_names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


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


def misread_number(value: object, node: yaml.Node | None) -> str | None:
    """A version YAML read as a number other than written (1.10 → 1.1): the text written."""
    written = scalar(node)
    if isinstance(value, bool) or not isinstance(value, int | float) or written is None:
        return None
    return written if written.strip() != str(value) else None


def has_markup(value: object) -> bool:
    texts = value if isinstance(value, list) else [value]
    return any(NOT_PLAIN.search(str(text)) for text in texts)


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
            root: yaml.Node | None = yaml.compose("\n".join(lines) + "\n", Loader=YAML_LOADER)
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
