"""The BibTeX that pandoc reads: one paper's entries, written again from pybtex's reading.

Written from the parsed entry rather than copied from the file, so that pandoc sees exactly
what the check saw: `@string` abbreviations (which may live in another file) expanded, the
first of duplicate keys. On the way, what must not or need not be formatted is dropped:

- a `url` that is not a web address, a `doi` that is not a DOI (a DOI written as a doi.org
  link is reduced to the DOI), by the rules of `links` that the check reports with;
- the `note` of an incomplete entry (it explains the gap; it is not part of the reference).

Each field's text is written so that pandoc, which reads it as LaTeX, shows what pybtex read
(`sources.field_text.for_pandoc`: `%` and `#` escaped, and the like); a field name or entry
type pandoc's reader cannot take (`x.y = ...`, `@my-type`) would stop it reading the whole
file, so such a field is left out (pandoc knows no such field) and such a type is `misc`
(pandoc knows no such type). `crossref` and `xdata` name the entries they resolved to (as
those write their keys, for pandoc's lookup is exact) and never one in a ring: pandoc would
follow it without end.

The title of a work in another language than the pages' (its `langid`, else its `language`:
`sources.languages`) is put in `\\foreignlanguage{<babel name>}{…}`: pandoc's LaTeX reader makes
that a span with the `lang` attribute, around the title only, so a screen reader speaks it
and WeasyPrint hyphenates it in its own language while "In", "red." and the retrieval date
stay Dutch. The `langid` itself goes on to pandoc, which makes it the CSL `language`: APA's
title case of journal names and of a title cited in the text applies to English works only.

And two things BibTeX says differently from APA are said as APA means them:

- `options = {useprefix=true}`: "van der Wal" keeps its particle ("van der Wal, 2013", not
  "Wal, 2013"), unless the entry sets useprefix itself;
- an organisation or institution of an entry without author or editor is its group author
  ("CBS. (2020). Cijfers.", APA 7 §9.11), as the check already counts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from whitepaper.links import bare_doi, web_url
from whitepaper.sources.crossrefs import LINK_FIELDS
from whitepaper.sources.entries import BibEntry
from whitepaper.sources.field_text import RAW_FIELDS, for_pandoc
from whitepaper.sources.languages import entry_language

_PERSON_ROLES = ("author", "editor")
_GROUP_FIELDS = ("organization", "institution")
_PANDOC_FIELD_NAME = re.compile(r"[\w:+-]+")  # pandoc: letters, digits and - _ : +
_PANDOC_TYPE = re.compile(r"[^\W\d_]+")  # pandoc: letters only
_TITLE_FIELDS = ("title", "shorttitle")  # the work's own title: not its journal's or book's
_BRACE_OR_COLON = re.compile(r"\\.|[{}]|:\s*", re.DOTALL)  # an escaped character is neither


def cited_entries(keys: Iterable[str], entries: Mapping[str, BibEntry]) -> list[BibEntry]:
    """The entries of `keys` that exist, with those they inherit from, sorted by key."""
    found: dict[str, BibEntry] = {}
    pending = [entries[key] for key in keys if key in entries]
    while pending:
        entry = pending.pop()
        if entry.key not in found:
            found[entry.key] = entry
            pending.extend(entry.parents)
    return [found[key] for key in sorted(found)]


def bibtex(entry: BibEntry) -> str:
    """`entry` as BibTeX for pandoc, cleaned as the module docstring says."""
    fields = {
        name.lower(): for_pandoc(value, raw=name.lower() in RAW_FIELDS)
        for name, value in entry.fields.items()
        if _PANDOC_FIELD_NAME.fullmatch(name)
    }
    for name in LINK_FIELDS:  # the entries they resolved to, none in a ring
        fields.pop(name, None)
        if keys := [link.target for link in entry.links if link.field == name and link.followed]:
            fields[name] = ",".join(key for key in keys if key)
    persons = {
        role.lower(): " and ".join(for_pandoc(str(person)) for person in people)
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
    language = entry_language(entry)
    if language and language.foreign:
        for name in (name for name in _TITLE_FIELDS if fields.get(name)):
            fields[name] = _in_language(fields[name], language.babel)
    if "useprefix" not in fields.get("options", ""):
        fields["options"] = ",".join(filter(None, (fields.get("options"), "useprefix=true")))
    if not any(persons.get(role) for role in _PERSON_ROLES):
        group = next((name for name in _GROUP_FIELDS if fields.get(name)), None)
        if group:
            persons["author"] = "{" + fields.pop(group) + "}"
    kind = entry.entry.type if _PANDOC_TYPE.fullmatch(entry.entry.type) else "misc"
    lines = [f"@{kind}{{{entry.key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in {**persons, **fields}.items()]
    return "\n".join([*lines, "}\n"])


def _in_language(title: str, babel: str) -> str:
    """`title` in `\\foreignlanguage{babel}{…}`, in two parts at its first ':' outside braces,
    where pandoc cuts the short title an authorless work is cited by: one span would hide it."""
    depth = 0
    for token in _BRACE_OR_COLON.finditer(title):
        depth += {"{": 1, "}": -1}.get(token[0], 0)
        if depth == 0 and token[0].startswith(":"):
            head, tail = title[: token.start()], title[token.end() :]
            return f"{_foreign(head, babel)}{token[0]}{_foreign(tail, babel)}"
    return _foreign(title, babel)


def _foreign(text: str, babel: str) -> str:
    return f"\\foreignlanguage{{{babel}}}{{{text}}}" if text.strip() else text
