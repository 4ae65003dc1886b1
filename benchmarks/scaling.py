"""How `whitepaper check` and the full site build grow: each doubling of pages or entries.

Goal (issue 17, "Scaling"): near-linear growth, each doubling at most 2.2 times as long.
The check runs cold in a fresh process (check_speed.cold_check) at N, 2N and 4N pages with M
entries, and at M, 2M and 4M entries with N pages (N, M: a quarter of --pages, --entries;
250 pages and 2,500 entries by default). The full build is `mkdocs build` in a fresh process
with the project's mkdocs.yml and theme, cold cache, PDFs and Pagefind on as a user builds:
20, 40 and 80 pages (two, four, eight papers) with 400 entries, and 400, 800 and 1,600
entries with 20 pages (sizes that keep the whole run, three runs of each, near ten minutes
on two cores); the same pages built plain (`pdf: false`, `search: false`, nothing
cited) show what MkDocs and Material add by themselves (no goal: not ours). The sizes of
each series are measured in turn within each run, so a busy machine slows all alike.
"""

from __future__ import annotations

import argparse
import shutil
from functools import partial
from pathlib import Path

from benchmarks.check_speed import cold_check
from benchmarks.corpus import Corpus, generate
from benchmarks.measure import Runs, Section, collect, interleaved, mkdocs_build
from benchmarks.site_speed import as_site

GOAL = 2.2  # each doubling at most this many times as long
BUILD_PAGES, BUILD_ENTRIES = 20, 400
QUICK_BUILD_PAGES, QUICK_BUILD_ENTRIES = 5, 50


def series(base: int) -> list[int]:
    """A size and its two doublings."""
    return [base, 2 * base, 4 * base]


def doublings(section: Section, label: str, size: str, other: str, measured: list[Runs]) -> None:
    """The figure at the smallest size, then "<label>, 2N/N pages (<other>)" and
    "<label>, 4N/2N pages (<other>)", each against its half (`size`: "N pages" or "M entries";
    `other`: what stays the same)."""
    letter, unit = size.split()
    names = [letter, f"2{letter}", f"4{letter}"]
    section.add(f"{label}, {letter} {unit} ({other})", measured[0])
    for step in (1, 2):
        section.compare(
            f"{label}, {names[step]}/{names[step - 1]} {unit} ({other})",
            measured[step],
            measured[step - 1],
            GOAL,
            at_least=False,
        )


def check_figures(section: Section, args: argparse.Namespace, workdir: Path) -> None:
    pages, entries = max(args.pages // 4, 1), max(args.entries // 4, 1)
    by_pages = [generate(workdir / f"check-{n}p", n, entries) for n in series(pages)]
    by_entries = [by_pages[0]] + [
        generate(workdir / f"check-{m}e", pages, m) for m in series(entries)[1:]
    ]
    corpora = by_pages + by_entries[1:]
    measures = [partial(cold_check, corpus) for corpus in corpora]
    times = [collect(done) for done in interleaved(measures, args.runs)]
    section.add("cold check: N", pages, unit="pages")
    section.add("cold check: M", entries, unit="entries")
    doublings(section, "cold check", "N pages", f"{entries} entries", times[:3])
    doublings(section, "cold check", "M entries", f"{pages} pages", [times[0], *times[3:]])


def full_build(corpus: Corpus, **options: bool) -> float:
    """`mkdocs build` of the corpus with a cold cache and no site left from before."""
    config = as_site(corpus, **options)
    shutil.rmtree(corpus.root / ".cache", ignore_errors=True)
    shutil.rmtree(corpus.root / "site", ignore_errors=True)
    return mkdocs_build(config, "-q")[0]


def build_figures(section: Section, args: argparse.Namespace, workdir: Path) -> None:
    pages, entries = (
        (QUICK_BUILD_PAGES, QUICK_BUILD_ENTRIES) if args.quick else (BUILD_PAGES, BUILD_ENTRIES)
    )
    sizes = [(n, entries) for n in series(pages)] + [(pages, m) for m in series(entries)]
    corpora = {size: generate(workdir / f"build-{size[0]}p-{size[1]}e", *size) for size in sizes}
    plain = [generate(workdir / f"plain-{n}p", n, 0) for n in series(pages)]
    measures = [partial(full_build, corpus) for corpus in corpora.values()]
    measures += [partial(full_build, corpus, pdf=False, search=False) for corpus in plain]
    done = [Runs(tuple(values)) for values in interleaved(measures, args.runs)]
    times = dict(zip(corpora, done, strict=False))  # the full builds, then the plain ones
    plain_times = done[len(corpora) :]
    section.add("full build: N", pages, unit="pages")
    section.add("full build: M", entries, unit="entries")
    by_pages = [times[size] for size in sizes[:3]]
    doublings(section, "full build", "N pages", f"{entries} entries", by_pages)
    by_entries = [times[size] for size in sizes[3:]]
    doublings(section, "full build", "M entries", f"{pages} pages", by_entries)
    section.add("plain build (MkDocs and Material alone), N pages", plain_times[0])
    for step, name in ((1, "2N/N"), (2, "4N/2N")):
        base = plain_times[step - 1].median
        section.add(
            f"plain build, {name} pages (no goal: not ours)",
            plain_times[step],
            baseline=base,
            ratio=plain_times[step].median / base,
        )


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    section = Section("scaling: each doubling, cold; the full build with PDFs and search")
    check_figures(section, args, workdir)
    build_figures(section, args, workdir)
    return [section]
