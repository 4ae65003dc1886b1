"""The entry model: one bibliography entry, where it is written, and what it lacks.

Pure data with the questions every stage asks of an entry (its fields, where a field is
written, whether the source gave it completely); the findings about entries are the check's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pybtex.database import Entry
from pybtex.utils import OrderedCaseInsensitiveDict

from whitepaper.diagnostics import Code, Diagnostic, finding

# What pandoc's BibTeX reader takes in a key. pybtex takes more (< > # % ~ " | \ ^ among it),
# and pandoc stops at a key it cannot read.
PANDOC_KEY = re.compile(r"[\w.:;?!`'()/*@+=\[\]&$-]+")
INCOMPLETE_NOTE = "onvolledig"  # note = {onvolledig: ...}: the source gives no more
Essential = Literal["author", "title", "year"]
_AUTHOR_PERSONS = ("author", "editor")
_AUTHOR_FIELDS = ("organization", "institution")  # a group author (APA 7 §9.11)
_YEAR_FIELDS = ("year", "date")
# (parent type, child types) where pandoc, like biblatex, inherits the parent's title as the
# child's booktitle, maintitle or journaltitle: the child then still lacks a title of its own.
_TITLE_NOT_INHERITED = (
    ({"mvbook"}, {"book", "inbook", "bookinbook", "suppbook"}),
    ({"book"}, {"inbook", "bookinbook", "suppbook"}),
    ({"mvcollection", "mvreference"},
     {"collection", "reference", "incollection", "inreference", "suppcollection"}),
    ({"collection", "reference"}, {"incollection", "inreference", "suppcollection"}),
    ({"mvproceedings"}, {"proceedings", "inproceedings"}),
    ({"proceedings"}, {"inproceedings"}),
    ({"periodical"}, {"article", "suppperiodical"}),
)  # fmt: skip


class Place(NamedTuple):
    """A 1-based position in a .bib file, with the text of its line for the caret display."""

    line: int
    column: int
    excerpt: str


@dataclass(frozen=True)
class Link:
    """One key named in a `crossref` or `xdata` field, and what it leads to."""

    field: str  # crossref or xdata
    written: str  # the key as written
    target: str | None  # the key of the entry it names, as that entry writes it; None: no such
    cycle: tuple[str, ...] = ()  # the ring it closes, from this entry back to it; () for none

    @property
    def followed(self) -> bool:
        """Given to pandoc and counted as inherited: it names an entry, and no ring."""
        return self.target is not None and not self.cycle


@dataclass(frozen=True)
class BibEntry:
    """One bibliography entry and where it is written. `entry` is pybtex's parsed Entry."""

    key: str
    path: Path
    line: int
    column: int
    entry: Entry = field(compare=False, repr=False)
    excerpt: str = ""
    source: str = field(default="", compare=False, repr=False)  # the entry as written
    broken: bool = False  # a syntax error inside: content warnings would only repeat it
    # The persons of each role as written (pybtex's Person keeps no text), for the check.
    written_names: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    links: tuple[Link, ...] = field(default=(), compare=False, repr=False)  # crossref, xdata
    # The entries it inherits fields from: its links that name an entry and close no ring.
    parents: tuple[BibEntry, ...] = field(default=(), compare=False, repr=False)

    @property
    def fields(self) -> Mapping[str, str]:
        """Plain fields (case-insensitive names), persons excluded."""
        return self.entry.fields  # type: ignore[no-any-return]

    @property
    def folded_fields(self) -> Mapping[str, str]:
        """`fields` by lower-case name, in their order: a plain dict, for the rules that ask
        every entry (each of pybtex's case-insensitive lookups folds the name again)."""
        return _folded(self.entry.fields)

    def missing_fields(self) -> tuple[Essential, ...]:
        """Which of author (or editor, organisation, institution), title and year it lacks,
        after what it inherits through crossref and xdata (as pandoc inherits it)."""
        fields, persons = self.folded_fields, _folded(self.entry.persons)
        missing: list[Essential] = []
        if not any(map(persons.get, _AUTHOR_PERSONS)) and not any(map(fields.get, _AUTHOR_FIELDS)):
            missing.append("author")
        if not fields.get("title"):
            missing.append("title")
        if not any(map(fields.get, _YEAR_FIELDS)):
            missing.append("year")
        for parent in self.parents:
            if not missing:
                break
            lacking = parent.missing_fields()
            inherits_title = not any(
                parent.entry.type.lower() in parents and self.entry.type.lower() in children
                for parents, children in _TITLE_NOT_INHERITED
            )
            missing = [
                name
                for name in missing
                if name in lacking or (name == "title" and not inherits_title)
            ]
        return tuple(missing)

    @property
    def incomplete_note(self) -> str | None:
        """What `note = {onvolledig: ...}` says is missing ('' for no more), or None."""
        note = self.folded_fields.get("note", "").strip("{} ")
        if not note.lower().startswith(INCOMPLETE_NOTE):
            return None
        return note[len(INCOMPLETE_NOTE) :].lstrip(":;,.- ")

    @property
    def incomplete(self) -> bool:
        """Marked `onvolledig`, or lacking author, title or year: readers see it marked."""
        return self.incomplete_note is not None or bool(self.missing_fields())

    def place(self, field_name: str = "") -> Place:
        """Where a field's name is written, or where the entry starts when it has no such field.

        Found on demand: only a field with a finding needs its place, and searching every
        field of every entry up front costs a tenth of reading a large bibliography.
        """
        name = re.escape(field_name)
        found = re.search(rf"(?<![\w-]){name}\s*=", self.source, re.IGNORECASE) if name else None
        if found is None:
            return Place(self.line, self.column, self.excerpt)
        offset = found.start()
        line_start = self.source.rfind("\n", 0, offset) + 1
        if line_start == 0:  # on the entry's first line
            return Place(self.line, self.column + offset, self.excerpt)
        line_end = self.source.find("\n", offset)
        excerpt = self.source[line_start : line_end if line_end >= 0 else None]
        return Place(
            self.line + self.source.count("\n", 0, offset), offset - line_start + 1, excerpt
        )


@dataclass(frozen=True)
class Bibliography:
    """Entries by key as written (the first one of duplicates), and what reading them found."""

    entries: Mapping[str, BibEntry]
    diagnostics: tuple[Diagnostic, ...]  # bib-syntax, encoding, duplicate-key
    all_entries: tuple[BibEntry, ...] = ()  # in file order, duplicates too


def _folded(mapping: OrderedCaseInsensitiveDict) -> Mapping[str, Any]:
    """A pybtex mapping (an Entry's fields or persons) by lower-case name, in its order: the
    dict it keeps inside, read without copying."""
    return mapping._dict  # type: ignore[no-any-return]


def entry_finding(
    entry: BibEntry, path: str, field_name: str, code: Code, message: str, hint: str
) -> Diagnostic:
    """A finding where `field_name` is written in `entry` (where the entry starts, for '' or a
    field it does not have); `path` is its file as shown to people."""
    line, column, excerpt = entry.place(field_name)
    return finding(path, line, column, code, message, hint, excerpt)
