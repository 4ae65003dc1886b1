"""`whitepaper pdf [PAPER …]`: only the PDFs; the site is built in a scratch folder and thrown
away, so the built site's size labels never disagree with its PDFs."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem
from whitepaper.commands._mkdocs import ConfigProblem, build_into, failure, load, mkdocs_output
from whitepaper.commands._staging import reason, staging, write_problem
from whitepaper.diagnostics import did_you_mean, display_path
from whitepaper.papers import paper_names
from whitepaper.pdf.book import PDF_DIR


def run_pdf(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from whitepaper.plugin import WhitepaperPlugin

    with mkdocs_output(logging.WARNING):  # the check's warnings are `whitepaper check`'s job
        config = load(args.config_file, command="whitepaper pdf")
        plugin = config.plugins.get("whitepaper")
        if not isinstance(plugin, WhitepaperPlugin):
            raise ConfigProblem(f"{args.config_file} gebruikt de plugin whitepaper niet")
        problem = _unknown_paper(args.papers, Path(config.docs_dir))
        if problem:
            raise UsageProblem(problem)
        # The plugin's own options: PDFs of the papers asked for, no search index to build.
        plugin.config.update({"pdf": True, "search": False, "pdf_papers": args.papers})
        out = Path(args.output)
        shown = display_path(out, Path.cwd())
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageProblem(
                f"de PDF's kunnen niet in {shown}/ worden geschreven: {reason(error)}; kies met"
                " -o een map waarin u mag schrijven"
            ) from None
        # The scratch site: held while it is built, removed by a later run if this one is killed.
        scratch_of = Path(tempfile.gettempdir()) / "whitepaper-pdf"
        try:
            with staging(scratch_of, mode=0o700) as scratch:
                try:
                    build_into(config, scratch)
                except MkDocsException as error:
                    print(
                        f"PDF's maken mislukt ({failure(error)}); {shown}/ is niet gewijzigd.",
                        file=sys.stderr,
                    )
                    return EXIT_FINDINGS
                made = sorted((scratch / PDF_DIR).glob("*.pdf"))
                _write_all(made, out)
        except OSError as error:
            failed = write_problem(error, "de PDF's passen", out)
            if failed is None:
                raise
            raise failed from None
    for pdf in made:
        print(f"PDF geschreven: {display_path(out / pdf.name, Path.cwd())}")
    return EXIT_OK


def _write_all(pdfs: Sequence[Path], out: Path) -> None:
    """Every PDF into `out`, all or none: each is copied beside its place, then all are renamed
    (a full disk stops the copies, and nothing in `out` has changed)."""
    out.mkdir(parents=True, exist_ok=True)
    copies: list[tuple[Path, Path]] = []
    try:
        for pdf in pdfs:
            handle, name = tempfile.mkstemp(dir=out, prefix=f".{pdf.name}.", suffix=".tmp")
            os.close(handle)
            copies.append((Path(name), out / pdf.name))
            shutil.copyfile(pdf, name)
            os.chmod(name, 0o644)  # mkstemp's 0600 would hide a PDF from a web server
        for copy, target in copies:
            os.replace(copy, target)
    finally:
        for copy, _ in copies:
            copy.unlink(missing_ok=True)


def _unknown_paper(names: list[str], docs: Path) -> str | None:
    """Why one of `names` is not a paper (a folder of docs/ with an index.md), or None."""
    papers = paper_names(docs)
    for name in names:
        if name not in papers:
            hint = did_you_mean(name, papers)
            return f"'{name}' is geen whitepaper in {display_path(docs, Path.cwd())}/; {hint}"
    return None
