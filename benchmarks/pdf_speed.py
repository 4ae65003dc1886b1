"""The PDF stage of the site build: cold on one process and on every core, warm, and its share.

Goal (the PDF issue): with nothing changed since the last build, the PDF stage at least 10 times
faster than when it made every PDF (cold). Also measured: the whole warm build against the same
site built without PDFs (`pdf: false`; at most 1.25 times), and rendering on every core against
one process (at least 1.3 times faster, when there are two cores and two papers to share).
Every build is `mkdocs build` in a fresh process with the project's mkdocs.yml and theme,
Pagefind off; the PDF stage's seconds are the plugin's own log line. Each is the median of
`--runs` builds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import Corpus, generate
from benchmarks.measure import Runs, Section, mkdocs_build
from benchmarks.site_speed import as_site

SIZE, QUICK_SIZE = (40, 400), (20, 200)  # pages, entries: four papers of ten pages; two
# "PDF's: 5 gemaakt (0 ongewijzigd, uit de cache) in 4.70 s": N made (K of them from the cache)
LOG_LINE = re.compile(r"PDF's: (\d+) gemaakt \((\d+) ongewijzigd, uit de cache\) in ([\d.]+) s")
RESOLUTION = 0.005  # the log line rounds to 0.01 s: "0.00 s" is under this


@dataclass(frozen=True)
class Build:
    seconds: float  # the whole `mkdocs build`, as a user waits for it
    pdf_seconds: float  # the PDF stage, from the plugin's log line (0 without PDFs)
    made: int = 0
    cached: int = 0
    pdf_bytes: int = 0  # of every paper's PDF


def build(corpus: Corpus, *, cold: bool, **options: bool | int) -> Build:
    """One `mkdocs build` of the corpus with these plugin options (Pagefind always off)."""
    config = as_site(corpus, search=False, **options)
    if cold:
        shutil.rmtree(corpus.root / ".cache", ignore_errors=True)
    shutil.rmtree(corpus.root / "site", ignore_errors=True)  # no PDF left from a build before
    elapsed, log = mkdocs_build(config)
    if options.get("pdf") is False:
        return Build(elapsed, 0.0)
    made, cached, pdf_seconds = pdf_log(log)
    return Build(elapsed, pdf_seconds, made, cached, _pdf_bytes(corpus))


def pdf_log(log: str) -> tuple[int, int, float]:
    """The PDF stage's log line in a build's output: PDFs made, of them from the cache, seconds."""
    logged = LOG_LINE.findall(log)
    if len(logged) != 1:
        raise RuntimeError(f"no single PDF log line in the build's output:\n{log[-3000:]}")
    made, cached, seconds = logged[0]
    return int(made), int(cached), float(seconds)


def papers(corpus: Corpus) -> list[str]:
    """The corpus's papers: its folders in docs/, each one PDF."""
    return sorted(path.name for path in corpus.docs.iterdir() if path.is_dir())


def _pdf_bytes(corpus: Corpus) -> int:
    """The size of every paper's PDF in site/pdf/; a paper without one stops the benchmark."""
    total = 0
    for name in papers(corpus):
        path = corpus.root / "site" / "pdf" / f"{name}.pdf"
        if not path.is_file() or not path.read_bytes().startswith(b"%PDF-"):
            raise RuntimeError(f"the build wrote no PDF {path}")
        total += path.stat().st_size
    return total


def stage(runs: list[Build]) -> Runs:
    """The PDF stage's seconds over the runs; the log's 0.01 s steps make a warm stage logged
    as 0.00 s count as RESOLUTION (a lower bound)."""
    return Runs(tuple(max(run.pdf_seconds, RESOLUTION) for run in runs))


def whole(runs: list[Build]) -> Runs:
    return Runs(tuple(run.seconds for run in runs))


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    pages, entries = QUICK_SIZE if args.quick else SIZE
    corpus = generate(workdir / "corpus", pages, entries)
    names = papers(corpus)
    cores = len(os.sched_getaffinity(0))
    n = args.runs
    serial = [build(corpus, cold=True, pdf_workers=1) for _ in range(n)]
    parallel = [build(corpus, cold=True, pdf_workers=0) for _ in range(n)]
    warm = [build(corpus, cold=False, pdf_workers=0) for _ in range(n)]
    # Without PDFs, with the check's and the citations' caches kept: the warm build's baseline.
    plain = whole([build(corpus, cold=False, pdf=False) for _ in range(n)])
    for variant in (*serial, *parallel, *warm):
        if variant.made != len(names):
            raise RuntimeError(f"the build made {variant.made} PDFs for {len(names)} papers")

    section = Section(f"pdf: {pages} pages, {len(names)} papers, {entries} entries, {cores} cores")
    section.add("PDFs", len(names), unit="PDFs")
    section.add("PDFs, their size in all", warm[-1].pdf_bytes / 1e6, unit="MB")
    section.add("PDFs from the cache in a warm build", warm[-1].cached, unit="PDFs")
    section.add("PDF stage, cold serial", stage(serial))
    section.compare(
        "warm PDF stage, times faster than cold",
        stage(warm),
        stage(parallel),
        10,
        at_least=True,
    )
    section.add("whole build, cold serial", whole(serial))
    section.add("whole build, cold parallel", whole(parallel))
    section.compare(
        "warm build / build with pdf: false",
        whole(warm),
        plain,
        1.25,
        at_least=False,
    )
    speedup = stage(serial).median / stage(parallel).median
    label = "cold PDF stage, serial / parallel"
    if cores >= 2 and len(names) >= 2:
        section.compare(label, stage(parallel), stage(serial), 1.3, at_least=True)
    else:  # no goal: one core or one paper
        section.add(label, stage(parallel), baseline=stage(serial).median, ratio=speedup)
    return [section]
