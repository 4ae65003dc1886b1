"""What a rebuild of the live preview (`whitepaper serve`) may keep from the build before it.

A full build renders every page; on 200 pages that takes seconds, most of it Markdown, the
HTML guard and the theme's navigation, page by page. After a save that changed only pages,
and nothing of them that another page shows, only those pages are rendered again and every
other page keeps what the previous build made of it. What another page shows of a page: its
front matter (the paper's title and metadata: navigation, home page, "Bronnen", "Over deze
site"), the keys it cites in their order (the "Bronnen" page's links), the paper's formatted
citations (one citeproc run per paper: a new source can change another page's "2020a"): any
of those changed, a file added or removed, a .bib file, mkdocs.yml or the theme, is a full
build. Its title too (the navigation, the previous and next links), but that is known only once
the page is rendered: the plugin then templates every page again, their content kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whitepaper.citations.format import PaperCitations
from whitepaper.health.standing import Standing
from whitepaper.sources.documents import Document

PAGE_SUFFIX = ".md"
Stamps = Mapping[str, tuple[int, int]]  # path -> (mtime in ns, size)


def stamps(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every file below `roots` (or the root itself, a file) with its time and size."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        paths = [root] if root.is_file() else _below(root)
        for path in paths:
            status = path.lstat()
            found[str(path)] = (status.st_mtime_ns, status.st_size)
    return found


def _below(root: Path) -> Iterable[Path]:
    for folder, _, names in os.walk(root):
        yield from (Path(folder, name) for name in names)


def changed_pages(before: Stamps, now: Stamps) -> frozenset[str] | None:
    """The pages (paths) saved since `before`, when nothing else changed; None: anything
    else changed (a file added or removed, another kind of file), or nothing did."""
    if before.keys() != now.keys():
        return None
    changed = frozenset(path for path, stamp in now.items() if before[path] != stamp)
    if not changed or not all(path.endswith(PAGE_SUFFIX) for path in changed):
        return None
    return changed


@dataclass(frozen=True)
class Shown:
    """What the pages `changed` show every other page, in one build: compared between two."""

    changed: frozenset[str]
    front_matter: tuple[object, ...]
    cited: tuple[tuple[str, ...], ...]
    citations: tuple[object, ...]  # per paper: its references, the other pages' citations


def shown(
    changed: frozenset[str],
    documents: Iterable[Document],
    citations: Mapping[str, PaperCitations],
) -> Shown:
    pages = sorted((d for d in documents if str(d.path) in changed), key=lambda d: str(d.path))
    posix = {Path(path).as_posix() for path in changed}
    return Shown(
        changed,
        tuple(repr(page.front_matter) for page in pages),  # repr: dates and lists alike
        tuple(tuple(item.key for c in page.citations for item in c.items) for page in pages),
        tuple(
            (
                name,
                paper.references,
                {place: html for place, html in paper.citations.items() if place[0] not in posix},
            )
            for name, paper in sorted(citations.items())
        ),
    )


@dataclass
class Memory:
    """What the previous build of this serve process saw and made of each page."""

    stamps: Stamps
    documents: tuple[Document, ...]
    grouped: Mapping[str, Sequence[Document]]  # by paper
    standings: Mapping[str, Standing]
    citations: Mapping[str, PaperCitations]
    pages: dict[str, object] = field(default_factory=dict)  # uri -> the adapter's page state
    titles: dict[str, str | None] = field(default_factory=dict)  # uri -> its title


def kept(before: Memory | None, now: Stamps) -> Memory | None:
    """`before`, when only pages changed since: what it made of the bibliography and of the
    papers whose pages are the same (their citations) holds now too."""
    return before if before and changed_pages(before.stamps, now) is not None else None


def formatted_before(
    kept: Memory | None, grouped: Mapping[str, Sequence[Document]]
) -> dict[str, PaperCitations]:
    """The citations of each paper whose pages are what they were, as formatted before."""
    if kept is None:
        return {}
    return {
        paper: kept.citations[paper]
        for paper, documents in grouped.items()
        if paper in kept.citations and tuple(documents) == tuple(kept.grouped.get(paper, ()))
    }


def pages_to_render(
    before: Memory | None,
    now: Stamps,
    documents: Iterable[Document],
    citations: Mapping[str, PaperCitations],
) -> frozenset[str] | None:
    """The pages (paths) this build must render again, all others kept from `before`;
    None: a full build."""
    changed = changed_pages(before.stamps, now) if before else None
    if before is None or changed is None:
        return None
    documents = tuple(documents)
    if {str(d.path) for d in documents} != {str(d.path) for d in before.documents}:
        return None
    if shown(changed, before.documents, before.citations) != shown(changed, documents, citations):
        return None
    return changed
