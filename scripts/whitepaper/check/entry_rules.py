"""The check's rules for bibliography entries: `bad-key`, `unsafe-url`, `bad-doi`,
`bad-crossref`, `incomplete-entry` for what each entry says (and `field_rules` for the text
of its fields, `language_rules` for its language), and `unused-entry` for what no page cites,
directly or through a crossref."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from whitepaper.check.field_rules import field_findings
from whitepaper.check.language_rules import language_findings
from whitepaper.diagnostics import Closest, Code, Diagnostic, display_path, finding, listed
from whitepaper.links import doi_problem, url_problem
from whitepaper.sources.entries import (
    PANDOC_KEY,
    BibEntry,
    Bibliography,
    Essential,
    Link,
    entry_finding,
)
from whitepaper.sources.reading import Sources

# A link written inside any field, as in howpublished = {\url{...}}: pandoc makes it a link.
_LATEX_LINK = re.compile(r"\\(?:url|href)\s*\{([^}]*)\}")
_DUTCH: dict[Essential, str] = {"author": "auteur", "title": "titel", "year": "jaar"}


def entries(bibliography: Bibliography, root: Path) -> Iterator[Diagnostic]:
    """What each entry's fields say; duplicates too: their content is in the file all the same.

    The bibliography alone: the check runs this while worker processes still parse pages."""
    keys = Closest(entry.key for entry in bibliography.all_entries)
    for entry in bibliography.all_entries:
        yield from entry_findings(entry, display_path(entry.path, root), keys)


def unused_entries(sources: Sources) -> Iterator[Diagnostic]:
    # Case-insensitive: a citation that differs only in case is already an unknown-key error.
    cited = {key.lower() for page in sources.cited for key, _ in page}
    # An entry a cited entry inherits from (its book, its proceedings) is used by it.
    pending = [e for e in sources.bibliography.entries.values() if e.key.lower() in cited]
    while pending:
        for parent in pending.pop().parents:
            if parent.key.lower() not in cited:
                cited.add(parent.key.lower())
                pending.append(parent)
    for entry in sources.bibliography.entries.values():
        if entry.key.lower() not in cited:
            yield entry_finding(
                entry,
                display_path(entry.path, sources.root),
                "",
                "unused-entry",
                f"'{entry.key}' wordt op geen enkele pagina geciteerd",
                f"citeer het met [@{entry.key}], of verwijder het item",
            )


def entry_findings(
    entry: BibEntry, path: str, keys: Sequence[str] | Closest = ()
) -> Iterator[Diagnostic]:
    """All content findings for one entry; `path` is the file as shown to people, `keys` every
    entry's key (what a crossref to no entry may have meant)."""
    keys = keys if isinstance(keys, Closest) else Closest(keys)

    def at(field: str, code: Code, message: str, tip: str) -> Diagnostic:
        return entry_finding(entry, path, field, code, message, tip)

    if not PANDOC_KEY.fullmatch(entry.key):
        yield _bad_key(entry, path)
    fields = entry.folded_fields
    url = fields.get("url", "").strip()
    if url and (problem := url_problem(url)):
        yield at("url", "unsafe-url", *problem)
    if "\\" in "".join(fields.values()):  # a link is a command: most entries have none
        for name, value in fields.items():
            for link in _LATEX_LINK.findall(value):
                if problem := url_problem(link.strip()):
                    yield at(name, "unsafe-url", *problem)
    doi = fields.get("doi", "").strip()
    if doi and (doi_found := doi_problem(doi)):
        code, message, tip = doi_found
        yield at("doi", "unsafe-url" if code == "unsafe-url" else "bad-doi", message, tip)
    if not entry.broken and (incomplete := _completeness(entry)):
        yield at("note", "incomplete-entry", *incomplete)
    if entry.links:
        yield from _crossref_findings(entry, path, keys)
    if not entry.broken:
        yield from field_findings(entry, path)
        yield from language_findings(entry, path)


def _crossref_findings(entry: BibEntry, path: str, keys: Closest) -> Iterator[Diagnostic]:
    """A crossref or xdata that names no entry, or closes a ring (pandoc would never stop)."""
    for link in entry.links:
        if link.followed:
            continue
        message, tip = _crossref_problem(entry, link, keys)
        yield entry_finding(entry, path, link.field, "bad-crossref", message, tip)


def _crossref_problem(entry: BibEntry, link: Link, keys: Closest) -> tuple[str, str]:
    name = link.field
    if link.target is None:
        close = keys.to(link.written, other_than=entry.key)
        remedy = f"voeg het item '{link.written}' toe, of verwijder {name} = {{{link.written}}}"
        return (
            f"{name} verwijst naar '{link.written}', maar dat item bestaat niet",
            f"bedoelde u '{close}'? Anders: {remedy}" if close else remedy,
        )
    if link.cycle == (link.cycle[0],) * 2:
        return (
            f"'{entry.key}' verwijst met {name} naar zichzelf",
            f"verwijder {name} = {{{link.written}}}, of laat het naar het boek of de bundel "
            "wijzen waar dit item in staat",
        )
    return (
        f"{name} maakt een kring: {' → '.join(link.cycle)}",
        f"een item erft velden van het item waar het in staat; verwijder {name} = "
        f"{{{link.written}}} uit '{entry.key}' of een andere verwijzing in de kring",
    )


def _completeness(entry: BibEntry) -> tuple[str, str] | None:
    note = entry.incomplete_note
    if note is not None:
        return (
            f"'{entry.key}' is gemarkeerd als onvolledig" + (f": {note}" if note else ""),
            "vul aan zodra de bron het geeft; tot dan toont de site 'onvolledige bronvermelding'",
        )
    missing = entry.missing_fields()
    if not missing:
        return None
    return (
        f"'{entry.key}' mist {listed([_DUTCH[name] for name in missing])}",
        "vul aan uit de bron, of markeer het item met note = {onvolledig: ...} "
        "als de bron het niet geeft",
    )


def _bad_key(entry: BibEntry, path: str) -> Diagnostic:
    unreadable = " ".join(sorted({char for char in entry.key if not PANDOC_KEY.fullmatch(char)}))
    offset = entry.source.find(entry.key)  # the key, on the entry's first line
    first_line = entry.source.split("\n", 1)[0]
    column = entry.column + (offset if 0 <= offset < len(first_line) else 0)
    return finding(
        path,
        entry.line,
        column,
        "bad-key",
        f"de sleutel '{entry.key}' bevat {unreadable}: pandoc kan zo'n sleutel niet lezen",
        "gebruik in sleutels alleen letters, cijfers en - _ : . / (zie bib/README.md)",
        entry.excerpt,
    )
