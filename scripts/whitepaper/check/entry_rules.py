"""Rules for one bibliography entry: `bad-key`, `unsafe-url`, `bad-doi`, `incomplete-entry`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from whitepaper.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from whitepaper.sources.bibliography import BibEntry

# What pandoc's BibTeX reader takes in a key. pybtex takes more (< > # % ~ " | \ ^ among it),
# and the build stops at a key pandoc cannot read: the check says so first.
PANDOC_KEY = re.compile(r"[\w.:;?!`'()/*@+=\[\]&$-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Characters that have no place in a URL and could break out of an HTML attribute.
_UNSAFE_CHARS = re.compile(r"[\s\"'<>\x00-\x1f\x7f]")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_AS_URL = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:)\s*(.*)", re.IGNORECASE)
# A link written inside any field, as in howpublished = {\url{...}}: pandoc makes it a link.
_LATEX_LINK = re.compile(r"\\(?:url|href)\s*\{([^}]*)\}")
_AUTHOR_PERSONS = ("author", "editor")
_AUTHOR_FIELDS = ("organization", "institution")
_YEAR_FIELDS = ("year", "date")


def _short(value: str, limit: int = 60) -> str:
    # data: URLs can be kilobytes long; the finding only needs to identify the value.
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _url_problem(value: str) -> tuple[str, str] | None:
    """(message, tip) when a URL is not a plain http(s) link, else None."""
    scheme = _SCHEME.match(value)
    if scheme is None:
        return (
            f"de URL '{_short(value)}' begint niet met http:// of https://",
            f"schrijf de volledige URL, bijvoorbeeld https://{_short(value)}",
        )
    name = scheme.group(1).lower()
    if name not in ("http", "https"):
        return (
            f"een URL met het schema '{name}:' is niet toegestaan",
            "alleen http:// en https:// mogen: links als javascript: en data: voeren code uit",
        )
    if not value[scheme.end() :].startswith("//") or _UNSAFE_CHARS.search(value):
        return (
            f"de URL '{_short(value)}' is geen geldige http(s)-link",
            "schrijf https://host/pad, zonder spaties, aanhalingstekens of < > (codeer ze: %20)",
        )
    return None


def _doi_problem(value: str) -> tuple[str, str, str] | None:
    """(code, message, tip) when a DOI field holds something other than a bare DOI."""
    if '"' in value:  # a DOI becomes a link (< and > do occur in real DOIs, quotes do not)
        return (
            "unsafe-url",
            f"de DOI '{_short(value)}' bevat aanhalingstekens",
            "sla alleen de DOI zelf op, zoals 10.1016/j.x.2018.01.002",
        )
    if _DOI.fullmatch(value):
        return None
    as_url = _DOI_AS_URL.fullmatch(value)
    if as_url and _DOI.fullmatch(as_url.group(1)):
        return (
            "bad-doi",
            f"de DOI staat als link genoteerd: '{_short(value)}'",
            f"sla de kale DOI op: doi = {{{as_url.group(1)}}}",
        )
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https", "doi"):
        message, tip = _url_problem(value) or ("", "")
        return "unsafe-url", message, tip
    return (
        "bad-doi",
        f"'{_short(value)}' ziet er niet uit als een DOI",
        "een DOI is 10., vier tot negen cijfers, '/' en de rest, zoals 10.1016/j.x.2018.01.002",
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def _missing(entry: BibEntry) -> list[str]:
    fields, persons = entry.entry.fields, entry.entry.persons
    missing = []
    if not any(persons.get(r) for r in _AUTHOR_PERSONS) and not any(
        fields.get(f) for f in _AUTHOR_FIELDS
    ):
        missing.append("auteur")
    if not fields.get("title"):
        missing.append("titel")
    if not any(fields.get(f) for f in _YEAR_FIELDS):
        missing.append("jaar")
    return missing


def _completeness(entry: BibEntry) -> tuple[str, str] | None:
    note = entry.fields.get("note", "").strip("{} ")
    if note.lower().startswith("onvolledig"):
        rest = note[len("onvolledig") :].lstrip(":;,.- ")
        return (
            f"'{entry.key}' is gemarkeerd als onvolledig" + (f": {rest}" if rest else ""),
            "vul aan zodra de bron het geeft; tot dan toont de site 'onvolledige bronvermelding'",
        )
    missing = _missing(entry)
    if not missing:
        return None
    return (
        f"'{entry.key}' mist {_join(missing)}",
        "vul aan uit de bron, of markeer het item met note = {onvolledig: ...} "
        "als de bron het niet geeft",
    )


def _bad_key(entry: BibEntry, path: str) -> Diagnostic:
    unreadable = " ".join(sorted({char for char in entry.key if not PANDOC_KEY.fullmatch(char)}))
    offset = entry.source.find(entry.key)  # the key, on the entry's first line
    first_line = entry.source.split("\n", 1)[0]
    column = entry.column + (offset if 0 <= offset < len(first_line) else 0)
    return Diagnostic(
        path,
        entry.line,
        column,
        "error",
        "bad-key",
        f"de sleutel '{entry.key}' bevat {unreadable}: pandoc kan zo'n sleutel niet lezen",
        "gebruik in sleutels alleen letters, cijfers en - _ : . / (zie bib/README.md)",
        entry.excerpt,
    )


def entry_diagnostics(entry: BibEntry, path: str) -> Iterator[Diagnostic]:
    """All content findings for one entry; `path` is the file as shown to people."""

    def at(field: str, severity: Severity, code: str, message: str, tip: str) -> Diagnostic:
        line, column, excerpt = entry.place(field)
        return Diagnostic(path, line, column, severity, code, message, tip, excerpt)

    if not PANDOC_KEY.fullmatch(entry.key):
        yield _bad_key(entry, path)

    url = entry.fields.get("url", "").strip()
    if url and (problem := _url_problem(url)):
        yield at("url", "error", "unsafe-url", *problem)
    for name, value in entry.fields.items():
        for link in _LATEX_LINK.findall(value):
            if problem := _url_problem(link.strip()):
                yield at(name.lower(), "error", "unsafe-url", *problem)
    doi = entry.fields.get("doi", "").strip()
    if doi and (doi_problem := _doi_problem(doi)):
        code, message, tip = doi_problem
        yield at("doi", "error" if code == "unsafe-url" else "warning", code, message, tip)
    if not entry.broken and (incomplete := _completeness(entry)):
        yield at("note", "warning", "incomplete-entry", *incomplete)
