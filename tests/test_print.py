"""A paper printed from the browser (Ctrl+P), in Chromium: the paper card and the page's
address on paper, black on white, and nothing that only works on a screen."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from tests.test_accessibility import ARTIFACTS, papers

pytestmark = pytest.mark.slow
# What a printed copy leaves out: it works only on a screen.
SCREEN_ONLY = {
    "the header": ".md-header",
    "the search box": ".wp-search",
    "the navigation": ".md-sidebar--primary",
    "the table of contents": ".md-sidebar--secondary",
    "the PDF button": ".md-content .wp-pdf",
    "the cite box's downloads": ".wp-citebox__downloads",
    "the cite box's BibTeX toggle": ".wp-citebox__bibtex",
    "the edit button": ".md-content__button",
    "the back-to-top button": ".md-top",
}
BLACK, WHITE = "rgb(0, 0, 0)", "rgb(255, 255, 255)"
TEXT = ", ".join(f".md-content {tag}" for tag in ("h1", "h2", "p", "li", "a", "dt", "dd", "span"))
COLOURS = f"""() => [...document.querySelectorAll("{TEXT}")]
  .filter(e => e.checkVisibility()).map(e => getComputedStyle(e).color)"""
# Words that stand only on a screen's page, never in a paper's text.
SCREEN_WORDS = ("Download als PDF", "literatuurbeheer", "BibTeX tonen", "Inhoudsopgave")


@pytest.fixture
def printed(browser: Browser) -> Iterator[Page]:
    """A page as the browser lays it out for printing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def canonical(page: Page) -> str:
    address = page.locator('link[rel="canonical"]').get_attribute("href")
    assert address and address.startswith("http"), address
    return address


def test_a_printed_paper_shows_its_card_and_address(
    printed: Page, built_site: Path, site_url: str
) -> None:
    shown = papers(built_site)
    assert len(shown) > 3, shown
    cards = 0
    for path in shown:
        printed.goto(site_url + path)
        assert printed.locator(".md-content .wp-heading").is_visible(), path
        card = printed.locator(".md-content .wp-heading__card")
        cards += card.count()
        assert card.count() == 0 or card.is_visible(), path
        address = printed.locator(".md-content .wp-print-address")
        assert address.is_visible(), path
        assert address.inner_text() == f"Adres: {canonical(printed)}", path
        assert canonical(printed).endswith("/" + path), path
    assert cards > 0  # at least one paper names its people: the card itself is printed


def test_a_printed_paper_leaves_out_what_works_only_on_a_screen(
    printed: Page, built_site: Path, site_url: str
) -> None:
    for path in papers(built_site):
        printed.goto(site_url + path)
        for what, selector in SCREEN_ONLY.items():
            elements = printed.locator(selector)
            assert elements.count() > 0 or what == "the back-to-top button", (path, what)
            shown = [i for i in range(elements.count()) if elements.nth(i).is_visible()]
            assert not shown, f"{path}: {what} is printed"


def test_the_address_is_only_on_paper(page: Page, site_url: str, built_site: Path) -> None:
    for path in papers(built_site):
        page.goto(site_url + path)
        assert page.locator(".md-content .wp-print-address").count() == 1, path
        assert not page.locator(".md-content .wp-print-address").is_visible(), path


def test_a_printed_paper_is_black_on_white(printed: Page, built_site: Path, site_url: str) -> None:
    for path in papers(built_site):
        printed.goto(site_url + path)
        colours = printed.evaluate(COLOURS)
        assert len(colours) > 20, path
        assert set(colours) == {BLACK}, (path, sorted(set(colours)))
        background = printed.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background in {WHITE, "rgba(0, 0, 0, 0)"}, (path, background)


def test_chromium_prints_each_paper_to_pdf(printed: Page, built_site: Path, site_url: str) -> None:
    """What lands on paper, read back from the PDF Chromium makes of it: the address in, the
    downloads and buttons out. Saved to tests/artifacts/print-<paper>.pdf for a look."""
    ARTIFACTS.mkdir(exist_ok=True)
    for path in papers(built_site):
        printed.goto(site_url + path, wait_until="networkidle")
        data = printed.pdf(format="A4")
        (ARTIFACTS / f"print-{path.strip('/')}.pdf").write_bytes(data)
        reader = PdfReader(BytesIO(data))
        text = " ".join(page.extract_text() for page in reader.pages)
        words = " ".join(text.split())
        assert f"Adres: {canonical(printed)}" in words, path
        for word in SCREEN_WORDS:
            assert word not in words, (path, word)
