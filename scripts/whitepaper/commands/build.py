"""`whitepaper build`: the whole site, moved into place only once it is complete."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK
from whitepaper.commands._mkdocs import build_into, load, mkdocs_output
from whitepaper.diagnostics import display_path
from whitepaper.pdf.book import PDF_DIR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def run_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    with mkdocs_output():
        config = load(args.config_file)
        target = Path(args.site_dir).absolute() if args.site_dir else Path(config.site_dir)
        try:
            build_atomically(config, target)
        except MkDocsException as error:
            print(
                f"Bouwen mislukt ({error}); {display_path(target, Path.cwd())}/ is niet gewijzigd.",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
    shown = display_path(target, Path.cwd())
    pdfs = sorted((target / PDF_DIR).glob("*.pdf"))
    made = f", met {len(pdfs)} PDF's in {shown}/{PDF_DIR}/" if pdfs else ""
    print(f"Site gebouwd in {shown}/{made}.")
    print(
        f"Bekijk hem zoals lezers hem krijgen met `python3 -m http.server -d {shown}` op"
        " http://127.0.0.1:8000/ (of live, bij elke wijziging bijgewerkt maar zonder PDF's,"
        " met `whitepaper serve`)."
    )
    return EXIT_OK


def build_atomically(config: MkDocsConfig, target: Path) -> None:
    """Build into a fresh folder beside `target`; only a finished build replaces `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server's user
    try:
        build_into(config, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace_dir(staging, target)


def _replace_dir(built: Path, target: Path) -> None:
    """Put `built` where `target` is, removing the old one only once the new one is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(old / target.name)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
