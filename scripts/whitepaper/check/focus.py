"""What a contributor sees first: the findings of the files she named (or changed), then the
rest; and acknowledged incompleteness collapsed into one line.

Pure: findings and the check's reading of the sources in, findings sorted into three groups
out. An entry marked `note = {onvolledig: ...}` (`BibEntry.incomplete_note`) is a known state,
not news, so its `incomplete-entry` warning is collapsed, unless the entry is one of hers: in
a named .bib file or named lines of one, or cited on a named page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from whitepaper.diagnostics import Diagnostic, display_path
from whitepaper.sources.entries import BibEntry
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
class _Place:
    first: int
    last: int
    entry: BibEntry


def focus(
    found: Sequence[Diagnostic], sources: Sources, named: Named, *, show_incomplete: bool = False
) -> Focused:
    """Sort `found` into the named, the rest and the collapsed (none with `show_incomplete`)."""
    places = _entry_places(sources)
    cited = _cited_on(sources, named)
    # hers, hers but known (marked onvolledig: after the rest, so GitHub's ten annotations a
    # step show her new ones), elsewhere, collapsed
    groups: tuple[list[Diagnostic], ...] = ([], [], [], [])
    for diagnostic in found:
        place = _place_of(places, diagnostic)
        if place is None:
            mine = named.names_lines(diagnostic.path, diagnostic.line, diagnostic.line)
        else:
            lines_named = named.names_lines(diagnostic.path, place.first, place.last)
            mine = lines_named or place.entry.key in cited
        acknowledged = place is not None and place.entry.incomplete_note is not None
        known = diagnostic.code == "incomplete-entry" and acknowledged
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


def _entry_places(sources: Sources) -> dict[str, tuple[list[int], list[_Place]]]:
    """Each .bib file's entries by the lines they span, in file order, with their first lines
    (what a finding's line is looked up in)."""
    places: dict[str, list[_Place]] = {}
    for entry in sources.bibliography.all_entries:
        last = entry.line + entry.source.count("\n")
        places.setdefault(display_path(entry.path, sources.root), []).append(
            _Place(entry.line, last, entry)
        )
    ordered = {path: sorted(spans, key=lambda place: place.first) for path, spans in places.items()}
    return {path: ([place.first for place in spans], spans) for path, spans in ordered.items()}


def _place_of(
    places: Mapping[str, tuple[list[int], list[_Place]]], diagnostic: Diagnostic
) -> _Place | None:
    """The entry a finding in a .bib file lies in, or None (a page, or between entries)."""
    firsts, spans = places.get(diagnostic.path, ([], []))
    index = bisect_right(firsts, diagnostic.line) - 1
    if index >= 0 and spans[index].last >= diagnostic.line:
        return spans[index]
    return None


def _cited_on(sources: Sources, named: Named) -> set[str]:
    """The keys of the entries the named pages cite, and of what those inherit from."""
    entries = sources.bibliography.entries
    keys = set()
    for doc in sources.documents:
        path = display_path(doc.path, sources.root)
        citing = named.citing_lines.get(path)
        if citing is None and not named.names_file(path):
            continue
        for citation in doc.citations:
            keys |= {i.key for i in citation.items if citing is None or i.span.line in citing}
    pending = [entries[key] for key in keys if key in entries]
    while pending:
        for parent in pending.pop().parents:
            if parent.key not in keys:
                keys.add(parent.key)
                pending.append(parent)
    return keys
