"""`verify()`: which entries to ask about, asking, and what the run found, top to bottom.

An entry is asked about when the status file has no result for it, when what it says changed
since (its fingerprint), or when its result is older than `max_age` days; the others keep
their result. The findings are those of every chosen entry's current result, asked now or
before, at the field of the .bib file they are about.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from whitepaper.diagnostics import Diagnostic, StageError, did_you_mean, display_path
from whitepaper.health.claims import Claims, claims
from whitepaper.health.registry import Problem, check_doi, check_pmid, check_url
from whitepaper.health.status import MAX_AGE, Checked, Finding, Status, checked
from whitepaper.net.client import Client, NetworkProblem, Unreachable
from whitepaper.sources.entries import BibEntry, Bibliography, entry_finding


class UnknownKey(StageError):
    """A key named on the command line that no entry has."""


class Offline(StageError):
    """Not one request of the run was answered: nothing is said about any entry."""


@dataclass(frozen=True)
class Run:
    """What one run found and the status to write."""

    diagnostics: tuple[Diagnostic, ...]
    total: int  # entries chosen
    checkable: int  # of those, with a DOI, PMID or web address
    asked: tuple[str, ...]  # keys asked about now
    unchecked: tuple[tuple[str, str], ...]  # (key, why) for those a service could not answer
    status: Status


@dataclass
class _Tally:
    answered: int = 0
    unreachable: list[str] = field(default_factory=list)


def verify(
    bibliography: Bibliography,
    status: Status,
    client: Client,
    *,
    keys: Sequence[str] = (),
    today: datetime.date,
    max_age: int = MAX_AGE,
    root: Path,
) -> Run:
    chosen = chosen_entries(bibliography, keys)
    said = {entry.key: claims(entry) for entry in chosen}
    checkable = [entry for entry in chosen if said[entry.key].asked]
    due = [e for e in checkable if _due(status.entries.get(e.key), said[e.key], today, max_age)]
    tally, results, unchecked = _Tally(), dict[str, Checked](), []
    for entry in due:
        try:
            problems = _ask(client, said[entry.key], tally)
        except Unreachable as problem:
            tally.unreachable.append(str(problem))
            unchecked.append((entry.key, str(problem)))
            continue
        except NetworkProblem as problem:
            tally.answered += 1  # a service said something: this is not offline
            unchecked.append((entry.key, str(problem)))
            continue
        findings = tuple(Finding(p.code, p.field, p.message, p.hint, p.kind) for p in problems)
        results[entry.key] = checked(
            today, said[entry.key].fingerprint, said[entry.key].asked, findings
        )
    if tally.unreachable and not tally.answered:
        raise Offline(tally.unreachable[0])
    new_status = _updated(status, results, said, whole=not keys, all_keys=bibliography.entries)
    found = _diagnostics(checkable, said, new_status, root)
    return Run(
        found,
        len(chosen),
        len(checkable),
        tuple(results),
        tuple(unchecked),
        new_status,
    )


def chosen_entries(bibliography: Bibliography, keys: Sequence[str]) -> list[BibEntry]:
    entries = bibliography.entries
    if not keys:
        return list(entries.values())
    by_folded = {key.casefold(): entry for key, entry in entries.items()}
    chosen = []
    for key in keys:
        entry = entries.get(key) or by_folded.get(key.casefold())
        if entry is None:
            raise UnknownKey(
                f"geen bron met de sleutel '{key}' in de bibliografie;"
                f" {did_you_mean(key, sorted(entries), most=12)}"
            )
        chosen.append(entry)
    return list(dict.fromkeys(chosen))


def _due(before: Checked | None, now: Claims, today: datetime.date, max_age: int) -> bool:
    if before is None or before.fingerprint != now.fingerprint:
        return True
    return (today - before.checked).days >= max_age


def _ask(client: Client, said: Claims, tally: _Tally) -> list[Problem]:
    """Every check the entry's identifiers allow; a failing service raises (nothing kept)."""
    problems = []
    if said.doi:
        problems += check_doi(client, said)
        tally.answered += 1
    if said.pmid:
        problems += check_pmid(client, said)
        tally.answered += 1
    if said.url:
        url_problems, reached = check_url(client, said)
        problems += url_problems
        if reached:
            tally.answered += 1
        elif not said.doi and not said.pmid:
            tally.unreachable.append(url_problems[0].message if url_problems else said.url)
    return problems


def _updated(
    status: Status,
    results: dict[str, Checked],
    said: dict[str, Claims],
    *,
    whole: bool,
    all_keys: Iterable[str],
) -> Status:
    """The old results with the new ones; a full run forgets entries that are gone or have
    nothing to check any more."""
    keep = set(all_keys)
    entries = {
        key: result
        for key, result in status.entries.items()
        if not whole or (key in keep and said.get(key, Claims(key)).asked)
    }
    entries.update(results)
    return Status(entries=dict(sorted(entries.items())))


def _diagnostics(
    checkable: list[BibEntry], said: dict[str, Claims], status: Status, root: Path
) -> tuple[Diagnostic, ...]:
    found = []
    for entry in checkable:
        result = status.entries.get(entry.key)
        if result is None or result.fingerprint != said[entry.key].fingerprint:
            continue  # not asked yet, or said of what the entry said before
        shown = display_path(entry.path, root)
        found += [
            entry_finding(entry, shown, item.field, item.code, item.message, item.hint)
            for item in result.findings
        ]
    return tuple(sorted(found))
