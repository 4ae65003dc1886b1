"""site_version.py and a versioned build: citations name the version, search engines latest/."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, build_site
from whitepaper.site_version import SiteVersion, SiteVersionProblem, site_version

ROOT_URL = "https://example.org/whitepapers/"


@pytest.mark.parametrize(
    ("version", "path", "cited"),
    [
        (SiteVersion(ROOT_URL, "2026.1"), "kraken/", f"{ROOT_URL}2026.1/kraken/"),
        (SiteVersion(ROOT_URL, "2026.1"), "pdf/kraken.pdf", f"{ROOT_URL}2026.1/pdf/kraken.pdf"),
        (SiteVersion("https://example.org", "2026.1"), "", "https://example.org/2026.1/"),
        (SiteVersion(ROOT_URL), "kraken/", f"{ROOT_URL}kraken/"),
        (SiteVersion(None, "2026.1"), "kraken/", None),
    ],
)
def test_a_citation_names_the_version_it_cites(
    version: SiteVersion, path: str, cited: str | None
) -> None:
    assert version.cited(path) == cited


def test_the_banner_links_the_same_page_in_latest_at_any_depth() -> None:
    version = SiteVersion(ROOT_URL, "2026.1")
    assert version.banner("kraken/deel/", "kraken") == {
        "name": "2026.1",
        "paper": "kraken",
        "latest": "/whitepapers/latest/kraken/deel/",
        "root": "/whitepapers/",
        "versions": "/whitepapers/versions.json",
    }
    assert SiteVersion(ROOT_URL).banner("kraken/", "kraken") is None
    assert SiteVersion("https://example.org", "1").latest_path("") == "/latest/"


def test_the_version_comes_from_mikes_variable() -> None:
    assert site_version(ROOT_URL, {"MIKE_DOCS_VERSION": "2026.1"}).name == "2026.1"
    assert site_version(ROOT_URL, {"MIKE_DOCS_VERSION": ""}).name is None
    assert site_version(ROOT_URL, {}).name is None


def test_a_preview_lies_in_its_own_folder_and_names_nothing_to_cite() -> None:
    preview = site_version(ROOT_URL, {"WHITEPAPER_PREVIEW": "12"})
    assert preview == SiteVersion(ROOT_URL, None, 12)
    assert preview.site_url == f"{ROOT_URL}pr-preview/pr-12/"
    assert preview.address("pdf/kraken.pdf") == f"{ROOT_URL}pr-preview/pr-12/pdf/kraken.pdf"
    assert preview.cited("kraken/") is None
    assert preview.banner("kraken/", "kraken") is None  # no outdated or withdrawn banner
    assert preview.stamp == "Voorbeeld van pull request #12 — niet gepubliceerd, niet citeren"
    assert SiteVersion(ROOT_URL).stamp is None
    assert SiteVersion(ROOT_URL).site_url == ROOT_URL
    assert SiteVersion(None, preview=12).address("x") is None


@pytest.mark.parametrize("asked", ["0", "-1", "12a", "1.0", "٣", "012", "1000000000"])
def test_a_preview_number_must_be_a_pull_requests(asked: str) -> None:
    with pytest.raises(SiteVersionProblem, match="geen nummer van een pull request"):
        site_version(ROOT_URL, {"WHITEPAPER_PREVIEW": asked})


def test_a_preview_and_a_release_cannot_be_one_build() -> None:
    with pytest.raises(SiteVersionProblem, match="tegelijk gevraagd"):
        site_version(ROOT_URL, {"WHITEPAPER_PREVIEW": "3", "MIKE_DOCS_VERSION": "2026.1"})


# --- a versioned build of the fixture site -------------------------------------------------------


@pytest.fixture(scope="module")
def versioned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site as `whitepaper publish 2026.1` builds it (mike sets the variable)."""
    project = tmp_path_factory.mktemp("versioned")
    shutil.copytree(ROOT / "tests" / "data" / "site", project, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIKE_DOCS_VERSION", "2026.1")
        patch.setenv("WHITEPAPER_SITE_URL", ROOT_URL)
        return build_site(project / "mkdocs.yml", project / "site")


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def material_config(html: str) -> dict[str, object]:
    found = re.search(r'id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found
    config: dict[str, object] = json.loads(found.group(1))
    return config


@pytest.mark.slow
def test_the_cite_box_json_ld_and_meta_name_the_versioned_address(versioned_site: Path) -> None:
    html = page(versioned_site, "fascia/index.html")
    cited = f"{ROOT_URL}2026.1/fascia/"
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld and json.loads(ld.group(1))["url"] == cited
    assert f'<meta name="citation_pdf_url" content="{ROOT_URL}2026.1/pdf/fascia.pdf">' in html
    box = html[html.index('id="wp-citebox-title"') :]
    assert f'href="{cited}"' in box
    assert f"url = {{{cited}}}" in page(versioned_site, "fascia/citeer.bib")
    assert f"UR  - {cited}" in page(versioned_site, "fascia/citeer.ris")


@pytest.mark.slow
def test_search_engines_are_sent_to_latest(versioned_site: Path) -> None:
    html = page(versioned_site, "fascia/index.html")
    assert f'<link rel="canonical" href="{ROOT_URL}latest/fascia/">' in html
    locations = re.findall(r"<loc>([^<]*)</loc>", page(versioned_site, "sitemap.xml"))
    assert locations and all(url.startswith(f"{ROOT_URL}latest/") for url in locations)


@pytest.mark.slow
def test_a_version_has_the_selector_and_a_dutch_outdated_banner(versioned_site: Path) -> None:
    html = page(versioned_site, "fascia/index.html")
    assert material_config(html)["version"] == {
        "provider": "mike",
        "default": "latest",
        "alias": True,
    }
    banner = html[html.index('data-md-component="outdated"') :]
    banner = banner[: banner.index("</aside>")]
    assert "U leest versie <strong>2026.1</strong> van deze site;" in banner
    assert '<a href="/whitepapers/latest/fascia/">de actuele versie' in banner
    assert 'data-wp-versions="/whitepapers/versions.json"' in html
    # versions.js reads which paper and version a page is to show a withdrawal
    assert 'data-wp-version="2026.1" data-wp-paper="fascia"' in html
    assert 'data-wp-root="/whitepapers/"' in html
    assert "assets/javascripts/versions.js" in html


@pytest.mark.slow
def test_the_pdf_of_a_version_names_its_own_address(versioned_site: Path) -> None:
    text = "".join(p.extract_text() for p in PdfReader(versioned_site / "pdf" / "fascia.pdf").pages)
    assert f"{ROOT_URL}2026.1/fascia/" in " ".join(text.split())


@pytest.mark.slow
def test_a_plain_build_asks_for_no_versions_json(built_site: Path) -> None:
    html = page(built_site, "massagetherapie/index.html")
    assert material_config(html).get("version") is None  # Material then fetches nothing
    assert "versions.js" not in html and "U leest versie" not in html
