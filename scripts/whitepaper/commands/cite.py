"""`whitepaper cite DOI|PMID`: fetch a work's metadata, append a clean entry to a .bib file of
bib/, print the key to cite. A work already there (same DOI, PMID, or author, year and title)
is refused, naming the entry; nothing is written then, nor when the service fails.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from whitepaper.check.entry_rules import entry_findings
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem
from whitepaper.commands._bib_file import append_atomically, bib_file
from whitepaper.commands._plugin_options import contact
from whitepaper.diagnostics import display_path
from whitepaper.links import bare_doi, doi_problem
from whitepaper.net.client import Client, NetworkProblem
from whitepaper.net.doi import fetch_doi
from whitepaper.net.pubmed import fetch_pmid
from whitepaper.net.work import Work
from whitepaper.sources.bib_text import entry_text, without_markup
from whitepaper.sources.bibliography import load_bibliography, parse_bib_text
from whitepaper.sources.entries import BibEntry, Bibliography
from whitepaper.sources.new_entry import NewEntry, fold, new_entry

BIB_DIR = Path("bib")
_PMID = re.compile(r"(?:pmid\s*:?\s*)?(\d{1,9})", re.IGNORECASE)
ACCEPTED = (
    "een DOI (10.1016/j.x.2018.01.002, doi:10.…, https://doi.org/10.…) of een PMID"
    " (29332728 of PMID: 29332728)"
)


@dataclass(frozen=True)
class Wanted:
    doi: str = ""
    pmid: str = ""


def wanted(text: str) -> Wanted:
    """What the command line names: a DOI in any form links.py knows, or a PMID."""
    text = text.strip()
    if pmid := _PMID.fullmatch(text):
        return Wanted(pmid=pmid.group(1).lstrip("0") or "0")
    if doi := bare_doi(text):
        return Wanted(doi=doi)
    doi_like = text.lower().startswith(("10.", "doi")) or "doi.org/" in text.lower()
    problem = doi_problem(text) if doi_like else None
    reason = (
        f"'{text}' is geen geldige DOI ({problem[2]})"
        if problem
        else f"'{text}' is geen DOI of PMID"
    )
    raise UsageProblem(f"{reason}; geef {ACCEPTED}")


def run_cite(args: argparse.Namespace) -> int:
    asked = wanted(args.identifier)
    target = bib_file(BIB_DIR, args.bib)
    root = Path.cwd()
    bibliography = load_bibliography(BIB_DIR, root=root)
    shown = display_path(target, root)
    if unreadable := [d for d in bibliography.diagnostics if d.path == shown]:
        raise UsageProblem(
            f"{shown}:{unreadable[0].line} heeft fouten ({unreadable[0].message});"
            " los die eerst op (whitepaper check toont ze)"
        )
    if refused := _duplicate(bibliography, asked.doi, asked.pmid, root):
        return _refuse(refused)
    address, homepage = contact(args.config_file)
    try:
        work = _fetch(Client(address, homepage), asked)
    except NetworkProblem as problem:
        said = str(problem)
        stop = " " if said.endswith(("?", ".")) else ". "
        print(f"whitepaper cite: {said}{stop}Er is niets toegevoegd.", file=sys.stderr)
        return EXIT_FINDINGS
    made = new_entry(work, [entry.key for entry in bibliography.all_entries])
    if refused := _duplicate(bibliography, work.doi, work.pmid, root, made, work.title):
        return _refuse(refused)
    text = entry_text(made.key, made.entry)
    _ensure_accepted(text, target, root)
    created = append_atomically(target, text)
    _report(made, work, shown, created)
    return EXIT_OK


def _fetch(client: Client, asked: Wanted) -> Work:
    return fetch_doi(client, asked.doi) if asked.doi else fetch_pmid(client, asked.pmid)


def _duplicate(
    bibliography: Bibliography,
    doi: str,
    pmid: str,
    root: Path,
    made: NewEntry | None = None,
    title: str = "",
) -> str | None:
    """Why the work is already there, naming the entry; None when it is not."""
    for entry in bibliography.all_entries:
        where = f"'{entry.key}' ({display_path(entry.path, root)}:{entry.line})"
        theirs = bare_doi(entry.fields.get("doi", "")) or ""
        if doi and theirs.lower() == doi.lower():
            return f"{where} heeft dezelfde DOI {theirs}"
        if pmid and entry.fields.get("pmid", "").strip().lstrip("0") == pmid.lstrip("0"):
            return f"{where} heeft dezelfde PMID {pmid}"
        if made and title and _same_work(entry, made, title):
            return f"{where} heeft dezelfde eerste auteur, hetzelfde jaar en dezelfde titel"
    return None


def _same_work(entry: BibEntry, made: NewEntry, title: str) -> bool:
    """An entry under the same author-year key (with or without a letter) and title: the
    same work written down before without its DOI."""
    key = entry.key.lower()
    same_key = key == made.base_key or (key[:-1] == made.base_key and key[-1].isalpha())
    return same_key and fold(entry.fields.get("title", "")) == fold(without_markup(title))


def _refuse(reason: str) -> int:
    key = reason.split("'")[1]
    print(
        f"whitepaper cite: deze bron staat er al: {reason}; citeer met [@{key}]."
        " Er is niets toegevoegd.",
        file=sys.stderr,
    )
    return EXIT_FINDINGS


def _ensure_accepted(text: str, target: Path, root: Path) -> None:
    """The entry as written reads back as one entry the check finds no error in."""
    entries, problems = parse_bib_text(text, target, root=root)
    errors = [d for e in entries for d in entry_findings(e, "") if d.severity == "error"]
    if problems or errors or len(entries) != 1:
        found = [d.message for d in problems + errors] or [f"{len(entries)} entries"]
        raise RuntimeError(f"the new entry fails the check: {found[0]}\n{text}")


def _report(made: NewEntry, work: Work, shown: str, created: bool) -> None:
    if created:
        print(f"Nieuw bestand {shown} aangemaakt.")
    print(f"Toegevoegd aan {shown}: citeer met [@{made.key}]")
    if made.missing:
        what = " en ".join(made.missing) if len(made.missing) < 3 else "auteur, titel en jaar"
        print(
            f"Let op: het antwoord van {work.service} geeft geen {what}. Het item is gemarkeerd"
            " met note = {onvolledig: …}; vul het aan uit het artikel zelf, verzin niets."
        )
    if made.key_from:
        print(
            f"De sleutel is gemaakt van {made.key_from}; u mag hem in het .bib-bestand"
            " veranderen zolang nog geen pagina hem citeert."
        )
