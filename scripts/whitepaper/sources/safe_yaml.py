"""The YAML of a front matter block, read as MkDocs reads it (PyYAML's safe loader), with what
must never reach that loader refused first, each at its place (a YAML mark):

- anchors (`&`) and aliases (`*`): a dozen lines of aliases expand to gigabytes;
- explicit tags (`!!binary`, `!!python/...`): nothing a page needs, and errors in English;
- nesting deeper than MAX_DEPTH: libyaml composes recursively in C, and crashes on deep input;
- a value YAML cannot make, a date that does not exist (`2024-06-31`) said as such.

The refusals come from YAML's events, before a node is built. Keys written twice in one mapping
are counted there too: the data keeps the last, as YAML and MkDocs do.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from yaml.resolver import Resolver

try:  # libyaml's loader when PyYAML has it, as MkDocs: the same data, a tenth of the time
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["MAX_DEPTH", "At", "Duplicate", "Refused", "SafeLoader", "load"]

MAX_DEPTH = 20  # nested lists and mappings; a changelog entry is at depth 3
TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class At:
    """A place in the YAML source: 0-based line and column (in characters)."""

    line: int
    column: int


class _Mark(Protocol):  # PyYAML's, or libyaml's
    line: int
    column: int


def _at(mark: _Mark | None) -> At:
    return At(mark.line, mark.column) if mark else At(0, 0)


class Refused(yaml.YAMLError):
    """YAML refused at `at`, with what to say: (message, hint)."""

    def __init__(self, at: At, message: str, hint: str) -> None:
        super().__init__(message)
        self.at = at
        self.says = (message, hint)


@dataclass(frozen=True)
class Duplicate:
    key: str
    first: At
    second: At


def load(source: str) -> tuple[object, list[Duplicate]]:
    """The data of `source` and its keys written twice. Raises Refused, or yaml.YAMLError
    (a syntax error, with its problem_mark)."""
    try:
        duplicates = _scan(source)
        try:
            return yaml.load(source, Loader=SafeLoader), duplicates
        except ValueError:  # a value YAML cannot make: read again, to say which one
            return yaml.load(source, Loader=_Loader), duplicates
    except yaml.reader.ReaderError:
        raise Refused(
            _unreadable(source),
            "de front matter bevat een onzichtbaar stuurteken, dat YAML niet toestaat",
            "haal het teken weg; het komt vaak mee bij kopiëren uit een ander programma",
        ) from None


_RESOLVER = Resolver()
_ANCHOR = (
    "de front matter gebruikt een YAML-anker (&) of -verwijzing (*)",
    "gebruik geen YAML-ankers (&) en -verwijzingen (*): schrijf elke waarde voluit",
)
_TAG = (
    "de front matter gebruikt een YAML-tag (!!…)",
    'laat de tag weg; zet tekst tussen aanhalingstekens, bijvoorbeeld version: "1.10"',
)
_DEEP = (
    f"de front matter is dieper genest dan {MAX_DEPTH} niveaus",
    "schrijf de front matter als eenvoudige 'sleutel: waarde'-regels en lijsten",
)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _scan(source: str) -> list[Duplicate]:
    """Refuse anchors, aliases, tags and deep nesting from YAML's events; the keys written
    twice in one mapping. (Every page's front matter passes here: kept lean.)"""
    # Per open collection: [the events of its keys by value, the next node is a key], or
    # None for a list.
    stack: list[list[Any] | None] = []
    mapping: list[Any] | None = None
    duplicates: list[Duplicate] = []
    for event in yaml.parse(source, Loader=SafeLoader):
        kind = type(event)
        if kind in _ENDS:
            stack.pop()
            mapping = stack[-1] if stack else None
            continue
        if kind is yaml.AliasEvent or getattr(event, "anchor", None):
            raise Refused(_at(event.start_mark), *_ANCHOR)
        if getattr(event, "tag", None) not in (None, "!"):
            raise Refused(_at(event.start_mark), *_TAG)
        if mapping is not None:
            if mapping[1] and kind is yaml.ScalarEvent:
                _count(mapping[0], event, duplicates)
            mapping[1] = not mapping[1]
        if kind in _STARTS:
            if len(stack) == MAX_DEPTH:
                raise Refused(_at(event.start_mark), *_DEEP)
            mapping = [{}, True] if kind is yaml.MappingStartEvent else None
            stack.append(mapping)
    return duplicates


def _count(keys: dict[str, list[Any]], event: Any, duplicates: list[Duplicate]) -> None:
    """Note the key `event`; one written before, as YAML's composer tags them, is a duplicate
    (`title` and 'title' are one key, 1 and '1' two)."""
    before = keys.setdefault(event.value, [])
    for earlier in reversed(before):
        if _tag(earlier) == _tag(event):
            duplicates.append(
                Duplicate(event.value, _at(earlier.start_mark), _at(event.start_mark))
            )
            break
    before.append(event)


def _tag(event: yaml.ScalarEvent) -> str:
    resolved = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    return str(resolved)


def _unreadable(source: str) -> At:
    """Where the first character YAML does not allow is (libyaml counts it in bytes)."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(source)
    offset = found.start() if found else 0
    return At(source.count("\n", 0, offset), offset - source.rfind("\n", 0, offset) - 1)


class _Loader(SafeLoader):
    """MkDocs' safe loader; a value it cannot make (a date that does not exist, a number of
    thousands of digits) is refused at its own place."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        try:
            return super().construct_object(node, deep)
        except ValueError:
            if node.tag == TIMESTAMP:
                raise Refused(_at(node.start_mark), *_date_says(str(node.value))) from None
            written = str(node.value)[:40] + ("…" if len(str(node.value)) > 40 else "")
            raise Refused(
                _at(node.start_mark),
                f"YAML kan de waarde '{written}' niet lezen",
                "zet de waarde tussen aanhalingstekens als het tekst is",
            ) from None


def _date_says(written: str) -> tuple[str, str]:
    """Which part of a date YAML matched (YYYY-M-D, maybe a time) does not exist, and the tip."""
    year, month, day = (int(part) for part in re.findall(r"\d+", written)[:3])
    message = f"'{written}' is geen datum die bestaat: "
    if year < 1:
        return message + "er is geen jaar 0", "schrijf het jaar met vier cijfers: JJJJ-MM-DD"
    if not 1 <= month <= 12:
        if _exists(year, day, month):
            tip = f"staan maand en dag omgewisseld? Dan is het {year:04}-{day:02}-{month:02}"
        else:
            tip = "een maand is 01 tot en met 12 (JJJJ-MM-DD)"
        return message + f"er is geen maand {month}", tip
    if not _exists(year, month, day):
        last = calendar.monthrange(year, month)[1]
        if day < 1:
            return message + "er is geen dag 0", f"de eerste dag is {year:04}-{month:02}-01"
        return (
            message + f"die maand heeft {last} dagen",
            f"verbeter de dag; de laatste dag van die maand is {year:04}-{month:02}-{last:02}",
        )
    return f"'{written}' is geen tijd die bestaat", "een datum is JJJJ-MM-DD, zonder tijd"


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
