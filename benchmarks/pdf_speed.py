"""The PDF stage of the site build: cold on one process and on every core, warm, and its share.

Goal (the PDF issue): with nothing changed since the last build, the PDF stage at least 10 times
faster than when it made every PDF (cold). Also measured: the whole warm build against the same
site built without PDFs (`pdf: false`; at most 1.25 times), and rendering on every core against
one process (at least 1.3 times faster, when there are two cores and two papers to share).
Every build is `mkdocs build` in a fresh process with the project's mkdocs.yml and theme,
Pagefind off; the PDF stage's seconds are the plugin's own log line. Each is the best of two
runs (`--quick`: one run, to prove it works in half the time).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import Corpus, generate
from benchmarks.measure import Goals, mkdocs_build
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
    logged = LOG_LINE.findall(log)
    if len(logged) != 1:
        raise RuntimeError(f"no single PDF log line in the build's output:\n{log[-3000:]}")
    made, cached, pdf_seconds = logged[0]
    return Build(elapsed, float(pdf_seconds), int(made), int(cached), _pdf_bytes(corpus))


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


def _shown(pdf_seconds: float) -> str:
    return f"{pdf_seconds:.2f} s" if pdf_seconds >= RESOLUTION else f"< {RESOLUTION} s"


def best(runs: list[Build]) -> Build:
    return min(runs, key=lambda run: (run.pdf_seconds, run.seconds))


def run(args: argparse.Namespace, workdir: Path) -> bool:
    goals = Goals()
    pages, entries = QUICK_SIZE if args.quick else SIZE
    corpus = generate(workdir / "corpus", pages, entries)
    names = papers(corpus)
    cores = len(os.sched_getaffinity(0))
    repeat = 1 if args.quick else 2  # best of 2; --quick only proves it runs, in half the time
    serial = best([build(corpus, cold=True, pdf_workers=1) for _ in range(repeat)])
    parallel = best([build(corpus, cold=True, pdf_workers=0) for _ in range(repeat)])
    warm = best([build(corpus, cold=False, pdf_workers=0) for _ in range(repeat)])
    # Without PDFs, with the check's and the citations' caches kept: the warm build's baseline.
    plain = min(build(corpus, cold=False, pdf=False).seconds for _ in range(repeat))
    for variant in (serial, parallel, warm):
        if variant.made != len(names):
            raise RuntimeError(f"the build made {variant.made} PDFs for {len(names)} papers")

    print(f"pdf: {pages} pages, {len(names)} papers, {entries} entries, {cores} cores")
    goals.info("PDFs", f"{len(names)}, {warm.pdf_bytes / 1e6:.1f} MB in all")
    goals.info(
        "PDF stage: cold serial / cold parallel / warm",
        f"{serial.pdf_seconds:.1f} s / {parallel.pdf_seconds:.1f} s / {_shown(warm.pdf_seconds)}"
        f" ({warm.cached} of {warm.made} from the cache)",
    )
    goals.info(
        "whole build: cold serial / cold parallel / warm / pdf: false",
        f"{serial.seconds:.2f} s / {parallel.seconds:.2f} s / {warm.seconds:.2f} s / {plain:.2f} s",
    )
    # The log's 0.01 s steps: a warm stage logged as 0.00 s counts as RESOLUTION (a lower bound).
    warm_stage = max(warm.pdf_seconds, RESOLUTION)
    goals.report(
        "warm PDF stage, times faster than cold",
        parallel.pdf_seconds / warm_stage,
        10,
        at_least=True,
    )
    goals.report("warm build / build with pdf: false", warm.seconds / plain, 1.25, at_least=False)
    speedup = serial.pdf_seconds / max(parallel.pdf_seconds, RESOLUTION)
    if cores >= 2 and len(names) >= 2:
        goals.report("cold PDF stage, serial / parallel", speedup, 1.3, at_least=True)
    else:
        goals.info(
            "cold PDF stage, serial / parallel", f"{speedup:.2f} (no goal: one core or one paper)"
        )
    return goals.met
