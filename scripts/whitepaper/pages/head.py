"""What a page's <head> says about it when it is found or shared: its <title>, its description,
Open Graph and Twitter's card; and the texts of the site's own files for crawlers and for a
missing address (robots.txt, the 404 page's wording), shared with gh-pages' root files.

Pure functions of plain text; the templates escape every value (`| e`).
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE_SEPARATOR = " \u2013 "  # an en dash between spaces, Dutch's gedachtestreepje
LOCALE = "nl_NL"  # Open Graph's form of the site's language


def page_title(title: str | None, site_name: str) -> str:
    """The page's title, TITLE_SEPARATOR, the site's name, once; the home page (no title of
    its own, or the site's name itself) just the site's name."""
    title = " ".join((title or "").split())
    if not title or title.casefold() == site_name.casefold():
        return site_name
    return f"{title}{TITLE_SEPARATOR}{site_name}"


@dataclass(frozen=True)
class Head:
    """The head of one page: `title` for <title>, `description` for <meta name="description">,
    `tags` the (attribute, name, content) triples of Open Graph (`property`) and Twitter
    (`name`), all plain text."""

    title: str
    description: str
    tags: list[tuple[str, str, str]]


def page_head(
    *,
    title: str | None,
    site_name: str,
    description: str | None,
    url: str | None,
    article: bool,
) -> Head:
    """A paper's page (`article`) or another page of the site; `url` is its canonical address,
    None where it has none to share (a pull request's preview disappears with it)."""
    shown = " ".join((title or "").split()) or site_name
    text = " ".join((description or "").split())
    tags = [
        ("property", "og:title", shown),
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:locale", LOCALE),
        ("property", "og:site_name", site_name),
    ]
    if text:
        tags.insert(1, ("property", "og:description", text))
    if url:
        tags.append(("property", "og:url", url))
    if article:
        tags.append(("name", "twitter:card", "summary"))
    return Head(page_title(title, site_name), text, tags)


# --- the site's own files ----------------------------------------------------------------------


@dataclass(frozen=True)
class NotFound:
    """The Dutch wording of every 404 page: the site's own (Material's theme) and the root one
    GitHub Pages serves for gh-pages (publish/ghpages.py)."""

    title: str = "Pagina niet gevonden"
    heading: str = "Deze pagina bestaat niet"
    text: str = (
        "Het adres is misschien verkeerd getypt, of de pagina heeft een ander adres gekregen."
        " Eerder gepubliceerde versies blijven online op hun eigen adres."
    )
    search: str = "Zoek hierboven in de whitepapers, of ga naar de startpagina."
    home: str = "Naar de startpagina van {site_name}"
    latest: str = "Naar de actuele versie van {site_name}"


NOT_FOUND = NotFound()


def robots_txt(*, disallow: list[str], sitemap: str | None) -> str:
    """robots.txt for every crawler: the paths kept out ('/' for all, none: everything is
    allowed) and the sitemap's absolute address."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Disallow:"]
    lines += [f"Sitemap: {sitemap}"] if sitemap else []
    return "\n".join(lines) + "\n"


def site_robots_txt(site_url: str | None, *, preview: bool) -> str:
    """A built site's own robots.txt: a pull request's preview keeps every crawler out, any
    other build lets them in and names its sitemap (a release's crawlers read gh-pages' root
    one instead: publish/ghpages.py)."""
    if preview:
        return robots_txt(disallow=["/"], sitemap=None)
    return robots_txt(disallow=[], sitemap=f"{site_url}sitemap.xml" if site_url else None)


def not_found_head(site_name: str, site_description: str | None) -> Head:
    """The head of the site's own 404 page: no address of its own (it answers for any)."""
    return page_head(
        title=NOT_FOUND.title,
        site_name=site_name,
        description=site_description,
        url=None,
        article=False,
    )


def not_found_wording(site_name: str) -> dict[str, str]:
    """NOT_FOUND for the site's own 404 page (overrides/404.html), the site's name filled in."""
    return {
        "heading": NOT_FOUND.heading,
        "text": NOT_FOUND.text,
        "search": NOT_FOUND.search,
        "home": NOT_FOUND.home.format(site_name=site_name),
    }
