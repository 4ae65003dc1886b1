"""What a reader's browser does with the site: Dutch search that stems, and no other hosts."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, Page

from tests.browser import search_results

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).parent / "artifacts"


def search(page: Page, site_url: str, query: str) -> list[str]:
    """Type `query` into the header's search box and return the result links."""
    page.goto(site_url)
    return search_results(page, query)


@pytest.mark.parametrize(
    ("query", "paper"),
    [
        ("behandelingen", "kraken-van-gewrichten"),  # plural finds "behandeling": stemming
        ("klachten", "kraken-van-gewrichten"),  # a whole word still finds itself
        ("gewricht", "kraken-van-gewrichten"),  # singular finds "gewrichten"
    ],
)
def test_dutch_search_stems_in_the_browser(
    page: Page, site_url: str, query: str, paper: str
) -> None:
    links = search(page, site_url, query)
    assert any(f"/{paper}/" in link for link in links), links


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_the_search_box_is_in_the_header_on_every_screen(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_url + "kraken-van-gewrichten/")
    visible = page.get_by_role("searchbox", name="Zoeken in de whitepapers").filter(visible=True)
    assert visible.count() == 1
    assert page.locator(".md-header .wp-search__input").is_visible()
    context.close()


def test_a_word_the_site_does_not_hold_finds_nothing(page: Page, site_url: str) -> None:
    assert search(page, site_url, "qxzjwvkp") == []


def test_search_speaks_dutch(page: Page, site_url: str) -> None:
    search(page, site_url, "behandelingen")
    message = page.locator(".md-header .pagefind-ui__message").inner_text()
    assert "resulta" in message and "voor behandelingen" in message, message
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-behandelingen.png"))


@pytest.mark.parametrize("path", ["", "kraken-van-gewrichten/"])
def test_a_page_load_requests_nothing_from_another_host(
    page: Page, site_url: str, path: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + path, wait_until="networkidle")
    search_results(page, "kraken")
    page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).netloc for url in requested if not url.startswith("data:")}
    assert hosts == {urlsplit(site_url).netloc}, sorted(set(requested))


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_reader_downloads_the_papers_pdf_from_its_page(
    browser: Browser, site_url: str, width: int
) -> None:
    """The button is visible, says how big the file is, comes after the title, and the
    browser downloads the PDF with it."""
    context = browser.new_context(viewport={"width": width, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "massagetherapie/")
    button = page.get_by_role("link", name="Download als PDF")
    assert button.is_visible()
    assert button.inner_text().replace("\n", " ").split()[-1].endswith("kB)")
    title, box = page.locator("h1").bounding_box(), button.bounding_box()
    assert title and box and box["y"] >= title["y"] + title["height"]
    with page.expect_download() as download:
        button.click()
    saved = download.value.path()
    assert download.value.suggested_filename == "massagetherapie.pdf"
    assert saved.read_bytes().startswith(b"%PDF-")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pdf-button-{width}.png"))
    context.close()
