"""The `whitepaper` command: `check`, `build`, `serve`, `pdf`, `publish`, `withdraw`, `new`,
`cite`, `verify`, `explain`, `preview` (one module each in commands/).

Exit codes: 0 no errors, 1 errors found (or a failed build), 2 usage or unreadable input,
3 internal error (a short message; the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from whitepaper.cache import CACHE_DIR, stage_dir
from whitepaper.commands import EXIT_INTERNAL, EXIT_USAGE, UsageProblem
from whitepaper.commands._arguments import DutchArgumentParser, days, pull_request
from whitepaper.commands._staging import DISK_FULL, reason
from whitepaper.diagnostics import FORMATS, InputError
from whitepaper.health.status import DEFAULT_PATH, MAX_AGE

Run = Callable[[argparse.Namespace], int]


def _command(name: str) -> Run:
    """`run_<name>` of commands/<name>.py, imported only when that command runs: each imports
    its own stages (MkDocs, WeasyPrint, requests), and `check`, run on every commit, needs
    none of them."""

    def run(args: argparse.Namespace) -> int:
        command: Run = getattr(import_module(f"whitepaper.commands.{name}"), f"run_{name}")
        return command(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    common = DutchArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", help="toon bij een interne fout de traceback"
    )
    configured = DutchArgumentParser(add_help=False)  # the commands that run MkDocs' config
    configured.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        metavar="MKDOCS_YML",
        help="MkDocs-configuratie (standaard: mkdocs.yml)",
    )
    asking = DutchArgumentParser(add_help=False)  # the commands that ask registries
    asking.add_argument(
        "-f",
        "--config-file",
        help="MkDocs-configuratie, voor het contactadres (standaard: mkdocs.yml, als die er is)",
    )
    on_pages = DutchArgumentParser(add_help=False)  # the writers of the published site
    on_pages.add_argument(
        "-b", "--branch", default="gh-pages", help="branch van de site (standaard: gh-pages)"
    )
    parser = DutchArgumentParser(
        prog="whitepaper", description="Whitepapers controleren, bouwen en bekijken."
    )
    parser.add_argument("--version", action="version", version=_version(), help="toon de versie")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="opdrachten")

    checker = commands.add_parser(
        "check", parents=[common], help="controleer bronvermeldingen en voetnoten"
    )
    checker.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="pagina (docs/…/*.md) of .bib-bestand waarvan de meldingen eerst komen",
    )
    checker.add_argument(
        "--since",
        metavar="REF",
        help="de bestanden die sinds REF veranderd zijn (git, zoals origin/main) komen eerst;"
        " in een .bib-bestand alleen de veranderde items",
    )
    checker.add_argument(
        "--only-errors",
        action="store_true",
        help="toon alleen fouten (waarschuwingen worden wel geteld)",
    )
    checker.add_argument(
        "--show-incomplete",
        action="store_true",
        help="toon ook elke bron die als onvolledig is gemarkeerd, niet alleen hun aantal",
    )
    checker.add_argument(
        "--summary",
        metavar="FILE",
        help="schrijf ook een samenvatting in Markdown naar FILE (zoals voor GitHub)",
    )
    checker.add_argument("--version", action="version", version=_version(), help="toon de versie")
    checker.add_argument("--docs", default="docs", help="map met de pagina's (standaard: docs)")
    checker.add_argument("--bib", default="bib", help="map met de .bib-bestanden (standaard: bib)")
    checker.add_argument("--format", choices=FORMATS, default="text", help="uitvoervorm")
    checker.add_argument(
        "--strict",
        action="store_true",
        help="waarschuwingen tellen als fouten (en elke onvolledige bron wordt getoond)",
    )
    checker.add_argument(
        "-f",
        "--config-file",
        help="MkDocs-configuratie, voor trusted_html (standaard: mkdocs.yml, als die er is)",
    )
    checker.add_argument(
        "--no-cache",
        action="store_true",
        help=f"lees alles opnieuw, zonder {stage_dir(Path(CACHE_DIR), 'check')}/",
    )
    checker.set_defaults(run=_command("check"))

    builder = commands.add_parser(
        "build", parents=[common, configured], help="bouw de site (atomair)"
    )
    builder.add_argument("-d", "--site-dir", help="doelmap (standaard: site_dir uit de config)")
    builder.add_argument(
        "--preview",
        type=pull_request,
        metavar="N",
        help="bouw het voorbeeld van pull request N: eigen adres (pr-preview/pr-N/), een"
        " melding 'niet citeren' op elke pagina en in de PDF's, niet voor zoekmachines",
    )
    builder.set_defaults(run=_command("build"))

    server = commands.add_parser(
        "serve", parents=[common, configured], help="bekijk de site lokaal"
    )
    server.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="adres:poort")
    server.set_defaults(run=_command("serve"))

    printer = commands.add_parser(
        "pdf",
        parents=[common, configured],
        help="maak alleen de PDF's (van alle of van enkele whitepapers)",
    )
    printer.add_argument(
        "papers",
        nargs="*",
        metavar="PAPER",
        help="map van een whitepaper in docs/ (standaard: alle)",
    )
    printer.add_argument("-o", "--output", default="pdf", help="doelmap (standaard: pdf)")
    printer.set_defaults(run=_command("pdf"))

    publisher = commands.add_parser(
        "publish",
        parents=[common, configured, on_pages],
        help="publiceer de hele site als versie op gh-pages (met mike), ook als latest",
    )
    publisher.add_argument("version", metavar="VERSION", help="de versienaam, zoals 2026.1")
    publisher.add_argument(
        "-m", "--message", help="commitbericht (standaard: Versie … gepubliceerd)"
    )
    publisher.set_defaults(run=_command("publish"))

    withdrawer = commands.add_parser(
        "withdraw",
        parents=[common, configured, on_pages],
        help="trek een whitepaper of een versie van de site in (de tekst blijft online)",
    )
    withdrawer.add_argument(
        "paper",
        nargs="?",
        metavar="PAPER",
        help="map van het whitepaper, ingetrokken in elke versie die het bevat",
    )
    withdrawer.add_argument(
        "--site-version",
        metavar="VERSION",
        help="trek in plaats daarvan deze versie van de site in (niet de nieuwste)",
    )
    withdrawer.add_argument(
        "--reason", metavar="TEKST", help="waarom (één regel, hoogstens 300 tekens)"
    )
    withdrawer.add_argument(
        "--successor",
        metavar="OPVOLGER",
        help="wat lezers in plaats daarvan lezen: een whitepaper van de nieuwste versie,"
        " of een nieuwere versie van de site",
    )
    withdrawer.set_defaults(run=_command("withdraw"))

    starter = commands.add_parser(
        "new",
        parents=[common, configured],
        help="begin een nieuw whitepaper: een map in docs/ met voorbeeldtekst, en een .bib-bestand",
    )
    starter.add_argument(
        "slug", metavar="MAP", help="mapnaam in docs/ en adres: kleine letters, cijfers en -"
    )
    starter.add_argument(
        "--title", required=True, metavar="TITEL", help='de titel, zoals "Massage bij nekpijn"'
    )
    starter.add_argument(
        "--owner",
        action="append",
        metavar="@ORG/TEAM",
        help="wie wijzigingen beoordeelt (GitHub-team of -gebruiker; mag vaker)",
    )
    starter.set_defaults(run=_command("new"))

    citer = commands.add_parser(
        "cite",
        parents=[common, asking],
        help="voeg een bron toe aan de bibliografie, van zijn DOI of PMID (haalt de gegevens"
        " op bij doi.org of PubMed)",
    )
    citer.add_argument(
        "identifier",
        metavar="DOI|PMID",
        help="een DOI (10.1016/…, doi:10.…, https://doi.org/10.…) of een PMID (29332728)",
    )
    citer.add_argument(
        "--bib",
        metavar="BESTAND",
        help="het .bib-bestand in bib/ waar de bron bij komt (nieuw: wordt aangemaakt);"
        " nodig als bib/ er meer dan één heeft",
    )
    citer.set_defaults(run=_command("cite"))

    verifier = commands.add_parser(
        "verify",
        parents=[common, asking],
        help="controleer de bronnen bij hun register (Crossref, PubMed, het webadres zelf):"
        " bestaat de DOI, hoort hij bij dit werk, is het ingetrokken, werkt de link nog",
    )
    verifier.add_argument(
        "keys", nargs="*", metavar="KEY", help="de sleutel van een bron (standaard: alle bronnen)"
    )
    verifier.add_argument("--format", choices=FORMATS, default="text", help="uitvoervorm")
    verifier.add_argument(
        "--max-age",
        type=days,
        default=MAX_AGE,
        metavar="DAGEN",
        help=f"vraag een bron opnieuw na als hij langer dan zoveel dagen geleden is"
        f" gecontroleerd (standaard: {MAX_AGE}; 0: alles opnieuw)",
    )
    verifier.add_argument(
        "--status",
        type=Path,
        default=DEFAULT_PATH,
        metavar="BESTAND",
        help=f"het statusbestand met de uitkomsten (standaard: {DEFAULT_PATH})",
    )
    verifier.add_argument("--bib", default="bib", help="map met de .bib-bestanden (standaard: bib)")
    verifier.add_argument(
        "--docs", default="docs", help="map met de pagina's, voor --suggest (standaard: docs)"
    )
    completing = verifier.add_mutually_exclusive_group()
    completing.add_argument(
        "--suggest",
        action="store_true",
        help="zoek bij Crossref kandidaten voor de bronnen die onvolledig zijn (of de genoemde"
        " bronnen), met een score en de reden; er wordt niets geschreven",
    )
    completing.add_argument(
        "--accept",
        nargs=2,
        metavar=("SLEUTEL", "DOI"),
        help="vul de bron SLEUTEL aan met het werk van DOI, nadat u het hebt gecontroleerd",
    )
    verifier.add_argument(
        "--force",
        action="store_true",
        help="bij --accept: neem het werk ook over als auteur, jaar of titel niet klopt"
        " (wat de bron gaf blijft als commentaar staan)",
    )
    verifier.set_defaults(run=_command("verify"))

    explainer = commands.add_parser(
        "explain",
        parents=[common],
        help="leg uit wat een melding van whitepaper check betekent en hoe u hem oplost",
    )
    explainer.add_argument("code", metavar="CODE", help="de code van de melding, zoals unknown-key")
    explainer.set_defaults(run=_command("explain"))

    previewer = commands.add_parser(
        "preview",
        parents=[common, configured, on_pages],
        help="zet het voorbeeld van een pull request op gh-pages (pr-preview/pr-N/), of haal het"
        " weg",
    )
    previewer.add_argument(
        "number", type=pull_request, metavar="N", help="nummer van de pull request"
    )
    previewer.add_argument(
        "--site", metavar="MAP", help="de map die `whitepaper build --preview N` maakte"
    )
    previewer.add_argument(
        "--remove", action="store_true", help="haal het voorbeeld weg (de pull request is dicht)"
    )
    previewer.add_argument(
        "--changed",
        nargs="*",
        metavar="PAD",
        help="gewijzigde bestanden; hun whitepapers komen in het commentaar",
    )
    previewer.add_argument(
        "--changed-from",
        metavar="BESTAND",
        help="de gewijzigde bestanden uit een bestand, zoals `git diff --name-only -z` ze schrijft",
    )
    previewer.add_argument(
        "--comment", metavar="BESTAND", help="schrijf het commentaar bij de pull request hierin"
    )
    previewer.set_defaults(run=_command("preview"))
    return parser


def _version() -> str:
    try:
        return f"whitepaper {version('whitepaper')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "whitepaper (versie onbekend: niet geïnstalleerd)"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage message
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    run: Run | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except (InputError, UsageProblem) as error:
        print(f"whitepaper {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno not in DISK_FULL:
            return _internal(args, error)
        where = f" ({error.filename})" if error.filename else ""
        print(
            f"whitepaper {args.command}: {reason(error)}{where}; maak ruimte vrij en probeer het"
            " opnieuw",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except Exception as error:
        return _internal(args, error)
    except BaseException as error:  # some libraries' errors are BaseExceptions (WeasyPrint's)
        if isinstance(error, (SystemExit, GeneratorExit)):
            raise
        return _internal(args, error)


def _internal(args: argparse.Namespace, error: BaseException) -> int:
    """A bug: say so briefly; details on request."""
    if args.debug:
        traceback.print_exception(error)
    name = type(error).__name__
    print(
        f"whitepaper {args.command}: interne fout ({name}: {error}); "
        "meld dit, met de uitvoer van --debug",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
