"""Withdrawals on `gh-pages`: a paper, or a whole site version, marked withdrawn in versions.json.

Withdrawn text stays online and citable at every address (DESIGN.md, "Versions"): a withdrawal
changes only `versions.json`, from which each published page's script (versions.js) learns that
it is withdrawn, why, and what replaces it. Nothing is ever deleted.

- A paper: `properties.papers.<paper>.withdrawn = {reason, successor}` in every release that
  carries it (per the `papers` property publish records); the successor is a paper of the newest
  release, linked in `latest/`.
- A site version: `properties.withdrawn = {reason, successor}` and `properties.hidden = true`,
  which Material's version selector reads to leave the version out (its tree is untouched, so
  its addresses keep working). The version `latest` points at is never withdrawn: readers would
  land on it.

One withdrawal is one commit on the branch's previous one (or none when versions.json already
says so), written with git's plumbing and put on the branch by a single compare-and-swap of its
ref: a failure anywhere, or another writer in between, leaves the branch as it was.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from whitepaper.diagnostics import StageError, did_you_mean
from whitepaper.publish.ghpages import REMOTE
from whitepaper.publish.git import (
    GitProblem,
    author_is_committer,
    git,
    git_bytes,
    head,
    is_ancestor,
)
from whitepaper.publish.versions import PAPERS_PROPERTY, Release, read_releases
from whitepaper.site_version import LATEST

WITHDRAWN = "withdrawn"  # the property versions.js reads, of a release or of one of its papers
HIDDEN = "hidden"  # Material leaves a version out of its selector when properties.hidden is true
VERSIONS_FILE = "versions.json"
REASON_LONGEST = 300  # a banner's sentence, not an article
_SEPARATORS = {"Zl", "Zp"}  # line and paragraph separators: a reason is one line
_CONTROLS = {"Cc", "Cf", "Cs"}  # control, format (bidi overrides, zero-width) and surrogates


class WithdrawProblem(StageError):
    """The withdrawal asked for cannot be made (no such paper or version, latest): exit 2."""


class WithdrawFailed(StageError):
    """Writing the withdrawal failed; the branch is as it was: exit 1."""


@dataclass(frozen=True)
class Withdrawal:
    """Why something is withdrawn (plain text, one line) and what replaces it, if anything."""

    reason: str
    successor: str | None = None

    def as_property(self) -> dict[str, str | None]:
        return {"reason": self.reason, "successor": self.successor}


def reason_problem(reason: str | None) -> str | None:
    """Why `reason` cannot be shown to readers as a withdrawal's reason, or None."""
    text = (reason or "").strip()
    if not text:
        return 'geef de reden met --reason "…": lezers zien die in de melding boven de tekst'
    for char in text:
        category = unicodedata.category(char)
        if category in _CONTROLS or category in _SEPARATORS:
            name = unicodedata.name(char, "")
            shown = f"U+{ord(char):04X}" + (f" {name}" if name else "")
            return (
                f"de reden bevat een stuurteken ({shown}): schrijf gewone tekst op één regel,"
                " zonder tabs, regeleinden of andere onzichtbare tekens"
            )
    if len(text) > REASON_LONGEST:
        return (
            f"de reden is {len(text)} tekens lang; hoogstens {REASON_LONGEST}: een korte zin"
            " in de melding, geen toelichting (die hoort in een nieuwe versie van de tekst)"
        )
    return None


@dataclass(frozen=True)
class Outcome:
    """What a withdrawal did: the site versions that now say it, and the commit (None:
    versions.json already said exactly this, so nothing was written)."""

    versions: tuple[str, ...]
    commit: str | None
    latest: str  # the version `latest` points at
    successor: str | None = None  # as written: `latest` is named by its version


def withdraw_paper(branch: str, paper: str, withdrawal: Withdrawal) -> Outcome:
    """Mark `paper` withdrawn in every release on `branch` that carries it."""
    start, base = _start(branch)
    releases, versions = _read(branch, base)
    carriers = tuple(release.name for release in releases if paper in release.papers)
    if not carriers:
        raise WithdrawProblem(_no_paper(branch, paper, releases))
    newest = _newest(releases)
    successor = withdrawal.successor
    if successor is not None:
        if successor == paper:
            raise WithdrawProblem(
                f"'{paper}' kan niet zijn eigen opvolger zijn; noem met --successor een ander"
                f" whitepaper van versie {newest.name}, of laat --successor weg"
            )
        if successor not in newest.papers:
            hint = did_you_mean(successor, sorted(newest.papers))
            raise WithdrawProblem(
                f"'{successor}' is geen whitepaper van de nieuwste versie {newest.name}: de"
                f" melding verwijst naar {LATEST}/{successor}/; {hint}"
            )
        if _paper_withdrawal(versions[newest.name], successor):
            raise WithdrawProblem(
                f"'{successor}' is zelf ingetrokken: lezers moeten naar een geldig whitepaper;"
                " kies een ander, of laat --successor weg"
            )
    for name in carriers:
        entry = _properties(versions[name])[PAPERS_PROPERTY][paper]
        entry[WITHDRAWN] = withdrawal.as_property()
    message = [f"Ingetrokken: {paper} ({withdrawal.reason})", "Versies: " + ", ".join(carriers)]
    if successor:
        message.append(f"Opvolger: {successor}")
    commit = _write(branch, start, base, versions, message)
    return Outcome(carriers, commit, newest.name, successor)


def withdraw_site_version(branch: str, version: str, withdrawal: Withdrawal) -> Outcome:
    """Mark the site version `version` withdrawn and hidden from the version selector."""
    start, base = _start(branch)
    releases, versions = _read(branch, base)
    names = [release.name for release in releases]
    newest = _newest(releases)
    if version.casefold() == LATEST or version in newest.aliases or version == newest.name:
        raise WithdrawProblem(
            f"versie {newest.name} is de nieuwste: '{LATEST}/' en de hoofdpagina van de site"
            " wijzen ernaar, dus lezers kwamen op een ingetrokken versie terecht; publiceer"
            f" eerst een nieuwere versie (whitepaper publish …) en trek {newest.name} daarna in"
        )
    if version not in names:
        raise WithdrawProblem(_no_version(branch, version, names))
    successor = withdrawal.successor
    if successor is not None:
        if successor.casefold() == LATEST:
            successor = newest.name  # a version's name: the address stays what it said
        if successor not in names:
            raise WithdrawProblem(_no_version(branch, successor, names, "--successor "))
        if names.index(successor) >= names.index(version):
            newer = ", ".join(names[: names.index(version)])
            raise WithdrawProblem(
                f"de opvolger van versie {version} moet een nieuwere versie zijn"
                f" ({'nieuwer zijn: ' + newer if newer else 'er is geen nieuwere'})"
            )
        if _properties(versions[successor]).get(WITHDRAWN):
            raise WithdrawProblem(
                f"versie {successor} is zelf ingetrokken: lezers moeten naar een geldige"
                f" versie; kies een andere, bijvoorbeeld {newest.name}"
            )
    properties = _properties(versions[version])
    properties[WITHDRAWN] = Withdrawal(withdrawal.reason, successor).as_property()
    properties[HIDDEN] = True
    message = [f"Ingetrokken: versie {version} ({withdrawal.reason})"]
    if successor:
        message.append(f"Opvolger: versie {successor}")
    commit = _write(branch, start, base, versions, message)
    return Outcome((version,), commit, newest.name, successor)


# --- reading -------------------------------------------------------------------------------


def _start(branch: str) -> tuple[str | None, str]:
    """(the branch's commit, the commit to build on): origin's when it is ahead, as publish
    starts from it; nothing is fetched, and a branch diverged from origin's is refused."""
    start = head(branch)
    tracking = git(
        "rev-parse",
        "--verify",
        "--quiet",
        f"refs/remotes/{REMOTE}/{branch}^{{commit}}",
        check=False,
    )
    if tracking and start != tracking:
        if start is None or is_ancestor(start, tracking):
            return start, tracking
        if not is_ancestor(tracking, start):
            raise GitProblem(
                f"{branch} en {REMOTE}/{branch} zijn uiteengelopen: elk heeft commits die de"
                f" ander mist. Neem die van {REMOTE} over met git branch -f {branch}"
                f" {REMOTE}/{branch} (wat u hier deed maar niet pushte, vervalt) en probeer"
                " opnieuw"
            )
    if start is None:
        raise WithdrawProblem(
            f"er is geen branch {branch}: er is nog niets gepubliceerd om in te trekken"
            " (whitepaper publish VERSIE publiceert een versie)"
        )
    return start, start


def _read(branch: str, base: str) -> tuple[list[Release], Any]:
    """The releases of `base`'s versions.json, newest first, and mike's own reading of it."""
    from mike.commands import list_versions

    releases = read_releases(base)  # a damaged file is a VersionsProblem, said for people
    if not releases:
        raise WithdrawProblem(
            f"{VERSIONS_FILE} op {branch} noemt geen enkele versie: er is niets om in te trekken"
        )
    return releases, list_versions(base)


def _newest(releases: Sequence[Release]) -> Release:
    """The release `latest` points at (mike's newest, as publish keeps it)."""
    return next((release for release in releases if LATEST in release.aliases), releases[0])


def _properties(info: Any) -> MutableMapping[str, Any]:
    """A version's properties in mike's reading, as a dict that changes it."""
    if not isinstance(info.properties, MutableMapping):
        info.properties = {}
    properties: MutableMapping[str, Any] = info.properties
    return properties


def _paper_withdrawal(info: Any, paper: str) -> object:
    papers = _properties(info).get(PAPERS_PROPERTY)
    entry = papers.get(paper) if isinstance(papers, Mapping) else None
    return entry.get(WITHDRAWN) if isinstance(entry, Mapping) else None


def paper_withdrawals(branch: str) -> dict[str, dict[str, Any]]:
    """Every paper withdrawn in some release on `branch`, with its {reason, successor}: a new
    release of the paper carries the withdrawal on (the newest release's mark counts)."""
    from mike.commands import list_versions

    found: dict[str, dict[str, Any]] = {}
    for info in reversed(list(list_versions(branch))):  # oldest first: newer marks win
        papers = _properties(info).get(PAPERS_PROPERTY)
        for name, entry in papers.items() if isinstance(papers, Mapping) else ():
            mark = entry.get(WITHDRAWN) if isinstance(entry, Mapping) else None
            if isinstance(mark, Mapping):
                found[str(name)] = dict(mark)
    return found


def _no_paper(branch: str, paper: str, releases: Sequence[Release]) -> str:
    papers = sorted({name for release in releases for name in release.papers})
    if not papers:
        return (
            f"geen versie op {branch} noemt haar whitepapers (de property '{PAPERS_PROPERTY}'"
            f" in {VERSIONS_FILE}); publiceer met whitepaper publish"
        )
    hint = did_you_mean(paper, papers)
    return f"'{paper}' staat in geen enkele gepubliceerde versie op {branch}; {hint}"


def _no_version(branch: str, version: str, names: Sequence[str], option: str = "") -> str:
    close = difflib.get_close_matches(version, names, n=1)
    hint = f" (bedoelde u {close[0]}?)" if close else ""
    return f"{option}'{version}' is geen versie op {branch}{hint}; gepubliceerd zijn: " + ", ".join(
        names
    )


# --- writing -------------------------------------------------------------------------------


def _write(
    branch: str, start: str | None, base: str, versions: Any, message: Sequence[str]
) -> str | None:
    """versions.json as mike writes it, committed on `base` and put on `branch` if `branch` is
    still at `start`; None when the file would not change."""
    from mike.commands import versions_to_file_info

    data: bytes = versions_to_file_info(versions).data
    try:
        # The root's entries as git lists them (bytes: a name is whatever bytes it is).
        entries = [entry for entry in git_bytes("ls-tree", "-z", base).split(b"\0") if entry]
        name = b"\t" + VERSIONS_FILE.encode()
        current = [entry for entry in entries if entry.endswith(name)]
        if not current:  # pragma: no cover - read_releases found releases in it
            raise WithdrawFailed(f"{VERSIONS_FILE} ontbreekt op {branch}")
        mode, kind, blob = current[0][: -len(name)].split()
        if git_bytes("cat-file", "blob", blob.decode()) == data:
            return None
        new_blob = git_bytes("hash-object", "-w", "--stdin", data=data).strip()
        listing = [entry for entry in entries if entry not in current]
        listing.append(b" ".join((mode, kind, new_blob)) + name)
        new_tree = git_bytes("mktree", "-z", data=b"\0".join(listing) + b"\0").strip()
        commit = git(
            "commit-tree",
            new_tree.decode(),
            "-p",
            base,
            *(part for line in message for part in ("-m", line)),
            env=author_is_committer(),
        )
        # Compare-and-swap: only if nobody moved the branch since it was read.
        git("update-ref", f"refs/heads/{branch}", commit, start or "")
    except GitProblem as problem:
        now = head(branch)
        said = "intussen door een ander gewijzigd" if now != start else "niet gewijzigd"
        raise WithdrawFailed(
            f"{branch} bijwerken mislukt ({problem}); {branch} is {said}. Er is niets"
            " ingetrokken; probeer het opnieuw"
        ) from None
    return commit
