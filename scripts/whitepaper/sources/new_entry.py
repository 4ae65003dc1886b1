"""A fetched work as a new bibliography entry: its fields as the check wants them, and its key
by the rule of bib/README.md.

Only what the service gave is written; author, title or year it lacks are named in
`note = {onvolledig: ...}`. Authors are written `Surname, Given` (BibTeX's unambiguous form;
PubMed's `Stecco A` becomes `Stecco, A.`), particles as BibTeX's von part (`van der Wal, J.`),
a group in braces. The key: the first author's surname without particles, accents, spaces or
hyphens, in lower case, and the year (`zd` without one); an existing key is never reused or
renamed: the new one gets the next letter (`stecco2018a`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection
from dataclasses import dataclass

from pybtex.database import Entry, Person

from whitepaper.diagnostics import listed
from whitepaper.net.work import Name, Work
from whitepaper.sources.bib_text import escape, protected, rich, without_markup
from whitepaper.sources.file_names import suggested_name
from whitepaper.sources.names import pubmed_correction

# CSL's types as the BibTeX (biblatex) types pandoc reads, and where the container goes.
_TYPES = {
    "article-journal": ("article", "journal"),
    "article": ("article", "journal"),
    "article-magazine": ("article", "journal"),
    "article-newspaper": ("article", "journal"),
    "book": ("book", ""),
    "chapter": ("incollection", "booktitle"),
    "paper-conference": ("inproceedings", "booktitle"),
    "report": ("report", ""),
}
_OTHER = ("misc", "howpublished")
# Words a key never starts with: articles and short function words, English and Dutch.
_INSIGNIFICANT = frozenset(
    "a an the of on in for and to de het een van voor over bij met op en".split()
)
_DUTCH = {"author": "auteur", "title": "titel", "year": "jaar"}
_PAGE_RANGE = re.compile(r"(\w+)\s*[-\u2010-\u2013]\s*(\w+)")


@dataclass(frozen=True)
class NewEntry:
    key: str
    base_key: str  # the key before a letter was added: `stecco2018`
    entry: Entry
    missing: tuple[str, ...]  # in Dutch: auteur, titel, jaar
    key_from: str  # '' for the first author's surname, else what the key was made from


def new_entry(work: Work, taken: Collection[str]) -> NewEntry:
    """`work` as an entry with a key none of `taken` has (compared without case)."""
    entry_type, container_field = _TYPES.get(work.kind, _OTHER)
    authors = [_person(name) for name in work.authors]
    fields = {
        "title": rich(work.title),
        container_field: rich(work.container),
        "publisher": escape(work.publisher),
        "year": work.year,
        "volume": escape(work.volume),
        "number": escape(work.number),
        "pages": _pages(work.pages),
        "doi": work.doi,
        "pmid": work.pmid,
        "url": "" if work.doi else work.url,  # the DOI's own address is the DOI again
    }
    missing = tuple(
        word
        for name, word in _DUTCH.items()
        if not (authors if name == "author" else fields.get(name))
    )
    if missing:
        verb = "ontbreekt" if len(missing) == 1 else "ontbreken"
        fields["note"] = f"onvolledig: {listed(missing)} {verb} in het antwoord van {work.service}"
    entry = Entry(entry_type, fields={k: v for k, v in fields.items() if k and v})
    if authors:
        entry.persons["author"] = authors
    name, key_from = _key_base(work, authors)
    base = name + (work.year or "zd")
    return NewEntry(next_key(base, taken), base, entry, missing, key_from)


def _person(name: Name) -> Person:
    if name.group:
        return Person(protected(name.group))
    if name.pubmed:
        written = escape(name.pubmed)
        return Person(pubmed_correction(written) or written)
    surname = escape(name.family)
    if "," in surname or " and " in surname.lower():  # BibTeX would split it
        surname = "{" + surname + "}"
    parts = [" ".join(p for p in (escape(name.particle), surname) if p)]
    parts += [escape(name.suffix)] if name.suffix else []
    parts += [escape(name.given)] if name.given else []
    return Person(", ".join(parts) if len(parts) > 1 else parts[0])


def _pages(pages: str) -> str:
    """`131-145` as `131--145` (BibTeX's range), PubMed's `475-80` as `475--480`."""
    found = _PAGE_RANGE.fullmatch(pages)
    if not found:
        return escape(pages)
    start, end = found.groups()
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{escape(start)}--{escape(end)}"


def fold(text: str) -> str:
    """Lower case ASCII letters and digits only: `Castro-Sánchez` → `castrosanchez` (the
    accents as file_names folds them; its stand-in for a name with no ASCII left is dropped)."""
    folded = suggested_name(text)
    if folded == "naam" and "naam" not in text.lower():
        return ""
    return re.sub(r"[^a-z0-9]", "", folded)


def _key_base(work: Work, authors: list[Person]) -> tuple[str, str]:
    """The key's name part, and what it was made from when not from a surname."""
    first = work.authors[0] if work.authors else None
    if first is not None and not first.group and (surname := fold(" ".join(authors[0].last_names))):
        return surname, ""
    if first is not None and first.group and (word := _first_word(first.group)):
        return word, f"de organisatie ({first.group})"
    if word := _first_word(without_markup(work.title)):
        return word, "het eerste woord van de titel"
    return "bron", "niets: het antwoord noemt auteur noch titel"


def _first_word(text: str) -> str:
    words = [fold(word) for word in text.split()]
    return next((w for w in words if w and w not in _INSIGNIFICANT), next(filter(None, words), ""))


def next_key(key: str, taken: Collection[str]) -> str:
    """`key`, or with the next letter after those in use (`a`, `b`, …); never a taken one."""
    used = {k.lower() for k in taken}
    letters = [k[len(key) :] for k in used if k.startswith(key) and len(k) == len(key) + 1]
    suffixes = sorted(s for s in letters if s in string.ascii_lowercase)
    if key not in used and not suffixes:
        return key
    for letter in string.ascii_lowercase[
        string.ascii_lowercase.index(suffixes[-1]) + 1 if suffixes else 0 :
    ]:
        if key + letter not in used:
            return key + letter
    raise ValueError(f"no letter left for {key}")
