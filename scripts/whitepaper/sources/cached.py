"""The sources' models as the cache stores them: a page's `Document`, the `Bibliography`.

MessagePack through `cache.Codec`, decoded strictly against the dataclasses (the cache is
untrusted input: see `cache`). Two parts need more than msgspec's dataclasses:

- Front matter is whatever YAML made of it: dates, times with their UTC offset, sets,
  tuples (`!!omap`, `!!pairs`), integers beyond 64 bits, maps whose keys are not text.
  MessagePack has none of these, and msgspec would write a date as its text and a set as a
  list; so each is an extension value of its own, made again exactly on loading. A front
  matter that cannot be written (a value YAML does not make, a list that holds itself, more
  than MAX_FRONT_MATTER_VALUES values) is not cached: its page is parsed again next time.
- pybtex's `Entry` is written as its parts (type, key, fields, persons' names) and made
  again from them. An entry is stored once, however many lists and links hold it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar, cast

import msgspec
from msgspec.msgpack import Ext
from pybtex.database import Entry, Person
from pybtex.utils import OrderedCaseInsensitiveDict

from whitepaper.cache import Codec
from whitepaper.diagnostics import Diagnostic
from whitepaper.sources.documents import Document
from whitepaper.sources.entries import BibEntry, Bibliography

# Extension codes of front matter values (0-127 are the application's; msgspec uses -1).
_DATE, _DATETIME, _INT, _TUPLE, _SET, _MAP = range(1, 7)
MAX_FRONT_MATTER_VALUES = 100_000  # a real page has tens; past this, it is not cached
_INT_RANGE = range(-(2**63), 2**64)  # what MessagePack holds as an integer

_NAMES = tuple[list[str], list[str], list[str], list[str], list[str]]  # first .. lineage
_V = TypeVar("_V")
_DocumentWire = tuple[Document, Any]  # the front matter beside, as `_Values` writes it


class _Values:
    """Front matter as plain MessagePack: what it lacks as extension values."""

    def __init__(self) -> None:
        self.left = MAX_FRONT_MATTER_VALUES

    def plain(self, value: object) -> object:
        self.left -= 1
        if self.left < 0:
            raise ValueError("front matter too large to cache")
        kind = type(value)
        if kind is str or kind is bool or kind is float or kind is bytes or value is None:
            return value
        if kind is int:
            return value if value in _INT_RANGE else Ext(_INT, str(value).encode())
        if kind is list:
            return [self.plain(item) for item in cast(list[object], value)]
        if kind is dict:
            items = cast(dict[object, object], value)
            if all(type(name) is str for name in items):
                return {name: self.plain(item) for name, item in items.items()}
            return self._ext(_MAP, [[self.plain(k), self.plain(v)] for k, v in items.items()])
        if kind is tuple or kind is set:
            code = _TUPLE if kind is tuple else _SET
            return self._ext(code, [self.plain(item) for item in cast(Iterable[object], value)])
        if kind is datetime or kind is date:
            code = _DATETIME if kind is datetime else _DATE
            return Ext(code, cast(date, value).isoformat().encode())
        raise TypeError(f"front matter value of type {kind.__name__}")

    def _ext(self, code: int, items: list[object]) -> Ext:
        return Ext(code, _ENCODER.encode(items))


def _value(code: int, data: memoryview) -> object:
    """A front matter value from its extension value (the `ext_hook`)."""
    if code in (_DATE, _DATETIME, _INT):
        text = bytes(data).decode("ascii")
        if code == _INT:
            return int(text)
        return datetime.fromisoformat(text) if code == _DATETIME else date.fromisoformat(text)
    items = _VALUES.decode(data)
    if not isinstance(items, list):
        raise ValueError("an extension value holds a list")
    if code == _TUPLE:
        return tuple(items)
    if code == _SET:
        return set(items)
    if code == _MAP and all(isinstance(item, list) and len(item) == 2 for item in items):
        return {key: value for key, value in items}
    raise ValueError(f"unknown extension value {code}")


_ENCODER = msgspec.msgpack.Encoder()
_VALUES = msgspec.msgpack.Decoder(ext_hook=_value)


class _DocumentCodec(Codec[Document]):
    """A Document, and its front matter beside it (see the module docstring)."""

    def to_wire(self, value: Document) -> object:
        return replace(value, front_matter={}), _Values().plain(value.front_matter)

    def from_wire(self, wire: _DocumentWire) -> Document:
        document, front_matter = wire
        if not isinstance(front_matter, dict) or document.front_matter:
            raise ValueError("front matter is a map, stored beside the document")
        return replace(document, front_matter=front_matter)


class _EntryParts(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """pybtex's Entry: its type as written, key, fields and persons, in their order."""

    type: str
    key: str | None
    fields: list[tuple[str, str]]
    persons: list[tuple[str, list[_NAMES]]]  # role, and each person's parts


def _entry_parts(entry: Entry) -> _EntryParts:
    persons = [(role, list(map(_names, people))) for role, people in _items(entry.persons)]
    key = getattr(entry, "key", None)
    return _EntryParts(entry.original_type, key, list(_items(entry.fields)), persons)


def _items(mapping: OrderedCaseInsensitiveDict) -> Iterable[tuple[str, Any]]:
    """`mapping.items()`, names as written, read from the two dicts it keeps in the same order
    (`_case_insensitive` makes them): its own items() looks each name up again, folded."""
    return zip(mapping._keys.values(), mapping._dict.values(), strict=False)


# A person's parts, first to lineage (`_NAMES`): one call in C for each of 10,000s of persons.
_names: Callable[[Person], _NAMES] = attrgetter(
    "first_names", "middle_names", "prelast_names", "last_names", "lineage_names"
)


def _entry(data: object) -> Entry:
    """The Entry pybtex made, made again as pickle did: its attributes set, nothing parsed
    (pybtex's constructors would copy each mapping twice; a tenth of a warm check)."""
    parts = msgspec.convert(data, _EntryParts)
    entry = Entry.__new__(Entry)
    entry.type, entry.original_type = parts.type.lower(), parts.type
    entry.fields = _case_insensitive(parts.fields)
    entry.persons = _case_insensitive(
        [(role, [_person(names) for names in people]) for role, people in parts.persons]
    )
    if parts.key is not None:
        entry.key = parts.key
    return entry


def _case_insensitive(items: list[tuple[str, _V]]) -> OrderedCaseInsensitiveDict:
    mapping = OrderedCaseInsensitiveDict.__new__(OrderedCaseInsensitiveDict)
    names = [name for name, _ in items]
    folded = [name.lower() for name in names]
    mapping._dict = dict(zip(folded, [value for _, value in items], strict=True))
    mapping._keys = OrderedDict(zip(folded, names, strict=True))
    return mapping


def _person(names: _NAMES) -> Person:
    person = Person.__new__(Person)  # Person() would parse a name; these are its parts
    person.first_names, person.middle_names, person.prelast_names = names[:3]
    person.last_names, person.lineage_names = names[3:]
    return person


class _BibliographyWire(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """A Bibliography with each entry once; the rest are positions in `entries`."""

    diagnostics: tuple[Diagnostic, ...]
    entries: tuple[BibEntry, ...]  # each without its parents
    in_file_order: list[int]  # Bibliography.all_entries
    by_key: dict[str, int]  # Bibliography.entries
    parents: list[list[int]]  # of each of `entries`


class _BibliographyCodec(Codec[Bibliography]):
    """Entries once each, however many lists and parents' links they are in: pickle kept
    that sharing, and without it a crossref chain would be stored again for every child."""

    def to_wire(self, value: Bibliography) -> object:
        position: dict[int, int] = {}
        entries: list[BibEntry] = []
        pending = [*value.all_entries, *value.entries.values()]
        pending.reverse()
        while pending:
            entry = pending.pop()
            if id(entry) not in position:
                position[id(entry)] = len(entries)
                entries.append(entry)
                pending.extend(reversed(entry.parents))
        return _BibliographyWire(
            value.diagnostics,
            tuple(replace(entry, parents=()) if entry.parents else entry for entry in entries),
            [position[id(entry)] for entry in value.all_entries],
            {key: position[id(entry)] for key, entry in value.entries.items()},
            [[position[id(parent)] for parent in entry.parents] for entry in entries],
        )

    def from_wire(self, wire: _BibliographyWire) -> Bibliography:
        count = len(wire.entries)
        positions = [*wire.in_file_order, *wire.by_key.values(), *chain.from_iterable(wire.parents)]
        if len(wire.parents) != count or not all(0 <= i < count for i in positions):
            raise ValueError("entries are positions in the list of entries")
        built = _with_parents(wire.entries, wire.parents)
        return Bibliography(
            {key: built[i] for key, i in wire.by_key.items()},
            wire.diagnostics,
            tuple(built[i] for i in wire.in_file_order),
        )


def _with_parents(entries: Sequence[BibEntry], parents: list[list[int]]) -> list[BibEntry]:
    """Each entry with its parents, parents first (without recursion: a chain may be long)."""
    built: dict[int, BibEntry] = {}
    for first in range(len(entries)):
        stack, visited = [first], set()
        while stack:
            top = stack[-1]
            if top in built:
                stack.pop()
                continue
            waiting = [parent for parent in parents[top] if parent not in built]
            if waiting:
                if top in visited:
                    raise ValueError("entries inherit from each other in a ring")
                visited.add(top)
                stack.extend(waiting)
                continue
            own = tuple(built[parent] for parent in parents[top])
            built[top] = replace(entries[top], parents=own) if own else entries[top]
            stack.pop()
    return [built[index] for index in range(len(entries))]


DOCUMENT = _DocumentCodec(Document, wire=_DocumentWire, ext_hook=_value)
BIBLIOGRAPHY = _BibliographyCodec(
    Bibliography,
    wire=_BibliographyWire,
    types={Entry: (_entry_parts, _entry)},
)
