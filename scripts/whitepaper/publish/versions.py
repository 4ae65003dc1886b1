"""Site versions: which names a release may have, and what `versions.json` says of each release.

A site version is a folder of `gh-pages` and a name in readers' addresses (`/2026.1/kraken/`),
so it is one clean path segment. `latest` is the alias every release gets, `pr-…` names are
the pull-request previews' (`pr-preview/pr-<N>/`), and the root files' names are taken.

Each release records the version and a digest of every paper in its mike property `papers`
(`{paper: {"version": …, "digest": …}}`), so the next release can tell which papers' text
changed without their `version` changing, with no second store beside `versions.json`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from whitepaper.diagnostics import StageError
from whitepaper.papers import find_papers, is_index_page, version_text
from whitepaper.site_version import LATEST
from whitepaper.sources.documents import Document

PAPERS_PROPERTY = "papers"  # the mike property holding a release's paper versions
PREVIEW_PREFIX = "pr-"  # pull-request previews live in pr-preview/pr-<N>/
ROOT_FILES = ("index.html", "404.html", "robots.txt", "versions.json", "CNAME", ".nojekyll")
_CLEAN_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
_LONGEST = 100
EXAMPLE = "2026.1"


class VersionsProblem(StageError):
    """versions.json on gh-pages cannot be read: exit code 2."""


def version_problem(name: str) -> str | None:
    """Why `name` cannot be a site version (a Dutch sentence with the fix), or None."""
    folded = name.casefold()
    if not name:
        return f"geef een versienaam, bijvoorbeeld: whitepaper publish {EXAMPLE}"
    if folded == LATEST:
        return (
            f"'{name}' is geen versienaam: zo heet de alias die elke nieuwe versie krijgt;"
            f" kies een naam als {EXAMPLE}"
        )
    if folded.startswith(PREVIEW_PREFIX) or folded == "pr-preview":
        return (
            f"'{name}' is geen versienaam: namen die met '{PREVIEW_PREFIX}' beginnen zijn voor"
            f" voorvertoningen van pull requests (pr-preview/); kies een naam als {EXAMPLE}"
        )
    if not _CLEAN_SEGMENT.fullmatch(name) or len(name) > _LONGEST:
        return (
            f"'{name}' is geen geldige versienaam: gebruik alleen letters, cijfers, '.', '-' en"
            f" '_' (hoogstens {_LONGEST} tekens), en begin niet met '.' of '-';"
            f" bijvoorbeeld {EXAMPLE}"
        )
    if folded in (root.casefold() for root in ROOT_FILES):
        return (
            f"'{name}' is geen versienaam: zo heet een bestand in de hoofdmap van gh-pages;"
            f" kies een naam als {EXAMPLE}"
        )
    return None


@dataclass(frozen=True)
class PaperState:
    """A paper as one release published it: its front matter `version` (None: none given)
    and the sha256 of its source pages."""

    version: str | None
    digest: str


def paper_states(documents: Sequence[Document], docs_dir: Path) -> dict[str, PaperState]:
    """Every paper of the check's reading `documents`, by folder name, as this release has it."""
    papers = find_papers(documents, docs_dir)
    grouped = papers.group(documents)
    states = {}
    for name in papers.by_name:
        pages = sorted((papers.uri(page), page) for page in grouped.get(name, []))
        digest = hashlib.sha256()
        version = None
        for uri, page in pages:
            for part in (uri.encode(), page.text.encode()):  # length-prefixed: no ambiguity
                digest.update(len(part).to_bytes(8, "little") + part)
            if is_index_page(uri):
                version = version_text(page.front_matter.get("version"))
        states[name] = PaperState(version, digest.hexdigest())
    return states


def as_property(states: Mapping[str, PaperState]) -> dict[str, dict[str, str | None]]:
    """`states` as the JSON value of the property `papers` in versions.json."""
    return {
        name: {"version": state.version, "digest": state.digest}
        for name, state in sorted(states.items())
    }


def from_property(value: object) -> dict[str, PaperState]:
    """The paper states a release recorded; what is not in the expected shape is skipped."""
    if not isinstance(value, Mapping):
        return {}
    states = {}
    for name, state in value.items():
        if not isinstance(name, str) or not isinstance(state, Mapping):
            continue
        digest, version = state.get("digest"), state.get("version")
        if isinstance(digest, str):
            states[name] = PaperState(version_text(version), digest)
    return states


@dataclass(frozen=True)
class Release:
    """One site version in versions.json: its name, aliases and recorded paper states."""

    name: str
    aliases: frozenset[str]
    papers: Mapping[str, PaperState]


def read_releases(branch: str) -> list[Release]:
    """The releases in versions.json on `branch`, newest first (mike's order); none when the
    branch or the file does not exist yet."""
    from mike.commands import list_versions

    try:
        versions = list_versions(branch)
    except ValueError as error:  # not JSON, or not mike's shape
        raise VersionsProblem(
            f"versions.json op {branch} is onleesbaar ({error}); herstel het bestand op {branch}"
            " (of verwijder het foute item) en publiceer opnieuw"
        ) from None
    releases = []
    for info in versions:
        properties = info.properties if isinstance(info.properties, Mapping) else {}
        releases.append(
            Release(
                name=str(info.version),
                aliases=frozenset(str(alias) for alias in info.aliases),
                papers=from_property(properties.get(PAPERS_PROPERTY)),
            )
        )
    return releases


def newest_with(releases: Sequence[Release], name: str) -> str:
    """The newest version once `name` is published too, in mike's order (the selector's)."""
    from mike.versions import Versions

    versions = Versions()
    for release in releases:
        versions.add(release.name)
    versions.add(name)
    return str(next(iter(versions)).version)


def release_problem(releases: Sequence[Release], name: str) -> str | None:
    """Why `name` cannot be published now, or None: only the newest version may be (re)published.

    An older version is what readers cited: publishing it again would change that text and move
    `latest` back to it."""
    owner = next((release.name for release in releases if name in release.aliases), None)
    if owner:
        return f"'{name}' is al een alias van versie {owner}; kies een andere versienaam"
    newest = newest_with(releases, name)
    if newest == name:
        return None
    if any(release.name == name for release in releases):
        return (
            f"versie {name} is al gepubliceerd en is niet de nieuwste (dat is {newest}):"
            " een oude versie opnieuw publiceren zou de tekst veranderen die lezers citeerden,"
            f" en '{LATEST}' terugzetten; publiceer een nieuwe versie, na {newest}"
        )
    return (
        f"versie {name} komt vóór de nieuwste versie {newest}: '{LATEST}' moet naar de"
        f" nieuwste wijzen; kies een hogere versienaam dan {newest}"
    )


def previous_release(releases: Sequence[Release], name: str) -> Release | None:
    """The release before `name`: the newest other one."""
    return next((release for release in releases if release.name != name), None)


def unchanged_versions(
    previous: Release, states: Mapping[str, PaperState]
) -> list[tuple[str, str]]:
    """(paper, Dutch warning) for each paper whose text changed since `previous` while its
    `version` did not."""
    warnings = []
    for name, state in sorted(states.items()):
        before = previous.papers.get(name)
        if before and before.digest != state.digest and before.version == state.version:
            still = f"nog {state.version}" if state.version else "nog altijd geen"
            warnings.append(
                (
                    name,
                    f"{name}: de tekst is gewijzigd sinds {previous.name},"
                    f" maar 'version' niet ({still})",
                )
            )
    return warnings
