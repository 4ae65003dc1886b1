"""The site build with citations rendered, against the same corpus with no citations at all.

Goals (issue "Citations on the site"): a cold build (empty cache) at most 3 times the plain
build for 50 pages / 500 entries and at most 4 times for 200 pages / 2,000 entries; a warm
build (formatted references cached per paper) at most 1.25 times the plain build. Every build
is `mkdocs build` in a fresh process with the project's own mkdocs.yml and theme.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from benchmarks.corpus import Corpus, generate
from benchmarks.measure import Runs, Section, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(50, 500, 3.0), (200, 2000, 4.0)]  # pages, entries, cold-build goal


PLUGIN_LINE = "  - whitepaper:\n"  # in the project's mkdocs.yml, under `plugins:`


def as_site(corpus: Corpus, **options: bool | int) -> Path:
    """The corpus with the project's mkdocs.yml and theme overrides beside it; `options` are
    written into the copy as the whitepaper plugin's options (`pdf=False`: `pdf: false`)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if text.count(PLUGIN_LINE) != 1:
        raise RuntimeError(f"{ROOT / 'mkdocs.yml'} has no single line {PLUGIN_LINE.strip()!r}")
    lines = "".join(f"      {name}: {json.dumps(value)}\n" for name, value in options.items())
    (corpus.root / "mkdocs.yml").write_text(
        text.replace(PLUGIN_LINE, PLUGIN_LINE + lines), encoding="utf-8"
    )
    overrides = corpus.root / "overrides"
    if not overrides.exists():
        overrides.symlink_to(ROOT / "overrides", target_is_directory=True)
    return corpus.root / "mkdocs.yml"


def build(config: Path, *, cold: bool) -> float:
    if cold:
        shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    return mkdocs_build(config, "-q")[0]


def run(args: argparse.Namespace, workdir: Path) -> list[Section]:
    sections = []
    sizes = [(10, 100, 3.0)] if args.quick else SIZES
    for pages, entries, cold_goal in sizes:
        # No PDFs: they have their own benchmark (pdf_speed) and would swamp the citations' cost.
        cited = as_site(generate(workdir / f"cited-{pages}", pages, entries), pdf=False)
        plain = as_site(generate(workdir / f"plain-{pages}", pages, 0), pdf=False)
        plain_time = Runs(tuple(build(plain, cold=True) for _ in range(args.runs)))
        cold = Runs(tuple(build(cited, cold=True) for _ in range(args.runs)))
        warm = Runs(tuple(build(cited, cold=False) for _ in range(args.runs)))
        section = Section(f"site: {pages} pages, {entries} entries")
        section.add("plain build", plain_time)
        section.compare(
            "cold build / plain build",
            cold,
            plain_time,
            cold_goal,
            at_least=False,
        )
        section.compare(
            "warm build / plain build",
            warm,
            plain_time,
            1.25,
            at_least=False,
        )
        sections.append(section)
    return sections
