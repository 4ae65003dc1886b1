"""The whole build at each bound of `check/bounds_rules.py`, against the largest page allowed.

Goals (issue 13, "resource bounds"): the build grows linearly with a page's size up to the
size bound (a page at the bound at most 14 times a page a tenth its size); and at every other
bound, with the worst input it allows, the build takes no longer than for a page at the size
bound: footnote references each to a note of their own and each note referred to as often as
allowed, a paper citing as many entries as allowed (pandoc, cold), a bibliography of as many
entries as allowed. Every build is a cold `mkdocs build` (no cache) in a fresh process, with
the project's mkdocs.yml and theme: check, citations, search index and PDF, as users run it.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from benchmarks.corpus import Corpus, entry_key, generate, write_bibliography
from benchmarks.measure import Section, mkdocs_build
from benchmarks.site_speed import as_site
from whitepaper.check import bounds_rules

FRONT = "---\ntitle: Grenzen\nversion: '1.0'\n---\n\n# Grenzen\n\n"
# The corpus generator aims at characters and ends with a whole block; Dutch letters take two
# bytes: aim below the bound so that the page stays within it.
SIZE_MARGIN = 0.96


@dataclass(frozen=True)
class Bounds:
    page_bytes: int
    per_page: int  # references to footnotes on a page
    per_note: int  # references to one footnote
    cited: int  # distinct entries a paper cites
    entries: int  # entries in the bibliography


def bounds(quick: bool) -> Bounds:
    """The check's bounds; a tenth of each (references to one note kept) with --quick."""
    scale = 10 if quick else 1
    return Bounds(
        bounds_rules.MAX_PAGE_BYTES // scale,
        bounds_rules.MAX_REFERENCES_PER_PAGE // scale,
        bounds_rules.MAX_REFERENCES_PER_NOTE,
        bounds_rules.MAX_CITED_ENTRIES // scale,
        bounds_rules.MAX_ENTRIES // scale,
    )


def page_site(root: Path, body: str, entries: int) -> Path:
    """One paper of one page (`body` below its front matter) citing `entries` entries."""
    docs, bib = root / "docs", root / "bib"
    (docs / "grenzen").mkdir(parents=True, exist_ok=True)
    bib.mkdir(parents=True, exist_ok=True)
    write_bibliography(bib / "references.bib", entries, random.Random(2026))
    (docs / "grenzen" / "index.md").write_text(FRONT + body, encoding="utf-8")
    return as_site(Corpus(root, docs, bib, 1, entries))


def text_page(root: Path, page_bytes: int, entries: int = 100) -> Path:
    """The corpus's ordinary prose, with its citations and footnotes, of about `page_bytes`."""
    corpus = generate(root, 1, entries, page_chars=int(page_bytes * SIZE_MARGIN))
    return as_site(corpus)


def footnote_page(root: Path, references: int, per_note: int) -> Path:
    """`references` sentences, each referring to a footnote; each note referred to `per_note`
    times and citing an entry."""
    notes = references // per_note
    sentences = (f"Zin {i} over fascia en spieren[^{i % notes + 1}]." for i in range(references))
    definitions = (f"[^{n}]: Zie @{entry_key(n % 10)}." for n in range(1, notes + 1))
    return page_site(root, "\n\n".join([*sentences, *definitions]) + "\n", 10)


def citing_page(root: Path, cited: int) -> Path:
    """A paper citing `cited` entries, each once."""
    sentences = (f"Zin {i} over fascia [@{entry_key(i)}]." for i in range(cited))
    return page_site(root, "\n\n".join(sentences) + "\n", cited)


def cold_build(config: Path) -> float:
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    return mkdocs_build(config, "-q")[0]


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    at = bounds(args.quick)
    size = cold_build(text_page(workdir / "size", at.page_bytes))
    tenth = cold_build(text_page(workdir / "tenth", at.page_bytes // 10))
    base = cold_build(text_page(workdir / "base", 11_000))
    scaled = " divided by 10" if args.quick else ""
    section = Section(
        f"bounds: the whole build (check, citations, search, PDF), cold, at the bounds{scaled};"
        f" the size bound {at.page_bytes / 1e6:g} MB"
    )
    section.add("an ordinary page (11 kB)", base)
    section.compare(
        "time, page at the size bound / a tenth of it",
        size,
        tenth,
        14,
        at_least=False,
    )
    worst: dict[str, Callable[[Path], Path]] = {
        f"{at.per_page} footnote references, each to its own note": partial(
            footnote_page, references=at.per_page, per_note=1
        ),
        f"{at.per_page} footnote references, {at.per_note} to each note": partial(
            footnote_page, references=at.per_page, per_note=at.per_note
        ),
        f"a paper citing {at.cited} entries": partial(citing_page, cited=at.cited),
        f"a bibliography of {at.entries} entries": partial(
            text_page, page_bytes=11_000, entries=at.entries
        ),
    }
    for number, (label, make) in enumerate(worst.items()):
        seconds = cold_build(make(workdir / f"worst-{number}"))
        section.compare(
            f"{label} / page at the size bound",
            seconds,
            size,
            1.0,
            at_least=False,
        )
    return [section]
