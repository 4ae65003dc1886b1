"""A reader's first visit to every page of the built site, in Chromium: nothing is asked of
another host, and the bytes it costs stay within the budget (search index and PDFs apart: they
load only when asked for)."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, Response

from tests.test_accessibility import papers, site_pages

pytestmark = pytest.mark.slow
HOME_BUDGET = 300_000  # bytes, uncompressed
PAPER_BUDGET = 450_000


def is_on_demand(url: str, site_url: str) -> bool:
    """The search index (Pagefind's fragments, loaded as a reader searches) and the PDFs."""
    path = urlsplit(url).path.removeprefix(urlsplit(site_url).path)
    return path.endswith(".pdf") or (
        path.startswith("pagefind/") and not path.startswith("pagefind/pagefind-ui")
    )


Visit = tuple[set[str], int, int]


def first_visit(browser: Browser, url: str, site_url: str) -> Visit:
    """The hosts a page at `url` asked, and the uncompressed and gzipped bytes of everything it
    loaded, in a new browser context (an empty cache)."""
    context = browser.new_context(viewport={"width": 1280, "height": 844}, locale="nl-NL")
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    loaded = [
        response.body()
        for response in responses
        if not response.url.startswith("data:") and not is_on_demand(response.url, site_url)
    ]
    hosts = {urlsplit(response.url).netloc for response in responses} - {""}
    context.close()
    return hosts, sum(map(len, loaded)), sum(len(gzip.compress(body, 9)) for body in loaded)


@pytest.fixture(scope="module")
def first_visits(browser: Browser, built_site: Path, site_url: str) -> dict[str, Visit]:
    """Each page's first visit, by its path ('' for home)."""
    visits = {
        path: first_visit(browser, site_url + path, site_url) for path in site_pages(built_site)
    }
    print("\nfirst visit: bytes uncompressed, gzipped, page")
    for path, (_, raw, compressed) in visits.items():
        print(f"  {raw:9,d}  {compressed:9,d}  {path or '/'}")
    return visits


def test_every_page_asks_only_its_own_host(first_visits: dict[str, Visit], site_url: str) -> None:
    assert len(first_visits) > 6, sorted(first_visits)  # every page, not a sample
    others = {
        path: hosts
        for path, (hosts, _, _) in first_visits.items()
        if hosts != {urlsplit(site_url).netloc}
    }
    assert not others, others


def test_the_home_page_stays_within_its_budget(
    first_visits: dict[str, Visit],
) -> None:
    _, raw, _ = first_visits[""]
    assert 100_000 < raw <= HOME_BUDGET, raw  # the lower bound: the theme was really loaded


def test_every_paper_stays_within_its_budget(
    first_visits: dict[str, Visit], built_site: Path
) -> None:
    weights = {path: first_visits[path][1] for path in papers(built_site)}
    assert len(weights) > 4, weights
    assert max(weights.values()) <= PAPER_BUDGET, weights


@pytest.mark.parametrize(
    ("path", "loads"),
    [
        ("index.html", False),
        ("over-deze-site/index.html", False),
        ("kraken-van-gewrichten/index.html", False),  # a paper that cites nothing
        ("massagetherapie/index.html", True),
        ("bronnen/index.html", True),  # its references, without in-text citations
    ],
)
def test_a_page_loads_the_citation_sheet_and_script_where_it_has_references(
    built_site: Path, path: str, loads: bool
) -> None:
    html = (built_site / path).read_text(encoding="utf-8")
    assert ("assets/stylesheets/citations.css" in html) == loads
    assert ("assets/javascripts/citations.js" in html) == loads or path.startswith("bronnen")
