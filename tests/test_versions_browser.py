"""Two published versions as a reader's browser sees them, served under /whitepapers/ as on
GitHub Pages: the root's redirect, Material's version selector, the outdated banner, search and
PDFs that stay within their version, cite boxes that name the cited version, the Dutch 404.

One module fixture publishes 2026.1, edits one paper (text, `version`, `changelog`), publishes
2026.2, exports gh-pages with `git archive` and serves it; one Chromium context records every
request of every test, and the last two tests demand that none failed or left 127.0.0.1 and
that no page threw a JavaScript error.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Response
from pypdf import PdfReader

from tests.browser import QuietHandler, search_results, serve
from tests.test_publish import (
    KRAKEN,
    SITE_URL,
    Run,
    environment,
    git,
    make_repository,
    publish,
)

pytestmark = pytest.mark.slow
PROJECT = "whitepapers"  # GitHub Pages serves a project site under /<repository>/
SCREENSHOTS = Path(__file__).parent / "artifacts" / "versions"
WIDTHS = [375, 1280]
OLD, NEW = "2026.1", "2026.2"
SEARCHED = "kraken"  # in the text of both versions
FRONT_MATTER = "version: '1.0'\n"
BUMPED = (
    "version: '1.1'\n"
    "changelog:\n"
    "  - {version: '1.1', date: 2026-03-03, summary: 'Een zin over het geluid erbij.'}\n"
    "  - {version: '1.0', date: 2026-01-15, summary: 'Eerste versie.'}\n"
)
EDIT = "\nKraken klinkt luid, maar beschadigt het kraakbeen niet.\n"


@dataclass
class Traffic:
    """Every request of the recording context, and what became of it."""

    requested: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    answered: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors

    def request(self, request: Request) -> None:
        self.requested.append(request.url)

    def failure(self, request: Request) -> None:
        self.failed.append((request.url, request.failure or "?"))

    def response(self, response: Response) -> None:
        self.answered.append((response.status, response.url))

    def watch(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))


@dataclass(frozen=True)
class Site:
    served: Path  # holds whitepapers/, the export of gh-pages
    origin: str  # http://127.0.0.1:PORT/
    first: Run
    second: Run

    @property
    def root(self) -> str:
        return f"{self.origin}{PROJECT}/"

    def paper(self, version: str) -> str:
        return f"{self.root}{version}/{KRAKEN}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """2026.1; then kraken's text, version (1.1) and changelog changed, 2026.2; gh-pages
    exported under <served>/whitepapers/ and served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("versions")
    repo = make_repository(folder / "repo")
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        first = publish(OLD)
        assert first.code == 0, first.err
        page = repo / "docs" / KRAKEN / "index.md"
        text = page.read_text(encoding="utf-8")
        assert text.count(FRONT_MATTER) == 1
        page.write_text(text.replace(FRONT_MATTER, BUMPED) + EDIT, encoding="utf-8")
        mp.setenv("GIT_COMMITTER_DATE", "2026-03-03T12:00:00+00:00")
        git(repo, "commit", "-q", "-am", "Kraken 1.1: een zin over het geluid")
        second = publish(NEW)
        assert second.code == 0, second.err
    served = folder / "served"
    (served / PROJECT).mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=repo, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(served / PROJECT)], input=archive.stdout, check=True)
    with serve(served) as origin:
        yield Site(served, origin, first, second)


@pytest.fixture(scope="module")
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture(scope="module")
def context(browser: Browser, traffic: Traffic) -> Iterator[BrowserContext]:
    """One context for every test, recording every request, response and failure."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True
    )
    context.on("request", traffic.request)
    context.on("requestfailed", traffic.failure)
    context.on("response", traffic.response)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, traffic: Traffic) -> Iterator[Page]:
    page = context.new_page()
    traffic.watch(page)
    yield page
    page.close()


def open_selector(page: Page) -> None:
    """Material draws the selector once it has fetched versions.json; it opens on hover (or
    focus): the list then lies over the button, so a click would land on the list."""
    page.locator(".md-version__current").hover(force=True)  # no hit-target check: see above
    page.locator(".md-version__list").wait_for(state="visible")
    page.wait_for_function(  # its fade-in (0.25 s) has ended
        "getComputedStyle(document.querySelector('.md-version__list')).opacity === '1'"
    )


def search(page: Page, query: str) -> list[str]:
    """Type `query` into the header's Pagefind box; the result links as absolute addresses."""
    return [urljoin(page.url, href) for href in search_results(page, query)]


# --- the root and the selector --------------------------------------------------------------


def test_the_root_redirects_to_latest(page: Page, site: Site) -> None:
    page.goto(site.root)
    page.wait_for_url(f"{site.root}latest/")
    assert page.locator("h1").first.is_visible()


def shown_version(element: Locator) -> tuple[str, ...]:
    """A version as the selector shows it: its name, then its aliases (each in a span)."""
    aliases = [alias.inner_text() for alias in element.locator(".md-version__alias").all()]
    name = element.inner_text()
    for alias in aliases:
        name = name.replace(alias, "")
    return (name.strip(), *aliases)


def test_the_selector_lists_both_versions_in_dutch(page: Page, site: Site) -> None:
    page.goto(site.paper("latest"))
    button = page.get_by_role("button", name="Selecteer versie")  # Material's Dutch label
    button.wait_for()
    assert shown_version(button) == (NEW, "latest")
    open_selector(page)
    items = page.locator(".md-version__list .md-version__link").all()
    assert [shown_version(item) for item in items] == [(NEW, "latest"), (OLD,)]
    hrefs = [urljoin(page.url, item.get_attribute("href") or "") for item in items]
    assert hrefs == [f"{site.root}{NEW}/", f"{site.root}{OLD}/"], hrefs


def test_choosing_an_older_version_keeps_the_page(page: Page, site: Site) -> None:
    """Material looks the open page up in the other version's sitemap and goes there."""
    page.goto(site.paper("latest"))
    open_selector(page)
    page.locator(".md-version__list .md-version__link", has_text=OLD).click()
    page.wait_for_url(re.compile(re.escape(f"{site.root}{OLD}/")))
    assert page.url == site.paper(OLD)


# --- the outdated banner --------------------------------------------------------------------


def test_an_older_version_says_so_and_links_latest(page: Page, site: Site) -> None:
    page.goto(site.paper(OLD))
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    page.locator("[data-wp-latest]").filter(has_text=NEW).wait_for()
    words = " ".join(banner.inner_text().split())
    said = (
        f"U leest versie {OLD} van deze site; de actuele versie (versie {NEW}) kan anders luiden."
    )
    assert words.startswith(said), words
    latest = banner.get_by_role("link", name=f"de actuele versie (versie {NEW})")
    assert urljoin(page.url, latest.get_attribute("href") or "") == site.paper("latest")


def test_every_link_of_the_banner_leads_somewhere(page: Page, site: Site) -> None:
    page.goto(site.paper(OLD))
    links = page.locator("[data-md-component=outdated] a").all()
    hrefs = [urljoin(page.url, link.get_attribute("href") or "") for link in links]
    assert hrefs
    for href in hrefs:
        response = page.goto(href)
        assert response and response.status == 200, href
        assert href.startswith(f"{site.root}latest/"), href


@pytest.mark.parametrize("version", ["latest", NEW])
def test_the_latest_version_shows_no_banner(page: Page, site: Site, version: str) -> None:
    page.goto(site.paper(version), wait_until="networkidle")
    page.locator(".md-version__current").wait_for()  # versions.json has been read
    assert not page.locator("[data-md-component=outdated]").is_visible()
    assert not page.locator("[data-wp-withdrawn]").is_visible()


# --- search, PDFs and the cite box stay within their version --------------------------------


@pytest.mark.parametrize("version", [OLD, "latest"])
def test_search_finds_only_its_own_version(page: Page, site: Site, version: str) -> None:
    page.goto(site.paper(version))
    links = search(page, SEARCHED)
    assert links, f"no results for {SEARCHED!r}"
    outside = [link for link in links if not link.startswith(f"{site.root}{version}/")]
    assert not outside, outside


@pytest.mark.parametrize("version", [OLD, NEW])
def test_a_printed_page_names_the_version_it_was_printed_from(
    page: Page, site: Site, version: str
) -> None:
    """Not latest/ (the canonical address): a printed copy of an older version stays cited."""
    page.goto(site.paper(version))
    page.emulate_media(media="print")
    address = page.locator(".wp-print-address")
    assert address.is_visible()
    assert address.inner_text().endswith(f"/{version}/{KRAKEN}/"), address.inner_text()


@pytest.mark.parametrize(("version", "named"), [(OLD, OLD), ("latest", NEW), (NEW, NEW)])
def test_each_version_downloads_its_own_pdf(
    page: Page, site: Site, version: str, named: str
) -> None:
    page.goto(site.paper(version))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    assert download.value.url == f"{site.root}{version}/pdf/{KRAKEN}.pdf"
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    sites = re.findall(r"[Ss]iteversie\s+(\d{4}\.\d+)", text)
    assert sites and set(sites) == {named}, sites
    assert re.search(r"Versie\s+" + re.escape("1.0" if named == OLD else "1.1"), text)


@pytest.mark.parametrize(("version", "cited"), [(OLD, OLD), ("latest", NEW), (NEW, NEW)])
def test_the_cite_box_names_the_version_cited(
    page: Page, site: Site, version: str, cited: str
) -> None:
    page.goto(site.paper(version))
    link = page.locator(".wp-citebox__facts a")
    assert link.get_attribute("href") == f"{SITE_URL}{cited}/{KRAKEN}/"
    assert link.inner_text() == f"{SITE_URL}{cited}/{KRAKEN}/"


# --- the 404 page, as GitHub Pages serves it ------------------------------------------------


class GitHubPagesHandler(QuietHandler):
    """GitHub Pages answers a missing address with the site's own 404.html and status 404, at
    any depth; http.server answers with its own English error page. Only the 404 test uses
    this handler: the other tests run on tests.browser.serve, where a missing file stays a
    plain 404 that the traffic test catches."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / PROJECT / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def github_pages(site: Site) -> Iterator[str]:
    handler = functools.partial(GitHubPagesHandler, directory=str(site.served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("path", ["nergens/", f"{OLD}/nergens/diep/"])
def test_a_missing_address_gets_the_dutch_404_page(
    browser: Browser, github_pages: str, path: str
) -> None:
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{github_pages}{PROJECT}/{path}", wait_until="networkidle")
    assert response and response.status == 404
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet"
    assert requested == [f"{github_pages}{PROJECT}/{path}"]  # it loads nothing else
    page.locator(f'a[href="/{PROJECT}/latest/"]').first.click()
    page.wait_for_url(f"{github_pages}{PROJECT}/latest/")
    context.close()


# --- screenshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(page: Page, site: Site, width: int) -> None:
    """For people to look at: the banner on 2026.1, the selector opened, the latest page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 812 if width < 600 else 900})
    page.goto(site.paper(OLD))
    page.locator("[data-wp-latest]").filter(has_text=NEW).wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"outdated-banner-{width}.png"))
    page.goto(site.paper("latest"))
    page.locator(".md-version__current").wait_for()
    page.screenshot(path=str(SCREENSHOTS / f"latest-{width}.png"))
    open_selector(page)
    page.screenshot(path=str(SCREENSHOTS / f"version-selector-{width}.png"))


@pytest.mark.parametrize("version", [OLD, "latest"])
def test_the_selector_stays_clear_of_the_search_box_on_a_phone(
    page: Page, site: Site, version: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site.paper(version))
    page.locator(".md-version__current").wait_for()
    selector = page.locator(".md-header .md-version").bounding_box()
    search = page.locator(".md-header .md-header__source").bounding_box()
    assert selector and search
    assert selector["x"] + selector["width"] <= search["x"], (selector, search)


# --- last: what every test above asked of the network ---------------------------------------


ABORTED = "net::ERR_ABORTED"


def test_no_request_failed_or_left_the_site(page: Page, site: Site, traffic: Traffic) -> None:
    """Over every request of this module (and, run alone, these page loads)."""
    for address in (site.root, site.paper(OLD), site.paper("latest"), site.paper(NEW)):
        page.goto(address, wait_until="networkidle")
    assert traffic.requested
    assert any(url == f"{site.root}versions.json" for _, url in traffic.answered)
    # A request the browser abandons because the page was left (the root's redirect, or a test
    # moving on while a favicon or versions.json was on its way) is no failure; any other is,
    # and so is every 4xx/5xx answer below.
    failed = [(url, why) for url, why in traffic.failed if why != ABORTED]
    assert not failed, failed
    errors = [(status, url) for status, url in traffic.answered if status >= 400]
    assert not errors, errors
    origin = urlsplit(site.origin).netloc
    hosts = {
        urlsplit(url).netloc
        for url in traffic.requested
        if urlsplit(url).scheme in ("http", "https")
    }
    assert hosts == {origin}, sorted(set(traffic.requested))


def test_no_page_threw_a_javascript_error(page: Page, site: Site, traffic: Traffic) -> None:
    for address in (site.root, site.paper(OLD), site.paper("latest")):
        page.goto(address, wait_until="networkidle")
    assert not traffic.errors, traffic.errors
