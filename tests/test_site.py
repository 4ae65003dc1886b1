"""The built site: Dutch, searchable, editable, strict, and loading nothing from other hosts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import Abort

from tests.conftest import ROOT, build_site
from whitepaper.search import KEPT_THEME_ASSETS

pytestmark = pytest.mark.slow  # every test reads the built site or builds a copy
PAPERS = sorted(p.parent.name for p in (ROOT / "docs").glob("*/index.md"))


class ResourceLinks(HTMLParser):
    """Collects every URL a browser would fetch while loading the page (not plain <a> links)."""

    LOADED_LINK_RELS: ClassVar[set[str]] = {
        "stylesheet",
        "icon",
        "preload",
        "modulepreload",
        "manifest",
        "prefetch",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = values.get("lang")
        if tag == "link" and self.LOADED_LINK_RELS & set(values.get("rel", "").split()):
            self.urls.append(values["href"])
        for name in ("src", "poster", "data"):
            if name in values and tag != "a":
                self.urls.append(values[name])
        if "srcset" in values:
            self.urls += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]


def parse(page: Path) -> ResourceLinks:
    parser = ResourceLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_other_host(url: str) -> bool:
    return bool(urlsplit(url).netloc) or url.startswith("//")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_dutch(built_site: Path) -> None:
    langs = {
        page.relative_to(built_site).as_posix(): parse(page).html_lang
        for page in html_pages(built_site)
    }
    assert langs and set(langs.values()) == {"nl"}, langs


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    foreign = {
        page.relative_to(built_site).as_posix(): [u for u in parse(page).urls if is_other_host(u)]
        for page in html_pages(built_site)
    }
    assert {page: urls for page, urls in foreign.items() if urls} == {}


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def test_no_stylesheet_loads_anything_from_another_host(built_site: Path) -> None:
    foreign = []
    for sheet in built_site.rglob("*.css"):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if is_other_host(url) and not url.startswith("data:"):
                foreign.append(f"{sheet.relative_to(built_site)}: {url}")
    assert foreign == []


def test_no_google_fonts_and_inter_is_self_hosted(built_site: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in html_pages(built_site))
    assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    fonts = sorted(f.name for f in (built_site / "assets" / "fonts").glob("*.woff2"))
    assert "inter-latin-400-normal.woff2" in fonts
    assert (built_site / "assets" / "fonts" / "LICENSE-Inter.txt").is_file()


def test_scripts_loaded_by_pages_are_local_and_exist(built_site: Path) -> None:
    page = built_site / "index.html"
    scripts = [u for u in parse(page).urls if u.endswith(".js")]
    assert scripts, "the home page loads no script at all"
    for url in scripts:
        assert (page.parent / url).resolve().is_file(), url


def test_no_repository_widget_that_would_call_the_github_api(built_site: Path) -> None:
    for page in html_pages(built_site):
        assert 'data-md-component="source"' not in page.read_text(encoding="utf-8"), page


def test_material_lunr_search_is_not_shipped(built_site: Path) -> None:
    """Only lunr's Dutch stemmer is kept (search.js tells a real match by it), not lunr."""
    lunr = built_site / "assets" / "javascripts" / "lunr"
    shipped = {path.relative_to(built_site).as_posix() for path in lunr.rglob("*.js")}
    assert shipped == KEPT_THEME_ASSETS
    assert not (built_site / "search" / "search_index.json").exists()
    assert not list((built_site / "assets" / "javascripts" / "workers").glob("search.*"))


def test_search_index_is_pagefind_for_dutch(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"nl"}
    # and the home page, "Bronnen" and "Over deze site"
    assert entry["languages"]["nl"]["page_count"] == len(PAPERS) + 3


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_has_a_search_box_and_an_edit_link(built_site: Path, paper: str) -> None:
    html = (built_site / paper / "index.html").read_text(encoding="utf-8")
    assert 'class="wp-search"' in html
    assert re.search(rf'href="https://[^"]+/edit/main/docs/{paper}/index\.md"', html)


@pytest.mark.parametrize("paper", PAPERS)
def test_navigation_lists_each_paper_by_its_title(built_site: Path, paper: str) -> None:
    source = (ROOT / "docs" / paper / "index.md").read_text(encoding="utf-8")
    title = re.search(r"^title:\s*\"?(.+?)\"?$", source, re.M)
    assert title
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"') :]
    assert f'href="{paper}/"' in nav and title.group(1) in nav


def test_an_unaltered_copy_builds(project_copy: Path) -> None:
    """The control for the test below: only the broken link makes the build fail."""
    site = build_site(project_copy / "mkdocs.yml", project_copy / "site")
    assert (site / "index.html").is_file()


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("[weg](bestaat-niet.md)", "a link to a page that does not exist"),
        (
            "[weg](kraken-van-gewrichten/index.md#geen-kop)",
            "a link to an anchor that does not exist",
        ),
    ],
)
def test_broken_internal_links_fail_the_build(project_copy: Path, link: str, reason: str) -> None:
    home = project_copy / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{link}\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project_copy / "mkdocs.yml", project_copy / "site")
