"""The page "Versiegeschiedenis" of a paper (DESIGN.md, "Versions"): each paper version, newest
first, with its date, its summary, the site versions that carry it (each linked) and, where
there is one, its change page. Values in, HTML out; every text is escaped, and an address that
is not a relative one or http(s) is shown without its link."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from whitepaper.papers import clean, shown_date, version_order

TITLE = "Versiegeschiedenis"
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


@dataclass(frozen=True)
class SiteRelease:
    """A site version that carries a paper version: its name ('2026.1') and the paper's
    address in it."""

    version: str
    url: str


@dataclass(frozen=True)
class PaperVersion:
    """One version of a paper, as its changelog gives it (`date` as Paper.date), the site
    versions that carry it (oldest first) and the address of its change page, if it has one."""

    version: str
    date: tuple[int, ...] = ()
    summary: str = ""
    releases: tuple[SiteRelease, ...] = ()
    changes_url: str | None = None


def history_page(versions: Sequence[PaperVersion]) -> str:
    """The page's body: one `<div class="wp-history">` without blank lines, the versions
    newest first (by version number, as people count: 1.10 after 1.9)."""
    if not versions:
        return '<div class="wp-history">\n<p>Er is nog geen versie gepubliceerd.</p>\n</div>'
    items = []
    for entry in sorted(versions, key=lambda entry: version_order(entry.version), reverse=True):
        version = _text(entry.version)
        lines = [f'<h2 class="wp-history__version">Versie {version}</h2>']
        lines.append(f'<p class="wp-history__date">{_text(shown_date(entry.date))}</p>')
        if clean(entry.summary):
            lines.append(f'<p class="wp-history__summary">{_text(entry.summary)}</p>')
        releases = [_link(release.url, release.version) for release in entry.releases]
        where = {0: "Niet online te lezen", 1: "Te lezen in siteversie "}.get(
            len(releases), "Te lezen in de siteversies "
        )
        lines.append(f'<p class="wp-history__releases">{where}{_names(releases)}.</p>')
        if entry.changes_url:
            changes = _link(entry.changes_url, f"Wat is er veranderd in versie {entry.version}")
            lines.append(f'<p class="wp-history__changes">{changes}</p>')
        items.append('<section class="wp-history__entry">\n' + "\n".join(lines) + "\n</section>")
    return '<div class="wp-history">\n' + "\n".join(items) + "\n</div>"


def _text(value: str) -> str:
    return html.escape(clean(value))


def _link(url: str, text: str) -> str:
    """`text` linked to `url`; only the text where `url` is neither relative nor http(s)."""
    address = "".join(char for char in url if char > " " and char != "\x7f")
    scheme = _SCHEME.match(address.lower())
    if not address or (scheme and scheme[1] not in ("http", "https")):
        return _text(text)
    return f'<a href="{html.escape(address)}">{_text(text)}</a>'


def _names(names: Sequence[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
