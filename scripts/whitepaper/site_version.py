"""Which site version a build makes, and the addresses that follow from it (DESIGN.md, "Versions").

`whitepaper publish` and `mike deploy` build with MIKE_DOCS_VERSION set; a plain build has no
version. A citation must point at the text that was cited, so the cite box, the JSON-LD, the
citation_* tags and the PDF name the versioned address (`<root>/<version>/<page>`); canonical
links and the sitemap name `latest/`, so search engines index one copy (mike's own plugin moves
`site_url` there, and our plugin reads the root before it does).

A pull request's preview (`whitepaper build --preview N`, which sets WHITEPAPER_PREVIEW) is
another site: it lies at `<root>/pr-preview/pr-<N>/`, every absolute link points there, and it
names nothing as an address to cite (it is removed when the pull request closes).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from whitepaper.diagnostics import StageError

VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # mike's name for it; `whitepaper publish` sets it too
LATEST = "latest"  # the alias every release gets, and where the site's root redirects
PREVIEW_VARIABLE = "WHITEPAPER_PREVIEW"  # the pull request's number; `build --preview` sets it
PREVIEWS = "pr-preview"  # on gh-pages: pr-preview/pr-<N>/, beside the versions
PREVIEW_MARKER = "whitepaper-preview.json"  # at a preview build's root: {"pull_request": N}
LARGEST_NUMBER = 10**9  # a pull request's number is small; a longer one is a typo


class SiteVersionProblem(StageError):
    """The environment asks for a build that cannot be made (a preview and a release)."""


def preview_path(number: int) -> str:
    """Where the preview of pull request `number` lies below the site's root."""
    return f"{PREVIEWS}/pr-{number}/"


def preview_stamp(number: int) -> str:
    """The sentence on every page and PDF page of a preview."""
    return f"Voorbeeld van pull request #{number} — niet gepubliceerd, niet citeren"


def preview_number(text: str) -> int | None:
    """A pull request's number written as the positive integer it is ('12'), else None."""
    if not text.isascii() or not text.isdigit() or text.startswith("0"):
        return None
    number = int(text)
    return number if number < LARGEST_NUMBER else None


def root_address(site_url: str) -> str:
    """`site_url` as the root it names, ending in '/': what paths below it are joined to."""
    return site_url if site_url.endswith("/") else site_url + "/"


def root_path(site_url: str | None) -> str:
    """The root's path on its host, '/whitepapers/': what absolute links begin with."""
    return root_address(urlsplit(site_url or "/").path)


@dataclass(frozen=True)
class SiteVersion:
    """The site's root address (its configured `site_url`) and the version being built."""

    root: str | None
    name: str | None = None  # None: a build outside mike, with no versions
    preview: int | None = None  # the pull request a preview build shows; never with `name`

    @property
    def site_url(self) -> str | None:
        """The `site_url` this build is made with: a preview's own address, else the root."""
        if self.root and self.preview:
            return root_address(self.root) + preview_path(self.preview)
        return self.root

    def address(self, path: str) -> str | None:
        """Where `path` (a page's or file's path in the site) lies on the web, in this build."""
        if not self.root:
            return None
        return root_address(self.site_url or "") + (f"{self.name}/" if self.name else "") + path

    def cited(self, path: str) -> str | None:
        """The address a citation of `path` names; None in a preview, which is not to be cited
        (it disappears with its pull request)."""
        return None if self.preview else self.address(path)

    @property
    def stamp(self) -> str | None:
        """A preview's sentence for its banner and its PDFs, else None."""
        return preview_stamp(self.preview) if self.preview else None

    @property
    def root_path(self) -> str:
        """The root's path on its host, '/whitepapers/': where versions.json lies."""
        return root_path(self.root)

    def banner(self, path: str, paper: str | None) -> dict[str, str] | None:
        """What the banners of the page at `path` (of `paper`, if any) need: this version,
        the same page in latest/, the site's root path and its versions.json (from which the
        browser learns the latest version and any withdrawal); None for an unversioned build."""
        if not self.name:
            return None
        return {
            "name": self.name,
            "paper": paper or "",
            "latest": self.latest_path(path),
            "root": self.root_path,
            "versions": self.root_path + "versions.json",
        }

    def latest_path(self, path: str) -> str:
        """The same page in `latest/`, as an absolute path on the host (for any page depth)."""
        return f"{self.root_path}{LATEST}/{path}"


def site_version(site_url: str | None, environ: Mapping[str, str] = os.environ) -> SiteVersion:
    """The version this build makes, from the environment mike, `whitepaper publish` and
    `whitepaper build --preview` set; a SiteVersionProblem when it asks for two at once."""
    name = environ.get(VERSION_VARIABLE) or None
    asked = environ.get(PREVIEW_VARIABLE, "").strip()
    if not asked:
        return SiteVersion(site_url, name)
    number = preview_number(asked)
    if number is None:
        raise SiteVersionProblem(
            f"{PREVIEW_VARIABLE}='{asked}' is geen nummer van een pull request: schrijf een"
            " positief geheel getal, zoals 12"
        )
    if name:
        raise SiteVersionProblem(
            f"een voorbeeld (pull request #{number}, {PREVIEW_VARIABLE}) en een release (versie"
            f" {name}, {VERSION_VARIABLE}) tegelijk gevraagd: een build maakt een van beide;"
            f" haal {PREVIEW_VARIABLE} of {VERSION_VARIABLE} weg"
        )
    return SiteVersion(site_url, None, number)


def preview_marker(number: int, titles: Mapping[str, str] | None = None) -> str:
    """The text of PREVIEW_MARKER, by which `whitepaper preview` knows a preview build of N;
    `titles` (each paper's, by folder) name the papers in the pull request's comment."""
    return json.dumps({"pull_request": number, "papers": dict(titles or {})}) + "\n"
