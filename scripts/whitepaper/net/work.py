"""A work as a service describes it: plain text, nothing added, nothing in BibTeX's form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    """One author: a person in parts (CSL-JSON), in PubMed's form (`Stecco A`), or a group."""

    family: str = ""
    given: str = ""
    particle: str = ""  # `van der`: BibTeX's von part, never part of the key
    suffix: str = ""  # `Jr.`
    pubmed: str = ""  # as PubMed writes it: surname and initials, no comma
    group: str = ""  # an organisation (CSL's literal, PubMed's CollectiveName)


@dataclass(frozen=True)
class Work:
    """What a service says of one work; '' where it says nothing."""

    service: str  # where it came from, for messages: doi.org, PubMed
    kind: str  # CSL's type: article-journal, book, chapter, paper-conference, report, ...
    authors: tuple[Name, ...] = ()
    title: str = ""
    container: str = ""  # the journal, or the book or proceedings it is part of
    publisher: str = ""
    year: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""


def plain(value: object) -> str:
    """A service's text value as one line ('' for anything that is not text): Crossref's
    titles break lines and double spaces, and some fields come as a list of one."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split()) if isinstance(value, str) else ""
