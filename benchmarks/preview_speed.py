"""A pull request's turnaround: the preview build the pull-request workflow runs, after a
one-paper edit, with the `.cache/whitepaper/` of the previous run restored.

Goals (issue 17): on 200 pages / 2,000 entries (twenty papers) with PDFs and search, the
preview build after a one-paper edit at most 3 times a warm preview build of the unchanged
sources, and only the changed paper's PDF rendered (the others from the cache).

As the workflow's build job does it (.github/workflows/pull-request.yml): `whitepaper build
--preview N` in a fresh process, with WHITEPAPER_SITE_URL and WHITEPAPER_REPO_URL set, on a
runner that has no site/ and the cache of the run before restored. An untimed cold preview
build makes that cache, which is then set aside; every timed build starts from a fresh copy of
it. The baseline is the same build of the unchanged sources; each edit appends a sentence
citing the paper's own entries to another paper's index page. Each is the median of `--runs`.

Also shown, without a goal: a pull request's first preview, whose runner restores the default
branch's cache (a plain build's, with no preview stamp in its PDFs), as preview.yml's always is.
"""

from __future__ import annotations

import argparse
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import PAGES_PER_PAPER, Corpus, entry_key, generate
from benchmarks.measure import Runs, Section, whitepaper_command
from benchmarks.pdf_speed import papers, pdf_log
from benchmarks.site_speed import as_site

SIZE, QUICK_SIZE = (200, 2000), (20, 200)  # pages, entries: twenty papers of ten pages; two
PULL_REQUEST = "17"
SITE_URL = "https://example.org/whitepapers/"
REPO_URL = "https://github.com/example/whitepapers"
CACHE = Path(".cache") / "whitepaper"  # what the workflow saves and restores


@dataclass(frozen=True)
class Build:
    seconds: float
    rendered: int  # PDFs WeasyPrint made in this build
    cached: int  # PDFs copied from the cache


def whitepaper_build(root: Path, *options: str) -> Build:
    """`whitepaper build OPTIONS` in `root` in a fresh process, as the workflow runs it."""
    addresses = {"WHITEPAPER_SITE_URL": SITE_URL, "WHITEPAPER_REPO_URL": REPO_URL}
    elapsed, log = whitepaper_command(root, "build", *options, **addresses)
    made, cached, _ = pdf_log(log)
    return Build(elapsed, made - cached, cached)


def preview_build(root: Path) -> Build:
    return whitepaper_build(root, "--preview", PULL_REQUEST)


def as_fresh_runner(corpus: Corpus, saved: Path, originals: dict[Path, bytes]) -> None:
    """The project as a new runner has it: the sources the cache was made of, each file
    written anew by the checkout (a new mtime), no site/, the previous run's cache restored."""
    for path, text in originals.items():
        path.write_bytes(text)
    for path in [*corpus.docs.rglob("*"), *corpus.bib.rglob("*")]:
        os.utime(path)
    shutil.rmtree(corpus.root / "site", ignore_errors=True)
    shutil.rmtree(corpus.root / CACHE, ignore_errors=True)
    shutil.copytree(saved, corpus.root / CACHE)


def edit_one_paper(corpus: Corpus, number: int) -> None:
    """Append to paper `number`'s index page a sentence citing one of its own entries."""
    share = corpus.entries // -(-corpus.pages // PAGES_PER_PAPER)  # as corpus.generate shares
    key = entry_key((number - 1) * share % corpus.entries)
    page = corpus.docs / f"paper-{number:04d}" / "index.md"
    with page.open("a", encoding="utf-8") as text:
        text.write(f"\nEen nieuwe zin in deze pull request, met een bron [@{key}].\n")


def saved_cache(root: Path, folder: Path) -> Path:
    """The cache of the build just made, set aside as the previous run's."""
    shutil.copytree(root / CACHE, folder)
    return folder


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    pages, entries = QUICK_SIZE if args.quick else SIZE
    corpus = generate(workdir / "corpus", pages, entries)
    as_site(corpus)
    count = len(papers(corpus))
    originals = {path: path.read_bytes() for path in corpus.docs.glob("*/index.md")}
    cold = preview_build(corpus.root)  # the previous run: every PDF rendered
    previous = saved_cache(corpus.root, workdir / "previous-run")

    warm = []
    for _ in range(args.runs):
        as_fresh_runner(corpus, previous, originals)
        warm.append(preview_build(corpus.root))
    edited = []
    for number in range(1, args.runs + 1):
        as_fresh_runner(corpus, previous, originals)
        edit_one_paper(corpus, (number - 1) % count + 1)
        edited.append(preview_build(corpus.root))

    # A pull request's first run restores the cache of the default branch's last run: a plain
    # build (a push to main), whose PDFs have no preview stamp.
    as_fresh_runner(corpus, previous, originals)
    whitepaper_build(corpus.root)
    default_branch = saved_cache(corpus.root, workdir / "default-branch")
    as_fresh_runner(corpus, default_branch, originals)
    edit_one_paper(corpus, 1)
    first = preview_build(corpus.root)

    warm_time = Runs(tuple(build.seconds for build in warm))
    section = Section(f"preview: {pages} pages, {count} papers, {entries} entries, with PDFs")
    section.add("cold preview build (the previous run)", cold.seconds)
    # Goal 0: the baseline must be warm (a code change during the run makes every key new).
    rendered = max(build.rendered for build in warm)
    section.add("PDFs rendered in a warm preview build", rendered, unit="PDFs", goal=0)
    section.compare(
        "preview build after a one-paper edit / warm preview build",
        Runs(tuple(build.seconds for build in edited)),
        warm_time,
        3,
        at_least=False,
    )
    section.add(
        "PDFs rendered after a one-paper edit",
        max(build.rendered for build in edited),
        unit="PDFs",
        goal=1,
    )
    section.add(
        "PDFs from the cache after a one-paper edit",
        min(build.cached for build in edited),
        unit="PDFs",
    )
    # No goal: the stamp and the preview's own addresses are in every PDF (see the report).
    section.add(
        "first preview of a pull request (main's cache) / warm preview build",
        first.seconds,
        baseline=warm_time.median,
        ratio=first.seconds / warm_time.median,
    )
    section.add("PDFs rendered in a pull request's first preview", first.rendered, unit="PDFs")
    return [section]
