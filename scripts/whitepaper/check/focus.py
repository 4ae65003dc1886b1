"""What a contributor sees first: the findings of the files she named (or changed), then the
rest; and acknowledged incompleteness collapsed into one line.

Pure: findings and what it needs of the check's reading of the sources (`FocusIndex`, cached
with the findings) in, findings sorted into three groups out. An entry marked
`note = {onvolledig: ...}` (`BibEntry.incomplete_note`) is a known state, not news, so its
`incomplete-entry` warning is collapsed, unless the entry is one of hers: in a named .bib
file or named lines of one, or cited on a named page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from whitepaper.diagnostics import Diagnostic, display_path
from whitepaper.sources.reading import Sources


@dataclass(frozen=True)
class Named:
    """What was named, as paths are shown in findings: whole files or folders (a folder names
    everything below it), files of which only some lines count (a shared .bib file), and pages
    whose citations count only on some lines (a changed page: the old citations of a page she
    fixes a typo in are not hers; its findings are, in `files`)."""

    files: frozenset[str] = frozenset()
    lines: Mapping[str, frozenset[int]] = field(default_factory=dict)
    citing_lines: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def names_file(self, path: str) -> bool:
        return any(path == named or path.startswith(f"{named}/") for named in self.files)

    def names_lines(self, path: str, first: int, last: int) -> bool:
        if self.names_file(path):
            return True
        changed = self.lines.get(path, frozenset())  # an entry spans a few lines, a file many
        return any(line in changed for line in range(first, last + 1))


@dataclass(frozen=True)
class Focused:
    """The findings in the order people read them."""

    named: tuple[Diagnostic, ...]  # of the named files, lines and cited entries
    elsewhere: tuple[Diagnostic, ...]  # known findings in files nobody named
    collapsed: tuple[Diagnostic, ...]  # `incomplete-entry` of entries marked onvolledig

    @property
    def shown(self) -> tuple[Diagnostic, ...]:
        return self.named + self.elsewhere


@dataclass(frozen=True)
class EntryPlace:
    """Where an entry stands in its .bib file, and whether it is marked onvolledig."""

    first: int
    last: int
    key: str
    marked: bool  # `BibEntry.incomplete_note` is not None


@dataclass(frozen=True)
class FocusIndex:
    """What `focus` needs of the check's reading of the sources, small enough to be cached
    beside the findings: a warm `whitepaper check` then reads no page and no entry again."""

    entries: dict[str, list[EntryPlace]]  # each .bib file (as findings show it), in line order
    citations: dict[str, list[tuple[str, int]]]  # each page's cited keys, with their lines
    parents: dict[str, list[str]]  # the keys of the entries each entry inherits from


def focus_index(sources: Sources) -> FocusIndex:
    shown = _shown_paths(sources)
    entries: dict[str, list[EntryPlace]] = {}
    for entry in sources.bibliography.all_entries:
        last = entry.line + entry.source.count("\n")
        marked = entry.incomplete_note is not None
        entries.setdefault(shown[entry.path], []).append(
            EntryPlace(entry.line, last, entry.key, marked)
        )
    pages = zip(sources.documents, sources.cited, strict=True)
    citations = {shown[doc.path]: keys for doc, keys in pages}
    parents = {
        key: [parent.key for parent in entry.parents]
        for key, entry in sources.bibliography.entries.items()
        if entry.parents
    }
    ordered = {path: sorted(spans, key=attrgetter("first")) for path, spans in entries.items()}
    return FocusIndex(ordered, citations, parents)


def _shown_paths(sources: Sources) -> dict[Path, str]:
    """Each file's path as findings show it, computed once a file (not once an entry)."""
    paths = {entry.path for entry in sources.bibliography.all_entries}
    paths |= {doc.path for doc in sources.documents}
    return {path: display_path(path, sources.root) for path in paths}


def focus(
    found: Sequence[Diagnostic], index: FocusIndex, named: Named, *, show_incomplete: bool = False
) -> Focused:
    """Sort `found` into the named, the rest and the collapsed (none with `show_incomplete`)."""
    firsts = {path: [place.first for place in places] for path, places in index.entries.items()}
    cited = _cited_on(index, named)
    # hers, hers but known (marked onvolledig: after the rest, so GitHub's ten annotations a
    # step show her new ones), elsewhere, collapsed
    groups: tuple[list[Diagnostic], ...] = ([], [], [], [])
    for diagnostic in found:
        place = _place_of(index, firsts, diagnostic)
        if place is None:
            mine = named.names_lines(diagnostic.path, diagnostic.line, diagnostic.line)
        else:
            lines_named = named.names_lines(diagnostic.path, place.first, place.last)
            mine = lines_named or place.key in cited
        known = diagnostic.code == "incomplete-entry" and place is not None and place.marked
        if mine:
            groups[1 if known else 0].append(diagnostic)
        else:
            groups[3 if known and not show_incomplete else 2].append(diagnostic)
    return Focused(tuple(groups[0] + groups[1]), tuple(groups[2]), tuple(groups[3]))


def collapsed_line(count: int) -> str:
    """The one line that stands for `count` collapsed warnings."""
    if count == 1:
        return "1 bron is gemarkeerd als onvolledig: `whitepaper check --show-incomplete` toont die"
    return (
        f"{count} bronnen zijn gemarkeerd als onvolledig: "
        "`whitepaper check --show-incomplete` toont ze"
    )


def _place_of(
    index: FocusIndex, firsts: Mapping[str, list[int]], diagnostic: Diagnostic
) -> EntryPlace | None:
    """The entry a finding in a .bib file lies in, or None (a page, or between entries)."""
    places = index.entries.get(diagnostic.path)
    if places is None:
        return None
    at = bisect_right(firsts[diagnostic.path], diagnostic.line) - 1
    if at >= 0 and places[at].last >= diagnostic.line:
        return places[at]
    return None


def _cited_on(index: FocusIndex, named: Named) -> set[str]:
    """The keys of the entries the named pages cite, and of what those inherit from."""
    keys = set()
    for path, cited in index.citations.items():
        citing = named.citing_lines.get(path)
        if citing is None and not named.names_file(path):
            continue
        keys |= {key for key, line in cited if citing is None or line in citing}
    pending = list(keys)
    while pending:
        for parent in index.parents.get(pending.pop(), ()):
            if parent not in keys:
                keys.add(parent)
                pending.append(parent)
    return keys
