"""`whitepaper verify [KEY …]`: each entry with a DOI, PMID or web address checked against its
registry (Crossref or doi.org, PubMed, the address itself), the results kept in the status file
(bib/bronstatus.json) so that a rerun asks only about what is new, changed or older than
`--max-age` days. Findings in the check's formats and exit codes; offline: a message, exit 4,
nothing written. The bibliography itself is never changed.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._completing import run_accept, run_suggest
from whitepaper.commands._plugin_options import contact
from whitepaper.diagnostics import counted, github_notice, render, use_color
from whitepaper.health.status import StatusProblem, read_status, write_status
from whitepaper.health.verify import Offline, Run, UnknownKey, verify
from whitepaper.net.client import Client
from whitepaper.sources.bibliography import load_bibliography

EXIT_OFFLINE = 4  # not one service answered: nothing was checked, nothing written
TOOL = "whitepaper verify"  # the title of its GitHub annotations


def run_verify(args: argparse.Namespace) -> int:
    if args.suggest:
        return run_suggest(args)
    if args.accept:
        if args.keys:
            raise UsageProblem("--accept neemt één SLEUTEL en één DOI, geen andere sleutels")
        return run_accept(args)
    if args.force:
        raise UsageProblem("--force hoort bij --accept SLEUTEL DOI")
    root = Path.cwd()
    bibliography = load_bibliography(Path(args.bib), root=root)
    with as_usage(StatusProblem):
        status = read_status(args.status)
    address, homepage = contact(args.config_file)
    today = datetime.datetime.now(datetime.UTC).date()
    try:
        with as_usage(UnknownKey):
            run = verify(
                bibliography,
                status,
                Client(address, homepage),
                keys=args.keys,
                today=today,
                max_age=args.max_age,
                root=root,
            )
    except Offline as problem:
        said = str(problem)
        stop = " " if said.endswith(("?", ".")) else ". "
        print(
            f"whitepaper verify: {said}{stop}Er is niets gecontroleerd of geschreven.",
            file=sys.stderr,
        )
        return EXIT_OFFLINE
    if run.asked or args.status.exists():  # a run that learns nothing rewrites nothing
        write_status(args.status, run.status)
    _report(run, args)
    return EXIT_FINDINGS if any(d.severity == "error" for d in run.diagnostics) else EXIT_OK


def _report(run: Run, args: argparse.Namespace) -> None:
    shown = render(run.diagnostics, args.format, color=use_color(sys.stdout), tool=TOOL)
    sys.stdout.write(shown)
    for key, why in run.unchecked:
        print(f"whitepaper verify: '{key}' is niet gecontroleerd: {why}", file=sys.stderr)
    line = summary_line(run, args.status, args.max_age)
    if args.format == "github":
        sys.stdout.write(github_notice(line, TOOL))
    elif args.format == "text":
        print(line)
    else:
        print(line, file=sys.stderr)  # stdout is the JSON list alone


def summary_line(run: Run, status: Path, max_age: int) -> str:
    """'10 van 88 bronnen te controleren (met een DOI, PMID of webadres): 3 nu nagevraagd,
    7 uit bib/bronstatus.json (jonger dan 30 dagen)'."""
    kept = run.checkable - len(run.asked) - len(run.unchecked)
    parts = [f"{len(run.asked)} nu nagevraagd"]
    if kept:
        age = counted(max_age, "dag", "dagen")
        parts.append(f"{kept} uit {status.as_posix()} (jonger dan {age})")
    if run.unchecked:
        parts.append(f"{len(run.unchecked)} niet gecontroleerd")
    return (
        f"{run.checkable} van {counted(run.total, 'bron', 'bronnen')} te controleren (met een DOI,"
        f" PMID of webadres): {', '.join(parts)}"
    )
