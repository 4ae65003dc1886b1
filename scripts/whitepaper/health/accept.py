"""`whitepaper verify --accept KEY DOI`: a work a person has confirmed, written into the entry
its source gave incompletely.

The key stays. What the entry lacks is filled from the registry's record, in the form
`whitepaper cite` writes (`new_entry`); what it has and the record agrees with (tolerantly,
`compare.py`) stays as the source wrote it, but for authors the source shortened ('Creswell'
for four authors), which the record's list replaces. A record that names another work (first
author, year, title, journal: `registry.record_differences`) is refused unless forced, then
its values win. Whatever the entry loses, its `onvolledig` note among it, is kept above it in
`% bron gaf: …` comment lines (BibTeX reads nothing outside an entry but an '@'). The note
goes only when the entry is now complete (`missing_fields()` is empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from pybtex.database import Entry

from whitepaper.diagnostics import StageError, listed
from whitepaper.health.claims import Claims, claims
from whitepaper.health.compare import same_family
from whitepaper.health.registry import record_differences
from whitepaper.net.crossref import Record
from whitepaper.sources.bib_text import entry_text
from whitepaper.sources.bibliography import parse_bib_text
from whitepaper.sources.entries import BibEntry
from whitepaper.sources.new_entry import new_entry

COMMENT = "% bron gaf: "
_CONTAINERS = ("journal", "journaltitle", "booktitle")
_YEARS = ("year", "date")
_DUTCH = {"author": "auteur", "title": "titel", "year": "jaar"}
_CHECKED = ("title", "family", "year", "container")  # the Claims a record can contradict


class Contradiction(StageError):
    """The record names another work than the entry: nothing is written."""


@dataclass(frozen=True)
class Accepted:
    text: str  # the comment lines and the entry, '\n' line ends, no final newline
    filled: tuple[str, ...]  # fields the record filled in or replaced
    missing: tuple[str, ...]  # still missing, in Dutch (auteur, titel, jaar)
    note_removed: bool


def accepted(entry: BibEntry, record: Record, *, force: bool = False) -> Accepted:
    """`entry` completed with `record`; `Contradiction` when they name different works and
    `force` is not given."""
    said = claims(entry)
    contradicted = _contradicted(said, record)
    if contradicted and not force:
        raise Contradiction(
            f"de DOI {record.work.doi} hoort volgens {record.work.service} bij een ander werk"
            f" dan '{entry.key}': {listed(record_differences(said, record))}"
        )
    work = record.work
    title = ": ".join(part for part in (work.title, record.subtitle) if part)
    made = new_entry(replace(work, title=title), ()).entry
    fields, lost = _merged(entry, made, contradicted)
    kind = made.original_type if entry.entry.type == "misc" else entry.entry.original_type
    if kind != entry.entry.original_type:
        lost.insert(0, ("type", entry.entry.original_type))
    result = Entry(kind, fields=fields)
    missing = _missing(entry, result)
    note = entry.fields.get("note", "")
    note_removed = not missing and entry.incomplete_note is not None
    if note_removed:
        del result.fields["note"]
        lost.append(("note", note))
    filled = tuple(name for name in result.fields if result.fields[name] != fields_of(entry, name))
    comments = "".join(f"{COMMENT}{name} = {{{_one_line(value)}}}\n" for name, value in lost)
    missing_words = tuple(_DUTCH[name] for name in missing)
    return Accepted(comments + entry_text(entry.key, result).rstrip("\n"), filled, missing_words,
                    note_removed)  # fmt: skip


def fields_of(entry: BibEntry, name: str) -> str:
    """A field as the entry writes it, persons as their names were written."""
    if name in entry.written_names:
        return " and ".join(entry.written_names[name])
    return str(entry.fields.get(name, ""))


def _contradicted(said: Claims, record: Record) -> set[str]:
    """Which of the entry's claims the record contradicts, each asked on its own."""
    return {
        name
        for name in _CHECKED
        if record_differences(Claims(said.key, **{name: getattr(said, name)}), record)
    }


def _merged(
    entry: BibEntry, made: Entry, contradicted: set[str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The entry's fields completed from `made`, and what the entry lost (name, as written)."""
    ours = {name.lower(): fields_of(entry, name) for name in (*entry.written_names, *entry.fields)}
    theirs = {role: _persons_text(made, role) for role in made.persons}
    theirs |= {name.lower(): str(value) for name, value in made.fields.items() if name != "note"}
    lost: list[tuple[str, str]] = []
    if "author" in theirs and "author" in ours and _shortened(entry, made):
        lost.append(("author", ours.pop("author")))
    fields: dict[str, str] = {}
    for name, value in theirs.items():
        for old in _replaced(name, contradicted):
            if old in ours:
                lost.append((old, ours.pop(old)))
        if not any(other in ours for other in _equivalents(name)):
            fields[name] = value
    return _ordered(ours | fields), lost


def _replaced(name: str, contradicted: set[str]) -> tuple[str, ...]:
    """The entry's fields a forced record's `name` replaces."""
    if name == "title" and "title" in contradicted:
        return ("title",)
    if name == "year" and "year" in contradicted:
        return _YEARS
    if name in _CONTAINERS and "container" in contradicted:
        return _CONTAINERS
    if name == "author" and "family" in contradicted:
        return ("author",)
    return ()


def _equivalents(name: str) -> tuple[str, ...]:
    if name in _CONTAINERS:
        return _CONTAINERS
    if name in _YEARS:
        return _YEARS
    if name == "url":
        return ("url", "doi")  # new_entry writes an address only without a DOI
    return (name,)


def _shortened(entry: BibEntry, made: Entry) -> bool:
    """The entry names fewer authors than the record, or only their family names: the short
    form a text cites ('Creswell'), which the record's list replaces."""
    ours = entry.entry.persons.get("author", [])
    theirs = made.persons.get("author", [])
    if len(ours) != len(theirs):
        return True
    return any(
        (not person.first_names and not person.middle_names)
        or not same_family(" ".join(person.last_names), " ".join(other.last_names))
        for person, other in zip(ours, theirs, strict=True)
    )


def _persons_text(entry: Entry, role: str) -> str:
    """The persons of `role` as the house writer writes them (`Surname, Given and …`)."""
    text = entry_text("x", Entry(entry.original_type, persons={role: entry.persons[role]}))
    found = re.search(rf"{role} = \{{(.*)\}}", text)
    return found.group(1) if found else ""


def _ordered(fields: dict[str, str]) -> dict[str, str]:
    """Persons first, then the fields `new_entry` writes in its order, then the rest."""
    order = ("author", "editor", "title", *_CONTAINERS, "publisher", *_YEARS, "volume",
             "number", "pages", "doi", "pmid", "url")  # fmt: skip
    known = {name: fields[name] for name in order if name in fields}
    return known | {name: value for name, value in fields.items() if name not in known}


def _missing(entry: BibEntry, result: Entry) -> tuple[str, ...]:
    """What the result still lacks, read back as the check reads it."""
    text = entry_text(entry.key, result)
    read, problems = parse_bib_text(text, entry.path, root=entry.path.parent)
    if problems or len(read) != 1:
        found = [d.message for d in problems] or [f"{len(read)} entries"]
        raise RuntimeError(f"the completed entry does not read back: {found[0]}\n{text}")
    return replace(read[0], parents=entry.parents).missing_fields()


def _one_line(value: str) -> str:
    """A value for a comment line: one line, and no '@' (BibTeX would start an entry there;
    the full-width one reads the same)."""
    return " ".join(value.split()).replace("@", "\uff20")


def rewritten(data: bytes, entry: BibEntry, text: str) -> bytes:
    """The .bib file's bytes with `entry` (as written) replaced by `text`, every other byte
    as it was; the file's line ends kept."""
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    source = data[len(bom) :].decode("utf-8")
    start = _offset(source, entry)
    newline = "\r\n" if "\r\n" in source else "\n"
    text = text.replace("\n", newline)
    if start > 0 and not source[:start].endswith("\n"):
        text = newline + text  # the comment lines start a line of their own
    end = start + len(entry.source)
    return bom + (source[:start] + text + source[end:]).encode("utf-8")


def _offset(source: str, entry: BibEntry) -> int:
    lines = source.split("\n")
    start = sum(len(line) + 1 for line in lines[: entry.line - 1]) + entry.column - 1
    if source[start : start + len(entry.source)] == entry.source:
        return start
    if source.count(entry.source) == 1:
        return source.index(entry.source)
    raise RuntimeError(f"'{entry.key}' is not where its file was read: {Path(entry.path)}")
