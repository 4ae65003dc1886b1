"""The pages a release adds to each paper from what gh-pages already holds (DESIGN.md,
"Versions"): its "Versiegeschiedenis", and for a paper whose version changed since the previous
release, "Wat is er veranderd in versie X" (the previous release's article against this one's).

Read from git, built by pages/: the MkDocs plugin adds them to a versioned build (`whitepaper
publish`, `mike deploy`) and fills each change page in once the paper's page is rendered.
Published versions are never rebuilt, so the latest release's history is the complete one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whitepaper.pages.changes import change_page, change_title
from whitepaper.pages.history import TITLE as HISTORY_TITLE
from whitepaper.pages.history import PaperVersion, SiteRelease, history_page
from whitepaper.papers import ChangelogEntry, Paper, Papers, version_order
from whitepaper.publish.git import git
from whitepaper.publish.versions import Release, read_releases
from whitepaper.site_version import SiteVersion

HISTORY_PAGE = "versiegeschiedenis"  # <paper>/versiegeschiedenis/


def changes_page(version: str) -> str:
    """The change page's folder below its paper: veranderd-in-1.1/."""
    return f"veranderd-in-{version}"


@dataclass(frozen=True)
class ChangePage:
    """One change page to make: the paper, its previous and new version, what the changelog
    says of the new one, and where the previous release's page lies."""

    paper: str
    old_version: str
    new_version: str
    summary: str
    previous_release: str

    @property
    def uri(self) -> str:
        return f"{self.paper}/{changes_page(self.new_version)}.md"

    @property
    def pages(self) -> tuple[str, str]:
        """The paper's index page, whose article it compares, and the change page itself."""
        return f"{self.paper}/index.md", self.uri

    def markdown(self) -> str:
        """The page's source until its body is filled in: its title, for the nav and <title>."""
        return f"# {change_title(self.new_version)}\n"


@dataclass(frozen=True)
class ReleasePages:
    """What a release adds to its papers, and the published releases it was made from."""

    site: SiteVersion
    releases: tuple[Release, ...]  # on the branch, newest first; the one being built excluded
    changes: tuple[ChangePage, ...]
    histories: dict[str, str]  # paper -> the Markdown of its history page
    branch: str

    def change_of(self, paper: str) -> ChangePage | None:
        return next((page for page in self.changes if page.paper == paper), None)

    def sources(self) -> dict[str, str]:
        """The generated pages by path below docs/, with their Markdown."""
        pages = {f"{paper}/{HISTORY_PAGE}.md": text for paper, text in self.histories.items()}
        return pages | {change.uri: change.markdown() for change in self.changes}

    def links(self, paper: str) -> dict[str, str | None]:
        """Where a page of `paper` links its history and this release's change page (absolute
        paths, in this version), and its history in latest/ (for the outdated banner)."""
        base = f"{self.site.root_path}{self.site.name}/{paper}/"
        change = self.change_of(paper)
        return {
            "history": base + f"{HISTORY_PAGE}/",
            "changes": base + f"{changes_page(change.new_version)}/" if change else None,
            "changes_version": change.new_version if change else None,
            "latest_history": self.site.latest_path(f"{paper}/{HISTORY_PAGE}/"),
        }

    def body(self, change: ChangePage, new_html: str) -> str:
        """The change page's body: the previous release's page against the new article."""
        old_html = _read(self.branch, f"{change.previous_release}/{change.paper}/index.html")
        old_url = self.site.root_path + f"{change.previous_release}/{change.paper}/"
        return change_page(
            old_html or "",
            new_html,
            old_version=change.old_version,
            new_version=change.new_version,
            summary=change.summary,
            paper_url="../",
            old_paper_url=old_url,
        )


def release_pages(papers: Papers, site: SiteVersion, branch: str) -> ReleasePages:
    """The history of every paper and the change page of every paper whose version changed
    since the previous release, for the release `site.name` being built."""
    releases = tuple(r for r in read_releases(branch) if r.name != site.name)
    previous = releases[0] if releases else None
    changes, histories = [], {}
    for name, paper in papers.by_name.items():
        before = previous.papers.get(name) if previous else None
        change = None
        if previous and before and before.version and paper.version != before.version:
            summary = _entry(paper, paper.version).summary if paper.version else ""
            new = paper.version or ""
            change = ChangePage(name, before.version, new, summary, previous.name)
            changes.append(change)
        versions = _history(name, paper, site, releases, change)
        histories[name] = f"# {HISTORY_TITLE}\n\n{history_page(versions)}\n"
    return ReleasePages(site, releases, tuple(changes), histories, branch)


def _history(
    name: str,
    paper: Paper,
    site: SiteVersion,
    releases: Sequence[Release],
    change: ChangePage | None,
) -> list[PaperVersion]:
    """Each version of the paper: the ones releases recorded, this release's, and the ones
    its changelog names (written before any release), with the site versions carrying them."""
    carried: dict[str, list[str]] = {}
    for release in reversed(releases):  # oldest first
        state = release.papers.get(name)
        if state and state.version:
            carried.setdefault(state.version, []).append(release.name)
    if paper.version and site.name:
        carried.setdefault(paper.version, []).append(site.name)
    known = {*carried, *(entry.version for entry in paper.changelog)}
    versions = []
    for version in sorted(known, key=version_order):
        entry = _entry(paper, version)
        at = [
            SiteRelease(release, f"{site.root_path}{release}/{name}/")
            for release in carried.get(version, [])
        ]
        changed = change is not None and change.new_version == version
        url = f"../{changes_page(version)}/" if changed else None
        versions.append(PaperVersion(version, entry.date, entry.summary, tuple(at), url))
    return versions


def _entry(paper: Paper, version: str) -> ChangelogEntry:
    """The changelog's entry of `version`; the paper's own date when the changelog has none."""
    found = next((entry for entry in paper.changelog if entry.version == version), None)
    date = paper.date if version == paper.version else ()
    return found or ChangelogEntry(version, date, "")


def _read(branch: str, path: str) -> str | None:
    """A file of `branch`, or None when it is not there."""
    return git("show", f"{branch}:{path}", check=False) or None
