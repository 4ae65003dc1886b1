"""`whitepaper build`: the whole site, moved into place only once it is complete; with
`--preview N`, the preview of pull request #N (site_version.py: its own address, banner, stamp).
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._mkdocs import build_into, environment, failure, load, mkdocs_output
from whitepaper.commands._staging import reason, replace_dir, staging, write_problem
from whitepaper.diagnostics import display_path
from whitepaper.pdf.book import PDF_DIR
from whitepaper.site_version import (
    PREVIEW_VARIABLE,
    SiteVersionProblem,
    preview_path,
    site_version,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def run_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    preview: int | None = getattr(args, "preview", None)
    asked = {PREVIEW_VARIABLE: str(preview)} if preview else {}
    with as_usage(SiteVersionProblem):  # a preview and a release at once: said before building
        site_version(None, {**os.environ, **asked})
    with mkdocs_output(), environment(asked):
        config = load(args.config_file, command="whitepaper build")
        target = Path(args.site_dir).absolute() if args.site_dir else Path(config.site_dir)
        shown = display_path(target, Path.cwd())
        try:
            build_atomically(config, target)
        except MkDocsException as error:
            why = failure(error)
            print(f"Bouwen mislukt ({why}); {shown}/ is niet gewijzigd.", file=sys.stderr)
            return EXIT_FINDINGS
    pdfs = sorted((target / PDF_DIR).glob("*.pdf"))
    count = "1 PDF" if len(pdfs) == 1 else f"{len(pdfs)} PDF's"
    made = f", met {count} in {shown}/{PDF_DIR}/" if pdfs else ""
    if preview:
        print(f"Voorbeeld van pull request #{preview} gebouwd in {shown}/{made}.")
        print(
            f"Zet het in {preview_path(preview)} van gh-pages met: whitepaper preview {preview}"
            f" --site {shown}"
        )
        return EXIT_OK
    print(f"Site gebouwd in {shown}/{made}.")
    print(
        f"Bekijk hem zoals lezers hem krijgen met `python3 -m http.server -d {shown}` op"
        " http://127.0.0.1:8000/ (of live, bij elke wijziging bijgewerkt maar zonder PDF's,"
        " met `whitepaper serve`)."
    )
    return EXIT_OK


def build_atomically(config: MkDocsConfig, target: Path) -> None:
    """Build into a fresh folder beside `target`; only a finished build replaces `target`,
    in one step. A build that fails, for a full disk too, leaves `target` as it was."""
    if target.is_symlink():  # replace the folder it points to, and keep the link
        target = target.resolve()
    shown = display_path(target, Path.cwd())
    if os.path.lexists(target) and not target.is_dir():
        raise UsageProblem(f"{shown} is een bestand, geen map; kies met -d een map voor de site")
    with ExitStack() as stack:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            folder = stack.enter_context(staging(target))
        except OSError as error:
            where = display_path(target.parent, Path.cwd())
            raise UsageProblem(
                f"de site kan niet in {where}/ worden geschreven: {reason(error)}; kies met -d"
                " een map waarin u mag schrijven"
            ) from None
        try:
            build_into(config, folder)
            replace_dir(folder, target)
        except OSError as error:
            problem = write_problem(error, "de site past", target, folder)
            if problem is None:
                raise
            raise problem from None
