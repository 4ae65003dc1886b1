"""The `whitepaper` command: `check`, `build`, `serve`, `pdf`.

Exit codes: 0 no errors, 1 errors found (or a failed build), 2 usage or unreadable input,
3 internal error (a short message; the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from whitepaper.cache import write_atomically
from whitepaper.check import check
from whitepaper.diagnostics import FORMATS, InputError, display_path, render, use_color
from whitepaper.pdf import PDF_DIR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
CACHE_DIR = ".cache/whitepaper/check"  # the same folder the MkDocs plugin's check uses


def run_check(args: argparse.Namespace) -> int:
    cache_dir = None if args.no_cache else Path(CACHE_DIR)
    found = check(Path(args.docs), Path(args.bib), root=Path.cwd(), cache_dir=cache_dir)
    if args.strict:  # decided here, at the edge: the core only reports
        found = [replace(d, severity="error") for d in found]
    sys.stdout.write(render(found, args.format, color=use_color(sys.stdout)))
    return EXIT_FINDINGS if any(d.severity == "error" for d in found) else EXIT_OK


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is when a record comes (it may be replaced meanwhile)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


@contextmanager
def _mkdocs_output(level: int = logging.INFO) -> Iterator[None]:
    """Print what `mkdocs` itself prints (its warnings name page and problem), while it runs."""
    # Material 9.8's notice about MkDocs 2 is noise here: we pin MkDocs below 2.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.level, logger.propagate = saved


def _replace_dir(built: Path, target: Path) -> None:
    """Put `built` where `target` is, removing the old one only once the new one is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        target.rename(old / target.name)
    built.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _build_atomically(config: MkDocsConfig, target: Path) -> None:
    """Build into a fresh folder beside `target`; only a finished build replaces `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server's user
    try:
        _build_into(config, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace_dir(staging, target)


def _build_into(config: MkDocsConfig, folder: Path) -> None:
    """`mkdocs build` into `folder`, with the plugin events MkDocs' own command sends."""
    from mkdocs.commands.build import build

    config.site_dir = str(folder)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def run_build(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    with _mkdocs_output():
        try:
            config = load_config(args.config_file)
        except ConfigurationError as error:
            print(f"whitepaper build: {error}", file=sys.stderr)
            return EXIT_USAGE
        target = Path(args.site_dir).absolute() if args.site_dir else Path(config.site_dir)
        try:
            _build_atomically(config, target)
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


def run_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    with _mkdocs_output():
        try:
            serve(config_file=args.config_file, dev_addr=args.dev_addr)
        except ConfigurationError as error:
            print(f"whitepaper serve: {error}", file=sys.stderr)
            return EXIT_USAGE
        except MkDocsException as error:
            print(f"whitepaper serve: {error}", file=sys.stderr)
            return EXIT_FINDINGS
    return EXIT_OK


def run_pdf(args: argparse.Namespace) -> int:
    """Only the PDFs: the site is built in a scratch folder and thrown away."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    from whitepaper.plugin import WhitepaperPlugin

    with _mkdocs_output(logging.WARNING):  # the check's warnings are `whitepaper check`'s job
        try:
            config = load_config(args.config_file)
        except ConfigurationError as error:
            print(f"whitepaper pdf: {error}", file=sys.stderr)
            return EXIT_USAGE
        plugin = config.plugins.get("whitepaper")
        if not isinstance(plugin, WhitepaperPlugin):
            print(
                f"whitepaper pdf: {args.config_file} gebruikt de plugin whitepaper niet",
                file=sys.stderr,
            )
            return EXIT_USAGE
        problem = _unknown_paper(args.papers, Path(config.docs_dir))
        if problem:
            print(f"whitepaper pdf: {problem}", file=sys.stderr)
            return EXIT_USAGE
        plugin.config.pdf, plugin.config.search = True, False
        plugin.pdf_only = set(args.papers) or None
        out = Path(args.output)
        with tempfile.TemporaryDirectory(prefix=".whitepaper-pdf-") as scratch:
            try:
                _build_into(config, Path(scratch))
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
    papers = sorted(path.parent.name for path in docs.glob("*/index.md"))
    for name in names:
        if name not in papers:
            # A folder name's beginning is what people remember of it ('kraken').
            close = [paper for paper in papers if paper.startswith(name)][:1]
            close = close or difflib.get_close_matches(name, papers, n=1)
            hint = f"bedoelde u '{close[0]}'?" if close else "kies uit: " + ", ".join(papers)
            return f"'{name}' is geen whitepaper in {display_path(docs, Path.cwd())}/; {hint}"
    return None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", help="toon bij een interne fout de traceback"
    )
    parser = argparse.ArgumentParser(
        prog="whitepaper", description="Whitepapers controleren, bouwen en bekijken."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    checker = commands.add_parser(
        "check", parents=[common], help="controleer bronvermeldingen en voetnoten"
    )
    checker.add_argument("--docs", default="docs", help="map met de pagina's (standaard: docs)")
    checker.add_argument("--bib", default="bib", help="map met de .bib-bestanden (standaard: bib)")
    checker.add_argument("--format", choices=FORMATS, default="text", help="uitvoervorm")
    checker.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    checker.add_argument(
        "--no-cache", action="store_true", help=f"lees alles opnieuw, zonder {CACHE_DIR}/"
    )
    checker.set_defaults(run=run_check)

    builder = commands.add_parser("build", parents=[common], help="bouw de site (atomair)")
    builder.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs-configuratie")
    builder.add_argument("-d", "--site-dir", help="doelmap (standaard: site_dir uit de config)")
    builder.set_defaults(run=run_build)

    server = commands.add_parser("serve", parents=[common], help="bekijk de site lokaal")
    server.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs-configuratie")
    server.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="adres:poort")
    server.set_defaults(run=run_serve)

    printer = commands.add_parser(
        "pdf", parents=[common], help="maak alleen de PDF's (van alle of van enkele whitepapers)"
    )
    printer.add_argument(
        "papers",
        nargs="*",
        metavar="PAPER",
        help="map van een whitepaper in docs/ (standaard: alle)",
    )
    printer.add_argument("-o", "--output", default="pdf", help="doelmap (standaard: pdf)")
    printer.add_argument("-f", "--config-file", default="mkdocs.yml", help="MkDocs-configuratie")
    printer.set_defaults(run=run_pdf)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage message
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except InputError as error:
        print(f"whitepaper {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so briefly; details on request
        if args.debug:
            traceback.print_exc()
        name = type(error).__name__
        print(
            f"whitepaper {args.command}: interne fout ({name}: {error}); "
            "meld dit, met de uitvoer van --debug",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
