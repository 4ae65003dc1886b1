"""`whitepaper withdraw`: a paper, or a whole site version, marked withdrawn on gh-pages.

`whitepaper withdraw PAPER --reason "…" [--successor OTHER]` marks the paper in every release
that carries it; `whitepaper withdraw --site-version VERSION --reason "…" [--successor NEWER]`
marks that release and hides it from the version selector. Either way the text stays online
and citable at every address, only versions.json changes (publish/withdraw.py), and nothing is
ever deleted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._mkdocs import load, mkdocs_output
from whitepaper.links import public_url, web_url
from whitepaper.publish.ghpages import REMOTE
from whitepaper.publish.git import GitProblem, repository_problem
from whitepaper.publish.versions import VersionsProblem
from whitepaper.publish.withdraw import (
    Withdrawal,
    WithdrawFailed,
    WithdrawProblem,
    reason_problem,
    withdraw_paper,
    withdraw_site_version,
)
from whitepaper.site_version import LATEST, root_address


def run_withdraw(args: argparse.Namespace) -> int:
    try:
        with as_usage(GitProblem, VersionsProblem, WithdrawProblem):
            return _withdraw(args)
    except WithdrawFailed as failure:
        print(f"whitepaper withdraw: {failure}", file=sys.stderr)
        return EXIT_FINDINGS


def _withdraw(args: argparse.Namespace) -> int:
    paper, version, branch = args.paper, args.site_version, args.branch
    if (paper is None) == (version is None):
        raise UsageProblem(
            "geef óf een whitepaper (whitepaper withdraw PAPER --reason …) óf een versie van de"
            " site (whitepaper withdraw --site-version VERSIE --reason …)"
        )
    problem = reason_problem(args.reason) or repository_problem("withdraw", branch)
    if problem:
        raise UsageProblem(problem)
    if args.successor is not None and not args.successor.strip():
        raise UsageProblem("--successor is leeg: noem de opvolger, of laat --successor weg")
    with mkdocs_output(logging.WARNING):
        site_url = load(args.config_file).site_url or ""
    withdrawal = Withdrawal(args.reason.strip(), args.successor and args.successor.strip())
    banner = "met een melding die de reden geeft"
    if paper is not None:
        outcome = withdraw_paper(branch, paper, withdrawal)
        subject = paper
        what = f"{paper} is ingetrokken in {_versions(outcome.versions)}"
        addresses = [f"{name}/{paper}/" for name in outcome.versions]
        if outcome.latest in outcome.versions:
            addresses.append(f"{LATEST}/{paper}/")
        if withdrawal.successor:
            banner += f" en naar {LATEST}/{withdrawal.successor}/ verwijst"
        stays = f"De tekst blijft online en citeerbaar, {banner}:"
    else:
        outcome = withdraw_site_version(branch, version, withdrawal)
        subject = f"versie {version} van de site"
        what = f"Versie {version} van de site is ingetrokken"
        addresses = [f"{version}/"]
        successor = outcome.successor
        if successor:
            banner += f" en naar versie {successor} verwijst"
        stays = (
            "De versiekiezer toont haar niet meer; haar pagina's blijven online en citeerbaar,"
            f" {banner}:"
        )
    if outcome.commit is None:
        print(f"Niets gewijzigd: {subject} was al precies zo ingetrokken; geen commit.")
        return EXIT_OK
    print(f"{what} ({branch}, commit {outcome.commit[:12]}).")
    print(f"Reden: {withdrawal.reason}")
    print(stays)
    for path in addresses:
        print(f"  {_address(site_url, path)}")
    print(f"Zet het online met: git push {REMOTE} {branch}")
    return EXIT_OK


def _versions(names: Sequence[str]) -> str:
    if len(names) == 1:
        return f"versie {names[0]}"
    return "de versies " + ", ".join(names[:-1]) + f" en {names[-1]}"


def _address(site_url: str, path: str) -> str:
    """`path` on the public site, or as a path of the branch when site_url is a local one."""
    if web_url(site_url) and public_url(site_url):
        return root_address(site_url) + path
    return path
