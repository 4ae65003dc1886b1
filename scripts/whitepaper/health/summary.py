"""What changed between two status files, as the weekly pull request says it in Dutch: per
entry the problems that are new since the old file and those that are gone, and which entries
were checked for the first time or left the bibliography.

A problem is the same one when its code and field are (a dead link that answers 410 instead
of 404 is not new). Nothing for a person to read (only the days checked or the fingerprints
changed) is an empty text: then the workflow opens no pull request. Every key and message goes
through the job summary's Markdown escaper: they quote the bibliography and the registries'
records (titles), text from elsewhere.

`python -m whitepaper.health.summary OLD NEW` prints the text (OLD may be missing: a first run).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whitepaper.diagnostics import CODES, counted, listed
from whitepaper.health.status import Finding, Status, StatusProblem, read_status
from whitepaper.step_summary import cell

MARKER = "<!-- whitepaper-bronstatus -->"  # the workflow's pull request carries it
MOST_ROWS = 200  # a pull request's body holds 65,536 characters: a first run may find many
_SEVERITY = {"error": "fout", "warning": "waarschuwing"}


@dataclass(frozen=True)
class Changes:
    new: tuple[tuple[str, Finding], ...]  # (key, finding) not in the old file
    resolved: tuple[tuple[str, Finding], ...]  # (key, finding of the old file) now gone
    first_ok: tuple[str, ...]  # checked for the first time, without problems
    gone: tuple[str, ...]  # in the old file, not in the new: no longer checked

    def __bool__(self) -> bool:
        return bool(self.new or self.resolved or self.first_ok or self.gone)


def changes(old: Status, new: Status) -> Changes:
    found_new, resolved = [], []
    for key, now in new.entries.items():
        before = old.entries.get(key)
        was = {_same(f): f for f in before.findings} if before else {}
        found_new += [(key, f) for f in now.findings if _same(f) not in was]
        kept = {_same(f) for f in now.findings}
        resolved += [(key, f) for same, f in was.items() if same not in kept]
    first_ok = [k for k, now in new.entries.items() if k not in old.entries and not now.findings]
    gone = [key for key in old.entries if key not in new.entries]
    return Changes(tuple(found_new), tuple(resolved), tuple(first_ok), tuple(gone))


def _same(finding: Finding) -> tuple[str, str]:
    return finding.code, finding.field


def pull_request_body(old: Status, new: Status) -> str:
    """The pull request's Markdown; '' when nothing changed that a person should read."""
    found = changes(old, new)
    if not found:
        return ""
    days = [entry.checked for entry in new.entries.values()]
    when = f" (laatst op {max(days).isoformat()})" if days else ""
    lines = [
        MARKER,
        "## Bronstatus: wat er nieuw is",
        "",
        "De wekelijkse controle (`whitepaper verify`) heeft de bronnen met een DOI, PMID of"
        f" webadres nagevraagd{when}. Deze pull request werkt alleen `bib/bronstatus.json`"
        " bij; de bibliografie zelf verandert niet.",
    ]
    lines += _table("Nieuwe problemen", "melding", found.new)
    lines += _table("Opgelost sinds de vorige keer", "melding van toen", found.resolved)
    lines += _others(found)
    lines += [
        "",
        "**Wat nu?** Lees elke nieuwe melding (`whitepaper explain CODE` zegt wat hij betekent"
        " en wat u kunt doen) en pas zo nodig de tekst of de bron aan in een eigen pull"
        " request. Een beheerder voegt deze pull request samen, zodat deze stand bewaard"
        " blijft (sluit en heropen hem eerst: een pull request van een workflow start zelf"
        " geen controle). Zolang hij open is, werkt de controle hem elke week bij.",
    ]
    return "\n".join(lines) + "\n"


def _table(title: str, said: str, rows: Sequence[tuple[str, Finding]]) -> list[str]:
    if not rows:
        return []
    lines = ["", f"### {title} ({len(rows)})", "", f"| bron | ernst | code | {said} |"]
    lines.append("| --- | --- | --- | --- |")
    lines += [
        f"| {cell(key)} | {_SEVERITY[CODES[f.code]]} | {cell(f.code)} | {cell(f.message)} |"
        for key, f in rows[:MOST_ROWS]
    ]
    if len(rows) > MOST_ROWS:
        rest = counted(len(rows) - MOST_ROWS, "melding", "meldingen")
        lines += ["", f"En nog {rest}: `whitepaper verify` toont ze alle."]
    return lines


def _others(found: Changes) -> list[str]:
    lines = []
    if found.first_ok:
        first = counted(len(found.first_ok), "bron", "bronnen")
        lines.append(
            f"- {first} voor het eerst gecontroleerd, zonder problemen: {_keys(found.first_ok)}."
        )
    if found.gone:
        gone = counted(len(found.gone), "bron", "bronnen")
        lines.append(
            f"- {gone} niet meer gecontroleerd (niet meer in de bibliografie, of zonder DOI,"
            f" PMID of webadres): {_keys(found.gone)}."
        )
    return ["", *lines] if lines else []


def _keys(keys: Sequence[str]) -> str:
    shown = [cell(key) for key in keys[:MOST_ROWS]]
    if len(keys) > MOST_ROWS:
        shown.append(f"nog {len(keys) - MOST_ROWS}")
    return listed(shown)


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2 or any(arg.startswith("-") for arg in argv):
        print(
            "gebruik: python -m whitepaper.health.summary OUD NIEUW (twee statusbestanden;"
            " OUD mag ontbreken)",
            file=sys.stderr,
        )
        return 2
    if not Path(argv[1]).is_file():
        print(f"whitepaper.health.summary: {argv[1]} bestaat niet", file=sys.stderr)
        return 2
    try:
        old, new = read_status(Path(argv[0])), read_status(Path(argv[1]))
    except StatusProblem as problem:
        print(f"whitepaper.health.summary: {problem}", file=sys.stderr)
        return 2
    sys.stdout.write(pull_request_body(old, new))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
