"""`whitepaper pdf [PAPER …]`: only the PDFs; the site is built in a scratch folder and thrown
away, so the built site's size labels never disagree with its PDFs."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from whitepaper.cache import write_atomically
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem
from whitepaper.commands._mkdocs import ConfigProblem, build_into, load, mkdocs_output
from whitepaper.diagnostics import did_you_mean, display_path
from whitepaper.papers import paper_names
from whitepaper.pdf.book import PDF_DIR


def run_pdf(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from whitepaper.plugin import WhitepaperPlugin

    with mkdocs_output(logging.WARNING):  # the check's warnings are `whitepaper check`'s job
        config = load(args.config_file)
        plugin = config.plugins.get("whitepaper")
        if not isinstance(plugin, WhitepaperPlugin):
            raise ConfigProblem(f"{args.config_file} gebruikt de plugin whitepaper niet")
        problem = _unknown_paper(args.papers, Path(config.docs_dir))
        if problem:
            raise UsageProblem(problem)
        # The plugin's own options: PDFs of the papers asked for, no search index to build.
        plugin.config.update({"pdf": True, "search": False, "pdf_papers": args.papers})
        out = Path(args.output)
        with tempfile.TemporaryDirectory(prefix=".whitepaper-pdf-") as scratch:
            try:
                build_into(config, Path(scratch))
            except MkDocsException as error:
                print(f"PDF's maken mislukt ({error})", file=sys.stderr)
                return EXIT_FINDINGS
            made = sorted((Path(scratch) / PDF_DIR).glob("*.pdf"))
            out.mkdir(parents=True, exist_ok=True)
            for pdf in made:
                write_atomically(out / pdf.name, pdf.read_bytes())
    for pdf in made:
        print(f"PDF geschreven: {display_path(out / pdf.name, Path.cwd())}")
    return EXIT_OK


def _unknown_paper(names: list[str], docs: Path) -> str | None:
    """Why one of `names` is not a paper (a folder of docs/ with an index.md), or None."""
    papers = paper_names(docs)
    for name in names:
        if name not in papers:
            hint = did_you_mean(name, papers)
            return f"'{name}' is geen whitepaper in {display_path(docs, Path.cwd())}/; {hint}"
    return None
