"""`whitepaper check` against pandoc parsing the same pages, cold and warm, and at scale.

Goals (issues "whitepaper check" and "Performance"): a cold check (empty cache) at least 5
times faster than each pandoc on the machine parsing the same pages (the one pypandoc bundles,
and Debian's `/usr/bin/pandoc` where it is installed: `tools/system-packages.sh bench`); a
warm check (nothing changed) at least 20 times faster; linear growth in pages (each
doubling: benchmarks/scaling.py); a 10 MB page
and a 50,000-entry bibliography checked in linear time under 1 GiB. Each check is the
`whitepaper check` command in a fresh process, timed as a user waits for it: Python's start,
the imports and the printed findings included. Pandoc reads every page in one process, its
quickest way (one process per paper adds a start of 50-80 ms each); it uses one core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pypandoc
from markdown_it import MarkdownIt
from pybtex.database import parse_file

from benchmarks.corpus import Corpus, generate
from benchmarks.measure import (
    Runs,
    Section,
    collect,
    interleaved,
    timed,
    timed_once,
    whitepaper_check,
)
from benchmarks.report import tool_version
from whitepaper.cache import CACHE_DIR

GIB = 1024**3


DEBIAN_PANDOC = Path("/usr/bin/pandoc")


def pandoc_parse(pandoc: str, corpus: Corpus) -> None:
    """The baseline: `pandoc` reads every page, in one process."""
    pages = [str(page) for page in sorted(corpus.docs.rglob("*.md"))]
    command = [pandoc, "--quiet", "-f", "markdown", "-t", "json", "-o", os.devnull, *pages]
    subprocess.run(command, check=True)


def read_pages(corpus: Corpus) -> None:
    for page in corpus.docs.rglob("*.md"):
        page.read_text(encoding="utf-8")


def markdown_it_parse(corpus: Corpus) -> None:
    md = MarkdownIt("commonmark")
    for page in corpus.docs.rglob("*.md"):
        md.parse(page.read_text(encoding="utf-8"))


def timed_check(corpus: Corpus, *options: str) -> tuple[float, int]:
    """`whitepaper check` in the corpus, in a fresh process: (seconds, peak bytes). Its cache
    is the project's own, `.cache/whitepaper/check/`."""
    return whitepaper_check(corpus.root, *options)


def cold_check(corpus: Corpus) -> tuple[float, int]:
    shutil.rmtree(corpus.root / CACHE_DIR, ignore_errors=True)
    return timed_check(corpus)


def edit_one_page(corpus: Corpus) -> None:
    page = sorted(corpus.docs.rglob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nNog een zin [@auteur00001].\n", "utf-8")


def big_input_run(root: Path, *, page_mb: float, entries: int) -> tuple[float, int]:
    """Check one page of `page_mb` MB against `entries` entries (no cache)."""
    corpus = generate(root, 1, entries, page_chars=int(page_mb * 1_000_000))
    return timed_check(corpus, "--no-cache")


def pandocs() -> list[str]:
    """Every pandoc the check is compared against (the machine's description names them):
    the bundled one, and Debian's where it is installed."""
    found = [pypandoc.get_pandoc_path()]
    if DEBIAN_PANDOC.is_file() and DEBIAN_PANDOC.resolve() != Path(found[0]).resolve():
        found.append(str(DEBIAN_PANDOC))
    return found


def pandoc_name(pandoc: str) -> str:
    """Its name and version as `pandoc --version` gives them: "pandoc 3.9"."""
    return tool_version(pandoc).split(" (", 1)[0]


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    corpus = generate(workdir / "corpus", args.pages, args.entries)
    size = sum(p.stat().st_size for p in corpus.docs.rglob("*.md")) / 1e6
    section = Section(f"check: {args.pages} pages ({size:.1f} MB), {args.entries} entries")
    n = args.runs

    # Each pandoc and the cold check once a round: a drift of the machine's speed falls on all.
    found = pandocs()
    parses = [partial(timed_once, partial(pandoc_parse, p, corpus)) for p in found]
    *parsed, checked = interleaved([*parses, partial(cold_check, corpus)], n)
    names = [pandoc_name(p) for p in found]
    baselines = {name: Runs(tuple(runs)) for name, runs in zip(names, parsed, strict=True)}
    cold = collect(checked)
    for name, pandoc in baselines.items():
        section.add(f"{name} parses the pages", pandoc)
    section.add("reading the pages", timed(lambda: read_pages(corpus), n))
    section.add("markdown-it-py parses the pages", timed(lambda: markdown_it_parse(corpus), n))
    bib_file = str(corpus.bib / "references.bib")
    section.add("pybtex parses the bibliography", timed(lambda: parse_file(bib_file), n))

    warm = collect(timed_check(corpus) for _ in range(n))
    edit_one_page(corpus)
    edited, edited_peak = timed_check(corpus)
    for name, pandoc in baselines.items():
        section.compare(f"cold check, times faster than {name}", cold, pandoc, 5, at_least=True)
    for name, pandoc in baselines.items():
        section.compare(f"warm check, times faster than {name}", warm, pandoc, 20, at_least=True)
    section.add("check with one page edited", edited, peak=edited_peak)

    page_mb, entries = (1, 5_000) if args.quick else (10, 50_000)
    big, big_peak = big_input_run(workdir / "big", page_mb=page_mb, entries=entries)
    section.add(f"{page_mb} MB page + {entries} entries", big, peak=big_peak)
    section.add("peak memory of the large check", big_peak / GIB, unit="GiB", goal=1.0)
    # Each size grown tenfold with the other kept small: linear means a ratio near 10.
    sizes = [page_mb / 10, page_mb]
    pages = [big_input_run(workdir / f"page{mb}", page_mb=mb, entries=100)[0] for mb in sizes]
    counts = [entries // 10, entries]
    bibs = [big_input_run(workdir / f"bib{c}", page_mb=0, entries=c)[0] for c in counts]
    section.compare(
        f"time, {page_mb} MB page / a tenth of it",
        pages[1],
        pages[0],
        14,
        at_least=False,
    )
    section.compare(
        f"time, {entries} entries / a tenth",
        bibs[1],
        bibs[0],
        14,
        at_least=False,
    )
    return [section]
