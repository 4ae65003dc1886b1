"""`whitepaper verify --suggest [KEY …]` and `--accept KEY DOI`: completing the entries their
sources gave incompletely, with a person's consent.

`--suggest` only reads and prints: for each entry marked `onvolledig` (without a DOI), the
candidates Crossref finds, ranked, with their reasons. `--accept` writes one confirmed work
into one entry, that entry's lines alone (`_bib_file.replace_atomically`); it refuses an
unknown key, an entry with another DOI, and a work that contradicts the entry (unless
`--force`). Offline: verify's message and exit code; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from whitepaper.cache import CACHE_DIR, Cache, stage_dir
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._bib_file import replace_atomically
from whitepaper.commands._plugin_options import contact
from whitepaper.diagnostics import counted, display_path, listed
from whitepaper.health.accept import Accepted, Contradiction, accepted, rewritten
from whitepaper.health.sentences import citing
from whitepaper.health.suggest import Suggestion, dutch_number, suggest
from whitepaper.health.verify import UnknownKey, chosen_entries
from whitepaper.links import bare_doi
from whitepaper.net.client import Client, NetworkProblem, NotFound, Unreachable
from whitepaper.net.crossref import Record, fetch_record
from whitepaper.net.doi import fetch_doi
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.documents import Document
from whitepaper.sources.entries import BibEntry, Bibliography
from whitepaper.sources.reading import read_sources, take_inventory

EXIT_OFFLINE = 4  # as verify's: not one service answered, nothing written
NOTHING_WRITTEN = "Er is niets gecontroleerd of geschreven."


def run_suggest(args: argparse.Namespace) -> int:
    root = Path.cwd()
    bibliography = load_bibliography(Path(args.bib), root=root)
    with as_usage(UnknownKey):
        chosen = chosen_entries(bibliography, args.keys)
    wanted = [entry for entry in chosen if args.keys or entry.incomplete]
    documents = _documents(Path(args.docs), Path(args.bib), root)
    client = Client(*contact(args.config_file))
    suggestions, unreachable = [], []
    for entry in wanted:
        if doi := entry.fields.get("doi", ""):
            print(f"{entry.key}: heeft al een DOI; vul aan met whitepaper verify --accept"
                  f" {entry.key} {bare_doi(doi) or doi}")  # fmt: skip
            continue
        try:
            suggestions.append(suggest(client, entry, citing(documents, entry.key)))
        except Unreachable as problem:
            unreachable.append(str(problem))
        except NetworkProblem as problem:
            print(f"whitepaper verify: '{entry.key}' is niet gezocht: {problem}", file=sys.stderr)
    if unreachable and not suggestions:
        return _offline(unreachable[0])
    for suggestion in suggestions:
        sys.stdout.write(suggestion_text(suggestion, root))
    print(summary_line(suggestions, len(unreachable)))
    return EXIT_OK


def _documents(docs: Path, bib: Path, root: Path) -> tuple[Document, ...]:
    """The pages as the check reads them (its cache too): each citation with its place."""
    if not docs.is_dir():
        return ()
    cache = Cache(stage_dir(Path(CACHE_DIR), "check"))
    return read_sources(take_inventory(docs, bib, root), cache).documents


def suggestion_text(suggestion: Suggestion, root: Path) -> str:
    entry = suggestion.entry
    where = f"{display_path(entry.path, root)}:{entry.line}"
    lines = [f"{entry.key} ({where}): {entry.incomplete_note or 'onvolledig'}"]
    for cited in suggestion.cited[:1]:
        lines.append(f"  geciteerd in {display_path(cited.path, root)}:{cited.line}:"
                     f" “{cited.sentence}”")  # fmt: skip
    if len(suggestion.cited) > 1:
        lines.append(f"  (en nog {counted(len(suggestion.cited) - 1, 'keer', 'keer')} elders)")
    if not suggestion.query.searchable:
        lines.append("  niets om mee te zoeken: geen auteur, jaar, titel of zin")
    elif not suggestion.candidates:
        lines.append("  Crossref vindt geen kandidaat; zoek het werk zelf op"
                     " (in de bron, bij de auteur) en vul de bron aan")  # fmt: skip
    for number, candidate in enumerate(suggestion.candidates, 1):
        when = f"({candidate.year})" if candidate.year else "(z.d.)"
        described = ". ".join(part for part in (
            f"{candidate.first_author} {when}".strip(), candidate.title, candidate.journal
        ) if part)  # fmt: skip
        lines.append(f"  {number}. {candidate.doi}  score {dutch_number(candidate.points)}")
        lines.append(f"     {described}")
        lines.append(f"     {'; '.join(candidate.reasons)}")
    if suggestion.candidates:
        lines.append(f"  overnemen na controle in het werk zelf: whitepaper verify --accept"
                     f" {entry.key} {suggestion.candidates[0].doi}")  # fmt: skip
    return "\n".join(lines) + "\n\n"


def summary_line(suggestions: Sequence[Suggestion], unreachable: int) -> str:
    found = sum(1 for s in suggestions if s.candidates)
    nothing = sum(1 for s in suggestions if not s.query.searchable)
    parts = [f"{found} met kandidaten"]
    parts += [f"{nothing} zonder iets om mee te zoeken"] if nothing else []
    parts += [f"{unreachable} niet gezocht (geen verbinding)"] if unreachable else []
    return (
        f"{counted(len(suggestions), 'bron', 'bronnen')} gezocht: {', '.join(parts)}."
        " Er is niets geschreven: neem een kandidaat over met --accept SLEUTEL DOI."
    )


def run_accept(args: argparse.Namespace) -> int:
    key, written_doi = args.accept
    doi = bare_doi(written_doi)
    if doi is None:
        raise UsageProblem(f"'{written_doi}' is geen DOI; geef hem als 10.xxxx/…")
    root = Path.cwd()
    bibliography = load_bibliography(Path(args.bib), root=root)
    with as_usage(UnknownKey):
        entry = chosen_entries(bibliography, [key])[0]
    _ensure_writable(bibliography, entry, doi, root)
    try:
        record = _record(Client(*contact(args.config_file)), doi)
    except Unreachable as problem:
        return _offline(str(problem))
    except NetworkProblem as problem:
        print(f"whitepaper verify: {problem}. {NOTHING_WRITTEN}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        done = accepted(entry, record, force=args.force)
    except Contradiction as problem:
        raise UsageProblem(
            f"{problem}. Er is niets geschreven. Controleer de DOI; klopt hij toch (gaf de"
            " bron bijvoorbeeld een verkeerd jaar), geef dan ook --force: wat de bron gaf"
            " blijft als commentaar boven de bron staan"
        ) from None
    replace_atomically(entry.path, rewritten(entry.path.read_bytes(), entry, done.text))
    _report(entry, done, display_path(entry.path, root))
    return EXIT_OK


def _ensure_writable(bibliography: Bibliography, entry: BibEntry, doi: str, root: Path) -> None:
    shown = display_path(entry.path, root)
    if unreadable := [d for d in bibliography.diagnostics if d.path == shown]:
        raise UsageProblem(
            f"{shown}:{unreadable[0].line} heeft fouten ({unreadable[0].message});"
            " los die eerst op (whitepaper check toont ze)"
        )
    theirs = bare_doi(entry.fields.get("doi", "")) or entry.fields.get("doi", "")
    if theirs and theirs.lower() != doi.lower():
        raise UsageProblem(
            f"'{entry.key}' heeft al de DOI {theirs}, niet {doi}; controleer welke klopt"
            f" (whitepaper verify {entry.key}). Er is niets geschreven"
        )


def _record(client: Client, doi: str) -> Record:
    """Crossref's record, else doi.org's (as verify asks: DataCite's DOIs are not
    Crossref's); unknown to both: a usage problem, nothing written."""
    try:
        return fetch_record(client, doi)
    except NotFound:
        try:
            return Record(fetch_doi(client, doi), frozenset(), ())
        except NotFound:
            raise UsageProblem(
                f"de DOI {doi} is onbekend bij Crossref en doi.org; controleer hem"
                " (een tikfout?). Er is niets geschreven"
            ) from None


def _report(entry: BibEntry, done: Accepted, shown: str) -> None:
    filled = f"velden {listed(list(done.filled))}" if done.filled else "geen velden"
    print(f"Aangevuld in {shown}: '{entry.key}' ({filled}); wat de bron gaf staat erboven"
          " als commentaar (% bron gaf: …).")  # fmt: skip
    if done.note_removed:
        print("De bron is nu volledig: de markering onvolledig is weg.")
    elif done.missing:
        verb = "ontbreekt" if len(done.missing) == 1 else "ontbreken"
        print(f"Nog onvolledig: {listed(list(done.missing))} {verb} nog; de markering"
              " onvolledig blijft staan.")  # fmt: skip
    print(f"Controleer met: whitepaper check en whitepaper verify {entry.key}")


def _offline(said: str) -> int:
    stop = " " if said.endswith(("?", ".")) else ". "
    print(f"whitepaper verify: {said}{stop}{NOTHING_WRITTEN}", file=sys.stderr)
    return EXIT_OFFLINE
