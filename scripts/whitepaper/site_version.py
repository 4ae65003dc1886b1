"""Which site version a build makes, and the addresses that follow from it (DESIGN.md, "Versions").

`whitepaper publish` and `mike deploy` build with MIKE_DOCS_VERSION set; a plain build has no
version. A citation must point at the text that was cited, so the cite box, the JSON-LD, the
citation_* tags and the PDF name the versioned address (`<root>/<version>/<page>`); canonical
links and the sitemap name `latest/`, so search engines index one copy (mike's own plugin moves
`site_url` there, and our plugin reads the root before it does).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # mike's name for it; `whitepaper publish` sets it too
LATEST = "latest"  # the alias every release gets, and where the site's root redirects


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

    def cited(self, path: str) -> str | None:
        """The address a citation of `path` (a page's or file's path in the site) names."""
        if not self.root:
            return None
        return root_address(self.root) + (f"{self.name}/" if self.name else "") + path

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
    """The version this build makes, from the environment mike and `whitepaper publish` set."""
    return SiteVersion(site_url, environ.get(VERSION_VARIABLE) or None)
