"""Citations as readers see them: a small fixture site built with the project's own theme.

The page body is compared with a golden file; after an intended change, regenerate it with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_rendering.py` and read the diff before committing.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import serve
from tests.conftest import ROOT, build_site

if TYPE_CHECKING:  # the `browser` fixture imports Playwright, or skips the one test using it
    from playwright.sync_api import Browser

pytestmark = pytest.mark.slow  # every test reads the fixture site this module builds
FIXTURE = ROOT / "tests" / "data" / "site"
GOLDEN = ROOT / "tests" / "data" / "golden"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("fixture")
    shutil.copytree(FIXTURE, project, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return build_site(project / "mkdocs.yml", project / "site")


def article(page: Path) -> str:
    """The rendered page body: Material's article element, without the theme around it."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    body = html[start : html.index("</article>", start) + len("</article>")] + "\n"
    # The PDF's size moves with WeasyPrint's output; test_pdf_site.py checks it is the file's.
    return re.sub(r'(<span class="wp-pdf__size">)\([^)]*\)', r"\1(SIZE)", body)


@pytest.mark.parametrize("page", ["fascia/index.html"])
def test_the_page_body_matches_its_golden_file(fixture_site: Path, page: str) -> None:
    golden = GOLDEN / page.replace("/", "-")
    body = article(fixture_site / page)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_every_citation_link_has_its_entry_on_the_page(fixture_site: Path) -> None:
    body = article(fixture_site / "fascia" / "index.html")
    targets = set(re.findall(r'class="wp-cite" href="#([^"]+)"|href="#(ref-[^"]+)"', body))
    ids = set(re.findall(r'id="(ref-[^"]+)"', body))
    linked = {a or b for a, b in targets}
    assert linked and linked <= ids, linked - ids


def test_no_citation_syntax_reaches_the_reader(fixture_site: Path) -> None:
    text = re.sub(r"<code>.*?</code>", "", article(fixture_site / "fascia" / "index.html"))
    assert "[@" not in text and "@stecco" not in text and "[^" not in text


def test_the_incomplete_entry_is_marked_and_not_broken(fixture_site: Path) -> None:
    body = article(fixture_site / "fascia" / "index.html")
    entry = re.search(r'<div id="ref-kolk2014"[^>]*>(.*?)</div>', body, re.S)
    assert entry and "onvolledige bronvermelding" in entry.group(1)
    assert ", ." not in entry.group(1)


def test_a_citation_in_a_heading_reads_as_text_in_the_table_of_contents(
    fixture_site: Path,
) -> None:
    page = (fixture_site / "fascia" / "index.html").read_text(encoding="utf-8")
    toc = page[page.index('class="md-nav md-nav--secondary"') :]
    assert "Cijfers (Centraal Bureau voor de Statistiek, 2020)" in toc
    assert 'href="#cijfers-centraal-bureau-voor-de-statistiek-2020"' in toc
    assert "wpcite" not in page


def test_hovering_a_rendered_citation_previews_its_reference(
    fixture_site: Path, browser: Browser
) -> None:
    """The whole path in a browser: pandoc's citation, our placement, the preview script."""
    with serve(fixture_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "fascia/")
        page.locator('a.wp-cite[data-wp-ref="stecco2014b"]').first.hover()
        popover = page.locator(".wp-cite-popover")
        popover.wait_for(state="visible")
        assert "Stecco, A. (2014). Fascial manipulation." in popover.inner_text()
        page.keyboard.press("Escape")
        popover.wait_for(state="hidden")
        page.close()


def test_a_paper_page_carries_scholarly_metadata(fixture_site: Path) -> None:
    import json

    page = (fixture_site / "fascia" / "index.html").read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert '<meta name="citation_title" content="Fascia in de praktijk">' in head
    assert '<meta name="citation_publication_date" content="2025/11/05">' in head
    assert head.count('<meta name="citation_reference"') == 7  # every cited work
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert ld and json.loads(ld.group(1))["name"] == "Fascia in de praktijk"


def test_the_incomplete_mark_is_for_readers_not_for_the_metadata(fixture_site: Path) -> None:
    """Google Scholar and Zotero read the references themselves; readers see the mark, with
    what the entry's `onvolledig` note says, and above the list what the mark means."""
    page = (fixture_site / "fascia" / "index.html").read_text(encoding="utf-8")
    head, body = page[: page.index("</head>")], page[page.index("</head>") :]
    assert "onvolledige bronvermelding" not in head  # neither citation_reference nor JSON-LD
    badge = "onvolledige bronvermelding: alleen auteur en jaar in de bron"
    assert body.count(f'<span class="wp-incomplete">{badge}</span>') == 1
    assert body.count('<p class="wp-incomplete-legend" data-pagefind-ignore>') == 1


def test_every_page_says_it_replaces_no_medical_advice(fixture_site: Path) -> None:
    """The footer's disclaimer on each page; no colophon, as mkdocs.yml configures none."""
    pages = sorted(fixture_site.rglob("index.html"))
    disclaimer = "De informatie op deze site vervangt geen medisch advies."
    assert pages and all(disclaimer in page.read_text(encoding="utf-8") for page in pages)
    assert not any("wp-colophon" in page.read_text(encoding="utf-8") for page in pages)


def test_the_cite_box_downloads_exist(fixture_site: Path) -> None:
    bib = (fixture_site / "fascia" / "citeer.bib").read_text(encoding="utf-8")
    ris = (fixture_site / "fascia" / "citeer.ris").read_text(encoding="utf-8")
    assert bib.startswith("@techreport{fascia2025,") and "TI  - Fascia in de praktijk" in ris


def test_the_home_page_lists_each_paper_from_its_front_matter(fixture_site: Path) -> None:
    from html import unescape

    home = unescape(article(fixture_site / "index.html"))
    assert 'href="fascia/"' in home
    for fact in ("Proefvereniging", "1.0", "5 november 2025", "Een proefpaper met elke vorm"):
        assert fact in home, fact
