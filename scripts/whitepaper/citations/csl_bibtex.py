"""The BibTeX that pandoc reads: one paper's entries, written again from pybtex's reading.

Written from the parsed entry rather than copied from the file, so that pandoc sees exactly
what the check saw: `@string` abbreviations (which may live in another file) expanded, the
first of duplicate keys. On the way, what must not or need not be formatted is dropped:

- a `url` that is not a web address, a `doi` that is not a DOI (a DOI written as a doi.org
  link is reduced to the DOI), by the rules of `links` that the check reports with;
- the `note` of an incomplete entry (it explains the gap; it is not part of the reference).

And two things BibTeX says differently from APA are said as APA means them:

- `options = {useprefix=true}`: "van der Wal" keeps its particle ("van der Wal, 2013", not
  "Wal, 2013"), unless the entry sets useprefix itself;
- an organisation or institution of an entry without author or editor is its group author
  ("CBS. (2020). Cijfers.", APA 7 §9.11), as the check already counts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from whitepaper.links import bare_doi, web_url
from whitepaper.sources.entries import BibEntry

_PERSON_ROLES = ("author", "editor")
_GROUP_FIELDS = ("organization", "institution")


def cited_entries(keys: Iterable[str], entries: Mapping[str, BibEntry]) -> list[BibEntry]:
    """The entries of `keys` that exist, with the entries they `crossref`, sorted by key."""
    found: dict[str, BibEntry] = {}
    pending = [key for key in keys if key in entries]
    while pending:
        key = pending.pop()
        if key not in found:
            found[key] = entries[key]
            parent = found[key].fields.get("crossref", "").strip()
            if parent in entries:
                pending.append(parent)
    return [found[key] for key in sorted(found)]


def bibtex(entry: BibEntry) -> str:
    """`entry` as BibTeX for pandoc, cleaned as the module docstring says."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    persons = {
        role.lower(): " and ".join(str(person) for person in people)
        for role, people in entry.entry.persons.items()
    }
    url = web_url(fields.pop("url", "").strip())
    if url:
        fields["url"] = url
    doi = bare_doi(fields.pop("doi", ""))
    if doi:
        fields["doi"] = doi
    if entry.incomplete:
        fields.pop("note", None)
    if "useprefix" not in fields.get("options", ""):
        fields["options"] = ",".join(filter(None, (fields.get("options"), "useprefix=true")))
    if not any(persons.get(role) for role in _PERSON_ROLES):
        group = next((name for name in _GROUP_FIELDS if fields.get(name)), None)
        if group:
            persons["author"] = "{" + fields.pop(group) + "}"
    lines = [f"@{entry.entry.type}{{{entry.key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in {**persons, **fields}.items()]
    return "\n".join([*lines, "}\n"])
