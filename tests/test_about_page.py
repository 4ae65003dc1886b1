"""The "Over deze site" page (docs/over-deze-site.md): built, linked from every page's footer,
naming each paper's publisher as its front matter gives it (generated: pages/listing.py), no
paper itself, last in the navigation; and the privacy it claims, checked in Chromium."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.html
import markdown
import pytest
from mkdocs.utils.meta import get_data

from tests.conftest import ROOT
from whitepaper.pages.listing import (
    PUBLISHERS,
    REPOSITORY,
    PaperSummary,
    publisher_listing,
    repository_link,
    with_publishers,
)
from whitepaper.papers import Papers, read_paper

if TYPE_CHECKING:  # the `browser` fixture imports Playwright; the other tests run without it
    from playwright.sync_api import Browser

ABOUT = "over-deze-site"
PAPERS = sorted(path.parent.name for path in (ROOT / "docs").glob("*/index.md"))


def front_matter(paper: str) -> dict[str, object]:
    """A paper's front matter as MkDocs reads it."""
    _, meta = get_data((ROOT / "docs" / paper / "index.md").read_text(encoding="utf-8"))
    return meta


def tree(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path).read_text(encoding="utf-8"))


def text(element: lxml.html.HtmlElement) -> str:
    """The element's text as read, without the headings' permalinks ("¶")."""
    words = element.xpath('.//text()[not(ancestor::a[@class="headerlink"])]')
    return " ".join("".join(words).split())


def html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


# --- the generated parts, as Markdown --------------------------------------------------------


def summary(**front: object) -> PaperSummary:
    return PaperSummary("p/index.md", read_paper({"title": "T", **front}, None))


@pytest.mark.parametrize(
    ("front", "said"),
    [
        (
            {"association": "NVMT", "authors": ["Jan Jansen", "Petra de Vries"]},
            "Uitgegeven door NVMT; geschreven door Jan Jansen en Petra de Vries.",
        ),
        ({"association": "NVMT"}, "Uitgegeven door NVMT."),
        (
            {"authors": ["A", "B", "C"]},
            "Geschreven door A, B en C; het whitepaper noemt geen uitgever.",
        ),
        ({}, "Het whitepaper noemt geen uitgever en geen auteurs."),
    ],
    ids=["both", "association", "authors", "neither"],
)
def test_each_paper_says_who_publishes_it_or_that_it_does_not_say(
    front: dict[str, object], said: str
) -> None:
    assert publisher_listing([summary(**front)]) == f"- [T](p/index.md)\n\n    {said}\n"


def test_no_papers_is_said_instead_of_an_empty_list() -> None:
    assert publisher_listing([]) == "Er zijn nog geen whitepapers gepubliceerd.\n"


def test_front_matter_in_the_publishers_list_stays_text() -> None:
    hostile = "*x* <b>y</b> [@k](javascript:x) {: #id } & _z_"
    source = publisher_listing([summary(association=hostile, authors=[hostile])])
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html"])
    assert re.findall(r"<[^>]*>", html) == [
        *["<ul>", "<li>", "<p>", '<a href="p/index.md">', "</a>", "</p>"],
        *["<p>", "</p>", "</li>", "</ul>"],
    ]
    assert f"Uitgegeven door {hostile}; geschreven door {hostile}." in lxml.html.fromstring(
        html
    ).text_content().replace("\n", " ")


@pytest.mark.parametrize(
    ("repo_url", "link"),
    [
        (
            "https://github.com/whitepaper-nl/whitepapers",
            "[de projectpagina van deze site](https://github.com/whitepaper-nl/whitepapers)",
        ),
        (
            "https://example.org/a(b)",
            "[de projectpagina van deze site](https://example.org/a%28b%29)",
        ),
        (None, "de projectpagina van deze site"),
        ("javascript:alert(1)", "de projectpagina van deze site"),
    ],
    ids=["github", "parentheses", "none", "not-a-web-address"],
)
def test_the_repository_link_is_a_web_address_or_no_link(repo_url: str | None, link: str) -> None:
    assert repository_link(repo_url) == link


def test_a_page_without_the_markers_is_left_as_it_is() -> None:
    page = "# Titel\n\nTekst <!-- whitepapers -->\n"
    assert with_publishers(page, Papers(ROOT / "docs", {}), "https://example.org/") == page


def test_the_markers_are_replaced_once_kept_out_of_search() -> None:
    papers = Papers(ROOT / "docs", {"p": read_paper({"title": "T"}, None)})
    page = with_publishers(f"{PUBLISHERS}\n\n{REPOSITORY}\n", papers, "https://example.org/")
    assert page == (
        '<div class="wp-publishers" data-pagefind-ignore markdown>\n\n'
        "- [T](p/index.md)\n\n    Het whitepaper noemt geen uitgever en geen auteurs.\n\n</div>\n"
        "\n\n[de projectpagina van deze site](https://example.org/)\n"
    )


# --- the built site ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_about_page_is_built_and_in_the_sitemap(built_site: Path) -> None:
    page = tree(built_site, f"{ABOUT}/index.html")
    assert [text(h1) for h1 in page.xpath("//article//h1")] == ["Over deze site"]
    headings = [text(h2) for h2 in page.xpath("//article//h2")]
    for heading in ("Wie geeft de whitepapers uit?", "Privacy", "Vragen"):
        assert heading in headings
    assert "vervangt geen medisch advies" in text(page.xpath("//article")[0])
    assert f"/{ABOUT}/</loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_page_links_the_about_page_from_its_footer(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) > len(PAPERS) + 2  # the papers, the home page, the about page, the 404
    for path in pages:
        links = tree(built_site, path).xpath('//footer//p[@class="wp-about"]/a')
        assert [text(link) for link in links] == ["Over deze site"], path
        href = urlsplit(links[0].get("href")).path
        # the 404 page is served at any depth, so it links from the site's root
        target = href if href.startswith("/") else posixpath.join(posixpath.dirname(path), href)
        assert posixpath.normpath(target).strip("/") == ABOUT, (path, href)


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_it_names_each_papers_publisher_as_its_front_matter_gives_it(
    built_site: Path, paper: str
) -> None:
    page = tree(built_site, f"{ABOUT}/index.html")
    items = page.xpath(f'//div[@class="wp-publishers"]//li[.//a[@href="../{paper}/"]]')
    assert len(items) == 1
    said, meta = text(items[0]), front_matter(paper)
    assert str(meta["title"]) in said
    association, authors = meta.get("association"), meta.get("authors") or []
    if association:
        assert f"Uitgegeven door {association}" in said
    else:
        assert "noemt geen uitgever" in said
    assert all(str(author) in said for author in authors)
    if not authors:
        assert "geschreven door" not in said.casefold()


@pytest.mark.slow
def test_the_about_page_is_no_paper(built_site: Path) -> None:
    page = tree(built_site, f"{ABOUT}/index.html")
    assert not (built_site / "pdf" / f"{ABOUT}.pdf").exists()
    assert not list((built_site / ABOUT).glob("citeer.*"))
    for furniture in ("wp-heading", "wp-citebox", "wp-pdf", "wp-listing"):
        assert not page.xpath(f'//*[contains(@class, "{furniture}")]'), furniture
    assert not page.xpath('//meta[@name="citation_title"]')
    assert page.xpath('//meta[@property="og:type"]/@content') == ["website"]
    home = tree(built_site, "index.html")
    assert not home.xpath(f'//div[@class="wp-listing"]//a[contains(@href, "{ABOUT}")]')


@pytest.mark.slow
def test_the_about_page_is_last_in_the_navigation_the_home_page_first(built_site: Path) -> None:
    home = tree(built_site, "index.html")
    items = home.xpath('//nav[contains(@class, "md-nav--primary")]/ul/li')
    first = items[0].xpath(".//a")[0]
    assert (first.get("href"), text(first)) == (".", "Whitepapers")
    assert [link.get("href") for link in items[-1].xpath(".//a")] == [f"{ABOUT}/"]
    assert [link.get("href") for link in items[-2].xpath(".//a")] == ["bronnen/"]  # the site's own
    papers = {link.get("href").split("/")[0] for item in items[1:-2] for link in item.xpath(".//a")}
    assert papers == set(PAPERS)


@pytest.mark.slow
def test_the_about_page_is_searched_but_not_its_list_of_publishers(built_site: Path) -> None:
    """A reader who searches "onvolledige bronvermelding" finds what it means; a search for an
    author finds the paper, not this page's list of who wrote what (tests/test_search.py)."""
    page = tree(built_site, f"{ABOUT}/index.html")
    body = page.xpath("//*[@data-pagefind-body]")[0]
    assert body.xpath(".//h2[@id='bronnen-lezen']")
    (publishers,) = body.xpath(".//div[contains(@class, 'wp-publishers')]")
    assert publishers.get("data-pagefind-ignore") is not None


# --- what the page claims about privacy, in Chromium ----------------------------------------


@pytest.mark.slow
def test_no_page_sets_a_cookie_or_asks_another_host(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    """Every page, the search and a citation's preview used: no cookie, nothing stored but
    Material's note of whether a version is outdated, no request to another host."""
    from tests.browser import search_results

    requested: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    for path in html_pages(built_site):
        page.goto(site_url + path.removesuffix("index.html"), wait_until="networkidle")
    page.goto(site_url + f"{ABOUT}/", wait_until="networkidle")
    assert search_results(page, "kraken")
    page.goto(site_url + "massagetherapie/", wait_until="networkidle")
    page.locator("a[href^='#ref-']").first.hover()
    page.wait_for_load_state("networkidle")
    cookies, document_cookie = context.cookies(), page.evaluate("document.cookie")
    local = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    context.close()
    assert cookies == [] and document_cookie == ""
    assert local == []
    assert all(key.endswith(".__outdated") for key in session), session
    hosts = {urlsplit(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlsplit(site_url).netloc}, sorted(set(requested))
