"""What an entry claims about its work, as plain text: the identifiers to ask about and the
fields to compare, and a fingerprint of them that changes when any of them changes."""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass

from pybtex.backends.plaintext import Backend as PlainText
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text

from whitepaper.links import bare_doi, public_url, web_url
from whitepaper.sources.entries import BibEntry

_CONTAINERS = ("journal", "journaltitle", "booktitle")
_PLAIN_TEXT = PlainText()  # render_as("text") would look the backend up in entry points each time


@dataclass(frozen=True)
class Claims:
    """One entry's identifiers ('' where it has none) and what it says of the work."""

    key: str
    doi: str = ""
    pmid: str = ""
    url: str = ""
    title: str = ""
    family: str = ""  # the first author's family name (or the group author)
    year: str = ""
    container: str = ""

    @property
    def asked(self) -> tuple[str, ...]:
        """What there is to check: doi, pmid, url, in that order."""
        return tuple(name for name in ("doi", "pmid", "url") if getattr(self, name))

    @property
    def fingerprint(self) -> str:
        """Changes when anything a check compares changes: then the entry is asked again."""
        # Of the fields alone, never of the code (as cache keys are): the file is committed,
        # and a new release of whitepaper must not make every entry due at once.
        digest = hashlib.sha256()
        for part in astuple(self):
            data = part.encode()
            digest.update(len(data).to_bytes(8, "little") + data)  # length-prefixed
        return digest.hexdigest()[:16]


def claims(entry: BibEntry) -> Claims:
    fields = entry.fields
    doi = bare_doi(fields.get("doi", "")) or ""
    url = web_url(fields.get("url", "").strip()) or ""
    if url and (bare_doi(url) or "").lower() == doi.lower() and doi:
        url = ""  # the DOI's own address: asking the DOI covers it
    return Claims(
        key=entry.key,
        doi=doi,
        pmid=_pmid(fields.get("pmid", "")),
        url=public_url(url) or "",
        title=plain(fields.get("title", "")),
        family=_first_family(entry),
        year=plain(fields.get("year", "") or fields.get("date", ""))[:4],
        container=next((plain(fields[name]) for name in _CONTAINERS if fields.get(name)), ""),
    )


def plain(value: str) -> str:
    """A field's text as a reader reads it: braces, accents' commands and `\\&` resolved."""
    try:
        return " ".join(Text.from_latex(value).render(_PLAIN_TEXT).split())
    except (PybtexError, ValueError):  # odd braces, a lone backslash: compare as written
        return " ".join(value.split())


def _pmid(value: str) -> str:
    digits = value.strip().removeprefix("PMID:").strip()
    return digits.lstrip("0") if digits.isdigit() else ""


def _first_family(entry: BibEntry) -> str:
    for role in ("author", "editor"):
        people = entry.entry.persons.get(role)
        if people:
            person = people[0]
            return plain(" ".join(person.prelast_names + person.last_names))
    return plain(entry.fields.get("organization", "") or entry.fields.get("institution", ""))
