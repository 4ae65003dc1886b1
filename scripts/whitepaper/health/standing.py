"""What the site shows of each source's check, from the committed status file alone (offline,
reproducible): whether it was checked, when, what was found, and the marks of a retracted or
corrected work.

A result counts only for what the entry still says (its fingerprint, as `verify` counts it):
an entry edited since its check is "not checked again yet", never shown with another
version's findings. A key in the status file that no entry has is left out: `verify`'s next
full run forgets it, and until then it is shown nowhere (a warning would fall on whoever
removes an entry, who cannot run `verify` without the network).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from whitepaper.health.claims import claims
from whitepaper.health.status import Finding, Status
from whitepaper.sources.entries import BibEntry

State = Literal["ok", "problems", "changed", "unchecked", "uncheckable"]
MarkCode = Literal["retracted", "corrected"]

# The short word of a mark, by the registry's update type (the finding's `kind`): an
# expression of concern is no retraction, and a badge must not say it is.
_SHORT = {
    "retraction": "ingetrokken",
    "partial_retraction": "gedeeltelijk ingetrokken",
    "withdrawal": "teruggetrokken",
    "removal": "verwijderd",
    "expression_of_concern": "in twijfel getrokken",
}
RETRACTED_UNKNOWN = "ingetrokken of in twijfel getrokken"  # words of no kind above


@dataclass(frozen=True)
class Mark:
    """A retracted or corrected work, as its citations and its entry show it."""

    code: MarkCode
    label: str  # 'ingetrokken', 'gecorrigeerd', …: the badge's word
    message: str  # what `verify` said, with the notice's DOI and date (plain text)


@dataclass(frozen=True)
class Standing:
    """One entry's check, as the site shows it."""

    state: State
    checked: datetime.date | None = None  # the day of the check it shows (or of the last one)
    asked: tuple[str, ...] = ()  # doi, pmid, url
    findings: tuple[Finding, ...] = ()

    @property
    def marks(self) -> tuple[Mark, ...]:
        return marks_for(self.findings)


def standings(entries: Iterable[BibEntry], status: Status) -> dict[str, Standing]:
    """Each entry's standing, by key."""
    return {entry.key: standing(entry, status) for entry in entries}


def standing(entry: BibEntry, status: Status) -> Standing:
    said = claims(entry)
    if not said.asked:
        return Standing("uncheckable")
    result = status.entries.get(entry.key)
    if result is None:
        return Standing("unchecked")
    if result.fingerprint != said.fingerprint:
        return Standing("changed", result.checked, result.asked)
    state: State = "problems" if result.findings else "ok"
    return Standing(state, result.checked, result.asked, result.findings)


def marks_for(findings: Iterable[Finding]) -> tuple[Mark, ...]:
    """The marks of retracted and corrected works among `findings`: retractions first, each
    once."""
    marks = [mark for mark in map(_mark, findings) if mark is not None]
    return tuple(sorted(dict.fromkeys(marks), key=lambda mark: mark.code != "retracted"))


def marks_of(found: Mapping[str, Standing]) -> dict[str, tuple[Mark, ...]]:
    """The entries with a mark, by key."""
    return {key: said.marks for key, said in found.items() if said.marks}


def _mark(finding: Finding) -> Mark | None:
    if finding.code == "corrected":
        return Mark("corrected", "gecorrigeerd", finding.message)
    if finding.code != "retracted":
        return None
    return Mark("retracted", _SHORT.get(finding.kind, RETRACTED_UNKNOWN), finding.message)
