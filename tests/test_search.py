"""Search as a reader types it into the header's box: real hits only, Pagefind UI loaded on
first use, and nothing asked of another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Page

from tests.browser import search_results

pytestmark = pytest.mark.slow
BOX = "Zoeken in de whitepapers"


def papers_found(page: Page, site_url: str, query: str) -> set[str]:
    page.goto(site_url)
    return {urlsplit(link).path.strip("/").split("/")[0] for link in search_results(page, query)}


@pytest.mark.parametrize(
    ("query", "papers"),
    [
        # words the site does not hold: Pagefind's fallback to an indexed prefix ("W.", "C.",
        # "verder") must not answer them
        ("whiplash", set()),
        ("contra-indicaties", set()),
        ("vergoeding", set()),
        # a misspelling finds nothing rather than a wrong page ("masage" once found "M.")
        ("masage", set()),
        ("fysiotherapuet", set()),
        # Dutch stemming: other forms of a word find its pages
        ("behandelingen", {"kraken-van-gewrichten", "massagetherapie"}),
        ("klachten", {"kraken-van-gewrichten", "massagetherapie"}),
        ("nekpijn", {"manuele-therapie-nek-hoofdpijn"}),
        ("hoofdpijnen", {"manuele-therapie-nek-hoofdpijn"}),
        ("Upledger", {"craniosacraal-therapie"}),
        # an author's surname finds the paper, not the home page's listing of it
        ("Leeflang", {"massagetherapie"}),
        # a word being typed finds the words it begins
        ("behand", {"kraken-van-gewrichten"}),
        # every word must be found: one missing word empties the result
        ("nekpijn whiplash", set()),
        # what the site's marks mean is on "Over deze site"
        ("onvolledige bronvermelding", {"over-deze-site"}),
    ],
)
def test_a_query_finds_the_pages_that_hold_it(
    page: Page, site_url: str, query: str, papers: set[str]
) -> None:
    found = papers_found(page, site_url, query)
    assert papers <= found if papers else found == set(), found


@pytest.mark.parametrize("query", ["Literatuur", "Citeer", "Geraadpleegd", "Versie"])
def test_reference_lists_and_page_furniture_are_not_searched(
    page: Page, site_url: str, query: str
) -> None:
    """No paper is found by its furniture ("Over deze site" explains that furniture)."""
    assert papers_found(page, site_url, query) - {"over-deze-site"} == set()


def test_the_home_page_listing_is_not_a_search_result(page: Page, site_url: str) -> None:
    assert "" not in papers_found(page, site_url, "Ritico")  # "" is the home page


def test_escape_empties_the_box_and_closes_the_results(page: Page, site_url: str) -> None:
    assert papers_found(page, site_url, "klachten")
    box = page.get_by_role("searchbox", name=BOX).filter(visible=True)
    box.press("Escape")
    assert box.input_value() == ""
    page.locator(".md-header .pagefind-ui__result-link").first.wait_for(state="detached")
    assert page.locator(".md-header .pagefind-ui__message").count() == 0


def test_pagefind_ui_loads_only_when_the_box_is_focused(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "massagetherapie/", wait_until="networkidle")
    assert not [url for url in requested if "pagefind" in url], requested
    page.get_by_role("searchbox", name=BOX).filter(visible=True).focus()
    page.wait_for_load_state("networkidle")
    page.locator(".md-header .pagefind-ui").wait_for(state="attached")
    assert any(url.endswith("pagefind-ui.js") for url in requested), requested
    search_results(page, "massage")
    hosts = {urlsplit(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlsplit(site_url).netloc}, sorted(set(requested))
